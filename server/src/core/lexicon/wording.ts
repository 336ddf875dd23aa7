import { ANY_WORD, SENTENCE_START } from './types.js';

/**
 * The wording syntax of lexicon entries, expanded to plain token sequences:
 *
 * - words separated by spaces, matched case-insensitively (’ and ' are the same);
 * - `{a,b}` inside a word expands it: `threaten{,s,ed,ing}` is four words;
 * - `a|b` is either word at that position: `ailing economy|industry`;
 * - `*` is any one word; a leading `^` anchors the wording to the start of a sentence;
 * - `,` `;` `:` are tokens of their own (trailing punctuation is matched, never reported).
 */

export const MAX_EXPANSIONS = 400;

const NEEDS_NORMALISING = /[\u2010-\u2013\u2018\u2019`]/;

export function normaliseWord(word: string): string {
  const lower = word.toLowerCase();
  if (!NEEDS_NORMALISING.test(lower)) return lower;
  return lower.replace(/[\u2019\u2018`]/g, "'").replace(/[\u2010\u2011\u2012\u2013]/g, '-');
}

function expandBraces(word: string): string[] {
  const open = word.indexOf('{');
  if (open < 0) return [word];
  const close = word.indexOf('}', open);
  if (close < 0) return [word];
  const head = word.slice(0, open);
  const tails = expandBraces(word.slice(close + 1));
  const out: string[] = [];
  for (const option of word.slice(open + 1, close).split(',')) for (const tail of tails) out.push(head + option + tail);
  return out;
}

const VALID_TOKEN = /^(?:[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*|[,;:]|\*)$/u;

export type Expansion = { sequences: string[][] } | { error: string };

/** Every token sequence a wording stands for, or why it cannot be read. */
export function expandWording(wording: string): Expansion {
  // Punctuation becomes its own token, except the commas that separate `{a,b}` options.
  const parts = normaliseWord(wording.trim())
    .replace(/[,;:](?![^{]*\})/g, ' $& ')
    .split(/\s+/)
    .filter((p) => p !== '');
  if (parts.length === 0) return { error: 'is empty' };
  let anchored = false;
  if (parts[0]!.startsWith(SENTENCE_START)) {
    anchored = true;
    parts[0] = parts[0]!.slice(SENTENCE_START.length);
    if (parts[0] === '') parts.shift();
  }
  if (parts.length === 0) return { error: 'has nothing after `^`' };
  if (parts[0] === ANY_WORD || /^[,;:]$/.test(parts[0]!)) return { error: 'must begin with a word' };
  let sequences: string[][] = [anchored ? [SENTENCE_START] : []];
  for (const part of parts) {
    const options = part.split('|').flatMap(expandBraces);
    const bad = options.find((o) => !VALID_TOKEN.test(o));
    if (bad !== undefined) return { error: `has an unreadable word ${JSON.stringify(bad)} (letters, digits, inner ' or -, or one of * , ; :)` };
    if (sequences.length * options.length > MAX_EXPANSIONS) return { error: `expands to more than ${MAX_EXPANSIONS} wordings` };
    sequences = sequences.flatMap((s) => options.map((o) => [...s, o]));
  }
  return { sequences };
}
