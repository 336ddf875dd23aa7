/**
 * A memo for pure functions of a stretch of text, for analyses that run on every
 * keystroke: after an edit almost every block of a document has the same text as before,
 * so its result can be reused. Bounded by the characters of the keys it holds: when the
 * current generation is full it becomes the previous one (still readable, so one large
 * document's blocks survive a rotation) and the generation before is dropped.
 *
 * A key may be built from slices of a document: what is stored is flattened first.
 */
export class TextMemo<T> {
  private current = new Map<string, T>();
  private previous = new Map<string, T>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get(key: string, compute: () => T): T {
    return this.find(key) ?? this.set(key, compute());
  }

  /** The value stored under a key, if any (one from the previous generation moves to the current one). */
  find(key: string): T | undefined {
    const hit = this.current.get(key);
    if (hit !== undefined) return hit;
    const old = this.previous.get(key);
    return old === undefined ? undefined : this.set(key, old);
  }

  /** Stores a value under a key (replacing any in the current generation); returns the value. */
  set(key: string, value: T): T {
    // The stored key gets its own copy of the characters: a key built from slices of a
    // document keeps that whole version alive (measured: 2 MB per keystroke on a 1 MB file).
    key = ownCopy(key);
    if (!this.current.has(key)) this.chars += key.length;
    this.current.set(key, value);
    if (this.chars > this.maxChars) {
      this.previous = this.current;
      this.current = new Map();
      this.chars = 0;
    }
    return value;
  }
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
 * A memo key for text[start - before, end): the text a block-local result depends on, with
 * how much of it lies before the block (fewer characters at the start of the document).
 */
export function blockKey(text: string, start: number, end: number, before: number): string {
  const from = Math.max(0, start - before);
  return String.fromCharCode(start - from) + text.slice(from, end);
}

/**
 * A memo for results that depend on text[start - before, end). A block with all of
 * `before` behind it is looked up by that slice itself, which V8 hashes and compares in
 * place; blockKey's one-character prefix made every lookup a new cons string that the
 * lookup flattened, a copy of the whole document per analysis (measured on the 1 MB bench
 * document: 3.9 of dated-claim's 4.4 MB allocated per run, 9.5 -> 7.4 ms). The few blocks
 * nearer the start of the document keep blockKey, in a memo of their own so the two kinds of
 * key never meet.
 */
export class BlockMemo<T> {
  private readonly inner: TextMemo<T>;
  private readonly nearStart: TextMemo<T>;

  constructor(
    maxChars: number,
    private readonly before: number,
  ) {
    this.inner = new TextMemo(maxChars);
    this.nearStart = new TextMemo(maxChars);
  }

  get(text: string, start: number, end: number, compute: () => T): T {
    if (start >= this.before) return this.inner.get(text.slice(start - this.before, end), compute);
    return this.nearStart.get(blockKey(text, start, end, this.before), compute);
  }
}

/** A copy of a string that shares no storage with the string it came from. */
export function ownCopy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}
