import type { ProseDocument } from '../prose.js';
import { lowerBound } from '../ranges.js';
import { findQuotations, type Quotation } from '../quotes.js';
import type { Token } from './tokens.js';

/**
 * What an inline quotation is, for loaded-term:
 * - `direct`: somebody's words (a speaking verb earlier in its sentence or just after it, a
 *   colon introduces it, it is a clause starting with a capital and ending in punctuation, or
 *   it is long). Its words are the speaker's.
 * - `title`: a short capitalised phrase (a name, slogan or title) used as a noun.
 * - `scare`: a short phrase with no speaker that labels the noun after it ("“blood”
 *   relations", "“Contain China” threats") or follows "so-called": the author's own distancing.
 * - `fragment`: any other short quoted phrase with no speaker in its sentence ("dismissed
 *   the protesters as “lefties”"). Often a partial quotation of a source named elsewhere, so
 *   the marks are not reported as scare quotes (measured on news text, that was wrong nineteen
 *   times in twenty); but nothing in the text says whose word it is, so its words are not
 *   hidden: a loaded word in it reaches the reader unattributed, and is reported as such.
 */
export type QuotationKind = 'direct' | 'title' | 'scare' | 'fragment';

export interface ClassifiedQuotation extends Quotation {
  kind: QuotationKind;
  /** The quoted phrase modifies the noun after it ("“blood” relations"): the strongest scare quotes. */
  attributive: boolean;
  /** Token indices inside the marks, end exclusive. */
  firstToken: number;
  lastToken: number;
}

const MAX_SCARE_WORDS = 4;
const SPEAKER_WINDOW_BEFORE = 60;
const SPEAKER_WINDOW_AFTER = 4;

/** Words after a quotation that show it is used as a noun, not as a modifier of the next word. */
const FUNCTION_WORDS = new Set(
  (
    'a an the this that these those and or but nor so of to in on at by for with from as into than then is are was were be been being ' +
    'has have had do does did will would can could may might must shall should it its they them their he she his her we our you your i ' +
    'which who whom whose what where when while if because since until not no also'
  ).split(' '),
);

/**
 * Words after a quotation that show it does not label a noun either: prepositions, adverbs
 * and conjunctions ("introduce “regulations” after a judge ruled", "the “moving” throughout").
 * With FUNCTION_WORDS and the suffix test in `labelsNoun`. Measured on the PTC train halves,
 * the scare-quote findings this test removes overlapped a loaded span 7 times in 65.
 */
const NOT_NOUNS = new Set(
  (
    'about above across after against along amid amidst among amongst around before behind below beneath beside besides between beyond ' +
    'despite down during except inside like near next onto outside over past per rather regarding since through throughout toward towards ' +
    'under unlike upon via within without off out up away back here there now soon later earlier together either neither whether how ' +
    'why whenever wherever wherein whereby even too very just only still yet already ever never always instead perhaps presumably ' +
    'precisely surely certainly such due'
  ).split(' '),
);
/** Common nouns that end like adverbs (-ly) or participles (-ed) and may follow a scare-quoted modifier. */
const NOUNS_LIKE_MODIFIERS = new Set('family ally rally assembly monopoly supply anomaly bully folly homily reply belly melancholy hatred bloodshed kindred'.split(' '));

/** Whether the word after a quotation can be the noun the quoted phrase labels. */
function labelsNoun(t: Token): boolean {
  const w = t.norm;
  if (FUNCTION_WORDS.has(w) || NOT_NOUNS.has(w)) return false;
  if (NOUNS_LIKE_MODIFIERS.has(w)) return true;
  // -ly adverbs, -ed participles ("“investigations” conducted"), negated auxiliaries ("doesn't").
  if (w.length > 4 && (w.endsWith('ly') || (w.endsWith('ed') && !w.endsWith('eed')))) return false;
  return !w.endsWith("n't");
}

function isSentenceEnd(t: Token): boolean {
  return t.norm === '.' || t.norm === '!' || t.norm === '?';
}

function looksLikeTitle(source: string, tokens: readonly Token[], first: number, last: number): boolean {
  const words = tokens.slice(first, last).filter((t) => t.word);
  const significant = words.filter((t) => t.end - t.start > 3 || words.length === 1);
  if (significant.length === 0) return words.length > 0 && words.every((t) => /^\p{N}/u.test(t.norm));
  const capitalised = significant.filter((t) => /^\p{Lu}/u.test(source[t.start]!)).length;
  return capitalised * 3 >= significant.length * 2;
}

export function classifyQuotations(doc: ProseDocument, tokens: readonly Token[], speechCues: ReadonlySet<string>, blockIndex: number): ClassifiedQuotation[] {
  const block = doc.blocks[blockIndex]!;
  const out: ClassifiedQuotation[] = [];
  for (const q of findQuotations(doc.prose, block.start, block.end)) {
    const firstToken = lowerBound(tokens, q.inner.start);
    const lastToken = lowerBound(tokens, q.inner.end);
    const inside = tokens.slice(firstToken, lastToken);
    const words = inside.filter((t) => t.word).length;
    if (words === 0) continue;
    const lastInside = inside[inside.length - 1];
    const endsClause = lastInside !== undefined && !lastInside.word && /[.!?,]/.test(lastInside.norm);
    // A quoted clause starts with a capital; “lies.” and “crazy, crazy,” are fragments whose
    // punctuation sits inside the marks by American convention.
    const firstWord = inside.find((t) => t.word)!;
    const isClause = endsClause && /^\p{Lu}/u.test(doc.source[firstWord.start]!);

    let speaker = false;
    let introducedByColon = false;
    // Back to the start of the sentence: a short quotation after "Officials said the city
    // would face" is a partial quotation of the officials, however far back the verb is (up to
    // a long sentence's length, so a block of quotations with no full stop stays linear).
    for (let i = firstToken - 1, seen = 0; i >= 0 && seen < SPEAKER_WINDOW_BEFORE && !speaker; i--) {
      const t = tokens[i]!;
      if (t.block !== blockIndex || isSentenceEnd(t)) break;
      if (i === firstToken - 1 && t.norm === ':') introducedByColon = true;
      if (t.word) {
        seen++;
        if (speechCues.has(t.norm)) speaker = true;
      }
    }
    const after = tokens[lastToken];
    for (let i = lastToken, seen = 0; i < tokens.length && seen < SPEAKER_WINDOW_AFTER; i++) {
      const t = tokens[i]!;
      if (t.block !== blockIndex || isSentenceEnd(t)) break;
      if (t.word) {
        seen++;
        if (speechCues.has(t.norm)) speaker = true;
      }
    }
    // “time bombs,” ambiguities: punctuation inside the marks closes the phrase before the next word.
    const attributive =
      !endsClause &&
      after !== undefined && after.word && after.block === blockIndex && after.start - q.end <= 1 && /^\p{Ll}/u.test(doc.source[after.start]!) && labelsNoun(after) && !speechCues.has(after.norm);

    const soCalled = firstToken > 0 && tokens[firstToken - 1]!.norm === 'so-called';
    let kind: QuotationKind;
    if (speaker || introducedByColon || isClause || words > MAX_SCARE_WORDS) kind = 'direct';
    else if (attributive || soCalled) kind = 'scare';
    else kind = looksLikeTitle(doc.source, tokens, firstToken, lastToken) ? 'title' : 'fragment';
    // Written out, not spread from `q` (the spread was a third of this function's time).
    out.push({ start: q.start, end: q.end, inner: q.inner, kind, attributive, firstToken, lastToken });
  }
  return out;
}
