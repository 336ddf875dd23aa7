import type { AliasEntry, AliasTarget, TrieNode } from './model.js';
import { caseOf, tokenize } from './tokens.js';

export function emptyNode(): TrieNode {
  return { next: new Map(), entries: [] };
}

/** Adds an alias; returns false when it has no word in it. */
export function insertAlias(root: TrieNode, written: string, target: AliasTarget): boolean {
  const tokens = tokenize(written);
  if (tokens.length === 0) return false;
  let node = root;
  for (const token of tokens) {
    let child = node.next.get(token.norm);
    if (!child) {
      child = emptyNode();
      node.next.set(token.norm, child);
    }
    node = child;
  }
  const cases = tokens.map((t) => caseOf(t.raw));
  const same = node.entries.find((e) => sameTarget(e.target, target) && e.cases.join() === cases.join());
  if (!same) node.entries.push({ target, cases, written } satisfies AliasEntry);
  return true;
}

function sameTarget(a: AliasTarget, b: AliasTarget): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'entity':
      return b.kind === 'entity' && a.id === b.id && a.misspelling === b.misspelling && a.from === b.from && a.to === b.to;
    case 'title':
      return b.kind === 'title' && a.style === b.style;
    case 'demonym':
      return b.kind === 'demonym' && a.countryId === b.countryId;
    case 'surname':
      return b.kind === 'surname' && a.ids.join() === b.ids.join();
  }
}
