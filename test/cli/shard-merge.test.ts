import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE } from '../helpers.js';
import { parseShard, shardOf } from '../../server/src/cli/shard.js';
import { inProcess, json, workspace } from './helpers.js';

test('shard: every file falls in exactly one shard, and adding files moves none of the others', () => {
  const paths = Array.from({ length: 500 }, (_, i) => `archive/${2000 + (i % 25)}/op-ed-${i}.md`);
  for (const count of [1, 2, 3, 7]) {
    const shards = paths.map((p) => shardOf(p, count));
    assert.ok(shards.every((s) => s >= 1 && s <= count));
    const sizes = Array.from({ length: count }, (_, i) => shards.filter((s) => s === i + 1).length);
    assert.equal(sizes.reduce((a, b) => a + b, 0), paths.length);
    // Even in expectation: no shard of 500 files is more than half again its share.
    assert.ok(Math.max(...sizes) < (1.5 * paths.length) / count, `${count} shards: ${sizes.join(', ')}`);
    const more = [...paths, ...Array.from({ length: 100 }, (_, i) => `archive/new/${i}.md`)];
    assert.deepEqual(more.slice(0, paths.length).map((p) => shardOf(p, count)), shards, 'stable under additions');
  }
});

test('shard: I/N is parsed strictly', () => {
  assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
  for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '1/2/3', '-1/2']) assert.equal(parseShard(bad), undefined, bad);
});

function archive(): string {
  const sample = readFileSync(SAMPLE, 'utf8');
  const files: Record<string, string> = {};
  for (let i = 0; i < 24; i++) files[`y${2015 + (i % 4)}/piece-${i}.md`] = i % 3 === 0 ? sample : `# Piece ${i}\n\nLast year ${i * 1000 + 500} people came, a disaster.\n`;
  return workspace(files);
}

test('shard + merge: shards cover every file once, and their merged JSON is the unsharded report byte for byte', async () => {
  const dir = archive();
  const whole = await inProcess(['check', '.', '--format', 'json', '--fail-on', 'warning'], dir);
  const seen: string[] = [];
  const reports: string[] = [];
  for (let i = 1; i <= 3; i++) {
    const r = await inProcess(['check', '.', '--format', 'json', '--shard', `${i}/3`, '--fail-on', 'never'], dir);
    assert.equal(r.code, 0);
    seen.push(...json(r).files.map((f) => f.path));
    writeFileSync(join(dir, `shard-${i}.json`), r.stdout);
    reports.push(`shard-${i}.json`);
  }
  assert.deepEqual([...seen].sort(), json(whole).files.map((f) => f.path));
  assert.equal(new Set(seen).size, seen.length);
  const merged = await inProcess(['merge', ...reports, '--fail-on', 'warning'], dir);
  assert.equal(merged.stdout, whole.stdout);
  assert.equal(merged.code, whole.code);
  assert.equal(merged.code, 1);
  // Any format from the merged reports: the same as a single run's.
  for (const format of ['stylish', 'github', 'junit', 'sarif']) {
    const single = await inProcess(['check', '.', '--format', format, '--fail-on', 'warning'], dir);
    const fromShards = await inProcess(['merge', ...reports.reverse(), '--format', format, '--fail-on', 'warning', '--no-color'], dir);
    assert.equal(fromShards.code, 1, format);
    if (format === 'sarif') {
      // A sharded JSON report carries no fingerprints (only --baseline computes them), SARIF's own run does.
      const strip = (s: string): unknown => JSON.parse(s.replace(/,\s*"partialFingerprints": \{[^}]*\}/g, ''));
      assert.deepEqual(strip(fromShards.stdout), strip(single.stdout));
    } else {
      assert.equal(fromShards.stdout, single.stdout, format);
    }
  }
  assert.equal((await inProcess(['merge', ...reports, '--fail-on', 'never'], dir)).code, 0);
});

test('merge: baseline states and fixed counts survive the merge', async () => {
  const dir = archive();
  await inProcess(['check', '.', '--write-baseline', 'b.json'], dir);
  writeFileSync(join(dir, 'y2015/piece-0.md'), `${readFileSync(SAMPLE, 'utf8')}\nThey came in 2019: 4,000 of them.\n`);
  writeFileSync(join(dir, 'y2016/piece-1.md'), '# Piece 1\n\nNothing to flag.\n');
  let fixed = 0;
  for (let i = 1; i <= 2; i++) {
    const r = await inProcess(['check', '.', '--format', 'json', '--shard', `${i}/2`, '--baseline', 'b.json'], dir);
    writeFileSync(join(dir, `s${i}.json`), r.stdout);
    for (const f of json(r).files) fixed += f.baselineFixed!;
  }
  assert.equal(fixed, 3, "piece 1's three findings");
  const merged = await inProcess(['merge', 's1.json', 's2.json', '--format', 'sarif', '--fail-on', 'warning'], dir);
  const run = (JSON.parse(merged.stdout) as { runs: Array<{ properties: { baselineFixed: number }; results: Array<{ baselineState: string; partialFingerprints: Record<string, string> }> }> }).runs[0]!;
  assert.equal(run.results.filter((r) => r.baselineState === 'new').length, 1);
  assert.ok(run.results.every((r) => r.partialFingerprints['marginalia/v1']));
  assert.equal(run.properties.baselineFixed, 3);
  assert.equal(merged.code, 1, 'the new finding is a warning');
  const stylish = await inProcess(['merge', 's1.json', 's2.json', '--format', 'stylish', '--no-color'], dir);
  assert.match(stylish.stdout, /^1 finding in 24 files/m);
});

const BAD_MERGES: Array<[string, Record<string, string>, string[], RegExp]> = [
  ['no reports', {}, [], /merge needs the JSON reports to merge/],
  ['a missing report', {}, ['gone.json'], /cannot read '[^']*gone\.json': ENOENT/],
  ['a report that is not JSON', { 'r.json': 'a.md: 3 findings\n' }, ['r.json'], /'[^']*r\.json' is not JSON/],
  ['another document', { 'r.json': '{"runs": []}' }, ['r.json'], /is not a report of marginalia check --format json/],
  ['a broken file entry', { 'r.json': '{"version": 1, "files": [{"path": "a.md"}]}' }, ['r.json'], /files\[0\] is not a file report/],
  [
    'overlapping shards',
    { 'a.json': '{"version": 1, "files": [{"path": "a.md", "referenceDate": "2019-06-21", "referenceDateSource": "cli", "findings": [], "entities": []}]}' },
    ['a.json', 'a.json'],
    /'a\.md' is in both 'a\.json' and 'a\.json': shards must not overlap/,
  ],
];

for (const [what, files, args, message] of BAD_MERGES) {
  test(`merge: ${what} is exit 2`, async () => {
    const r = await inProcess(['merge', ...args], workspace(files));
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  });
}
