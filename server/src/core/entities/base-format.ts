import { normalizeWord, tokenize } from './tokens.js';

/**
 * What the knowledge build and the core agree on about the compiled base's tables (the
 * layout itself is described in base.ts, which reads them).
 */
export const BASE_FORMAT = 1;

/** A source's letter in an entity's sources column. */
export const SOURCE_LETTERS = { wikidata: 'w', congress: 'c', archigos: 'a', huggo: 'h', supraverden: 's' } as const;

export type SourceKey = keyof typeof SOURCE_LETTERS;

/** Titles compare without case or punctuation: "Vice-President" is "vice president", "Sen." is "sen". */
export function styleKeyOf(style: string): string {
  return tokenize(style)
    .map((t) => normalizeWord(t.raw))
    .join(' ');
}
