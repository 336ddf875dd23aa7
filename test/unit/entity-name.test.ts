import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { run, SAMPLE } from '../helpers.js';

const opts = { referenceDate: { date: '2019-06-21', source: 'cli' as const } };

/** [text, expected finding texts] */
const TABLE: Array<[string, string[]]> = [
  ['President Xi Jin Ping visited Pyongyang.', ['Xi Jin Ping']],
  ['Kim Jung Un met Moon Jai-in.', ['Kim Jung Un', 'Moon Jai-in']],
  ['he met President Xi and President. Trump, and others', ['President. Trump']],
  // Not findings: accepted romanisations, sentence ends, quotations, unknown names, wrong titles.
  ['Kim Jong-un, Kim Jong Un and Mun Jae-in.', []],
  ['We met the President. Trump said nothing.', []],
  ['Mr. Trump met Dr. Kim and Mrs. May.', []],
  ['The banner read “Welcome, Xi Jin Ping” in large letters.', []],
  ['> President Xi Jin Ping visited.', []],
  ['President Kim has been shuttling. Xi Jinpingo is nobody.', []],
];

for (const [text, expected] of TABLE) {
  test(`entity-name: ${JSON.stringify(text)}`, () => {
    const findings = run(text, opts).findings.filter((f) => f.ruleId === 'entity-name');
    assert.deepEqual(findings.map((f) => f.text), expected);
    for (const f of findings) assert.equal(f.severity, 'hint');
  });
}

test('entity-name: the fix writes the usual spelling over the name only', () => {
  const text = 'President Xi Jin Ping visited.';
  const [f] = run(text, opts).findings.filter((x) => x.ruleId === 'entity-name');
  assert.ok(f);
  assert.match(f.message, /"Xi Jin Ping" is a misspelling of Xi Jinping/);
  assert.deepEqual(f.suggestions[0]!.edits, [{ start: 10, end: 21, newText: 'Xi Jinping' }]);
});

test('entity-name: the stray full stop fix rejoins title and name', () => {
  const text = 'He met President. Trump today.';
  const [f] = run(text, opts).findings.filter((x) => x.ruleId === 'entity-name');
  assert.equal(f?.suggestions[0]?.replacement, 'President Trump');
});

test('entity-name: the sample has exactly its two naming slips', () => {
  const findings = run(readFileSync(SAMPLE, 'utf8')).findings.filter((f) => f.ruleId === 'entity-name');
  assert.deepEqual(findings.map((f) => f.text), ['Xi Jin Ping', 'President. Trump']);
});
