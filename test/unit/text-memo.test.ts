import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockMemo, TextMemo } from '../../server/src/core/text-memo.js';

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

test('text-memo: a block memo tells blocks apart by their text and by how much of it lies before them', () => {
  const computed: string[] = [];
  const memo = new BlockMemo<string>(1000, 3);
  const scan = (text: string, start: number, end: number): string =>
    memo.get(text, start, end, () => {
      const key = `${text.slice(Math.max(0, start - 3), start)}|${text.slice(start, end)}`;
      computed.push(key);
      return key;
    });
  // The same block text after the same three characters, in two documents: computed once.
  assert.equal(scan('xx abc. Next', 3, 7), 'xx |abc.');
  assert.equal(scan('yyyy xx abc.', 8, 12), 'xx |abc.');
  // Near the start of a document fewer characters lie before the block: "xx abc." at 0 and
  // "x abc." at 1 must not be taken for the full-lookbehind block "xx |abc." (or each other).
  assert.equal(scan('xx abc.', 0, 7), '|xx abc.');
  assert.equal(scan('xx abc.', 1, 7), 'x|x abc.');
  assert.equal(scan('xx abc.', 3, 7), 'xx |abc.');
  assert.deepEqual(computed, ['xx |abc.', '|xx abc.', 'x|x abc.']);
});

test('text-memo: keys are told apart by every character, and a stretch of a text is the same key as that text', () => {
  const memo = new TextMemo<number>(1_000_000);
  // 20,000 keys of one length, most differing from another in one character only.
  const keys = Array.from({ length: 20_000 }, (_, i) => `block ${String(i).padStart(6, '0')} “quoted” text`);
  keys.forEach((k, i) => memo.set(k, i));
  keys.forEach((k, i) => assert.equal(memo.find(k), i, k));
  assert.equal(memo.find('block 000000 “quoted” texT'), undefined);
  assert.equal(memo.find('block 000000 “quoted” tex'), undefined);
  // Read in place: the stretch of a longer text finds what its text was stored under, and back.
  const doc = `prefix ${keys[7]} suffix`;
  assert.equal(memo.findRange(doc, 7, 7 + keys[7]!.length, 0), 7);
  memo.setRange(doc, 0, 6, 0, -1);
  assert.equal(memo.find('prefix'), -1);
  // A seed makes a different key of the same text.
  assert.equal(memo.findRange(doc, 0, 6, 1), undefined);
});
