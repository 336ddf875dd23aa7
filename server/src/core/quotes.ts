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
  let openChar = '';
  for (let i = start; i < end; i++) {
    const ch = text[i]!;
    if (open < 0) {
      if (ch === '\u201C' || (ch === '"' && opensAt(text, i, start)) || (ch === '\u2018' && opensAt(text, i, start))) {
        open = i;
        openChar = ch;
      }
      continue;
    }
    const closes =
      (openChar === '\u201C' && (ch === '\u201D' || (ch === '"' && !opensAt(text, i, start)))) ||
      (openChar === '"' && (ch === '"' || ch === '\u201D')) ||
      (openChar === '\u2018' && ch === '\u2019' && !/\p{L}/u.test(text[i + 1] ?? ''));
    if (closes) {
      out.push({ start: open, end: i + 1, inner: { start: open + 1, end: i } });
      open = -1;
    } else if (openChar === '\u201C' && ch === '\u201C') {
      open = i; // an unclosed quote: restart at the newer one
    }
  }
  return out;
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
