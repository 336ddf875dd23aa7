import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { run, SAMPLE, TODAY } from '../helpers.js';

test('reference date: the sample infers 2019-06-21 from "20-21 June 2019"', () => {
  const a = run(readFileSync(SAMPLE, 'utf8'));
  assert.equal(a.referenceDate.date, '2019-06-21');
  assert.equal(a.referenceDate.source, 'inferred');
});

const CASES: Array<[string, { date?: string; cli?: string }, string, string]> = [
  ['---\ndate: 2019-06-25\n---\nOn 20 June 2019.', {}, '2019-06-25', 'front-matter'],
  ['---\npublished: 2018-01-02T10:00:00Z\n---\nText.', {}, '2018-01-02', 'front-matter'],
  ['---\npublishDate: 21 June 2019\n---\nText.', {}, '2019-06-21', 'front-matter'],
  ['---\ndate: 2019-06-25\n---\nText.', { cli: '2001-01-01' }, '2019-06-25', 'front-matter'],
  ['Text on 3 March 2018 and June 5, 2017.', { cli: '2001-01-01' }, '2001-01-01', 'cli'],
  ['Text on 3 March 2018 and June 5, 2017.', {}, '2018-03-03', 'inferred'],
  ['Only a year: 2011, and March 2012.', {}, TODAY, 'today'],
  ['```\n20 June 2019\n```\n', {}, TODAY, 'today'],
  ['In 2019 they said the deal would close in 3 days, on 5 June 2018.', {}, '2018-06-05', 'inferred'],
  ['In 2019 the talks would resume for 2 weeks.', {}, TODAY, 'today'],
];

for (const [text, opts, date, source] of CASES) {
  test(`reference date: ${JSON.stringify(text)} → ${date} (${source})`, () => {
    const a = run(text, opts.cli ? { referenceDate: { date: opts.cli, source: 'cli' } } : {});
    assert.equal(a.referenceDate.date, date);
    assert.equal(a.referenceDate.source, source);
  });
}
