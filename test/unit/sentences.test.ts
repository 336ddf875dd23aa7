import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences } from '../../server/src/core/sentences.js';

function split(text: string): string[] {
  return splitSentences(text, 0, text.length).map((s) => text.slice(s.start, s.end));
}

const CASES: Array<[string, string[]]> = [
  ['One. Two! Three? Four', ['One.', 'Two!', 'Three?', 'Four']],
  ['The U.S. and the U.K. agreed. Then they met.', ['The U.S. and the U.K. agreed.', 'Then they met.']],
  ['Dr. Smith met Mr. Jones. They talked.', ['Dr. Smith met Mr. Jones.', 'They talked.']],
  ['Most recently, President Vladimir V. Putin of Russia. Then more.', ['Most recently, President Vladimir V. Putin of Russia.', 'Then more.']],
  ['He met President Xi and President. Trump, and others.', ['He met President Xi and President. Trump, and others.']],
  ['Growth was 2.5 per cent. It slowed.', ['Growth was 2.5 per cent.', 'It slowed.']],
  ['He said “We will win.” Nobody believed him.', ['He said “We will win.”', 'Nobody believed him.']],
  ['He left (as planned.) Then he came back.', ['He left (as planned.)', 'Then he came back.']],
  ['It was e.g. a test. Fine.', ['It was e.g. a test.', 'Fine.']],
  ['See No. 5 for details. Next.', ['See No. 5 for details.', 'Next.']],
  ['I said no. Then I left.', ['I said no.', 'Then I left.']],
  ['Wait... What happened?', ['Wait...', 'What happened?']],
  ['lower case. after a period stays', ['lower case. after a period stays']],
  ['J. K. Rowling wrote it. Yes.', ['J. K. Rowling wrote it.', 'Yes.']],
  ['Meet the President. The crowd cheered.', ['Meet the President.', 'The crowd cheered.']],
  ['  Leading space. And trailing.  ', ['Leading space.', 'And trailing.']],
];

for (const [text, expected] of CASES) {
  test(`sentences: ${text}`, () => assert.deepEqual(split(text), expected));
}

test('sentences: a sub-range splits in place, with offsets into the whole text', () => {
  const text = 'IGNORED. One. Two.';
  const got = splitSentences(text, 9, text.length);
  assert.deepEqual(got.map((s) => text.slice(s.start, s.end)), ['One.', 'Two.']);
});
