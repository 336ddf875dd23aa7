import { tokenize } from '../core/entities/tokens.js';

/**
 * The form names take in the compiled index: the words as the recogniser's tokeniser sees
 * them (lower case, without diacritics), joined by single spaces. The build and the core
 * share the tokeniser, so a name indexed here is the name the recogniser looks up.
 */
export function nameKey(name: string): string {
  return tokenize(name)
    .map((t) => t.norm)
    .join(' ');
}

/** Suffixes that writers often leave off a name: "Martin Luther King Jr." is "Martin Luther King". */
const SUFFIX = /(?:,?\s+(?:Jr\.?|Sr\.?|II|III|IV))$/i;

export function withoutSuffix(name: string): string | undefined {
  const bare = name.replace(SUFFIX, '').trim();
  return bare !== name ? bare : undefined;
}

/** The name as a writer would write it, without a qualifier in parentheses: "Paul Schäfer (politician)". */
export function withoutQualifier(title: string): string {
  return title.replace(/\s*\([^)]*\)\s*$/, '').trim();
}
