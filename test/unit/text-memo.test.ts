import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextMemo } from '../../server/src/core/text-memo.js';

/** The block memo: results survive one rotation of generations, and no more. */

function counting(memo: TextMemo<string>): { get(key: string): string; computed: string[] } {
  const computed: string[] = [];
  return {
    computed,
    get: (key) =>
      memo.get(key, () => {
        computed.push(key);
        return key.toUpperCase();
      }),
  };
}

test('text-memo: a key is computed once while it stays in the current or the previous generation', () => {
  const m = counting(new TextMemo<string>(10));
  assert.equal(m.get('abcd'), 'ABCD');
  assert.equal(m.get('abcd'), 'ABCD');
  assert.equal(m.get('efgh'), 'EFGH');
  // 12 characters: the generation is full and becomes the previous one; both are still read.
  assert.equal(m.get('ijkl'), 'IJKL');
  assert.deepEqual(m.computed, ['abcd', 'efgh', 'ijkl']);
  assert.equal(m.get('abcd'), 'ABCD');
  assert.equal(m.get('efgh'), 'EFGH');
  assert.deepEqual(m.computed, ['abcd', 'efgh', 'ijkl']);
});

test('text-memo: what was not read during a whole generation is dropped', () => {
  const m = counting(new TextMemo<string>(10));
  for (const key of ['aaaa', 'bbbb', 'cccc']) m.get(key); // rotation: all three become previous
  for (const key of ['dddd', 'eeee', 'ffff']) m.get(key); // rotation: the first three are dropped
  m.get('aaaa');
  m.get('dddd');
  assert.deepEqual(m.computed, ['aaaa', 'bbbb', 'cccc', 'dddd', 'eeee', 'ffff', 'aaaa']);
});

test('text-memo: a document larger than a generation keeps being served as it is read again in order', () => {
  // Blocks of a "document" of 30 characters read repeatedly through a 20-character memo:
  // each pass finds every block in one of the two generations after the first.
  const m = counting(new TextMemo<string>(20));
  const blocks = ['b1--', 'b2--', 'b3--', 'b4--', 'b5--', 'b6--', 'b7--'];
  for (const b of blocks) m.get(b);
  const first = m.computed.length;
  for (let pass = 0; pass < 3; pass++) for (const b of blocks) m.get(b);
  assert.equal(first, blocks.length);
  assert.ok(m.computed.length - first <= blocks.length, `recomputed ${m.computed.length - first} blocks over three passes`);
});
