import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inProcess, json, workspace } from './helpers.js';

const FRONT = '---\ndate: 2019-06-21\n---\n# Budget\n\n';
const SPENT = 'Last year the council spent 4,500 dollars on a mega initiative.';
const DEBATE = 'The [debate](https://example.org/minutes) turned severe, and severe it stayed.';
const HALL = 'Roughly 300 people came to the hall.';
const article = (...paragraphs: string[]): string => `${FRONT}${paragraphs.join('\n\n')}\n`;

interface BaselineFile {
  version: number;
  files: Record<string, Array<{ ruleId: string; text: string; sentence: string; count?: number }>>;
}

async function written(dir: string, args: string[] = []): Promise<BaselineFile> {
  const r = await inProcess(['check', '.', '--fail-on', 'warning', '--write-baseline', 'baseline.json', ...args], dir);
  assert.equal(r.code, 0, 'writing a baseline accepts its findings');
  return JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as BaselineFile;
}

test('baseline: written sorted, one finding a line, equal findings counted, paths relative to it', async () => {
  const dir = workspace({ 'a.md': article(SPENT, DEBATE, HALL), 'notes/clean.md': 'Nothing here.\n' });
  const r = await inProcess(['check', '.', '--write-baseline', 'baseline.json'], dir);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, 'marginalia: wrote the baseline baseline.json: 6 findings in 2 files\n');
  const text = readFileSync(join(dir, 'baseline.json'), 'utf8');
  const base = JSON.parse(text) as BaselineFile;
  assert.equal(base.version, 1);
  assert.deepEqual(Object.keys(base.files), ['a.md'], 'a file without findings has no entry');
  const entries = base.files['a.md']!;
  assert.deepEqual(
    entries.map((e) => [e.ruleId, e.text, e.count ?? 1]),
    [
      ['dated-claim', 'Last year', 1],
      ['loaded-term', 'mega initiative', 1],
      ['loaded-term', 'severe', 2],
      ['unsourced-figure', '4,500 dollars', 1],
      ['unsourced-figure', 'Roughly 300 people', 1],
    ],
  );
  for (const e of entries) assert.match(e.sentence, /^[0-9a-f]{12}$/);
  // One entry per line, so a refreshed baseline differs by the findings that came and went.
  const lines = text.split('\n');
  for (const e of entries) assert.equal(lines.filter((l) => l.includes(JSON.stringify(e.text))).length, 1);
  assert.equal(text.endsWith('}\n'), true);
  // Written again from the same files: the same bytes.
  await inProcess(['check', '.', '--write-baseline', 'baseline.json'], dir);
  assert.equal(readFileSync(join(dir, 'baseline.json'), 'utf8'), text);
});

test('baseline: edits elsewhere, a moved paragraph and line shifts leave every finding matched', async () => {
  const dir = workspace({ 'a.md': article(SPENT, DEBATE, HALL) });
  await written(dir);
  const edits = [
    article('A new opening paragraph, with nothing to flag.', SPENT, DEBATE, HALL),
    article(HALL, SPENT, DEBATE),
    article(SPENT, `${DEBATE} It ended at noon.`, HALL),
    `${FRONT}\n\n\n${[SPENT, DEBATE, HALL].join('\n\n')}\n`,
    article(SPENT, DEBATE.replace('minutes', 'minutes-2019'), HALL),
    article(SPENT.replace('council spent ', 'council spent\n'), DEBATE, HALL),
  ];
  for (const text of edits) {
    writeFileSync(join(dir, 'a.md'), text);
    const r = await inProcess(['check', '.', '--fail-on', 'warning', '--baseline', 'baseline.json', '--format', 'json'], dir);
    assert.equal(r.code, 0, `${text}\n${r.stdout}`);
    const findings = json(r).files[0]!.findings;
    assert.equal(findings.length, 6, 'JSON keeps the findings the baseline holds, flagged');
    assert.ok(findings.every((f) => f.baselineState === 'unchanged'), text);
    assert.equal(json(r).files[0]!.baselineFixed, 0);
    assert.match(r.stderr, /the baseline baseline\.json holds 6 findings of these files, not reported\n$/);
    const stylish = await inProcess(['check', '.', '--fail-on', 'warning', '--baseline', 'baseline.json'], dir);
    assert.match(stylish.stdout, /0 findings in 1 file/);
  }
});

test('baseline: a new finding, an edited sentence and one more equal finding are new; the rest stay hidden', async () => {
  const dir = workspace({ 'a.md': article(SPENT, DEBATE, HALL) });
  await written(dir);
  const cases: Array<[string, string[]]> = [
    [article(SPENT, DEBATE, HALL, 'Officials called it a disaster.'), ['disaster']],
    [article(SPENT.replace('the council spent', 'the town council spent'), DEBATE, HALL), ['Last year', '4,500 dollars', 'mega initiative']],
    [article(SPENT, DEBATE.replace('stayed.', 'stayed, severe as ever.'), HALL), ['severe', 'severe', 'severe']],
  ];
  for (const [text, expected] of cases) {
    writeFileSync(join(dir, 'a.md'), text);
    const r = await inProcess(['check', '.', '--fail-on', 'info', '--baseline', 'baseline.json', '--format', 'json'], dir);
    const fresh = json(r).files[0]!.findings.filter((f) => f.baselineState === 'new');
    assert.deepEqual(fresh.map((f) => f.text), expected, text);
    assert.equal(r.code, 1);
    const github = await inProcess(['check', '.', '--fail-on', 'info', '--baseline', 'baseline.json', '--format', 'github'], dir);
    assert.equal(github.stdout.trim().split('\n').length, expected.length, 'annotations only for new findings');
  }
  writeFileSync(join(dir, 'a.md'), article(SPENT, DEBATE.replace('stayed.', 'stayed, severe as ever.'), HALL));
  const sentenceChanged = json(await inProcess(['check', '.', '--baseline', 'baseline.json', '--format', 'json'], dir));
  assert.equal(sentenceChanged.files[0]!.baselineFixed, 2, 'an edited sentence: its old findings are fixed, its new ones new');
});

test('baseline: findings gone are counted as fixed, with a hint to refresh it', async () => {
  const dir = workspace({ 'a.md': article(SPENT, DEBATE, HALL), 'b.md': article(HALL) });
  await written(dir);
  writeFileSync(join(dir, 'a.md'), article(SPENT, DEBATE.replace('and severe it', 'and it')));
  const r = await inProcess(['check', '.', '--fail-on', 'warning', '--baseline', 'baseline.json', '--format', 'json'], dir);
  assert.equal(r.code, 0);
  assert.deepEqual(json(r).files.map((f) => f.baselineFixed), [3, 0]);
  assert.equal(
    r.stderr,
    'marginalia: the baseline baseline.json holds 4 findings of these files, not reported; 3 findings it holds are fixed: refresh it with --write-baseline baseline.json\n',
  );
  const sarif = JSON.parse((await inProcess(['check', '.', '--baseline', 'baseline.json', '--format', 'sarif'], dir)).stdout) as { runs: Array<{ properties?: { baselineFixed?: number } }> };
  assert.equal(sarif.runs[0]!.properties?.baselineFixed, 3);
});

test('baseline: read from another working directory, paths still resolve against the baseline', async () => {
  const dir = workspace({ 'docs/a.md': article(SPENT, DEBATE, HALL) });
  const w = await inProcess(['check', 'docs', '--write-baseline', 'ci/baseline.json'], dir);
  assert.equal(w.code, 0);
  const base = JSON.parse(readFileSync(join(dir, 'ci', 'baseline.json'), 'utf8')) as BaselineFile;
  assert.deepEqual(Object.keys(base.files), ['../docs/a.md']);
  const r = await inProcess(['check', '.', '--fail-on', 'info', '--baseline', '../ci/baseline.json'], join(dir, 'docs'));
  assert.equal(r.code, 0, r.stdout);
});

test('baseline: SARIF marks results unchanged or new, each with a stable, unique partial fingerprint', async () => {
  const dir = workspace({ 'a.md': article(SPENT, DEBATE, HALL) });
  await written(dir);
  type Sarif = { runs: Array<{ results: Array<{ baselineState?: string; partialFingerprints?: Record<string, string>; locations: Array<{ physicalLocation: { region: { snippet: { text: string } } } }> }> }> };
  const sarifOf = async (): Promise<Sarif['runs'][0]['results']> =>
    (JSON.parse((await inProcess(['check', '.', '--baseline', 'baseline.json', '--format', 'sarif'], dir)).stdout) as Sarif).runs[0]!.results;
  const before = await sarifOf();
  assert.ok(before.every((r) => r.baselineState === 'unchanged'));
  const ids = before.map((r) => r.partialFingerprints!['marginalia/v1']!);
  assert.equal(new Set(ids).size, ids.length, 'two "severe" in one sentence still differ');
  writeFileSync(join(dir, 'a.md'), article('Officials called it a disaster.', SPENT, DEBATE, HALL));
  const after = await sarifOf();
  assert.deepEqual(
    after.filter((r) => r.baselineState === 'new').map((r) => r.locations[0]!.physicalLocation.region.snippet.text),
    ['disaster'],
  );
  assert.deepEqual(
    after.filter((r) => r.baselineState === 'unchanged').map((r) => r.partialFingerprints!['marginalia/v1']),
    ids,
    'fingerprints do not move with the lines',
  );
});

const BAD_BASELINES: Array<[string, string | undefined, RegExp]> = [
  ['missing', undefined, /cannot read the baseline '[^']*missing\.json': ENOENT/],
  ['not JSON', '{"version": 1,', /the baseline '[^']*not-json\.json' is not JSON/],
  ['another shape', '{"files": []}', /is not a Marginalia baseline \(expected \{"version": 1, "files": \{\.\.\.\}\}\)/],
  ['a bad entry', '{"version": 1, "files": {"a.md": [{"ruleId": "x", "text": 3, "sentence": "y"}]}}', /files\["a\.md"\]\[0\] must have a string ruleId, text and sentence/],
  ['a bad count', '{"version": 1, "files": {"a.md": [{"ruleId": "x", "text": "t", "sentence": "y", "count": 0}]}}', /a positive whole count/],
];

for (const [what, text, message] of BAD_BASELINES) {
  test(`baseline: ${what} is exit 2 naming the file`, async () => {
    const name = what === 'missing' ? 'missing.json' : `${what.replace(/ /g, '-').toLowerCase()}.json`;
    const dir = workspace({ 'a.md': article(SPENT), ...(text !== undefined ? { [name]: text } : {}) });
    const r = await inProcess(['check', '.', '--baseline', name], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  });
}

test('baseline: --write-baseline refuses a partial run', async () => {
  const dir = workspace({ 'a.md': article(SPENT) });
  for (const extra of [['--shard', '1/2'], ['--changed-since', 'HEAD']]) {
    const r = await inProcess(['check', '.', '--write-baseline', 'b.json', ...extra], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`--write-baseline records every finding: it cannot be used with ${extra[0]}`));
  }
});
