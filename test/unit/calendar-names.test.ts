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
  assert.deepEqual(hits('It began in June, and in July 2019 it ended.'), [['June,', { kind: 'month', month: 6 }]]);
  assert.deepEqual(hits('From Sept. 2019 to March.'), [['March', { kind: 'month', month: 3 }]]);
  assert.deepEqual(hits('It ended in June. 2019 was worse.'), [['June', { kind: 'month', month: 6 }]]);
  assert.deepEqual(hits('The talks resume in March.'), [['March', { kind: 'month', month: 3 }]]);
});
