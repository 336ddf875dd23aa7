/**
 * The compiled form of the lexicon packs (`kind: lexicon`): loaded-term's word lists,
 * compiled once into a token trie and handed to the check through `Knowledge`.
 */

export type Tier = 'strong' | 'possible';

export interface SourceRef {
  title: string;
  url?: string;
}

export interface CategoryInfo {
  id: string;
  label: string;
  /** One line: what this kind of wording does to the reader. */
  description: string;
  source: SourceRef;
}

export interface LexiconEntry {
  /** The wording as the lexicon writes it; the key the `ignore` option and the ignore fix use. */
  term: string;
  category: string;
  tier: Tier;
  note: string;
  alternatives: readonly string[];
  source: SourceRef;
  /** A neutral sense ("a severe winter"): where it matches, loaded entries inside it are not reported. */
  neutral: boolean;
}

/** A trie over normalised tokens; `*` is any one word, `^` (at the root only) a sentence start. */
export interface TrieNode {
  children: Map<string, TrieNode>;
  /** Index into `CompiledLexicon.entries` of the entry ending here, if any. */
  entry: number;
}

export interface CompiledLexicon {
  categories: ReadonlyMap<string, CategoryInfo>;
  entries: readonly LexiconEntry[];
  trie: TrieNode;
  /** Words that, near a quotation, name its speaker ("said", "according"). */
  speechCues: ReadonlySet<string>;
}

export const ANY_WORD = '*';
export const SENTENCE_START = '^';

export function newNode(): TrieNode {
  return { children: new Map(), entry: -1 };
}
