import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarNameHits } from '../../server/src/core/time/calendar-names.js';

function hits(text: string): Array<[string, unknown]> {
  return calendarNameHits(text, 0, text.length).map((h) => [text.slice(h.start, h.end), h.meaning]);
}

test('a month written with its year is no calendar-name hit, however the year is attached', () => {
  assert.deepEqual(hits('The vote was in June 2019.'), []);
  assert.deepEqual(hits('It was signed on June 5, 2019, in Osaka.'), []);
  assert.deepEqual(hits('They met on Friday, June 5, 2019.'), []);
  assert.deepEqual(hits('It may end by March 2020.'), []);
});

test('a month beside a dated one is still found, and so is one whose period ends a sentence before a year', () => {
  // Windows that name only dates with years skip chrono; these must not be taken for such.
  assert.deepEqual(hits('It began in June, and in July 2019 it ended.'), [['June', { kind: 'month', month: 6 }]]);
  assert.deepEqual(hits('From Sept. 2019 to March.'), [['March', { kind: 'month', month: 3 }]]);
  assert.deepEqual(hits('It ended in June. 2019 was worse.'), [['June', { kind: 'month', month: 6 }]]);
  assert.deepEqual(hits('The talks resume in March.'), [['March', { kind: 'month', month: 3 }]]);
});

/** [text, the hits' exact texts]: the date alone, never the punctuation or space chrono reads on. */
const EXACT: Array<[string, string[]]> = [
  ['The minister resigned on Friday, and the party split.', ['on Friday']],
  ['On Friday, the minister resigned.', ['On Friday']],
  ['By Friday, everyone had left.', ['Friday']],
  ['WASHINGTON, August 11 (Xinhua) -- Albright spoke.', ['August 11']],
  ['They met on Sept. 30; then again.', ['Sept. 30']],
  ['The talks collapsed Friday — and then resumed.', ['Friday']],
  // the period of an abbreviation is part of the date
  ['They met in Jan. Then they parted.', ['Jan.']],
];

for (const [text, expected] of EXACT) {
  test(`calendar names: exact range in ${JSON.stringify(text)}`, () => {
    assert.deepEqual(hits(text).map(([t]) => t), expected);
  });
}

/** [text, the hits' texts]: named days are names, not dates to count from the time of writing. */
const NAMED: Array<[string, string[]]> = [
  ['The attacks of Sept. 11 changed everything.', []],
  ['The Sept. 11 attacks changed everything.', []],
  ['The September 11th attacks changed everything.', []],
  ['Since Sept. 11, the country has changed.', []],
  ['In post-Sept. 11 America, fear reigned.', []],
  ['They celebrated the Fourth of July in Boston.', []],
  ['On the Fourth of July, fireworks filled the sky.', []],
  ['Black Friday sales were weak.', []],
  ['Shoppers crowded stores on Black Friday.', []],
  ['Cyber Monday brought record sales.', []],
  ['The Good Friday Agreement holds.', []],
  ['Super Tuesday decided the race.', []],
  // the same words as dates
  ['The committee meets on Sept. 11 to vote.', ['Sept. 11']],
  ['The deadline is September 11th.', ['September 11th']],
  ['It was a good Friday for the markets.', ['Friday']],
  ['He met Putin Friday.', ['Friday']],
  ['The parade is on July 4.', ['July 4']],
];

for (const [text, expected] of NAMED) {
  test(`calendar names: ${JSON.stringify(text)}`, () => {
    assert.deepEqual(hits(text).map(([t]) => t), expected);
  });
}
