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
    const k = entityKnowledge(knowledge);
    const mentions = entities();
    if (!k || !mentions.some((m) => m.title?.held === false)) return [];
    const quotes: OffsetRange[] = doc.blocks.flatMap((b) => (b.quoted ? [{ start: b.start, end: b.end }] : findQuotations(doc.prose, b.start, b.end)));
    const date = referenceDate.date;
    const findings: CheckFinding[] = [];
    for (const m of mentions) {
      const title = m.title;
      if (!title || title.held !== false || title.qualifier === 'then' || insideAny(quotes, m.start, m.end)) continue;
      const person = k.entity(m.id);
      if (!person || person.type !== 'person') continue;
      const finding = misfit(m, person, date, doc.source);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

function hasStyle(r: Role, style: string): boolean {
  return (r.styles ?? (r.style ? [r.style] : [])).some((s) => styleKeyOf(s) === style);
}

function misfit(m: RecognizedMention, person: Entity, date: string, source: string): CheckFinding | undefined {
  const title = m.title!;
  const styled = person.roles.filter((r) => hasStyle(r, title.style));
  const past = styled.filter((r) => endedBefore(r, date)).sort((a, b) => (endOf(a.to!) < endOf(b.to!) ? -1 : 1));
  // A title taken only later is judged on the compiled office records (Wikidata, the US Congress data), which date
  // every office; a pack's entry may give a later office a style the press used for years before it ("President Kim").
  const future = styled.filter((r) => r.from !== undefined && startOf(r.from) > date && r.jurisdiction !== undefined);
  if (title.qualifier === 'former' && past.length > 0) return undefined;
  if (past.length === 0 && future.length === 0) return undefined;
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
    message = `"${written}" does not fit ${person.name} on ${when}: ${who} was ${last.title} ${span(last)}, and no longer.${then} Write "${former} ${written}".`;
    suggestions.push({ title: `Write "${former} ${written}"`, replacement: `${former} ${written}`, edits: [{ start: title.start, end: title.end, newText: `${former} ${written}` }] });
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
