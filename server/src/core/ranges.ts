import type { Suggestion } from './types.js';

/** Index of the first item starting at or after `offset`, in items sorted by start. */
export function lowerBound(items: readonly { start: number }[], offset: number): number {
  return partitionPoint(items.length, (i) => items[i]!.start < offset);
}

/** The first index in [0, n) where `before` turns false, for a `before` true on a prefix only. */
export function partitionPoint(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Suggestions with every edit's offsets passed through `map`, their titles and texts shared. */
export function mapEdits(suggestions: readonly Suggestion[], map: (offset: number) => number): Suggestion[] {
  return suggestions.map((s) => ({ ...s, edits: s.edits.map((e) => ({ ...e, start: map(e.start), end: map(e.end) })) }));
}
