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
  const date = referenceDate.date;
  const when = longDate(date);
  if (k && mention.form === 'unknown') return unknownCard(mention, mentions);
  if (k && mention.form === 'ambiguous') return whichOneCard(mention, k, date, when);
  const entity = k?.entity(mention.id);
  if (!k || !entity) return `**${escape(mention.name)}**`;
  const parts: string[] = [];

  const idLink = /^Q\d+$/.test(entity.id) ? ` · Wikidata [${entity.id}](https://www.wikidata.org/wiki/${entity.id})` : '';
  parts.push(`**${escape(entity.name)}** · ${entity.type}${idLink}`);

  const notes = mentionNotes(mention, entity, date, when);
  if (notes.length > 0) parts.push(notes.map((n) => `> ${n}`).join('\n>\n'));

  const status = entity.type === 'person' ? personStatus(entity, date, when) : timeline(entity, date, when);
  if (status) parts.push(`${status} *(as of ${referenceDate.basis})*`);
  if (entity.country) parts.push(countryLines(entity, k, date, when));

  if (entity.notes && entity.notes.length > 0) parts.push(entity.notes.map(escape).join(' · '));
  if (entity.summary) parts.push(escape(entity.summary));
  if (entity.facts.length > 0) {
    parts.push(entity.facts.map((f) => `- ${escape(f.text)} ([source](${f.source})${f.wikipedia ? ', Wikipedia' : ''})`).join('\n'));
  }
  if (entity.links.length > 0) parts.push(`Links: ${entity.links.map((l) => `[${escape(l.title)}](${l.url})`).join(' · ')}`);
  const credit = entity.base ? k.base.creditLine(entity) : '';
  if (credit) parts.push(`*${entity.type === 'person' ? 'Office data' : 'Data'}: ${escape(credit)}.*`);

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
    const heldEver = entity.roles.filter((r) => (r.styles ?? (r.style ? [r.style] : [])).some((st) => styleKey(st) === mention.title!.style));
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
  const roles = withoutEchoes(entity.roles);
  const active = roles.filter((r) => activeOn(r, date));
  const past = roles.filter((r) => r.to !== undefined && endOf(r.to) < date);
  const future = roles.filter((r) => r.from !== undefined && startOf(r.from) > date);
  if (bornAfter) lines.push(`Not yet born on ${when}.`);
  else if (dead) lines.push(`Died ${formatPartial(entity.died!)}${ageText(entity, entity.died!, 'aged')}; not alive on ${when}.`);
  else if (active.length > 0) lines.push(`On ${when}: ${active.map((r) => `${escape(r.title)} (${[r.detail ? escape(r.detail) : '', since(r)].filter(Boolean).join('; ')})`).join('; ')}.`);
  else lines.push(`No office on ${when}.`);
  if (!bornAfter) {
    if (past.length > 0) lines.push(`${dead || active.length > 0 ? 'Before' : 'Formerly'}: ${offices(past.slice(-OFFICES_PER_LINE))}.`);
    if (future.length > 0 && !dead) lines.push(`Later: ${offices(future.slice(0, OFFICES_PER_LINE))}.`);
  }
  if (!bornAfter && !dead && entity.born) {
    const age = ageOn(entity.born, date);
    if (age) lines.push(`Age ${age.min === age.max ? age.min : `${age.min}–${age.max}`} (born ${formatPartial(entity.born)}${entity.bornNote ? `; ${escape(entity.bornNote)}` : ''}).`);
  }
  return lines.join(' ');
}

/**
 * Archigos says who led a state, not by what title: its "Leader of Israel" repeats the
 * Prime Minister of Israel the office data gives for the same years, so the card leaves it out
 * where another office of that country covers it.
 */
function withoutEchoes(roles: readonly Role[]): Role[] {
  return roles.filter(
    (r) =>
      !(r.leader && !r.style && r.jurisdiction !== undefined && r.kind === 'h') ||
      !roles.some((o) => o !== r && o.style !== undefined && o.jurisdiction === r.jurisdiction && o.kind === 'h' && startOf(o.from ?? '0000') <= endOf(r.to ?? '9999') && startOf(r.from ?? '0000') <= endOf(o.to ?? '9999')),
  );
}

/** Offices listed per line of a card: a legislator's many terms would fill it. */
const OFFICES_PER_LINE = 4;

/** "Speaker of the House of Representatives (United States), 2011–2015; …", one entry per office. */
function offices(roles: readonly Role[]): string {
  const byTitle = new Map<string, Role[]>();
  for (const r of roles) byTitle.set(r.title, [...(byTitle.get(r.title) ?? []), r]);
  return [...byTitle.values()].map((list) => `${escape(list[0]!.title)}${list[0]!.detail ? ` (${escape(list[list.length - 1]!.detail!)})` : ''} ${years(list)}`).join('; ');
}

function years(list: readonly Role[]): string {
  const from = list.map((r) => r.from).filter((d): d is string => d !== undefined).sort()[0];
  const tos = list.map((r) => r.to).filter((d): d is string => d !== undefined).sort();
  const to = tos[tos.length - 1];
  if (from && to) return from.slice(0, 4) === to.slice(0, 4) ? from.slice(0, 4) : `${from.slice(0, 4)}–${to.slice(0, 4)}`;
  if (from) return `from ${from.slice(0, 4)}`;
  return to ? `until ${to.slice(0, 4)}` : '';
}

/** A titled name the knowledge does not hold: say so, and how often the text names it. */
function unknownCard(mention: RecognizedMention, mentions: readonly RecognizedMention[]): string {
  const count = mentions.filter((m) => m.id === mention.id).length;
  const title = mention.title ? ` as ${escape(mention.title.text)}` : '';
  return [
    `**${escape(mention.name)}** · not in the bundled knowledge`,
    `Named here${title}; mentioned ${count === 1 ? 'once' : `${count} times`} in this document.`,
    'No card: the knowledge holds no one of this name with this title. The quick fix "Add to workspace knowledge pack" writes an entry to fill in.',
  ].join('\n\n');
}

/** A name that fits several people (or agreements) equally: list them, pick none. */
function whichOneCard(mention: RecognizedMention, k: EntityKnowledge, date: string, when: string): string {
  const lines = (mention.candidates ?? []).map((id) => {
    const e = k.entity(id);
    if (!e) return `- ${escape(id)}`;
    const active = e.roles.filter((r) => activeOn(r, date));
    const shown = active.length > 0 ? active : e.roles.slice(-1);
    const what = shown.map((r) => `${escape(r.title)}${r.detail ? ` (${escape(r.detail)})` : ''} ${years([r])}`).join('; ');
    return `- **${escape(e.name)}**${e.born ? ` (born ${e.born.slice(0, 4)})` : ''}${what ? `: ${what}` : ''}`;
  });
  return [`**${escape(mention.text)}** · which one?`, `On ${when} this may name any of:`, lines.join('\n'), 'The text does not say which; name the person in full to get a card.'].join('\n\n');
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
