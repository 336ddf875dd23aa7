import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncrementalAnalysis } from '../../server/src/core/incremental.js';
import { DiagnosticCache, toDiagnostics } from '../../server/src/lsp/convert.js';
import { readFileSync } from 'node:fs';
import { bundledKnowledge, SAMPLE, seededRandom, TODAY } from '../helpers.js';

/** The server's diagnostics cache: what it publishes is always what a fresh conversion gives. */

test('lsp diagnostics: the cache publishes exactly the fresh diagnostics over random edits, reusing unchanged ones', () => {
  const random = seededRandom(7);
  let text = readFileSync(SAMPLE, 'utf8');
  const inc = new IncrementalAnalysis(text, { today: TODAY, knowledge: bundledKnowledge() });
  const cache = new DiagnosticCache();
  let previous = cache.diagnostics(inc.analysis);
  assert.deepEqual(previous, toDiagnostics(inc.analysis));
  let reused = 0;
  let total = 0;
  for (let i = 0; i < 60; i++) {
    const at = Math.floor(random() * text.length);
    const edit = ['x', ' ', '\n', '', 'recently ', '45 per cent '][Math.floor(random() * 6)]!;
    const cut = edit === '' ? 1 + Math.floor(random() * 8) : 0;
    text = text.slice(0, at) + edit + text.slice(at + cut);
    const analysis = inc.update(text);
    const published = cache.diagnostics(analysis);
    assert.deepEqual(published, toDiagnostics(analysis), `edit ${i} at ${at}`);
    const before = new Set(previous);
    reused += published.filter((d) => before.has(d)).length;
    total += published.length;
    previous = published;
  }
  // Most edits leave most findings where they were (line and character).
  assert.ok(reused > total / 2, `reused ${reused} of ${total}`);
});
