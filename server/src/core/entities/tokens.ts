/**
 * Word tokens for alias matching. Letters and digits make words; everything else is a gap,
 * which the matcher inspects (a hyphen joins "Jong-un", a full stop after a single letter
 * is an initial, a parenthesis may enclose an inserted abbreviation). Aliases and text go
 * through the same normalisation, so "Kim Jong-un", "Kim Jong Un" and "KIM JONG UN" meet.
 */

export interface Token {
  start: number;
  end: number;
  /** Lower case, without diacritics. */
  norm: string;
  raw: string;
}

const MARKS = /\p{M}+/gu;
/** Latin letters that decomposition leaves alone, written as English texts write them: "Nußbaumer" is "Nussbaumer". */
const FOLD: Record<string, string> = { đ: 'd', ø: 'o', ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd', ı: 'i', ħ: 'h' };
const FOLDS = /[đøłßæœþðıħ]/g;

export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  // Only decompose when needed: most words are plain ASCII.
  return /[^\u0000-\u007f]/.test(lower) ? lower.normalize('NFD').replace(MARKS, '').replace(FOLDS, (c) => FOLD[c]!) : lower;
}

/**
 * The words of text[start, end): a letter or digit, then letters, marks and digits (a word
 * running past `end` is cut there). A scanner over character codes rather than a global
 * regular expression: it runs over every block of the document on every analysis, and
 * ASCII, decided by code, is nearly all of it; other characters take one sticky test.
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    let j: number;
    if (c < 128) {
      if (!ASCII_WORD[c]) {
        i++;
        continue;
      }
      j = i + 1;
    } else {
      WORD_START.lastIndex = i;
      if (!WORD_START.test(text)) {
        i += isHighSurrogate(c) && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
        continue;
      }
      j = WORD_START.lastIndex;
    }
    let ascii = c < 128;
    let upper = c >= 65 && c <= 90;
    for (;;) {
      const d = text.charCodeAt(j);
      if (d < 128) {
        if (!ASCII_WORD[d]) break;
        if (d >= 65 && d <= 90) upper = true;
        j++;
        continue;
      }
      if (Number.isNaN(d)) break;
      WORD_PART.lastIndex = j;
      if (!WORD_PART.test(text)) break;
      ascii = false;
      j = WORD_PART.lastIndex;
    }
    const to = Math.min(j, end);
    const raw = text.slice(i, to);
    out.push({ start: i, end: to, norm: ascii ? (upper ? raw.toLowerCase() : raw) : normalizeWord(raw), raw });
    i = j;
  }
  return out;
}

/** Per ASCII code: a letter or a digit. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = 1;
const WORD_START = /[\p{L}\p{N}]/uy;
const WORD_PART = /[\p{L}\p{M}\p{N}]/uy;

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export type TokenCase = 'acronym' | 'capital' | 'any';

/** How an alias token constrains the text: "US" only matches "US", "Korea" needs a capital. */
export function caseOf(raw: string): TokenCase {
  if (raw.length >= 2 && /^[\p{Lu}\p{N}]+$/u.test(raw) && /\p{Lu}/u.test(raw)) return 'acronym';
  if (/^\p{Lu}/u.test(raw)) return 'capital';
  return 'any';
}

export function caseMatches(constraint: TokenCase, raw: string): boolean {
  if (constraint === 'any') return true;
  if (constraint === 'capital') return /^[\p{Lu}\p{N}]/u.test(raw);
  return raw === raw.toUpperCase() && /^[\p{Lu}\p{N}]+$/u.test(raw);
}

export function isInitial(token: Token): boolean {
  return token.raw.length === 1 && /\p{Lu}/u.test(token.raw);
}
