import { partitionPoint } from './ranges.js';

/** Converts between source offsets and 0-based line/character positions (UTF-16 units). */
export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(
    private readonly text: string,
    starts?: number[],
  ) {
    if (starts) {
      this.starts = starts;
      return;
    }
    starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /**
   * The index of `next`, which is `previous`'s text with [start, endOld) replaced by
   * next[start, endNew): line starts before the change are kept, those after it moved, and
   * only the changed stretch is scanned. On a 1 MB document a keystroke scanned the whole
   * text and regrew a 20,000-entry array (about 0.5 MB of garbage per analysis).
   */
  static spliced(previous: LineIndex, next: string, start: number, endOld: number, endNew: number): LineIndex {
    const old = previous.starts;
    const delta = endNew - endOld;
    // Whether offset v of `next` starts a line depends only on the characters at v - 1
    // and v: after LF, or after a CR not followed by LF (as the constructor reads them).
    const middle: number[] = [];
    for (let v = Math.max(1, start); v <= endNew && v <= next.length; v++) {
      const c = next.charCodeAt(v - 1);
      if (c === 10 || (c === 13 && next.charCodeAt(v) !== 10)) middle.push(v);
    }
    const keep = partitionPoint(old.length, (i) => old[i]! < Math.max(1, start));
    const tail = partitionPoint(old.length, (i) => old[i]! < endOld + 1);
    const starts = new Array<number>(keep + middle.length + (old.length - tail));
    let k = 0;
    for (let i = 0; i < keep; i++) starts[k++] = old[i]!;
    for (const v of middle) starts[k++] = v;
    for (let i = tail; i < old.length; i++) starts[k++] = old[i]! + delta;
    return new LineIndex(next, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(o);
    return { line, character: o - this.starts[line]! };
  }

  /** The 0-based line holding `offset` (clamped to the text), without building a Position. */
  lineAt(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The character of `offset` within `line` (as positionAt counts it, for the line lineAt gives). */
  characterAt(offset: number, line: number): number {
    return Math.max(0, Math.min(offset, this.text.length)) - this.starts[line]!;
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const lineStart = this.starts[position.line]!;
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1]! : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + position.character, next));
  }
}
