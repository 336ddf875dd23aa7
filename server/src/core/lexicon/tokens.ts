import type { ProseDocument } from '../prose.js';
import { normaliseWord } from './wording.js';

export interface Token {
  start: number;
  end: number;
  /** Lower-cased, apostrophes and hyphens unified. */
  norm: string;
  word: boolean;
  /** The first word of its sentence. */
  sentenceStart: boolean;
  block: number;
}

/**
 * The tokens of the document's prose, in order, one pass: words (letters and digits;
 * hyphenated compounds and contractions stay one word: a `'`, `’`, `‐`, `‑` or `-` joins
 * two runs of letters and digits) and the punctuation that lexicon wordings may name
 * (`, ; : ! ? .`). Tokens outside any prose block are dropped.
 *
 * Written as a scanner over character codes rather than a global regular expression: this
 * runs over every character of the document on every analysis, and the expression's match
 * objects were most of the check's time and garbage on large documents. ASCII is decided
 * by code; other characters by one sticky `\p{L}\p{N}` test.
 */
export function tokenize(doc: ProseDocument): Token[] {
  const { prose, blocks, sentences } = doc;
  const out: Token[] = [];
  const n = prose.length;
  let blockIndex = 0;
  let sentenceIndex = 0;
  let sentenceOpen = false;
  // Only the stretch from the first block to the end of the last can hold tokens that are
  // kept. The scan starts at the first block when a blank lies before it (no token can
  // cross a blank, so the scan from 0 would arrive there with nothing kept), which lets the
  // server's window around an edit share the document's prose instead of a blanked copy.
  const first = blocks[0]?.start ?? n;
  let i = first > 0 && isBlank(prose.charCodeAt(first - 1)) ? first : 0;
  let stop = 0;
  for (const b of blocks) stop = Math.max(stop, b.end);
  while (i < stop) {
    const c = prose.charCodeAt(i);
    let end: number;
    let word: boolean;
    plain = true;
    if (c < 128 && ASCII[c] === PUNCT) {
      end = i + 1;
      word = false;
    } else {
      const w = wordRun(prose, i);
      if (w === i) {
        // Never stop inside a surrogate pair (the expression this replaces moved by code points).
        i += c >= 0xd800 && c <= 0xdbff && isLowSurrogate(prose.charCodeAt(i + 1)) ? 2 : 1;
        continue;
      }
      end = w;
      // Joined runs: a joiner counts only when letters or digits follow it.
      while (end < n && isJoiner(prose.charCodeAt(end))) {
        if (prose.charCodeAt(end) > 127) plain = false;
        const next = wordRun(prose, end + 1);
        if (next === end + 1) break;
        end = next;
      }
      word = true;
    }
    const start = i;
    i = end;
    while (blockIndex < blocks.length && blocks[blockIndex]!.end <= start) blockIndex++;
    const block = blocks[blockIndex];
    if (!block || start < block.start) continue;
    while (sentenceIndex < sentences.length && sentences[sentenceIndex]!.end <= start) {
      sentenceIndex++;
      sentenceOpen = false;
    }
    const sentence = sentences[sentenceIndex];
    let sentenceStart = false;
    if (word && sentence && start >= sentence.start && !sentenceOpen) {
      sentenceStart = true;
      sentenceOpen = true;
    }
    const written = prose.slice(start, end);
    out.push({ start, end, norm: plain ? written : normaliseWord(written), word, sentenceStart, block: blockIndex });
  }
  return out;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** Per ASCII code: 0 other, WORD (letter or digit) or PUNCT. */
const WORD = 1;
const PUNCT = 2;
const ASCII = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII[c] = WORD;
for (let c = 65; c <= 90; c++) ASCII[c] = WORD;
for (let c = 97; c <= 122; c++) ASCII[c] = WORD;
for (const ch of ',;:!?.') ASCII[ch.charCodeAt(0)] = PUNCT;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/uy;
/** The token being scanned is lower-case ASCII, already in normal form (most words are). */
let plain = true;

/** The end of the run of letters and digits starting at `i` (`i` itself when there is none). */
function wordRun(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (ASCII[c] !== WORD) return i;
      if (c <= 90 && c >= 65) plain = false;
      i++;
      continue;
    }
    plain = false;
    LETTER_OR_DIGIT.lastIndex = i;
    if (!LETTER_OR_DIGIT.test(text)) return i;
    i = LETTER_OR_DIGIT.lastIndex;
  }
  return i;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function isJoiner(c: number): boolean {
  return c === 39 || c === 45 || c === 0x2019 || c === 0x2010 || c === 0x2011;
}
