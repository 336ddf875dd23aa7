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
  const out: Quotation[] = [];
  let open = -1;
  let openChar = 0;
  // Character codes, not one-character strings: this scans every character of every block.
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (open < 0) {
      if (ch === LEFT_DOUBLE || ((ch === STRAIGHT || ch === LEFT_SINGLE) && opensAt(text, i, start))) {
        open = i;
        openChar = ch;
      }
      continue;
    }
    const closes =
      (openChar === LEFT_DOUBLE && (ch === RIGHT_DOUBLE || (ch === STRAIGHT && !opensAt(text, i, start)))) ||
      (openChar === STRAIGHT && (ch === STRAIGHT || ch === RIGHT_DOUBLE)) ||
      (openChar === LEFT_SINGLE && ch === RIGHT_SINGLE && !/\p{L}/u.test(text[i + 1] ?? ''));
    if (closes) {
      out.push({ start: open, end: i + 1, inner: { start: open + 1, end: i } });
      open = -1;
    } else if (openChar === LEFT_DOUBLE && ch === LEFT_DOUBLE) {
      open = i; // an unclosed quote: restart at the newer one
    }
  }
  return out;
}

const STRAIGHT = 0x22;
const LEFT_DOUBLE = 0x201c;
const RIGHT_DOUBLE = 0x201d;
const LEFT_SINGLE = 0x2018;
const RIGHT_SINGLE = 0x2019;

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
