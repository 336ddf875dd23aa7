/**
 * A memo for pure functions of a stretch of text, for analyses that run on every
 * keystroke: after an edit almost every block of a document has the same text as before,
 * so its result can be reused. Bounded by the characters of the keys it holds: when the
 * current generation is full it becomes the previous one (still readable, so one large
 * document's blocks survive a rotation) and the generation before is dropped.
 *
 * A key is kept as a fingerprint, not as text: its length and two 32-bit hashes of its
 * characters. Kept as text, the keys were copies of every block of the open document (3.8
 * MB of the server's 38 MB live heap on the 1 MB bench document, which V8 lets grow to
 * twice that between collections). Two keys of one length whose two hashes both agree
 * would be taken for each other: about one chance in 10^19 for a pair of blocks. A key is
 * a stretch of a text, text[from, to), read in place (no slice or copy is made), and a
 * seed that tells apart keys that should not meet (how much of a block's lookbehind
 * exists at the start of a document).
 */
export class TextMemo<T> {
  private current = new Map<number, Slot<T>>();
  private previous = new Map<number, Slot<T>>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get(key: string, compute: () => T): T {
    return this.getRange(key, 0, key.length, 0, compute);
  }

  /** The value stored under a key, if any (one from the previous generation moves to the current one). */
  find(key: string): T | undefined {
    return this.findRange(key, 0, key.length, 0);
  }

  /** Stores a value under a key (replacing any in the current generation); returns the value. */
  set(key: string, value: T): T {
    return this.setRange(key, 0, key.length, 0, value);
  }

  getRange(text: string, from: number, to: number, seed: number, compute: () => T): T {
    fingerprint(text, from, to, seed);
    const key = fingerprintKey;
    const check = fingerprintCheck;
    const hit = this.lookup(key, check, to - from);
    return hit !== undefined ? hit : this.stored(key, check, to - from, compute());
  }

  findRange(text: string, from: number, to: number, seed: number): T | undefined {
    fingerprint(text, from, to, seed);
    return this.lookup(fingerprintKey, fingerprintCheck, to - from);
  }

  setRange(text: string, from: number, to: number, seed: number, value: T): T {
    fingerprint(text, from, to, seed);
    return this.stored(fingerprintKey, fingerprintCheck, to - from, value);
  }

  private lookup(key: number, check: number, length: number): T | undefined {
    const hit = this.current.get(key);
    if (hit !== undefined && hit.length === length && hit.check === check) return hit.value;
    const old = this.previous.get(key);
    return old !== undefined && old.length === length && old.check === check ? this.stored(key, check, length, old.value) : undefined;
  }

  private stored(key: number, check: number, length: number, value: T): T {
    if (!this.current.has(key)) this.chars += length;
    this.current.set(key, { length, check, value });
    if (this.chars > this.maxChars) {
      this.previous = this.current;
      this.current = new Map();
      this.chars = 0;
    }
    return value;
  }
}

interface Slot<T> {
  length: number;
  /** 30 bits of the second hash (a small integer, stored inline). */
  check: number;
  value: T;
}

/** The fingerprint `fingerprint` computed last, read straight after (module state, so a lookup allocates nothing). */
let fingerprintKey = 0;
let fingerprintCheck = 0;

/**
 * Two 32-bit hashes of text[from, to) and a seed, FNV-1a and a multiply-xorshift mix,
 * over UTF-16 code units. Computed in place at about 1.4 ms per million characters, as
 * fast as V8 slicing and hashing the same blocks for a map of strings.
 */
function fingerprint(text: string, from: number, to: number, seed: number): void {
  let h1 = 0x811c9dc5 ^ seed;
  let h2 = 0x9747b28c ^ Math.imul(seed, 0x5bd1e995);
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  const second = h2 >>> 0;
  // The map key: the first hash and 21 bits of the second, an exact integer below 2^53 (no
  // two blocks' keys meet in practice).
  fingerprintKey = (h1 >>> 0) * 0x200000 + (second & 0x1fffff);
  // The slot's check, 30 bits: V8 stores integers that small inline, where a larger one is
  // a heap object per slot (7,600 of them for the 1 MB bench document's memos).
  fingerprintCheck = second >>> 2;
}

/** Characters a block memo holds: every block of a document up to about 3 MB stays cached between keystrokes. */
export const BLOCK_MEMO_CHARS = 3_000_000;

let blockMemosOn = true;

/**
 * Whether the analyses' block memos keep results from one document to the next (by
 * default, for the editor). A one-shot run over files (the CLI) never meets a block twice:
 * there a memo only copies and hashes every block (measured for dated-claim: ~150 ms of
 * 1,000 op-eds, about a fifth of that check, plus the garbage).
 */
export function useBlockMemos(on: boolean): void {
  blockMemosOn = on;
}

export function blockMemosInUse(): boolean {
  return blockMemosOn;
}

/**
 * A memo for results that depend on text[start - before, end): the block and what lies
 * just before it, read in place. A block nearer the start of the document than `before`
 * has fewer characters before it; how many is the fingerprint's seed, so such a block is
 * never taken for one with its whole lookbehind (or for another nearer the start).
 */
export class BlockMemo<T> {
  private readonly memo: TextMemo<T>;

  constructor(
    maxChars: number,
    private readonly before: number,
  ) {
    this.memo = new TextMemo(maxChars);
  }

  get(text: string, start: number, end: number, compute: () => T): T {
    const from = Math.max(0, start - this.before);
    return this.memo.getRange(text, from, end, start - from === this.before ? 0 : start - from + 1, compute);
  }
}

/** A copy of a string that shares no storage with the string it came from. */
export function ownCopy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}
