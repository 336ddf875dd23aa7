import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Progress } from '../../server/src/cli/progress.js';
import { cli, inProcess, json, workspace } from './helpers.js';

test('stdin: the document from standard input, named by --stdin-filename, configured from its folder', async () => {
  const dir = workspace({ 'sub/.marginalia.yaml': 'rules:\n  unsourced-figure: error\n' });
  const text = '\uFEFFThey have 28,500 troops.\n';
  const r = cli(['check', '--stdin', '--stdin-filename', 'sub/draft.md', '--format', 'json'], dir, text);
  assert.equal(r.code, 1, r.stderr);
  const file = json(r).files[0]!;
  assert.equal(file.path, 'sub/draft.md');
  assert.deepEqual(file.findings.map((f) => [f.ruleId, f.severity, f.range.start.character]), [['unsourced-figure', 'error', 10]], 'configured from sub/, BOM dropped');
  const unnamed = cli(['check', '--stdin'], dir, 'They have 28,500 troops.\n');
  assert.equal(unnamed.code, 0, 'the default configuration: a warning');
  assert.match(unnamed.stdout, /^<stdin> {2}\(reference date/);
  const inproc = await inProcess(['check', '--stdin', '--format', 'github'], dir, { stdin: async () => 'Last year it rained.\n' });
  assert.match(inproc.stdout, /^::warning file=<stdin>,line=1,col=1,/);
});

const USAGE: Array<[string[], RegExp]> = [
  [['check', '--stdin', 'a.md'], /--stdin reads one document from standard input: give no paths with it/],
  [['check', '--stdin-filename', 'a.md', 'a.md'], /--stdin-filename names the document read with --stdin/],
  [['check', '--shard', '3/2', 'a.md'], /--shard '3\/2' must be I\/N with 1 <= I <= N/],
  [['check', '--format', 'xml', 'a.md'], /--format 'xml' is not one of stylish, json, sarif, github, junit/],
  [['annotate', 'a.md'], /annotate needs --out DIR or --out FILE\.html/],
  [['annotate', '--out', 'x'], /annotate needs at least one file/],
  [['merge', 'r.json', '--fail-on', 'loud'], /--fail-on 'loud'/],
];

for (const [args, message] of USAGE) {
  test(`exit 2 with the usage for ${JSON.stringify(args)}`, async () => {
    const r = await inProcess(args, workspace({ 'a.md': 'Text.\n' }));
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /Usage:/);
    assert.equal(r.stdout, '');
  });
}

test('exit codes of every command: 0 clean or below --fail-on, 1 at or above it, 2 on errors', async () => {
  const dir = workspace({ 'flagged.md': 'They have 28,500 troops.\n', 'clean.md': 'Nothing to see.\n' });
  const cases: Array<[string[], number]> = [
    [['check', 'clean.md', '--fail-on', 'hint'], 0],
    [['check', 'flagged.md'], 0],
    [['check', 'flagged.md', '--fail-on', 'warning'], 1],
    [['check', 'flagged.md', '--fail-on', 'warning', '--format', 'junit'], 1],
    [['check', 'flagged.md', '--fail-on', 'warning', '--write-baseline', 'b.json'], 0],
    [['check', 'flagged.md', '--fail-on', 'warning', '--baseline', 'b.json'], 0],
    [['check', 'flagged.md', '--fail-on', 'warning', '--baseline', 'none.json'], 2],
    [['check', 'flagged.md', '--fail-on', 'warning', '--shard', '1/1'], 1],
    [['annotate', 'flagged.md', 'clean.md', '--out', 'pages'], 0],
    [['annotate', 'flagged.md', 'clean.md', '--out', 'one.html'], 2],
    [['entities', 'flagged.md'], 0],
    [['rules'], 0],
    [['frobnicate'], 2],
  ];
  for (const [args, code] of cases) {
    const r = await inProcess(args, dir);
    assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
  }
  const report = await inProcess(['check', '.', '--format', 'json'], dir);
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, 'r.json'), report.stdout);
  assert.equal((await inProcess(['merge', 'r.json'], dir)).code, 0);
  assert.equal((await inProcess(['merge', 'r.json', '--fail-on', 'warning'], dir)).code, 1);
  assert.equal((await inProcess(['merge', 'missing.json'], dir)).code, 2);
  assert.equal(cli(['check', '--stdin', '--fail-on', 'warning'], dir, 'They have 28,500 troops.\n').code, 1);
  assert.equal(cli(['check', '--stdin', '--fail-on', 'warning'], dir, 'Nothing.\n').code, 0);
});

test('progress: silent for the first second, then files, findings and rate at most every 100 ms, cleared at the end', () => {
  let now = 0;
  let written = '';
  // Read through a function: an assertion on the variable would narrow its type for the rest.
  const out = (): string => written;
  const progress = new Progress(3000, (s) => (written += s), () => now);
  for (let i = 0; i < 9; i++) {
    now += 100;
    progress.tick(2);
  }
  assert.equal(out(), '', 'under a second: nothing');
  now += 100;
  progress.tick(2);
  assert.equal(out(), '\r\u001b[K10/3,000 files · 20 findings · 10 files/s');
  now += 50;
  progress.tick(1);
  assert.equal(out().split('\r').length, 2, 'not redrawn within 100 ms');
  now += 1000;
  progress.tick(0);
  assert.match(out(), /\r\u001b\[K12\/3,000 files · 21 findings · 6 files\/s$/);
  progress.finish();
  assert.ok(out().endsWith('\r\u001b[K'));
  let quiet = '';
  const short = new Progress(5, (s) => (quiet += s), () => 0);
  short.tick(4);
  short.finish();
  assert.equal(quiet, '', 'a short run leaves no trace');
});

test('progress: the CLI draws it on a terminal only, and the report is untouched', async () => {
  const dir = workspace(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`${i}.md`, 'They have 28,500 troops.\n'])));
  let clock = 0;
  const tty = await inProcess(['check', '.', '--format', 'json'], dir, { progress: true, now: () => (clock += 400) });
  assert.match(tty.stderr, /^\r\u001b\[K\d+\/12 files · \d+ findings · \d+ files\/s/);
  assert.ok(tty.stderr.endsWith('\r\u001b[K'));
  const plain = await inProcess(['check', '.', '--format', 'json'], dir, { now: () => (clock += 400) });
  assert.equal(plain.stderr, '');
  assert.equal(tty.stdout, plain.stdout);
  // Spawned with stderr a pipe, as in CI: no progress line.
  assert.equal(cli(['check', '.'], dir).stderr, '');
});
