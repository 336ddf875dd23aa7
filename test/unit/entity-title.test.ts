import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { run, SAMPLE } from '../helpers.js';

const on = (date: string) => ({ referenceDate: { date, source: 'cli' as const } });

function titles(text: string, date: string): string[] {
  return run(text, on(date))
    .findings.filter((f) => f.ruleId === 'entity-title')
    .map((f) => f.text);
}

/** [text, date, expected finding texts] */
const TABLE: Array<[string, string, string[]]> = [
  // A title held before the date, by a full name, a surname or an abbreviation.
  ['Speaker Boehner returned to Ohio.', '2017-03-05', ['Speaker']],
  ['Speaker John Boehner returned to Ohio.', '2017-03-05', ['Speaker']],
  ['Vice President Biden spoke.', '2018-06-01', ['Vice President']],
  ['Secretary Clinton campaigned.', '2016-05-01', ['Secretary']],
  ['Gov. Christie toured the shore.', '2019-01-10', ['Gov.']],
  // A title taken only after the date, on the compiled office records.
  ['Vice President Mike Pence spoke.', '2015-03-03', ['Vice President']],
  // Not findings: the title fits on the date.
  ['Speaker Boehner invited him.', '2014-06-01', []],
  ['Gov. Christie and Sen. McConnell met.', '2014-06-01', []],
  ['Vice President Mike Pence spoke.', '2018-03-03', []],
  ['Prime Minister Johnson spoke.', '2020-03-01', []],
  // Not findings: the writer dates the title.
  ['former Speaker Boehner returned.', '2017-03-05', []],
  ['then-Vice President Biden spoke in 2010.', '2018-06-01', []],
  ['Former Secretary Clinton campaigned.', '2016-05-01', []],
  ['former Vermont Gov. Howard Dean spoke.', '2015-07-01', []],
  ['then-French President Nicolas Sarkozy brokered it.', '2015-07-01', []],
  ['Minnesota state Rep. Ilhan Omar tweeted.', '2018-10-28', []],
  // History: a paragraph naming a year of the office, a long-gone or dead holder, "'s administration".
  ['In 2013 President Goodluck Jonathan declared war on Boko Haram.', '2015-07-01', []],
  ['President Reagan signed the King holiday into law.', '2015-07-01', []],
  ['Olson was solicitor general in President George W. Bush’s administration.', '2012-11-19', []],
  ['President Lincoln freed the slaves.', '2015-07-01', []],
  // Before 2000 the records may miss an earlier term (Netanyahu was also Prime Minister in 1996–1999).
  ['Prime Minister Netanyahu spoke.', '1998-03-01', []],
  // Not findings: in a quotation, the speaker's words.
  ['“Speaker Boehner is a friend,” she said.', '2017-03-05', []],
  ['> Speaker Boehner returned to Ohio.', '2017-03-05', []],
  // Not findings: the knowledge cannot decide (a style no record gives him, honorifics, unknown or ambiguous names).
  ['President Kim has been shuttling.', '2019-06-21', []],
  ['Mr. Boehner returned.', '2017-03-05', []],
  ['Speaker Smithers objected.', '2017-03-05', []],
  ['Sen. Johnson spoke.', '2014-06-01', []],
];

for (const [text, date, expected] of TABLE) {
  test(`entity-title on ${date}: ${JSON.stringify(text)}`, () => {
    assert.deepEqual(titles(text, date), expected);
  });
}

test('entity-title: a past title says when it ended and offers "former"', () => {
  const f = run('Speaker Boehner returned to Ohio.', on('2017-03-05')).findings.find((x) => x.ruleId === 'entity-title')!;
  assert.equal(f.severity, 'hint');
  assert.match(f.message, /"Speaker" does not fit John Boehner on 5 March 2017: he was Speaker of the House of Representatives \(United States\) from 3 January 2011 to 29 October 2015/);
  assert.deepEqual(
    f.suggestions.map((s) => s.replacement),
    ['Former Speaker', 'Then-Speaker'],
  );
  const mid = run('In Ohio, Speaker Boehner spoke.', on('2017-03-05')).findings.find((x) => x.ruleId === 'entity-title')!;
  assert.equal(mid.suggestions[0]!.replacement, 'former Speaker');
});

test('entity-title: a later title names the office held on the date and offers its title', () => {
  const f = run('Vice President Mike Pence spoke.', on('2015-03-03')).findings.find((x) => x.ruleId === 'entity-title')!;
  assert.match(f.message, /became Vice President of the United States only on 20 January 2017/);
  assert.match(f.message, /Governor of Indiana \(since 14 January 2013\)/);
  assert.ok(f.suggestions.some((s) => s.replacement === 'Governor'), JSON.stringify(f.suggestions));
});

test('entity-title: the rule can be turned off, and the sample has no finding', () => {
  assert.deepEqual(run('Speaker Boehner returned.', { ...on('2017-03-05'), rules: { 'entity-title': 'off' } }).findings.filter((f) => f.ruleId === 'entity-title'), []);
  const sample = readFileSync(SAMPLE, 'utf8');
  assert.deepEqual(run(sample).findings.filter((f) => f.ruleId === 'entity-title'), []);
});
