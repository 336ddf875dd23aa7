import { expandWording } from './wording.js';
import { insert } from './trie.js';
import { newNode, type CategoryInfo, type LexiconEntry, type TrieNode } from './types.js';

/** A term the configuration adds (`rules.loaded-term.extra`). */
export interface ExtraTerm {
  term: string;
  category: string;
  note?: string | undefined;
  alternatives: readonly string[];
}

export interface CompiledExtra {
  trie: TrieNode;
  entries: LexiconEntry[];
  /** The lexicon's categories plus any the configuration names that the lexicon lacks. */
  categories: ReadonlyMap<string, CategoryInfo>;
}

const CONFIG_SOURCE = { title: 'workspace configuration (rules.loaded-term.extra)' };
/** Per lexicon (its categories map), the last few configurations compiled. */
const caches = new WeakMap<ReadonlyMap<string, CategoryInfo>, Map<string, CompiledExtra>>();
const CACHE_LIMIT = 16;

/** Compiles the configured extra terms, once per distinct configuration. Unreadable wordings are skipped. */
export function compileExtraTerms(extra: readonly ExtraTerm[], base: ReadonlyMap<string, CategoryInfo>): CompiledExtra {
  let cache = caches.get(base);
  if (!cache) {
    cache = new Map();
    caches.set(base, cache);
  }
  const key = JSON.stringify(extra);
  const cached = cache.get(key);
  if (cached) return cached;
  const trie = newNode();
  const entries: LexiconEntry[] = [];
  const categories = new Map(base);
  for (const e of extra) {
    const expansion = expandWording(e.term);
    if ('error' in expansion) continue;
    if (!categories.has(e.category)) {
      categories.set(e.category, { id: e.category, label: e.category, description: 'A term added in this workspace\u2019s configuration.', source: CONFIG_SOURCE });
    }
    const index = entries.length;
    entries.push({
      term: e.term,
      category: e.category,
      tier: 'strong',
      note: e.note ?? 'Listed as loaded in this workspace\u2019s configuration.',
      alternatives: e.alternatives,
      source: CONFIG_SOURCE,
      neutral: false,
    });
    for (const sequence of expansion.sequences) insert(trie, sequence, index);
  }
  const compiled = { trie, entries, categories };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}
