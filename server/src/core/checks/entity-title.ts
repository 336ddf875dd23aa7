import type { Check } from '../check.js';
import { parseISODate, formatLong } from '../dates.js';
import { entityKnowledge, type RecognizedMention } from '../entities/recognize.js';
import { activeOn, endOf, endedBefore, formatPartial, startOf } from '../entities/time.js';
import { styleKeyOf } from '../entities/base-format.js';
import type { Entity, Role } from '../entities/model.js';
import { findQuotations, insideAny } from '../quotes.js';
import type { CheckFinding, OffsetRange } from '../types.js';

/**
 * entity-title: a title that does not fit the person on the article's date, where the
 * knowledge holds the person's offices: "Speaker Boehner" in 2017 (he left the speakership
 * in 2015: "former Speaker"), "Vice President Mike Pence" in 2015 (he took that office in
 * 2017). Only a title the person held at another time can be found wrong; a title the
 * knowledge never records for the person ("President Kim") is a style it cannot judge.
 * "former" and "then-" date the title themselves, and titles in quotations are the
 * speaker's.
 */
export const entityTitle: Check = {
  id: 'entity-title',
  meta: { description: "Titles that do not fit the person on the article's date.", defaultSeverity: 'hint' },
  run({ doc, referenceDate, knowledge, entities }) {
    // A title is judged against the article's date: one declared (front matter, configuration, command line), not
    // one guessed from the latest date in the text or today's, which miss the article's year too often to accuse a
    // writer of a wrong title (on the eval articles, 7 of 14 hints on inferred dates judged the wrong year).
    if (referenceDate.source === 'inferred' || referenceDate.source === 'today') return [];
    const k = entityKnowledge(knowledge);
    const mentions = entities();
    if (!k || !mentions.some((m) => m.title?.held === false)) return [];
    const quotes: OffsetRange[] = doc.blocks.flatMap((b) => (b.quoted ? [{ start: b.start, end: b.end }] : findQuotations(doc.prose, b.start, b.end)));
    const date = referenceDate.date;
    const findings: CheckFinding[] = [];
    for (const m of mentions) {
      const title = m.title;
      if (!title || title.held !== false || title.qualifier === 'then' || title.qualifier === 'other' || insideAny(quotes, m.start, m.end)) continue;
      const person = k.entity(m.id);
      if (!person || person.type !== 'person') continue;
      const block = doc.blocks.find((b) => b.start <= m.start && m.end <= b.end);
      const finding = misfit(m, person, date, doc.source, block ? doc.prose.slice(block.start, block.end) : '');
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

function hasStyle(r: Role, style: string): boolean {
  return (r.styles ?? (r.style ? [r.style] : [])).some((s) => styleKeyOf(s) === style);
}

/** A past title this long gone is a historical use ("President Reagan signed…"), not a stale one. */
const STALE_YEARS = 8;
const RECORDS_COMPLETE_FROM = '2000-01-01';
const YEAR = /\b(1[5-9]\d\d|20\d\d)\b/g;
/** "President Obama's administration": the title names the time of the office. */
/** "the State Department under President Obama": the time of the office again. */
const UNDER = /\b(?:under|during)\s+(?:the\s+)?$/i;
const OF_THE_TENURE = /^['\u2019]s?\s+(?:administration|presidency|premiership|government|cabinet|tenure|term|terms|era|years|time in office|first term|second term)\b/i;

function misfit(m: RecognizedMention, person: Entity, date: string, source: string, paragraph: string): CheckFinding | undefined {
  const title = m.title!;
  // The dead keep their titles in history: "President Lincoln".
  if (person.died && endOf(person.died) < date) return undefined;
  if (OF_THE_TENURE.test(source.slice(m.end, m.end + 40)) || UNDER.test(source.slice(Math.max(0, title.start - 8), title.start))) return undefined;
  const styled = person.roles.filter((r) => hasStyle(r, title.style));
  // A paragraph that names a year of the office is about that time: "In 2013 President Goodluck Jonathan declared…".
  const years = [...paragraph.matchAll(YEAR)].map((y) => Number(y[1]));
  if (styled.some((r) => years.some((y) => Number((r.from ?? '0000').slice(0, 4)) <= y && y <= Number((r.to ?? '9999').slice(0, 4))))) return undefined;
  const past = styled.filter((r) => endedBefore(r, date)).sort((a, b) => (endOf(a.to!) < endOf(b.to!) ? -1 : 1));
  // A title taken only later is judged on the compiled office records (Wikidata, the US Congress data), which date
  // every office; a pack's entry may give a later office a style the press used for years before it ("President Kim").
  // The office records list the posts whose holder left them in 2000 or later: before 2000 a person may have held
  // the office in a term they do not list (Netanyahu's first premiership, 1996–1999), so a later term proves nothing.
  const future = date < RECORDS_COMPLETE_FROM ? [] : styled.filter((r) => r.from !== undefined && startOf(r.from) > date && r.jurisdiction !== undefined);
  // Archigos says who led the country then, without a title: a head-of-government title for its leader fits.
  if (styled.some((r) => r.kind === 'h') && person.roles.some((r) => r.leader && !r.style && activeOn(r, date) && styled.some((o) => o.jurisdiction === r.jurisdiction))) return undefined;
  if (title.qualifier === 'former' && past.length > 0) return undefined;
  if (past.length === 0 && future.length === 0) return undefined;
  const lastEnd = past.length > 0 ? Number(endOf(past[past.length - 1]!.to!).slice(0, 4)) : undefined;
  if (future.length === 0 && lastEnd !== undefined && Number(date.slice(0, 4)) - lastEnd > STALE_YEARS) return undefined;
  const when = longDate(date);
  const who = person.gender === 'f' ? 'she' : person.gender === 'm' ? 'he' : person.name;
  const current = person.roles.filter((r) => activeOn(r, date) && r.style);
  const then = current.length > 0 ? ` On that date ${who} was ${current.map((r) => `${r.title}${r.from ? ` (since ${formatPartial(r.from)})` : ''}`).join('; ')}.` : '';
  const written = title.text;
  const suggestions: CheckFinding['suggestions'] = [];
  let message: string;
  if (past.length > 0 && title.qualifier !== 'former') {
    const last = past[past.length - 1]!;
    const former = atSentenceStart(source, title.start) ? 'Former' : 'former';
    const thenForm = `${former === 'Former' ? 'Then' : 'then'}-${written}`;
    message = `"${written}" does not fit ${person.name} on ${when}: ${who} was ${last.title} ${span(last)}, and no longer.${then} Write "${former} ${written}", or "${thenForm}" where the sentence is about that time.`;
    suggestions.push({ title: `Write "${former} ${written}"`, replacement: `${former} ${written}`, edits: [{ start: title.start, end: title.end, newText: `${former} ${written}` }] });
    suggestions.push({ title: `Write "${thenForm}"`, replacement: thenForm, edits: [{ start: title.start, end: title.end, newText: thenForm }] });
  } else {
    const next = future[0]!;
    message = `"${written}" does not fit ${person.name} on ${when}: ${who} became ${next.title} only ${next.from ? `on ${formatPartial(next.from)}` : 'later'}.${then}`;
  }
  const now = current.find((r) => r.style && styleKeyOf(r.style) !== title.style);
  if (now?.style && !title.text.endsWith('.')) {
    suggestions.push({ title: `Change to "${now.style}"`, replacement: now.style, edits: [{ start: title.start, end: title.end, newText: now.style }] });
  }
  return { start: title.start, end: title.end, message, suggestions };
}

function span(r: Role): string {
  if (r.from && r.to) return `from ${formatPartial(r.from)} to ${formatPartial(r.to)}`;
  if (r.to) return `until ${formatPartial(r.to)}`;
  return r.from ? `from ${formatPartial(r.from)}` : '';
}

function longDate(date: string): string {
  const d = parseISODate(date);
  return d ? formatLong(d) : date;
}

function atSentenceStart(source: string, offset: number): boolean {
  const before = source.slice(Math.max(0, offset - 4), offset);
  return offset === 0 || /(?:^|[.!?]["”’)]?\s+|\n\s*)$/.test(before);
}
