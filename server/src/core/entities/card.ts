import type { Knowledge } from '../knowledge.js';
import type { ReferenceDate } from '../types.js';
import { formatLong, parseISODate } from '../dates.js';
import { COUNTRY_DATA_SOURCE } from './countries.js';
import { styleKey } from './compile.js';
import type { Entity, EntityKnowledge, Role } from './model.js';
import { entityKnowledge, type RecognizedMention } from './recognize.js';
import { activeOn, ageOn, endOf, formatPartial, startOf } from './time.js';

/**
 * The hover card for a mention: what was true of the entity on the article's reference
 * date, the summary, the sourced facts and links, how often the document names it, and
 * what is wrong with this mention (a misspelling, a title the person did not hold then).
 */
export function entityCard(mention: RecognizedMention, mentions: readonly RecognizedMention[], referenceDate: ReferenceDate, knowledge: Knowledge): string {
  const k = entityKnowledge(knowledge);
  const entity = k?.entities.get(mention.id);
  if (!k || !entity) return `**${escape(mention.name)}**`;
  const date = referenceDate.date;
  const when = longDate(date);
  const parts: string[] = [];

  const idLink = /^Q\d+$/.test(entity.id) ? ` · Wikidata [${entity.id}](https://www.wikidata.org/wiki/${entity.id})` : '';
  parts.push(`**${escape(entity.name)}** · ${entity.type}${idLink}`);

  const notes = mentionNotes(mention, entity, date, when);
  if (notes.length > 0) parts.push(notes.map((n) => `> ${n}`).join('\n>\n'));

  const status = entity.type === 'person' ? personStatus(entity, date, when) : timeline(entity, date, when);
  if (status) parts.push(`${status} *(as of ${referenceDate.basis})*`);
  if (entity.country) parts.push(countryLines(entity, k, date, when));

  parts.push(escape(entity.summary));
  if (entity.facts.length > 0) {
    parts.push(entity.facts.map((f) => `- ${escape(f.text)} ([source](${f.source})${f.wikipedia ? ', Wikipedia' : ''})`).join('\n'));
  }
  if (entity.links.length > 0) parts.push(`Links: ${entity.links.map((l) => `[${escape(l.title)}](${l.url})`).join(' · ')}`);

  const count = mentions.filter((m) => m.id === entity.id).length;
  parts.push(`Mentioned ${count === 1 ? 'once' : `${count} times`} in this document.`);
  return parts.join('\n\n');
}

function mentionNotes(mention: RecognizedMention, entity: Entity, date: string, when: string): string[] {
  const notes: string[] = [];
  if (mention.form === 'misspelling') {
    const written = nameText(mention);
    notes.push(`**Spelling:** written "${escape(written)}" here; the usual spelling is **${escape(entity.name)}**.`);
  }
  if (mention.title?.strayPunctuation) {
    notes.push(`**Typo:** a stray full stop after "${escape(mention.title.text)}"; write "${escape(mention.title.text)} ${escape(nameText(mention))}".`);
  }
  if (mention.title && mention.title.held === false) {
    const current = entity.roles.filter((r) => activeOn(r, date));
    const heldEver = entity.roles.filter((r) => r.style !== undefined && styleKey(r.style) === mention.title!.style);
    const now = current.length > 0 ? `; the offices held then were: ${current.map((r) => escape(r.title)).join('; ')}` : `; no office was held then`;
    const ever = heldEver.length > 0 ? ` (held ${heldEver.map((r) => `${escape(r.title)} ${span(r)}`).join(', ')})` : '';
    notes.push(`**Title:** "${escape(mention.title.text)}" is not a title ${escape(entity.name)} held on ${when}${ever}${now}.`);
  }
  if (mention.form === 'description') notes.push(`"${escape(mention.text)}" on ${when} was **${escape(entity.name)}**.`);
  if (mention.form === 'abbreviation') notes.push(`"${escape(mention.text)}" stands for **${escape(entity.name)}** in this document.`);
  return notes;
}

function nameText(mention: RecognizedMention): string {
  return mention.text.slice(mention.nameRange.start - mention.start, mention.nameRange.end - mention.start);
}

function personStatus(entity: Entity, date: string, when: string): string {
  const lines: string[] = [];
  const bornAfter = entity.born !== undefined && startOf(entity.born) > date;
  const dead = entity.died !== undefined && endOf(entity.died) < date;
  const active = entity.roles.filter((r) => activeOn(r, date));
  if (bornAfter) lines.push(`Not yet born on ${when}.`);
  else if (dead) lines.push(`Died ${formatPartial(entity.died!)}${ageText(entity, entity.died!, 'aged')}; not alive on ${when}.`);
  else if (active.length > 0) lines.push(`On ${when}: ${active.map((r) => `${escape(r.title)} (${since(r)})`).join('; ')}.`);
  else {
    const past = entity.roles.filter((r) => r.to !== undefined && endOf(r.to) < date);
    const future = entity.roles.filter((r) => r.from !== undefined && startOf(r.from) > date);
    const bits: string[] = [`No office on ${when}.`];
    if (past.length > 0) bits.push(`Formerly ${past.map((r) => `${escape(r.title)} ${span(r)}`).join('; ')}.`);
    if (future.length > 0) bits.push(`Later ${future.map((r) => `${escape(r.title)} ${span(r)}`).join('; ')}.`);
    lines.push(bits.join(' '));
  }
  if (!bornAfter && !dead && entity.born) {
    const age = ageOn(entity.born, date);
    if (age) lines.push(`Age ${age.min === age.max ? age.min : `${age.min}–${age.max}`} (born ${formatPartial(entity.born)}${entity.bornNote ? `; ${escape(entity.bornNote)}` : ''}).`);
  }
  return lines.join(' ');
}

function ageText(entity: Entity, at: string, word: string): string {
  if (!entity.born) return '';
  const age = ageOn(entity.born, endOf(at));
  return age ? ` (${word} ${age.min === age.max ? age.min : `${age.min}–${age.max}`})` : '';
}

/** Treaties, events, organisations: each dated milestone, marked when it lies after the date. */
function timeline(entity: Entity, date: string, when: string): string | undefined {
  if (entity.roles.length === 0) return undefined;
  const items = entity.roles.map((r) => {
    const later = r.from !== undefined && startOf(r.from) > date;
    return `${escape(r.title)}: ${span(r)}${later ? ' *(after the reference date)*' : ''}${r.note ? ` (${escape(r.note)})` : ''}`;
  });
  return `As of ${when}: ${items.join(' · ')}.`;
}

function countryLines(entity: Entity, k: EntityKnowledge, date: string, when: string): string {
  const c = entity.country!;
  const bits = [
    `Capital: ${c.capital.join(', ') || '—'}`,
    `Region: ${c.region}${c.subregion ? ` (${c.subregion})` : ''}`,
    `Land borders: ${c.borders.length > 0 ? c.borders.join(', ') : 'none'}`,
    `Area: ${c.areaKm2.toLocaleString('en-GB')} km²`,
  ];
  const leaders = (k.holders.get(entity.id) ?? []).filter((h) => h.role.leader && activeOn(h.role, date));
  const leaderLine = leaders.length > 0 ? `\n\nLed on ${when} by ${leaders.map((h) => `${escape(k.entities.get(h.personId)?.name ?? h.personId)} (${escape(h.role.title)})`).join('; ')}.` : '';
  return `${bits.join(' · ')} *(country data: [world-countries](${COUNTRY_DATA_SOURCE}))*${leaderLine}`;
}

function since(r: Role): string {
  return r.from ? `since ${formatPartial(r.from)}` : 'in office';
}

function span(r: Role): string {
  if (r.from && r.to) return r.from === r.to ? formatPartial(r.from) : `${formatPartial(r.from)} – ${formatPartial(r.to)}`;
  if (r.from) return `from ${formatPartial(r.from)}`;
  if (r.to) return `until ${formatPartial(r.to)}`;
  return '';
}

function longDate(date: string): string {
  const d = parseISODate(date);
  return d ? formatLong(d) : date;
}

/** Pack text is shown as markdown; keep it from opening links or emphasis it did not mean. */
function escape(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1');
}
