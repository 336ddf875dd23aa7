import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, texts } from '../helpers.js';

test('front-matter: an invalid front-matter date is a finding, not a guess', () => {
  const a = run('---\ndate: 2019-13-45\n---\nOn 20 June 2019.');
  assert.deepEqual(texts(a, 'front-matter'), ['2019-13-45']);
  assert.equal(a.referenceDate.source, 'inferred');
  assert.match(a.findings.find((f) => f.ruleId === 'front-matter')!.message, /not a valid date/);
});

test('front-matter: malformed front matter is a finding and nothing throws', () => {
  const a = run('---\ntitle: [unclosed\n---\nText.');
  assert.equal(a.findings.filter((f) => f.ruleId === 'front-matter').length >= 1, true);
  assert.equal(a.referenceDate.source, 'today');
});

test('front-matter: valid front matter and documents without any are fine', () => {
  assert.deepEqual(texts(run('---\ntitle: A\ndate: 2019-06-21\n---\nText.'), 'front-matter'), []);
  assert.deepEqual(texts(run('No front matter at all.'), 'front-matter'), []);
  assert.deepEqual(texts(run('---\ntitle: A\n---\nText.'), 'front-matter'), []);
});

test('front-matter: every unusable date key is reported', () => {
  const a = run('---\ndate: soon\npublished: 2019-02-30\n---\nText.');
  assert.deepEqual(texts(a, 'front-matter'), ['soon', '2019-02-30']);
});
