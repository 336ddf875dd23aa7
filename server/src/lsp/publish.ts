/**
 * Notifications the server sends per document (diagnostics, status), at most one in flight
 * per document and kind: while one is still being written, a newer one replaces any other
 * waiting, and goes when the first is out. A client that stops reading its input (the pipe
 * full, every write waiting) then holds the server to one pending message per document
 * instead of one per keystroke, and gets the latest state when it reads again.
 */
export class LatestOnly<T> {
  private readonly busy = new Set<string>();
  private readonly waiting = new Map<string, T>();

  constructor(private readonly send: (message: T) => Promise<void>) {}

  post(key: string, message: T): void {
    if (this.busy.has(key)) {
      this.waiting.set(key, message);
      return;
    }
    this.busy.add(key);
    const done = (): void => {
      this.busy.delete(key);
      const next = this.waiting.get(key);
      if (next !== undefined) {
        this.waiting.delete(key);
        this.post(key, next);
      }
    };
    this.send(message).then(done, done);
  }

  /** Messages waiting behind one in flight (for tests). */
  get backlog(): number {
    return this.waiting.size;
  }
}
