import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/line-index.js';
import { seededRandom as rng } from '../helpers.js';

/**
 * A line index carried across an edit (LineIndex.spliced) must equal one built from the new
 * text, for any replaced stretch: edits that add, remove, split or join CR, LF and CRLF
 * line ends, at the start and the end of the text, with stretches wider than the edit.
 */

const CHARS = ['a', 'b', ' ', '\n', '\r', '\r\n', '\n\n'];

function randomText(random: () => number, length: number): string {
  let s = '';
  while (s.length < length) s += CHARS[Math.floor(random() * CHARS.length)]!;
  return s;
}

function positions(lines: LineIndex, length: number): unknown[] {
  const out: unknown[] = [lines.lineCount];
  for (let o = 0; o <= length + 1; o++) out.push(lines.positionAt(o));
  return out;
}

test('a spliced line index equals a fresh one over random edits', () => {
  const random = rng(4242);
  for (let round = 0; round < 3000; round++) {
    const prev = randomText(random, Math.floor(random() * 40));
    const a = Math.floor(random() * (prev.length + 1));
    const b = a + Math.floor(random() * (prev.length - a + 1));
    const inserted = randomText(random, Math.floor(random() * 6));
    const next = prev.slice(0, a) + inserted + prev.slice(b);
    // The stretch handed over may be wider than the edit itself, as the re-parsed blocks are.
    const start = Math.max(0, a - Math.floor(random() * 3));
    const endOld = Math.min(prev.length, b + Math.floor(random() * 3));
    const endNew = endOld + next.length - prev.length;
    const spliced = LineIndex.spliced(new LineIndex(prev), next, start, endOld, endNew);
    const fresh = new LineIndex(next);
    assert.deepEqual(spliced, fresh, JSON.stringify({ prev, next, start, endOld, endNew }));
    assert.deepEqual(positions(spliced, next.length), positions(fresh, next.length));
  }
});
