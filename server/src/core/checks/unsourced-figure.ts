import type { Check, CheckContext } from '../check.js';
import type { ProseDocument } from '../prose.js';
import type { Sentence } from '../sentences.js';
import { findQuotations, type Quotation } from '../quotes.js';
import { blockQuotationsWithSpeakers, type AttributedQuotation, type Speaker } from '../speakers.js';
import type { CheckFinding, OffsetRange, Suggestion } from '../types.js';
import { lowerBound } from '../ranges.js';

/**
 * unsourced-figure: a quantity stated with no source in its sentence.
 *
 * A figure is a numeral with magnitude (≥ `minimumBareNumber`, or with a decimal), a
 * percentage, an amount of money, a word magnitude ("millions of", "tens of thousands"),
 * a spelled magnitude ("two million"), a fraction or a ratio, or a smaller count of
 * people or things ("45 civilians"). Years, dates, ordinals, times, durations, names with
 * digits (G-20, COVID-19) and numbering ("Article 5") are not figures.
 */

const DEFAULT_MINIMUM_BARE_NUMBER = 1000;

const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a few|several|half a|a|one and a half';
const MAGNITUDE = 'thousand|million|billion|trillion';

export const FIGURE_SOURCE = [
  // money, numerals with magnitude, percentages
  String.raw`(?<num>(?:US\$|A\$|C\$|\$|£|€|¥|₹|Rs\.?\s?)?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?:US\$|A\$|C\$|\$|£|€|¥|₹|Rs\.?\s?)?\d+(?:\.\d+)?)(?<suffix>\s?(?:%|per\s?cent\b|percent\b|percentage points?\b)|[\s-]?(?:${MAGNITUDE}|bn|mn|tn|m|k)\b)?`,
  // word magnitudes: "millions of", "tens of thousands of", "hundreds of thousands"
  String.raw`(?<words>\b(?:(?:tens|hundreds)\s+of\s+)?(?:thousands|millions|billions|trillions)\b(?:\s+(?:and|or)\s+(?:thousands|millions|billions))?(?:\s+of\b)?)`,
  // spelled magnitudes: "two million", "half a billion", "several thousand"
  String.raw`(?<spelled>\b(?:${NUMBER_WORDS})(?:[\s-](?:hundred))?[\s-](?:${MAGNITUDE})\b)`,
  // spelled percentages: "forty per cent"
  String.raw`(?<spelledPct>\b(?:${NUMBER_WORDS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?\s+(?:per\s?cent|percent)\b)`,
  // fractions of a whole: "two-thirds of", "a quarter of", "half of"
  String.raw`(?<fraction>\b(?:(?:half|a\s+third|a\s+quarter|a\s+fifth|(?:one|two|three|four|nine)[\s-](?:thirds?|quarters?|fifths?|tenths?))\s+of\b|half(?!\s+the\s+(?:time|day|way|year|month|week|battle|story|fun|reason|point)\b)(?=\s+(?:the|all|its|their|our)\s+\p{L}+\s+(?:\p{L}+\s+)?(?:is|are|was|were|have|has|had|say|said|think|thought|believe|live|lives|voted|support|oppose)\b)))`,
  // multipliers: "four to five times more", "3 times as many"
  String.raw`(?<multiplier>\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+(?:\.\d+)?)(?:\s+to\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+))?\s+times\s+(?:more|less|fewer|higher|lower|greater|larger|smaller|faster|slower|as\s+(?:many|much|likely|high|large))\b)`,
  // spelled counts from ten up, kept only before a counted noun: "Twenty-nine cities", "Two hundred people"
  String.raw`(?<spelledCount>\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:one|two|three|four|five|six|seven|eight|nine|a)\s+hundred)\b(?![-\s](?:${MAGNITUDE}|per\s?cent|percent)\b))`,
  // ratios: "one in five", "3 out of 4"
  String.raw`(?<ratio>\b(?:one|two|three|four|five|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b(?!\s*(?:years?|months?|days?)))`,
].join('|');

/**
 * Where a figure can start: a digit or a currency sign before one, or the first word of a
 * word-form alternative (the word "a" only before a space or hyphen). Every alternative of
 * FIGURE starts with one of these, so trying FIGURE at these positions only, in order,
 * finds exactly the matches a global search finds, in a third of the time (measured: 60
 * against 210 ms for the sentences of 1,000 op-eds and a 1 MB document; the combined
 * expression tried at every character was this check's largest cost).
 */
const FIGURE_START_SOURCE = String.raw`(?:US\$|A\$|C\$|\$|£|€|¥|₹|Rs\.?\s?)?\d|\b(?:tens|hundreds|thousands|millions|billions|trillions|half|a(?=[\s-])|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|several)`;
const FIGURE_START = new RegExp(FIGURE_START_SOURCE, 'giu');
/**
 * FIGURE_START without the `u` flag, at half the cost (measured over the 712 evaluation
 * articles: 20 against 42 ms). The two read a text alike unless it holds one of the two
 * characters Unicode case folding takes to ASCII letters, ſ (folded to "s") and the Kelvin
 * sign (to "k"), which `\b` with `u` also counts as word characters.
 */
const FIGURE_START_ASCII_FOLDS = new RegExp(FIGURE_START_SOURCE, 'gi');
const FOLDS_TO_ASCII = /[\u017F\u212A]/;
const FIGURE = new RegExp(FIGURE_SOURCE, 'iuy');

/** The first figure in `text` at or after `from`: what FIGURE with the `g` flag would find. */
export function nextFigure(text: string, from: number): RegExpExecArray | null {
  const starts = FOLDS_TO_ASCII.test(text) ? FIGURE_START : FIGURE_START_ASCII_FOLDS;
  starts.lastIndex = from;
  for (let a = starts.exec(text); a; a = starts.exec(text)) {
    FIGURE.lastIndex = a.index;
    const m = FIGURE.exec(text);
    if (m) return m;
    starts.lastIndex = a.index + 1;
  }
  return null;
}

const MONTHS = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$/i;

/** Words before a number that make it a label, not a quantity. */
const NUMBERING = new Set([
  'article', 'articles', 'section', 'sections', 'chapter', 'resolution', 'resolutions', 'no', 'no.', 'number', 'phase', 'round', 'page', 'pages',
  'part', 'paragraph', 'clause', 'amendment', 'title', 'level', 'flight', 'room', 'route', 'highway', 'grade', 'class', 'vol', 'vol.', 'volume',
  'issue', 'episode', 'season', 'stage', 'step', 'item', 'figure', 'fig.', 'table', 'act', 'rule', 'bill', 'case', 'version', 'windows',
  'iphone', 'boeing', 'airbus', 'apollo', 'category', 'category', 'protocol', 'annex', 'appendix', 'verse', 'psalm', 'interstate', 'gate',
  'platform', 'line', 'channel', 'tier', 'type', 'model', 'unit', 'block', 'district', 'ward', 'precinct', 'hole', 'lane', 'floor', 'exhibit',
]);

const DURATION = /^(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|nights?|yrs?|hrs?|mins?|generations?|terms?|rounds?|times)\b/i;

/** Things counted in a statistic; a number from 10 up before one of these is a figure. */
const COUNT_NOUN =
  /^(?:people|persons|soldiers|troops|civilians|children|kids|women|men|adults|deaths|dead|killed|casualties|injured|wounded|refugees|migrants|immigrants|victims|workers|employees|jobs|students|patients|cases|infections|arrests|prisoners|detainees|protesters|demonstrators|members|votes|voters|families|households|homes|houses|villages|towns|companies|firms|businesses|schools|hospitals|tonnes|tons|barrels|kilometres|kilometers|km|miles|acres|hectares|warheads|missiles|aircraft|planes|tanks|ships|vessels|fighters|militants|officers|police|doctors|nurses|teachers|farmers|residents|citizens|americans|britons|africans|asians|europeans|muslims|christians|jews|hindus|users|customers|votes|seats|species|trees|animals|cattle)\b/i;

const APPROXIMATORS =
  /(?:\b(?:approximately|about|around|roughly|nearly|almost|over|under|more than|less than|fewer than|at least|at most|up to|some|an estimated|estimated|close to|upwards of|as many as|as much as|as few as|just over|just under|well over|an? (?:additional|extra))\s+)$/i;

/** Words that end a figure's noun phrase. */
const PHRASE_STOP = new Set(
  (
    'a an the this that these those its their his her our your my who whom whose which what where when while whereas and or but nor yet so because ' +
    'is are was were be been being am has have had do does did will would shall should can could may might must ' +
    'in on at to from by with for of into onto over under across since during after before between among against through per via than as like ' +
    'not no also still even already only just very too last next this thanks'
  ).split(' '),
);

/**
 * An attribution in the sentence: the figure is somebody's, and the reader is told whose.
 * Besides the sources themselves (a survey, a poll, the census, a filing), the verbs by
 * which news and op-eds hand a figure to its source: "as TPM notes", "Oxfam tells them",
 * "the campaign states", "the WHO recommends", "Mr. Clinton listed a second payment".
 */
const ATTRIBUTION = new RegExp(
  String.raw`\b(?:according to|data (?:from|by|of)|figures (?:from|by|of|released|published)|statistics (?:from|by|of)|estimated by|estimates (?:from|by|of)|reported by|published by|cited by|compiled by|calculated by|as reported|as estimated|by the count of|census|survey(?:s|ed)?|poll(?:s|ed|ing)?|study|studies|report(?:s|ed)?|filings?|records show|said|says|say|told|tells|stated|states that|claimed|claims|announced|announces|estimated|estimates|reckoned|noted|notes that|as [\w\u2019'. -]{1,40} notes|noting that|wrote|writes|found|finds|calculated|calculates|counted|recorded|shows?|showed|revealed|reveals|citing|cites|quoted|explained that|explains that|testified|recommends|recommended|warned|warns|suggested that|suggests that|admits|admitted|argues|argued|concluded|concludes|insists|insisted|predicted|predicts|forecast by|(?<!\b(?:is|are|was|were|be|been|being|not|nor|never)\s)listed|disclosed|discloses|declared that|declares that|acknowledged|acknowledges|conceded|concedes|observed|observes|points? out|pointed out|puts? the (?:figure|number|cost|toll|total))\b`,
  'i',
);

/** Attributions that name nobody; they do not source a figure. */
const WEAK_ATTRIBUTION =
  /\b(?:according to (?:some|many|reports|sources|experts|observers|analysts)|(?:some|many|experts|observers|analysts|critics|people|they|others) (?:say|said|claim|claimed|believe|argue|argued|warn|warned|note|noted|suggest|suggested|insist|insisted)|it is (?:said|claimed|believed|estimated|argued|suggested)|is said to)\b/gi;

/** A parenthetical citation: "(Reuters, 2019)", "(Smith 2019, p. 4)", "(source: …)", "(see …)". */
const PAREN_CITATION = /\((?:[^()]*\b(?:1[89]|20)\d\d[a-z]?\b[^()]*|\s*(?:source|sources|data|via|see|cf\.|per)\b[^()]*)\)/i;

function numericValue(num: string): number {
  return Number(num.replace(/^[^\d]+/, '').replace(/,/g, ''));
}

function wordBefore(text: string, at: number): string {
  const m = /([\p{L}.]+)[\s\u00A0]*$/u.exec(text.slice(Math.max(0, at - 30), at));
  return m ? m[1]!.toLowerCase() : '';
}

function wordAfter(text: string, at: number): string {
  const m = /^[\s\u00A0]*(?:of\s+)?([\p{L}.]+)/u.exec(text.slice(at, at + 30));
  return m ? m[1]! : '';
}

interface Candidate extends OffsetRange {
  core: OffsetRange;
}

/** Whether the numeral at [start, end) is something other than a figure. */
function notAFigure(text: string, start: number, end: number, num: string, hasSuffix: boolean, minimum: number, inQuote: boolean): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(end, end + 3);
  // Odds and idioms: "50/50", "24/7".
  if (/^(?:50\/50|24\/7)\b/.test(text.slice(start, start + 5))) return true;
  // Names and codes with digits: G-20, COVID-19, F-35, A380, H1N1.
  if (/[\p{L}][-\u2010\u2011]?$/u.test(before) && !/[$£€¥₹]/.test(num)) return true;
  // Ordinals, decades and other numerals glued to letters: 3rd, 21st, 1950s, 10-year.
  if (!hasSuffix && /^(?:[\p{L}]|[-\u2010\u2011][\p{L}])/u.test(after)) return true;
  // Times: 10:30, 5 pm.
  if (/^:\d/.test(after) || /^\s?(?:a\.?m\.?|p\.?m\.?|gmt|utc|bst|est|pst)\b/i.test(text.slice(end, end + 6))) return true;
  // Part of a range whose other end is a year or date ("1950-53", "20-21 June").
  const value = numericValue(num);
  const isPlain = /^\d+$/.test(num);
  if (!hasSuffix && isPlain) {
    if (/\d[-\u2013]$/.test(before)) {
      const prev = /(\d+)[-\u2013]$/.exec(text.slice(Math.max(0, start - 6), start));
      if (prev && (isYear(Number(prev[1])) || isDateAround(text, start - prev[0].length, end))) return true;
    }
    if (isYear(value) && !/^[-\u2013]?\s?(?:years?|people|soldiers|troops)\b/i.test(text.slice(end, end + 9))) return true;
    if (isDateAround(text, start, end)) return true;
    const range = /^[-\u2013](\d+)/.exec(after);
    if (range && isDateAround(text, start, end + range[0].length)) return true;
  }
  if (NUMBERING.has(wordBefore(text, start)) && isPlain) return true;
  if (/#\s*$/.test(before)) return true;
  if (hasSuffix || /[$£€¥₹.]/.test(num) || num.includes(',') && value >= minimum) return false;
  const next = wordAfter(text, end);
  if (DURATION.test(next)) return true;
  if (value >= minimum) return false;
  // A small count in a quotation is part of what the speaker says ("we met 20 families"), not
  // a statistic; a hedged one is an estimate quoted ("detained at least 119 individuals").
  if (inQuote && !isHedged(text, start)) return true;
  return !(value >= 10 && countsSomething(text, end));
}

/**
 * A vote tally or a score ("confirmed 96-3", "by a vote of 228 to 191", "228 votes to 191",
 * "a 54-46 seat majority", "beat City 3-1"): a record of what happened, not a statistic to
 * source. Returns where the tally ends, or -1. Ranges of figures ("5,000-6,000 troops",
 * "from 140,000 to 13,500") have neither a vote nor a score around them.
 */
const TALLY = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:[\s\u00A0]*[-\u2013\u2014][\s\u00A0]*|[\s\u00A0]+(?:votes?[\s\u00A0]+)?to[\s\u00A0]+)(?:\d{1,3}(?:,\d{3})+|\d+)\b(?![\s\u00A0]*(?:%|per[\s\u00A0]?cent|percent)|[.,]\d)/i;
const TALLY_BEFORE =
  /\b(?:vot(?:e|es|ed|ing)|margin|tally|count|confirmed|passed|approved|adopted|rejected|defeated|beat|beats|won|wins|lost|loses|drew|tied|leads?|leading|led|trailing|trailed|score|scored|ruled|split|upheld|overturned|acquitted|convicted|carried|cleared)\b(?:[\s\u00A0]+[\p{L}.'\u2019-]+){0,3}[\s\u00A0,]*$/iu;
const TALLY_AFTER = /^[\s\u00A0]*(?:votes?\b|decision|ruling|verdict|margin|(?:seat[\s\u00A0]+)?majority|win\b|victory|defeat|loss|lead\b|score|count\b|tally|split|in[\s\u00A0]+favou?r)/i;

function tallyEnd(text: string, start: number, numEnd: number, sentenceStart: number): number {
  // Most numbers are followed by neither a dash nor "to"/"votes": no slice, no expression.
  let i = numEnd;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 0xa0) i++;
  const next = text.charCodeAt(i);
  if (next !== 45 && next !== 0x2013 && next !== 0x2014 && next !== 116 && next !== 118) return -1;
  const m = TALLY.exec(text.slice(start, start + 40));
  if (!m) return -1;
  const end = start + m[0].length;
  const votesWord = /\bvotes?\b/i.test(m[0]);
  if (votesWord || TALLY_BEFORE.test(text.slice(Math.max(sentenceStart, start - 50), start)) || TALLY_AFTER.test(text.slice(end, end + 30))) return end;
  return -1;
}

/** Who is counted in a roll call: a count of these in a sentence about a vote is part of its record. */
const VOTERS = /^(?:republicans|democrats|senators|lawmakers|legislators|representatives|congressmen|congresswomen|members|mps|meps|delegates|justices|judges|jurors|votes|abstentions|tories|conservatives|deputies|councillors|councilors|commissioners|governors|states|countries|nations|shareholders|electors|ayes|nays|noes)$/i;
const VOTE_CONTEXT = /\b(?:vot(?:e|es|ed|ing)|ballots?|abstentions?|abstained|roll[-\s\u00A0]call|tally|veto|override|filibuster)\b/i;

/**
 * "all but 10 Republicans voting for it", "with 41 abstentions", "passed 52-48, with 10
 * Democrats joining": a count of voters in a sentence about a vote (a vote word, or a tally).
 */
function isVoteCount(text: string, end: number, sentence: Sentence, sawTally: boolean): boolean {
  const words = text.slice(end, Math.min(sentence.end, end + 60)).match(/[\p{L}\u2019']+/gu) ?? [];
  const noun = words.slice(0, 3).find((w) => VOTERS.test(w));
  return noun !== undefined && (sawTally || VOTE_CONTEXT.test(text.slice(sentence.start, sentence.end)));
}

/** A figure inside a short quotation used as a name: "the \u201C47 percent\u201D remark", "his \u201C1 percent\u201D speech". */
function isQuotedName(text: string, q: Quotation): boolean {
  if (text.slice(q.inner.start, q.inner.end).trim().split(/\s+/).length > 4) return false;
  const next = /^[\s\u00A0]*([\p{L}][\p{L}-]*)/u.exec(text.slice(q.end, q.end + 30))?.[1];
  if (!next || PHRASE_STOP.has(next.toLowerCase())) return false;
  return /(?:\b(?:the|a|an|his|her|its|their|our|this|that)|\p{L}['\u2019]s)[\s\u00A0]*$/iu.test(text.slice(Math.max(0, q.start - 20), q.start));
}

function isHedged(text: string, start: number): boolean {
  return APPROXIMATORS.test(text.slice(Math.max(0, start - 20), start));
}

/** Whether a counted noun follows within three words ("45 unarmed civilians", "67 US nuclear bomb tests"). */
function countsSomething(text: string, at: number): boolean {
  const all = text.slice(at, at + 80).match(/[\p{L}\u2019']+/gu) ?? [];
  // "Twenty-nine of the world's most polluted cities": a partitive "of the" counts too.
  const skip = all[0]?.toLowerCase() === 'of' ? (/^(?:the|its|their|these|those|our)$/i.test(all[1] ?? '') ? 2 : 1) : 0;
  const words = all.slice(skip);
  const first = words[0] ?? '';
  if (DURATION.test(first) || PHRASE_STOP.has(first.toLowerCase())) return false;
  for (const w of words.slice(0, 4)) {
    // "17 straight days", "24 consecutive hours": a duration, whatever stands between.
    if (PHRASE_STOP.has(w.toLowerCase()) || DURATION.test(w)) return false;
    if (!/[\u2019']s$/.test(w) && isCountedNoun(w)) return true;
  }
  return false;
}

function isYear(n: number): boolean {
  return Number.isInteger(n) && n >= 1000 && n <= 2100;
}

function isDateAround(text: string, start: number, end: number): boolean {
  const value = numericValue(text.slice(start, end).split(/[-\u2013]/)[0]!);
  if (value < 1 || value > 31) return false;
  const prev = wordBefore(text, start);
  const next = /^[\s\u00A0]*(?:of\s+)?([\p{L}.]+)/u.exec(text.slice(end, end + 20))?.[1] ?? '';
  return MONTHS.test(prev) || MONTHS.test(next);
}

function looksLikeTitle(inner: string): boolean {
  const words = inner.trim().split(/\s+/);
  if (words.length > 8) return false;
  const significant = words.filter((w) => /^\p{L}/u.test(w) && w.length > 3);
  return significant.length > 0 && significant.every((w) => /^\p{Lu}/u.test(w));
}

/** Nouns counted without a plural -s. */
const COLLECTIVE = /^(?:people|police|personnel|staff|aircraft|children|men|women|cattle|livestock|militia|infantry|youth|clergy)$/i;

/** A plausible counted noun: a known count noun, a collective, or a regular plural. */
function isCountedNoun(word: string): boolean {
  return COUNT_NOUN.test(word) || COLLECTIVE.test(word) || (/[^s]s$/i.test(word) && word.length > 3 && !/(?:ous|ss|us|is)$/i.test(word));
}

/**
 * Widens a figure to its approximator and the noun it counts ("approximately 400,000
 * soldiers", "28,500 well trained American troops"): up to five words on, stopping at
 * function words, and ending at the first counted noun. With no counted noun in reach the
 * figure stays as written ("12% last quarter" → "12%").
 */
function expand(text: string, start: number, end: number, sentenceEnd: number): OffsetRange {
  let s = start;
  const lead = APPROXIMATORS.exec(text.slice(Math.max(0, start - 20), start));
  if (lead) s = start - lead[0].length;
  let e = end;
  // A word ends before a closing quote or apostrophe: "‘millions of Americans’" ends at "Americans".
  const WORD = /^[\s\u00A0]+([\p{L}](?:[\p{L}-]|[\u2019'](?=\p{L}))*)/u;
  for (let n = 0, at = end; n < 5 && at < sentenceEnd; n++) {
    const m = WORD.exec(text.slice(at, Math.min(sentenceEnd, at + 40)));
    if (!m) break;
    const word = m[1]!;
    if (PHRASE_STOP.has(word.toLowerCase())) break;
    at += m[0].length;
    if (!/[\u2019']s$/.test(word) && isCountedNoun(word)) {
      e = at;
      break;
    }
  }
  return { start: s, end: e };
}

function findFigures(doc: ProseDocument, sentence: Sentence, minimum: number, quotes: Quotation[]): Candidate[] {
  const text = doc.prose;
  const slice = text.slice(sentence.start, sentence.end);
  const out: Candidate[] = [];
  let after = 0;
  let sawTally = false;
  for (let m = nextFigure(slice, 0); m; m = nextFigure(slice, Math.max(after, m.index + m[0].length))) {
    const start = sentence.start + m.index;
    const end = start + m[0].length;
    const g = m.groups!;
    const quote = quotes.length === 0 ? undefined : quotes.find((q) => start >= q.inner.start && end <= q.inner.end);
    // Quoted titles and names: "Catch-22 and 1984 Revisited", the "47 percent" remark.
    if (quote && (looksLikeTitle(text.slice(quote.inner.start, quote.inner.end)) || isQuotedName(text, quote))) continue;
    if (g['num'] !== undefined) {
      const num = g['num'];
      const numEnd = start + num.length;
      if (/\d$/.test(text.slice(start - 1, start)) || /^[\d.,]\d/.test(text.slice(end, end + 2))) continue;
      if (g['suffix'] === undefined && !/[$£€¥₹]/.test(num)) {
        const tally = tallyEnd(text, start, numEnd, sentence.start);
        if (tally >= 0) {
          after = tally - sentence.start;
          sawTally = true;
          continue;
        }
      }
      if (notAFigure(text, start, numEnd, num, g['suffix'] !== undefined, minimum, quote !== undefined)) continue;
      if (g['suffix'] === undefined && !/[$£€¥₹.]/.test(num) && numericValue(num) < minimum && isVoteCount(text, numEnd, sentence, sawTally)) continue;
    }
    if (g['spelledCount'] !== undefined && (!countsSomething(text, end) || (quote !== undefined && !isHedged(text, start)) || isVoteCount(text, end, sentence, sawTally))) continue;
    if (g['fraction'] !== undefined && /^half of$/i.test(m[0]) && !/^\s+(?:the|all|its|their|our|a)?\s*\p{L}/u.test(text.slice(end, end + 20))) continue;
    out.push({ ...expand(text, start, end, sentence.end), core: { start, end } });
  }
  return merge(out);
}

function merge(cands: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of cands) {
    const last = out[out.length - 1];
    if (last && c.start < last.end) last.end = Math.max(last.end, c.end);
    else out.push({ ...c });
  }
  return out;
}

/** Whether the sentence says where its figures come from. */
export function isSourced(doc: ProseDocument, sentence: Sentence, extraAttributions: RegExp | undefined): boolean {
  const { start, end } = sentence;
  if (anyOverlapping(doc.links, start, end)) return true;
  // A footnote reference in the sentence, or straight after its final punctuation.
  if (anyStartingIn(doc.footnoteRefs, start, end + 2)) return true;
  const text = doc.prose.slice(start, end);
  if (PAREN_CITATION.test(text)) return true;
  const strong = text.replace(WEAK_ATTRIBUTION, ' ');
  if (ATTRIBUTION.test(strong)) return true;
  return extraAttributions !== undefined && extraAttributions.test(strong);
}

/**
 * Per list of ranges: the furthest end among the first i + 1 ranges, or undefined when
 * the list is not sorted by start (then the lookups below scan it). Built once per list,
 * so a sentence's lookup is a binary search instead of a scan of every link in the document.
 */
const reachCache = new WeakMap<readonly OffsetRange[], Float64Array | undefined>();

function reachOf(ranges: readonly OffsetRange[]): Float64Array | undefined {
  if (reachCache.has(ranges)) return reachCache.get(ranges);
  let reach: Float64Array | undefined = new Float64Array(ranges.length);
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    if (i > 0 && r.start < ranges[i - 1]!.start) {
      reach = undefined;
      break;
    }
    reach[i] = i > 0 ? Math.max(reach[i - 1]!, r.end) : r.end;
  }
  reachCache.set(ranges, reach);
  return reach;
}

/** Whether some range overlaps [start, end). */
function anyOverlapping(ranges: readonly OffsetRange[], start: number, end: number): boolean {
  const reach = reachOf(ranges);
  if (!reach) return ranges.some((r) => r.start < end && r.end > start);
  const before = lowerBound(ranges, end);
  return before > 0 && reach[before - 1]! > start;
}

/** Whether some range starts in [from, to] (both ends included). */
function anyStartingIn(ranges: readonly OffsetRange[], from: number, to: number): boolean {
  if (!reachOf(ranges)) return ranges.some((r) => r.start >= from && r.start <= to);
  const i = lowerBound(ranges, from);
  return i < ranges.length && ranges[i]!.start <= to;
}

function nextFootnoteLabel(doc: ProseDocument): number {
  let max = 0;
  for (const f of [...doc.footnoteRefs, ...doc.footnoteDefinitions]) {
    if (/^\d+$/.test(f.label)) max = Math.max(max, Number(f.label));
  }
  return max + 1;
}

function suggestions(doc: ProseDocument, sentence: Sentence, figure: string, label: number): Suggestion[] {
  const src = doc.source;
  const tail = src.endsWith('\n') ? '\n' : '\n\n';
  const footnote: Suggestion = {
    title: `Add a footnote [^${label}] for the source`,
    edits: [
      { start: sentence.end, end: sentence.end, newText: `[^${label}]` },
      { start: src.length, end: src.length, newText: `${tail}[^${label}]: Source needed for \u201C${figure}\u201D.\n` },
    ],
  };
  const terminal = /[.!?]["'\u201D\u2019)\]]*$/.exec(doc.prose.slice(sentence.start, sentence.end));
  const at = terminal ? sentence.start + terminal.index : sentence.end;
  const attribution: Suggestion = {
    title: 'Add an attribution (\u201C\u2026, according to [source]\u201D)',
    edits: [{ start: at, end: at, newText: ', according to [source]' }],
  };
  return [footnote, attribution];
}

const OPTION_VALUES = { quotations: ['report', 'off'] } as const;

function options(ctx: CheckContext): { minimum: number; extra: RegExp | undefined; quotations: boolean } {
  const o = ctx.options;
  const minimum = typeof o['minimumBareNumber'] === 'number' && o['minimumBareNumber'] > 0 ? o['minimumBareNumber'] : DEFAULT_MINIMUM_BARE_NUMBER;
  const words = Array.isArray(o['attributions']) ? o['attributions'].filter((w): w is string => typeof w === 'string' && w.trim() !== '') : [];
  const extra = words.length > 0 ? new RegExp(`\\b(?:${words.map((w) => w.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'i') : undefined;
  return { minimum, extra, quotations: o['quotations'] !== 'off' };
}

/**
 * A cheap test that skips sentences with nothing number-like before the full scan: a part
 * of every alternative of FIGURE_SOURCE. A ratio is found by its first word ("one in five";
 * "3 out of 4" has a digit); looking for a bare "in" instead let nearly half of all
 * sentences through, against 27% now, over the 712 evaluation articles.
 */
const MIGHT_HAVE_FIGURE = /\d|thousand|million|billion|trillion|half|third|quarter|fifth|tenth|per\s?cent|\b(?:one|two|three|four|five)\s+(?:in|out\s+of)\b|times|hundred|ty\b|ty-|teen\b|\bten\b|eleven|twelve/i;

export interface DetectedFigure extends OffsetRange {
  sentence: Sentence;
  sourced: boolean;
  /**
   * For a figure its sentence does not source, inside a direct quotation whose speaker the
   * text names (in that sentence or the one before, as speakers.ts reads it): the speaker,
   * who is then the figure's only source.
   */
  speaker?: Speaker;
}

/**
 * Every figure in the author's prose with whether its sentence sources it. The check
 * reports the unsourced ones; the evaluation scores detection on its own.
 */
export function detectFigures(doc: ProseDocument, minimum = DEFAULT_MINIMUM_BARE_NUMBER, extra?: RegExp): DetectedFigure[] {
  const out: DetectedFigure[] = [];
  let quotes: Quotation[] = [];
  let quotesBlock = -1;
  // Who is quoted is read only for blocks with an unsourced figure inside a quotation.
  let attributed: AttributedQuotation[] | undefined;
  const tableSourced = new Map<number, boolean>();
  for (const sentence of doc.sentences) {
    const block = doc.blocks[sentence.block]!;
    if (block.quoted || block.footnote) continue;
    if (!MIGHT_HAVE_FIGURE.test(doc.prose.slice(sentence.start, sentence.end))) continue;
    if (quotesBlock !== sentence.block) {
      quotes = findQuotations(doc.prose, block.start, block.end);
      quotesBlock = sentence.block;
      attributed = undefined;
    }
    const figures = findFigures(doc, sentence, minimum, quotes);
    if (figures.length === 0) continue;
    let sourced = isSourced(doc, sentence, extra);
    if (!sourced && block.table) {
      const key = block.table.start;
      if (!tableSourced.has(key)) tableSourced.set(key, isTableSourced(doc, block.table, extra));
      sourced = tableSourced.get(key)!;
    }
    for (const f of figures) {
      const found: DetectedFigure = { start: f.start, end: f.end, sentence, sourced };
      if (!sourced && quotes.some((q) => f.core.start >= q.inner.start && f.core.end <= q.inner.end)) {
        attributed ??= blockQuotationsWithSpeakers(doc, sentence.block);
        const speaker = attributed.find((q) => q.speaker && f.core.start >= q.inner.start && f.core.end <= q.inner.end)?.speaker;
        if (speaker) found.speaker = speaker;
      }
      out.push(found);
    }
  }
  return out;
}

/**
 * A table's figures are sourced as a whole: by a source in any of its cells, or by a
 * caption in the paragraph right after it ("Source: ONS").
 */
function isTableSourced(doc: ProseDocument, table: OffsetRange, extra: RegExp | undefined): boolean {
  // Sentences and blocks are in document order: look only from the table on.
  for (let i = lowerBound(doc.sentences, table.start); i < doc.sentences.length && doc.sentences[i]!.start <= table.end; i++) {
    const s = doc.sentences[i]!;
    if (s.end <= table.end && isSourced(doc, s, extra)) return true;
  }
  let c = lowerBound(doc.blocks, table.end);
  while (c < doc.blocks.length && doc.blocks[c]!.table) c++;
  const caption = doc.blocks[c];
  // Only a paragraph that directly follows the table (at most one blank line) is its caption.
  if (!caption || doc.source.slice(table.end, caption.start).split('\n').length > 3) return false;
  const text = doc.prose.slice(caption.start, caption.end);
  if (/^\s*(?:\*|_)?\s*(?:sources?|data)\s*:/i.test(text)) return true;
  for (let i = lowerBound(doc.sentences, caption.start); i < doc.sentences.length && doc.sentences[i]!.start <= caption.end; i++) {
    const s = doc.sentences[i]!;
    if (s.end <= caption.end && isSourced(doc, s, extra)) return true;
  }
  return false;
}

export const unsourcedFigure: Check = {
  id: 'unsourced-figure',
  meta: {
    description: 'A number or statistic stated with no citation or attribution in its sentence.',
    defaultSeverity: 'warning',
    optionValues: OPTION_VALUES,
  },
  run(ctx) {
    const { doc } = ctx;
    const { minimum, extra, quotations } = options(ctx);
    let label: number | undefined;
    return detectFigures(doc, minimum, extra)
      .filter((f) => !f.sourced && (quotations || !f.speaker))
      .map((f): CheckFinding => {
        const figure = doc.source.slice(f.start, f.end);
        const fixes = suggestions(doc, f.sentence, figure, (label ??= nextFootnoteLabel(doc)));
        if (f.speaker) {
          // The speaker is a source, so this is softer than an unsourced figure, whatever the
          // rule's own severity: a hint, and only the footnote fix (the words are the speaker's).
          return {
            start: f.start,
            end: f.end,
            severity: 'hint',
            ownSeverity: true,
            message: `Figure attributed to a speaker only: \u201C${figure}\u201D is quoted from ${f.speaker.name}, with nothing that says where the number comes from. If the argument rests on it, cite a source (a link or a footnote).`,
            suggestions: fixes.slice(0, 1),
          };
        }
        return {
          start: f.start,
          end: f.end,
          message: `Unsourced figure \u201C${figure}\u201D: nothing in its sentence says where the number comes from. Cite it (a link or a footnote) or attribute it (\u201Caccording to \u2026\u201D).`,
          suggestions: fixes,
        };
      });
  },
};
