/**
 * Where each character of a rendered text node came from in the Markdown source. A text
 * node's value is its source with escapes and character references decoded, line endings
 * normalised and spaces at line ends trimmed (mdast-util-to-hast's `trimLines`); walking both
 * side by side recovers the offset of every character, so a finding's source range can be
 * cut out of the rendered text exactly. Undefined when the two cannot be lined up: that
 * node is then left unmarked rather than marked in the wrong place.
 */
export function alignText(value: string, source: string, start: number, end: number): number[] | undefined {
  const offsets = new Array<number>(value.length);
  let j = start;
  for (let i = 0; i < value.length; ) {
    if (j >= end) return undefined;
    const v = value[i]!;
    const s = source[j]!;
    if (s === '\\' && source[j + 1] === v) {
      // An escaped character: the backslash is gone, the character is itself.
      offsets[i++] = j + 1;
      j += 2;
    } else if (s === '&' && REFERENCE.test(source.slice(j, j + 40))) {
      // One reference is one character, two code units when it lies beyond the BMP.
      const width = v.charCodeAt(0) >= 0xd800 && v.charCodeAt(0) <= 0xdbff ? 2 : 1;
      for (let k = 0; k < width && i < value.length; k++) offsets[i++] = j;
      j = source.indexOf(';', j) + 1;
    } else if (v === s) {
      offsets[i++] = j++;
    } else if (s === ' ' || s === '\t' || s === '\r') {
      j++;
    } else {
      return undefined;
    }
  }
  return offsets;
}

const REFERENCE = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/** The first index in `offsets` at or after source offset `at` (offsets.length when none). */
export function cutAt(offsets: readonly number[], at: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
