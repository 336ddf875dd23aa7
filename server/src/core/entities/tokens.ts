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

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const MARKS = /\p{M}+/gu;

export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  // Only decompose when needed: most words are plain ASCII.
  return /[^\u0000-\u007f]/.test(lower) ? lower.normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd').replace(/ø/g, 'o').replace(/ł/g, 'l') : lower;
}

export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = start;
  for (let m = WORD.exec(text); m !== null && m.index < end; m = WORD.exec(text)) {
    const raw = m[0].length + m.index > end ? m[0].slice(0, end - m.index) : m[0];
    out.push({ start: m.index, end: m.index + raw.length, norm: normalizeWord(raw), raw });
  }
  return out;
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
