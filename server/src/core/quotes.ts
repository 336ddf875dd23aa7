import type { ProseDocument } from './prose.js';
import type { OffsetRange } from './types.js';

export interface Quotation extends OffsetRange {
  /** The words inside the marks. */
  inner: OffsetRange;
}

/**
 * Inline quotations in a block of prose: curly double quotes, straight double quotes
 * paired left to right, and curly single quotes when they open after a space and close
 * before a non-letter (so the apostrophe in "volunteer’s" is not a quote).
 */
export function findQuotations(text: string, start: number, end: number): Quotation[] {
  return scan(text, start, end, undefined);
}

/** A quotation as `scanQuotations` finds it. */
export interface ScannedQuotation extends Quotation {
  /** False when no mark closes it before the end of its block: it runs on to there. */
  closed: boolean;
  /** 0 for a quotation in the prose, 1 for one inside another (‘…’ inside “…”, or the reverse). */
  depth: 0 | 1;
  /** For depth 1, the index of the quotation it sits in. */
  parent?: number;
}

/**
 * The quotations `findQuotations` finds, in order of their opening marks, plus: the one still
 * open at the end of the block (a quotation that runs on into the next paragraph, which by
 * convention opens with a mark again), and quotations one level down, inside another: single
 * quotes (curly, or straight ones opening after a space or the outer mark and closing before
 * a non-letter) inside double ones, and double quotes inside single ones. With `runsOn` (the
 * block before left a quotation open), a closing double mark before any opening one ends a
 * quotation that starts with the block.
 */
export function scanQuotations(text: string, start: number, end: number, runsOn = false): ScannedQuotation[] {
  const top: ScannedQuotation[] = [];
  let from = start;
  if (runsOn) {
    const close = leadingClose(text, start, end);
    if (close > start) {
      top.push({ start, end: close + 1, inner: { start, end: close }, closed: true, depth: 0 });
      from = close + 1;
    }
  }
  scan(text, from, end, top);
  if (top.length === 0) return top;
  const out: ScannedQuotation[] = [];
  for (const q of top) {
    const parent = out.length;
    out.push(q);
    nested(text, q, parent, out);
  }
  return out;
}

/**
 * A closing double mark before any opening one: the end of a quotation left open at the end
 * of the block before ("Smith said: “We will fight. ⏎ And we will win,” she added.").
 * -1 when there is none.
 */
function leadingClose(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === LEFT_DOUBLE || ch === LEFT_SINGLE) return -1;
    if (ch === RIGHT_DOUBLE) return i;
    if (ch === STRAIGHT) return opensAt(text, i, start) ? -1 : i;
  }
  return -1;
}

/** The top-level scan; with `open`, results are ScannedQuotations and an unclosed last quotation is kept. */
function scan(text: string, start: number, end: number, open: ScannedQuotation[] | undefined): Quotation[] {
  const out: Quotation[] = open ?? [];
  let at = -1;
  let openChar = 0;
  // Character codes, not one-character strings: this scans every character of every block.
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (at < 0) {
      if (ch === LEFT_DOUBLE || ((ch === STRAIGHT || ch === LEFT_SINGLE) && opensAt(text, i, start))) {
        at = i;
        openChar = ch;
      }
      continue;
    }
    const closes =
      (openChar === LEFT_DOUBLE && (ch === RIGHT_DOUBLE || (ch === STRAIGHT && !opensAt(text, i, start)))) ||
      (openChar === STRAIGHT && (ch === STRAIGHT || ch === RIGHT_DOUBLE)) ||
      (openChar === LEFT_SINGLE && ch === RIGHT_SINGLE && !isLetter(text, i + 1));
    if (closes) {
      if (open) open.push({ start: at, end: i + 1, inner: { start: at + 1, end: i }, closed: true, depth: 0 });
      else out.push({ start: at, end: i + 1, inner: { start: at + 1, end: i } });
      at = -1;
    } else if (openChar === LEFT_DOUBLE && ch === LEFT_DOUBLE) {
      at = i; // an unclosed quote: restart at the newer one
    }
  }
  if (open && at >= 0) {
    let e = end;
    while (e > at + 1 && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > at + 1) open.push({ start: at, end: e, inner: { start: at + 1, end: e }, closed: false, depth: 0 });
  }
  return out;
}

/** Quotations of the other kind of mark inside `q`'s marks (one level: deeper ones are rare and left to their parent). */
function nested(text: string, q: ScannedQuotation, parent: number, out: ScannedQuotation[]): void {
  const { start, end } = q.inner;
  const outer = text.charCodeAt(q.start);
  const singleInside = outer !== LEFT_SINGLE;
  let at = -1;
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (at < 0) {
      const opens = singleInside ? ch === LEFT_SINGLE || (ch === STRAIGHT_SINGLE && isLetter(text, i + 1)) : ch === LEFT_DOUBLE || ch === STRAIGHT;
      if (opens && opensAt(text, i, start)) at = i;
      continue;
    }
    const closes = singleInside ? (ch === RIGHT_SINGLE || ch === STRAIGHT_SINGLE) && !isLetter(text, i + 1) && !isSpace(text.charCodeAt(i - 1)) : ch === RIGHT_DOUBLE || ch === STRAIGHT;
    if (closes) {
      if (i > at + 1) out.push({ start: at, end: i + 1, inner: { start: at + 1, end: i }, closed: true, depth: 1, parent });
      at = -1;
    }
  }
}

const STRAIGHT = 0x22;
const LEFT_DOUBLE = 0x201c;
const RIGHT_DOUBLE = 0x201d;
const LEFT_SINGLE = 0x2018;
const RIGHT_SINGLE = 0x2019;
const STRAIGHT_SINGLE = 0x27;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0;
}

function isLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return i < text.length && /\p{L}/u.test(text[i]!);
}

function opensAt(text: string, i: number, blockStart: number): boolean {
  return i === blockStart || /[\s([{\u2014\u2013-]/.test(text[i - 1]!);
}

/** All quotations of the document, block by block, in order. */
export function documentQuotations(doc: ProseDocument): Quotation[] {
  const out: Quotation[] = [];
  for (const b of doc.blocks) out.push(...findQuotations(doc.prose, b.start, b.end));
  return out;
}

/** Whether [start, end) lies inside one of the (sorted) ranges. */
export function insideAny(ranges: readonly OffsetRange[], start: number, end: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (end <= r.start) hi = mid - 1;
    else if (start >= r.end) lo = mid + 1;
    else return start >= r.start && end <= r.end;
  }
  return false;
}
