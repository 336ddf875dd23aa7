import { createHash } from 'node:crypto';

/**
 * `--shard i/n`: the files of shard i of n, for a CI matrix that spreads an archive over
 * machines. A file's shard depends on its path alone (a hash of the path as reports show
 * it), so every machine agrees without talking to the others, and adding or removing files
 * never moves the rest from one shard to another. Shards are even in expectation, not
 * exactly: that is the price of stability.
 */

export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n); undefined when it is not that. */
export function parseShard(spec: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/** The shard (1-based) a path falls in. */
export function shardOf(path: string, count: number): number {
  return (createHash('sha256').update(path).digest().readUInt32BE(0) % count) + 1;
}

export function inShard(path: string, shard: Shard): boolean {
  return shardOf(path, shard.count) === shard.index;
}
