import { ANY_WORD, SENTENCE_START, newNode, type TrieNode } from './types.js';
import type { Token } from './tokens.js';

/** Adds one token sequence; returns the entry it replaced (a later pack overrides an earlier one). */
export function insert(root: TrieNode, sequence: readonly string[], entry: number): number {
  let node = root;
  for (const key of sequence) {
    let next = node.children.get(key);
    if (!next) {
      next = newNode();
      node.children.set(key, next);
    }
    node = next;
  }
  const previous = node.entry;
  node.entry = entry;
  return previous;
}

export interface TrieMatch {
  /** Token indices, end exclusive. */
  first: number;
  last: number;
  entry: number;
}

/**
 * Every wording that matches at every token: one walk down the trie from each token,
 * as deep as the longest wording (a handful of tokens), following the exact word, its
 * possessive stem ("regime's" → "regime") and the any-word branch.
 * `usable[i]` false hides token i (inside a direct quotation): no match crosses it.
 */
export function matchTokens(root: TrieNode, tokens: readonly Token[], usable: readonly boolean[], out: TrieMatch[]): void {
  const anchored = root.children.get(SENTENCE_START);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!usable[i] || !t.word) continue;
    walk(root, tokens, usable, i, i, out);
    if (anchored && t.sentenceStart) walk(anchored, tokens, usable, i, i, out);
  }
}

function walk(node: TrieNode, tokens: readonly Token[], usable: readonly boolean[], first: number, at: number, out: TrieMatch[]): void {
  if (at >= tokens.length || !usable[at]) return;
  const t = tokens[at]!;
  if (at > first && t.block !== tokens[first]!.block) return;
  visit(node.children.get(t.norm), tokens, usable, first, at, out);
  if (t.word) {
    if (t.norm.length > 3 && t.norm.endsWith("'s")) visit(node.children.get(t.norm.slice(0, -2)), tokens, usable, first, at, out);
    visit(node.children.get(ANY_WORD), tokens, usable, first, at, out);
  }
}

function visit(next: TrieNode | undefined, tokens: readonly Token[], usable: readonly boolean[], first: number, at: number, out: TrieMatch[]): void {
  if (!next) return;
  if (next.entry >= 0) out.push({ first, last: at + 1, entry: next.entry });
  if (next.children.size > 0) walk(next, tokens, usable, first, at + 1, out);
}
