import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, texts } from '../helpers.js';

const only = { rules: { 'loaded-term': 'off', 'dated-claim': 'off', 'dated-claim-consistency': 'off', 'entity-name': 'off' } } as const;
const RULE = 'unsourced-figure';

test('directives: disable-next-line silences the next line only', () => {
  const src = '<!-- marginalia-disable-next-line unsourced-figure -- checked by hand -->\nThey have 28,500 troops.\n\nThey have 40,000 tanks.\n';
  assert.deepEqual(texts(run(src, only), RULE), ['40,000 tanks']);
});

test('directives: disable and enable bracket a passage; other rules are untouched', () => {
  const src = 'A 1,000 jobs.\n\n<!-- marginalia-disable unsourced-figure -->\n\nB 2,000 jobs.\n\n<!-- marginalia-enable unsourced-figure -->\n\nC 3,000 jobs.\n';
  assert.deepEqual(texts(run(src, only), RULE), ['1,000 jobs', '3,000 jobs']);
  const other = '<!-- marginalia-disable dated-claim -->\n\nThey have 28,500 troops.\n';
  assert.deepEqual(texts(run(other, only), RULE), ['28,500 troops']);
});

test('directives: a bare disable turns every rule off', () => {
  assert.deepEqual(run('<!-- marginalia-disable -->\n\nThey have 28,500 troops.\n', only).findings, []);
});
