/**
 * Finding every expression in a stretch of text whose meaning depends on when it was
 * written: the grammar's hits and chrono-node's calendar names, judged sentence by
 * sentence (tense for weekdays, "first" for first-in-N-years, a present perfect for
 * "for N years", an explicit date that already pins a description).
 */
import { splitSentences } from '../sentences.js';
import { calendarNameHits } from './calendar-names.js';
import { grammarHit, grammarHits, type GrammarHit } from './grammar.js';
import type { Meaning, Tense, TemporalExpression } from './meaning.js';
import { MONTH_PATTERN } from './vocabulary.js';

const FUTURE_CUE = /\b(?:will|won['\u2019]t|shall|going\s+to|is\s+to|are\s+to|plans?\s+to|planning\s+to|intends?\s+to|scheduled|expected\s+to|set\s+to|due\s+to|hopes?\s+to|upcoming|next)\b|['\u2019]ll\b/gi;
const PAST_CUE = /\b(?:was|were|had|did|said|told|met|went|came|took|made|held|began|saw|got|gave|left|won|lost|sent|spoke|ago|last|[a-z]{2,}ed)\b/gi;
const FIRST_CUE = /\b(?:first|highest|lowest|largest|biggest|smallest|worst|best|strongest|weakest|longest|shortest|fastest|slowest|only|last\s+time)\b/i;
const PERFECT_CUE = /\b(?:has|have|hasn['\u2019]t|haven['\u2019]t)\s+(?:(?:not|never|already|only|long|now|just|\w+ly)\s+)?(?:been|had|done|gone|run|won|held|kept|led|met|built|\w+ed|\w+en|\w+wn|\w+ght)\b|['\u2019](?:s|ve)\s+been\b/i;
const EXPLICIT_YEAR = /\b(?:1[6-9]|20)\d\d\b/g;
const CLAUSE_OPENING = /(?:^|[,;:(\u2014\u2013]|\b(?:and|but|so|yet|while|as|when|because|although|though))[\s\u00A0"'\u201C\u2018*_]*$/i;

/** Every time-relative expression (and every explicit "since YEAR" anchor) in text[from, to), in order. */
export function scanTemporal(text: string, from = 0, to = text.length): TemporalExpression[] {
  const start = Math.max(0, Math.min(from, text.length));
  const end = Math.max(start, Math.min(to, text.length));
  if (end === start) return [];
  const grammar = grammarHits(text, start, end);
  const names = calendarNameHits(text, start, end).filter((c) => !grammar.some((g) => g.start < c.end && c.start < g.end));
  const hits: GrammarHit[] = [
    ...grammar,
    ...names.map((c): GrammarHit => grammarHit(c.start, c.end, 'calendar-name', c.meaning, /['\u2019]s$/.test(text.slice(c.start, c.end)), {}, undefined)),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  if (hits.length === 0) return [];

  const out: TemporalExpression[] = [];
  const sentences = splitSentences(text, start, end);
  let s = 0;
  let kept: TemporalExpression[] = [];
  let sentenceIndex = -1;
  const flush = (): void => {
    out.push(...pinDescriptions(text, sentences[sentenceIndex], kept));
    kept = [];
  };
  for (const hit of hits) {
    if (out.length > 0 && hit.start < out[out.length - 1]!.end) continue;
    if (kept.length > 0 && hit.start < kept[kept.length - 1]!.end) continue;
    while (s < sentences.length - 1 && sentences[s]!.end <= hit.start) s++;
    if (s !== sentenceIndex) {
      if (sentenceIndex >= 0) flush();
      sentenceIndex = s;
    }
    const sentence = sentences[s] ?? { start, end };
    const expr = judge(text, sentence, hit);
    if (expr) kept.push(expr);
  }
  if (sentenceIndex >= 0) flush();
  return out;
}

function judge(text: string, sentence: { start: number; end: number }, hit: GrammarHit): TemporalExpression | undefined {
  const lead = text.slice(sentence.start, Math.max(sentence.start, hit.start));
  if (hit.needs === 'first' && !FIRST_CUE.test(lead)) return undefined;
  if (hit.needs === 'perfect' && !PERFECT_CUE.test(lead)) return undefined;
  const sentenceText = text.slice(sentence.start, sentence.end);
  // A gap in a sentence that names its own year ("in 1990, after a gap of ten years") ends then, not now.
  if (hit.gap && hasYearOutsideSince(sentenceText)) return undefined;
  if (hit.category === 'calendar-name' && hit.meaning.kind === 'month' && yearNearby(text, sentence, hit)) return undefined;
  // One shape for every expression, fields always present (see grammarHit).
  const expr: TemporalExpression = {
    start: hit.start,
    end: hit.end,
    text: text.slice(hit.start, hit.end),
    category: hit.category,
    meaning: hit.meaning,
    tense: needsTense(hit.meaning) ? tenseNear(text, sentence, hit) : undefined,
    possessive: hit.possessive,
    marker: hit.marker,
    clauseInitial: CLAUSE_OPENING.test(lead),
    gap: hit.gap ? true : undefined,
    firstSince: hit.category === 'anchor' && /\bfirst\b/i.test(lead) ? true : undefined,
  };
  return expr;
}

/** A weekday or weekend needs the tense to be resolved; "today" to tell the present from one day. */
function needsTense(m: Meaning): boolean {
  return m.kind === 'weekday' || m.kind === 'weekend' || (m.kind === 'day' && m.offset === 0);
}

/** The tense of the nearest cue to the hit within its sentence. */
function tenseNear(text: string, sentence: { start: number; end: number }, hit: GrammarHit): Tense | undefined {
  const body = text.slice(sentence.start, sentence.end);
  const at = hit.start - sentence.start;
  const hitEnd = hit.end - sentence.start;
  let best: { tense: Tense; distance: number } | undefined;
  for (const [re, tense] of [[FUTURE_CUE, 'future'], [PAST_CUE, 'past']] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(body); m; m = re.exec(body)) {
      if (m.index >= at && m.index < hitEnd) continue;
      const distance = m.index < at ? at - (m.index + m[0].length) : m.index - hitEnd;
      // A future cue wins a tie: "met Putin and going to meet Trump on weekend".
      if (!best || distance < best.distance || (distance === best.distance && tense === 'future')) best = { tense, distance };
    }
  }
  return best?.tense;
}

/** How far from a month name a year of its own may stand ("In 2018, the law passed in December"). */
const YEAR_DISTANCE = 60;

/** The month name or day a year is attached to ("June 1998", "March 1, 2011"): that year is the date's own. */
const DATE_BEFORE_YEAR = new RegExp(String.raw`\b(?:${MONTH_PATTERN})(?:[\s\u00A0]+\d{1,2}(?:st|nd|rd|th)?)?,?[\s\u00A0]+$`, 'i');

/**
 * A month without a year is anchored, not relative, when its sentence names a year a few
 * words away that belongs to no other date: "In 2018, the law passed in December" is
 * December 2018 for every reader. A year attached to another month ("joined in July 1997,
 * will join on March 12") or far off in the sentence says nothing about this one.
 */
function yearNearby(text: string, sentence: { start: number; end: number }, hit: GrammarHit): boolean {
  const from = Math.max(sentence.start, hit.start - YEAR_DISTANCE - 4);
  const to = Math.min(sentence.end, hit.end + YEAR_DISTANCE + 4);
  const window = text.slice(from, to);
  EXPLICIT_YEAR.lastIndex = 0;
  for (let m = EXPLICIT_YEAR.exec(window); m; m = EXPLICIT_YEAR.exec(window)) {
    const start = from + m.index;
    const end = start + m[0].length;
    if (start < hit.end && hit.start < end) continue;
    const gap = end <= hit.start ? hit.start - end : start - hit.end;
    if (gap > YEAR_DISTANCE) continue;
    // A number, not a year: "2082.1", "$2019", "2,019".
    if (/^[.,]\d/.test(text.slice(end, end + 2)) || /[$\d.,]$/.test(text.slice(start - 1, start))) continue;
    if (DATE_BEFORE_YEAR.test(text.slice(Math.max(0, start - 20), start))) continue;
    return true;
  }
  return false;
}

function hasYearOutsideSince(sentence: string): boolean {
  EXPLICIT_YEAR.lastIndex = 0;
  for (let m = EXPLICIT_YEAR.exec(sentence); m; m = EXPLICIT_YEAR.exec(sentence)) {
    if (!/\bsince[\s\u00A0]+$/i.test(sentence.slice(Math.max(0, m.index - 8), m.index))) return true;
  }
  return false;
}

/** How close a date must stand to a description to pin it ("on weekend in the G-20 meeting to be held"). */
const PIN_DISTANCE = 40;

/**
 * A description tied to the present ("the current visit", "to be held") is only a dated
 * claim when nothing next to it says when: a date or a definite time expression a few
 * words away, in the same clause, pins it ("the summit to be held on 28 June 2019" reads
 * right for ever). A date elsewhere in the sentence is about something else.
 */
function pinDescriptions(text: string, sentence: { start: number; end: number } | undefined, exprs: TemporalExpression[]): TemporalExpression[] {
  if (!sentence || !exprs.some((e) => e.category === 'present-bound')) return exprs;
  const pins: Array<{ start: number; end: number }> = exprs.filter((e) => e.category !== 'present-bound' && e.category !== 'anchor' && e.meaning.kind !== 'ref');
  const body = text.slice(sentence.start, sentence.end);
  EXPLICIT_YEAR.lastIndex = 0;
  for (let m = EXPLICIT_YEAR.exec(body); m; m = EXPLICIT_YEAR.exec(body)) pins.push({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length });
  if (pins.length === 0) return exprs;
  const pinned = (e: TemporalExpression): boolean =>
    pins.some((p) => {
      const [a, b] = p.end <= e.start ? [p.end, e.start] : [e.end, p.start];
      return b - a <= PIN_DISTANCE && !/[;:.!?()\u2014]/.test(text.slice(a, b));
    });
  return exprs.filter((e) => e.category !== 'present-bound' || !pinned(e));
}

/** Whether an expression is a claim that dates (everything but the explicit anchors kept for consistency checks). */
export function isDatedClaim(expr: TemporalExpression): boolean {
  return expr.category !== 'anchor';
}
