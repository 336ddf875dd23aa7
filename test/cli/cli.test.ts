import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SAMPLE, TODAY } from '../helpers.js';
import { main } from '../../server/src/cli/main.js';
import { jsonFileText, jsonOutputPieces } from '../../server/src/cli/formats.js';
import { BYTES_PER_THREAD } from '../../server/src/cli/parallel.js';
import { todayISO } from '../../server/src/node/options.js';
import type { FileReport } from '../../server/src/node/report.js';

const BIN = join(ROOT, 'bin', 'marginalia.cjs');

/** Runs the built CLI as a user would, in a given folder. */
function cli(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `main` in-process with a fixed clock. */
async function inProcess(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, packageRoot: ROOT, today: TODAY });
  return { code, stdout, stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

interface JsonOut {
  version: number;
  files: Array<{ path: string; referenceDate: string; referenceDateSource: string; findings: Array<{ ruleId: string; severity: string; text: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; suggestions: unknown[] }>; entities: unknown[] }>;
}

test('cli: the JSON contract on the sample', () => {
  const r = cli(['check', '--format', 'json', 'samples/warmth-returns.md']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as JsonOut;
  assert.equal(out.version, 1);
  assert.equal(out.files.length, 1);
  const file = out.files[0]!;
  assert.equal(file.path, 'samples/warmth-returns.md');
  assert.equal(file.referenceDate, '2019-06-21');
  assert.equal(file.referenceDateSource, 'inferred');
  assert.ok(Array.isArray(file.entities));
  const lines = readFileSync(SAMPLE, 'utf8').split('\n');
  const figures = file.findings.filter((f) => f.ruleId === 'unsourced-figure');
  assert.deepEqual(figures.map((f) => f.text), ['millions of Chinese volunteer’s soldiers', 'approximately 400,000 soldiers', '28,500 well trained American troops']);
  for (const f of file.findings) {
    assert.equal(f.range.start.line, f.range.end.line);
    assert.equal(lines[f.range.start.line]!.slice(f.range.start.character, f.range.end.character), f.text, `range of ${f.ruleId} ${f.text}`);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(f.severity));
  }
  assert.deepEqual(figures[1]!.range, { start: { line: 6, character: 447 }, end: { line: 6, character: 477 } });
});

test('cli: stylish output names the file, the reference date and each finding', () => {
  const r = cli(['check', 'samples/warmth-returns.md']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /samples\/warmth-returns\.md {2}\(reference date 2019-06-21, inferred/);
  assert.match(r.stdout, /7:448 +warning +Unsourced figure “approximately 400,000 soldiers”/);
  assert.match(r.stdout, /unsourced-figure\n/);
});

test('cli: exit codes follow --fail-on', async () => {
  assert.equal((await inProcess(['check', '--fail-on', 'warning', 'samples/warmth-returns.md'])).code, 1);
  assert.equal((await inProcess(['check', '--fail-on', 'error', 'samples/warmth-returns.md'])).code, 0);
  assert.equal((await inProcess(['check', '--fail-on', 'never', '--rule', 'unsourced-figure=error', 'samples/warmth-returns.md'])).code, 0);
  assert.equal((await inProcess(['check', '--rule', 'unsourced-figure=error', 'samples/warmth-returns.md'])).code, 1);
  const clean = workspace({ 'a.md': 'Nothing to see.\n' });
  assert.equal((await inProcess(['check', '--fail-on', 'hint', 'a.md'], clean)).code, 0);
});

test('cli: --rule turns a rule off or changes its severity', async () => {
  const off = JSON.parse((await inProcess(['check', '--format', 'json', '--rule', 'unsourced-figure=off', 'samples/warmth-returns.md'])).stdout) as JsonOut;
  assert.equal(off.files[0]!.findings.filter((f) => f.ruleId === 'unsourced-figure').length, 0);
  const err = JSON.parse((await inProcess(['check', '--format', 'json', '--rule', 'unsourced-figure=error', 'samples/warmth-returns.md'])).stdout) as JsonOut;
  assert.ok(err.files[0]!.findings.filter((f) => f.ruleId === 'unsourced-figure').every((f) => f.severity === 'error'));
});

test('cli: --reference-date is used when the front matter has none, and named as cli', async () => {
  const dir = workspace({ 'a.md': 'Text.\n', 'b.md': '---\ndate: 2020-02-02\n---\nText.\n' });
  const out = JSON.parse((await inProcess(['check', '--format', 'json', '--reference-date', '2019-06-21', '.'], dir)).stdout) as JsonOut;
  assert.deepEqual(out.files.map((f) => [f.path, f.referenceDate, f.referenceDateSource]), [
    ['a.md', '2019-06-21', 'cli'],
    ['b.md', '2020-02-02', 'front-matter'],
  ]);
});

const USAGE_ERRORS: Array<[string[], RegExp]> = [
  [['check', 'missing.md'], /cannot read 'missing\.md': no such file or directory/],
  [['check', 'nothing/**/*.md'], /no files match 'nothing\/\*\*\/\*\.md'/],
  [['check', '--format', 'xml', 'samples/warmth-returns.md'], /--format 'xml'/],
  [['check', '--fail-on', 'loud', 'samples/warmth-returns.md'], /--fail-on 'loud'/],
  [['check', '--rule', 'nope=off', 'samples/warmth-returns.md'], /unknown rule 'nope'/],
  [['check', '--rule', 'unsourced-figure=loud', 'samples/warmth-returns.md'], /'loud' is not one of/],
  [['check', '--reference-date', '2019-02-30', 'samples/warmth-returns.md'], /not a date/],
  [['check', '--bogus', 'samples/warmth-returns.md'], /Unknown option '--bogus'/],
  [['check'], /at least one file/],
  [['frobnicate'], /unknown command 'frobnicate'/],
  [[], /Usage:/],
];

for (const [args, message] of USAGE_ERRORS) {
  test(`cli: exit 2 for ${JSON.stringify(args)}`, async () => {
    const r = await inProcess(args);
    assert.equal(r.code, 2);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  });
}

test('cli: a document nested beyond what the parser can follow is analysed as text, with a finding saying so', async () => {
  const dir = workspace({ 'ok.md': 'Text.\n', 'deep.md': `${'>'.repeat(15_000)} deep\n` });
  const r = await inProcess(['check', '--format', 'json', 'ok.md', 'deep.md'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const out = JSON.parse(r.stdout) as JsonOut;
  assert.deepEqual(out.files.map((f) => [f.path, f.findings.map((x) => x.ruleId)]), [['deep.md', ['analysis-limit']], ['ok.md', []]]);
});

test('cli: a bad configuration is exit 2 naming file, line and key', async () => {
  const dir = workspace({ '.marginalia.yaml': 'rules:\n  unsourced-figure: loud\n', 'a.md': 'Text.\n' });
  const r = await inProcess(['check', 'a.md'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /\.marginalia\.yaml:2:\d+: rules\.unsourced-figure: "loud" is not a severity/);
});

test('cli: the nearest configuration applies; --config overrides discovery', async () => {
  const dir = workspace({
    '.marginalia.yaml': 'rules:\n  unsourced-figure: error\n',
    'sub/.marginalia.yaml': 'rules:\n  unsourced-figure: off\n',
    'a.md': 'They have 28,500 troops.\n',
    'sub/b.md': 'They have 28,500 troops.\n',
    'other.yaml': 'rules:\n  unsourced-figure: info\n',
  });
  const out = JSON.parse((await inProcess(['check', '--format', 'json', '.'], dir)).stdout) as JsonOut;
  assert.deepEqual(out.files.map((f) => [f.path, f.findings.filter((x) => x.ruleId === 'unsourced-figure').map((x) => x.severity)]), [
    ['a.md', ['error']],
    ['sub/b.md', []],
  ]);
  const forced = JSON.parse((await inProcess(['check', '--format', 'json', '--config', 'other.yaml', '.'], dir)).stdout) as JsonOut;
  assert.deepEqual(forced.files.map((f) => f.findings.filter((x) => x.ruleId === 'unsourced-figure').map((x) => x.severity)), [['info'], ['info']]);
});

test('cli: folders and globs expand to Markdown files, sorted, without node_modules', async () => {
  const dir = workspace({ 'a.md': 'A.\n', 'docs/b.markdown': 'B.\n', 'node_modules/x/c.md': 'C.\n', 'notes.txt': 'D.\n' });
  const out = JSON.parse((await inProcess(['check', '--format', 'json', '.'], dir)).stdout) as JsonOut;
  assert.deepEqual(out.files.map((f) => f.path), ['a.md', 'docs/b.markdown']);
  const globbed = JSON.parse((await inProcess(['check', '--format', 'json', 'docs/*.markdown', 'a.md'], dir)).stdout) as JsonOut;
  assert.deepEqual(globbed.files.map((f) => f.path), ['a.md', 'docs/b.markdown']);
});

test('cli: an unreadable file is exit 2 naming it, and the other files are still checked', { skip: process.getuid?.() === 0 ? 'root can read anything' : false }, async () => {
  const dir = workspace({ 'a.md': 'A.\n', 'b.md': 'They have 28,500 troops.\n' });
  chmodSync(join(dir, 'a.md'), 0o000);
  const r = await inProcess(['check', '--format', 'json', 'a.md', 'b.md'], dir);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "marginalia: cannot read 'a.md': permission denied (EACCES)\n");
  assert.deepEqual((JSON.parse(r.stdout) as JsonOut).files.map((f) => f.path), ['b.md']);
});

test('cli: a folder given as a file path of a glob that names a directory of no Markdown is exit 2', async () => {
  const dir = workspace({ 'notes.txt': 'x\n' });
  const r = await inProcess(['check', '.'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no Markdown files found/);
});

test('cli: github format writes workflow annotations', async () => {
  const r = await inProcess(['check', '--format', 'github', 'samples/warmth-returns.md']);
  const lines = r.stdout.trim().split('\n').filter((l) => l.includes('unsourced-figure'));
  assert.equal(lines.length, 3);
  assert.match(lines[1]!, /^::warning file=samples\/warmth-returns\.md,line=7,col=448,endLine=7,endColumn=478,title=marginalia unsourced-figure::Unsourced figure/);
});

test('cli: sarif format is SARIF 2.1.0 with rules, regions and fixes', async () => {
  const r = await inProcess(['check', '--format', 'sarif', 'samples/warmth-returns.md']);
  const sarif = JSON.parse(r.stdout) as { version: string; runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; ruleIndex: number; locations: Array<{ physicalLocation: { region: { startLine: number; startColumn: number; snippet: { text: string } } } }>; fixes?: unknown[] }> }> };
  assert.equal(sarif.version, '2.1.0');
  const run0 = sarif.runs[0]!;
  const result = run0.results.find((x) => x.ruleId === 'unsourced-figure' && x.locations[0]!.physicalLocation.region.snippet.text === 'approximately 400,000 soldiers')!;
  assert.ok(result);
  assert.equal(run0.tool.driver.rules[result.ruleIndex]!.id, 'unsourced-figure');
  assert.deepEqual([result.locations[0]!.physicalLocation.region.startLine, result.locations[0]!.physicalLocation.region.startColumn], [7, 448]);
  assert.equal(result.fixes?.length, 2);
});

test('cli: --version and --help', async () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal((await inProcess(['--version'])).stdout.trim(), pkg.version);
  const help = await inProcess(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--fail-on/);
});

test('cli: a byte-order mark does not shift positions', async () => {
  const dir = workspace({ 'a.md': '\uFEFFThey have 28,500 troops.\n' });
  const out = JSON.parse((await inProcess(['check', '--format', 'json', 'a.md'], dir)).stdout) as JsonOut;
  assert.deepEqual(out.files[0]!.findings.find((f) => f.ruleId === 'unsourced-figure')!.range.start, { line: 0, character: 10 });
});

test('cli: JSON rendered file by file (as the worker threads do) is the text of the whole at once', () => {
  const position = { line: 2, character: 4 };
  const report = (path: string, findings: number): FileReport => ({
    path,
    referenceDate: '2019-06-21',
    referenceDateSource: 'front-matter',
    findings: Array.from({ length: findings }, (_, i) => ({
      ruleId: 'loaded-term',
      severity: 'warning' as const,
      // Line and paragraph separators stay raw in JSON strings; no indent may land after them.
      message: `quote \u201C\u2028\u2029\n\u201D ${i}`,
      text: 'x',
      range: { start: position, end: position },
      ...(i % 2 === 0 ? { resolved: { value: '2019', label: 'in 2019' } } : {}),
      suggestions: i % 2 === 0 ? [] : [{ title: 't', replacement: 'r', edits: [{ range: { start: position, end: position }, newText: 'r' }] }],
    })),
    entities: [],
  });
  for (const files of [[], [report('a.md', 0)], [report('a.md', 3), report('b/c.md', 0), report('d.md', 2)]]) {
    assert.equal([...jsonOutputPieces(files.map(jsonFileText))].join(''), `${JSON.stringify({ version: 1, files }, null, 2)}\n`);
  }
});

test('cli: enough Markdown for worker threads gives the output of one thread, in order, with the same exit code', async () => {
  const texts = [readFileSync(SAMPLE, 'utf8'), readFileSync(join(ROOT, 'samples', 'markdown-constructs.md'), 'utf8'), '# No date\n\nLast year 40% of voters said the regime was a disaster.\n'];
  const files: Record<string, string> = {};
  let bytes = 0;
  for (let i = 0; bytes <= BYTES_PER_THREAD; i++) {
    const text = texts[i % texts.length]!;
    files[`part-${i % 7}/${String(i).padStart(4, '0')}.md`] = text;
    bytes += Buffer.byteLength(text);
  }
  const dir = workspace(files);
  const args = ['check', '.', '--format', 'json', '--fail-on', 'warning', '--as-of', '2030-01-01'];
  // The built command starts workers (MARGINALIA_THREADS caps them; 2 allows one).
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, MARGINALIA_THREADS: '2' } });
  let stdout = '';
  // In process there is no worker script: one thread.
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: () => undefined, cwd: dir, packageRoot: ROOT, today: todayISO() });
  assert.equal(r.stderr, '');
  assert.equal(r.status, code);
  assert.equal(code, 1);
  assert.equal(r.stdout, stdout);
  assert.equal((JSON.parse(stdout) as JsonOut).files.length, Object.keys(files).length);
});

test('cli: a reader that stops early ends the run quietly, with the exit code of a full run', async () => {
  const { spawn } = await import('node:child_process');
  const dir = workspace(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`${i}.md`, readFileSync(SAMPLE, 'utf8')])));
  const args = ['check', '.', '--format', 'json', '--fail-on', 'warning'];
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  const full = { code: run.status, stdout: run.stdout };
  assert.equal(full.code, 1);
  // `| head -c 100`: the pipe is closed after the first chunk, with most of the output unwritten.
  const early = await new Promise<{ code: number | null; stderr: string; read: number }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir });
    let stderr = '';
    let read = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', (d: Buffer) => {
      read = d.length;
      child.stdout.destroy();
    });
    child.on('close', (code) => resolve({ code, stderr, read }));
  });
  assert.ok(early.read < full.stdout.length, 'the reader stopped before the end');
  assert.equal(early.stderr, '');
  assert.equal(early.code, full.code);
});
