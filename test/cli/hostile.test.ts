import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, TODAY } from '../helpers.js';
import { fileOutcome } from '../../server/src/cli/main.js';
import { OptionsResolver } from '../../server/src/node/options.js';
import { MAX_FINDINGS } from '../../server/src/core/analyze.js';
import { SHAPES, nestedList, nestedQuotes } from '../hostile/shapes.js';

/**
 * Hostile files for `marginalia check`, run as a user would run it (the built command): a
 * finding or a one-line message naming the file, never a crash or a stack trace; the run
 * goes on with the other files and exits 2 only for a file it could not read.
 */
const BIN = join(ROOT, 'bin', 'marginalia.cjs');

interface Finding {
  ruleId: string;
  text: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
interface Out {
  files: Array<{ path: string; findings: Finding[] }>;
}

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-hostile-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function check(dir: string, args: string[]): { code: number; out: Out | undefined; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', '--as-of', TODAY, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  let out: Out | undefined;
  try {
    out = JSON.parse(r.stdout) as Out;
  } catch {
    out = undefined;
  }
  return { code: r.status ?? -1, out, stdout: r.stdout, stderr: r.stderr };
}

/** No stack trace, no uncaught error: every line of stderr is one of ours. */
function noCrash(stderr: string): void {
  assert.doesNotMatch(stderr, /\n\s+at |Error:|node:internal|RangeError/, stderr);
  for (const line of stderr.split('\n').filter(Boolean)) assert.match(line, /^marginalia: /, stderr);
}

/** Every finding's text is the source at its range, lines split as LSP splits them. */
function rangesMatch(source: string, findings: readonly Finding[]): void {
  const lines = source.split(/\r\n|\r|\n/);
  for (const f of findings) {
    if (f.range.start.line !== f.range.end.line) continue;
    assert.equal(lines[f.range.start.line]!.slice(f.range.start.character, f.range.end.character), f.text, `${f.ruleId} ${JSON.stringify(f.text)}`);
  }
}

const sentence = 'Last year 40% of the voters said it was a disaster.';

test('hostile cli: empty, whitespace-only and one-byte files', () => {
  const dir = folder({ 'empty.md': '', 'blank.md': '\n\n  \n\t\n', 'one.md': '#' });
  const r = check(dir, ['.']);
  assert.equal(r.code, 0, r.stderr);
  noCrash(r.stderr);
  assert.deepEqual(r.out!.files.map((f) => [f.path, f.findings.length]), [['blank.md', 0], ['empty.md', 0], ['one.md', 0]]);
});

test('hostile cli: a binary file is analysed as text, with a warning naming it', () => {
  const bytes = Buffer.alloc(64 * 1024);
  let s = 7;
  for (let i = 0; i < bytes.length; i++) bytes[i] = s = (s * 1103515245 + 12345) & 0xff;
  const dir = folder({ 'image.md': bytes, 'ok.md': `${sentence}\n` });
  const r = check(dir, ['.']);
  noCrash(r.stderr);
  assert.match(r.stderr, /^marginalia: warning: 'image\.md' is not valid UTF-8 \(the first bad byte is on line \d+\)/m);
  assert.match(r.stderr, /'image\.md' contains NUL characters/);
  assert.deepEqual(r.out!.files.map((f) => f.path), ['image.md', 'ok.md']);
  assert.equal(r.code, 0);
});

test('hostile cli: invalid UTF-8 is read with U+FFFD, positions stay right, and the warning names the line', () => {
  const source = Buffer.concat([Buffer.from('Fine first line.\n\nThen \xff\xfe bad bytes. ', 'latin1'), Buffer.from(`${sentence}\n`)]);
  const dir = folder({ 'bad.md': source });
  const r = check(dir, ['bad.md']);
  noCrash(r.stderr);
  assert.equal(r.stderr, "marginalia: warning: 'bad.md' is not valid UTF-8 (the first bad byte is on line 3); bytes that are not were read as U+FFFD\n");
  rangesMatch(new TextDecoder().decode(source), r.out!.files[0]!.findings);
  assert.ok(r.out!.files[0]!.findings.some((f) => f.text === 'Last year'));
});

test('hostile cli: a UTF-8 byte-order mark is dropped and a UTF-16 one is decoded', () => {
  const text = `# Title\n\n${sentence}\n`;
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const dir = folder({ 'utf8.md': `\uFEFF${text}`, 'utf16.md': utf16 });
  const r = check(dir, ['.']);
  noCrash(r.stderr);
  assert.match(r.stderr, /'utf16\.md' is UTF-16/);
  const [a, b] = r.out!.files;
  assert.deepEqual(a!.findings.map((f) => [f.text, f.range.start]), b!.findings.map((f) => [f.text, f.range.start]));
  rangesMatch(text, a!.findings);
  assert.ok(a!.findings.some((f) => f.text === 'Last year' && f.range.start.line === 2 && f.range.start.character === 0));
});

test('hostile cli: CRLF and lone CR line endings give the ranges an editor shows', () => {
  const lf = `# Title\n\nFirst paragraph.\n${sentence}\n\nAnd 28,500 troops.\n`;
  for (const [name, eol] of [['crlf.md', '\r\n'], ['cr.md', '\r'], ['mixed.md', '\r\n']] as const) {
    const source = name === 'mixed.md' ? lf.replace('\n', '\r\n').replace(/\n\n/, '\r\r') : lf.replace(/\n/g, eol);
    const r = check(folder({ [name]: source }), [name]);
    noCrash(r.stderr);
    const findings = r.out!.files[0]!.findings;
    rangesMatch(source, findings);
    assert.ok(findings.some((f) => f.text === 'Last year'), `${name}: ${JSON.stringify(findings.map((f) => f.text))}`);
  }
});

test('hostile cli: a 10 MB single line is analysed, its findings capped with a summary', () => {
  const line = `${`${sentence} `.repeat(Math.ceil(10_000_000 / (sentence.length + 1)))}`;
  const dir = folder({ 'line.md': `${line}\n` });
  const r = check(dir, ['line.md']);
  noCrash(r.stderr);
  const findings = r.out!.files[0]!.findings;
  assert.equal(findings.length, MAX_FINDINGS + 1);
  assert.match(findings.find((f) => f.ruleId === 'analysis-limit' && /left out/.test(JSON.stringify(f)))?.text ?? '', /^Last year/);
});

test('hostile cli: 10,000 nested blockquotes and lists are analysed as text with a finding, not refused', () => {
  const dir = folder({ 'quotes.md': `${nestedQuotes(10_000)}\n${sentence}\n`, 'lists.md': `${'- '.repeat(10_000)}x\n\n${sentence}\n`, 'indented.md': `${nestedList(2_000)}\n${sentence}\n` });
  const r = check(dir, ['.']);
  noCrash(r.stderr);
  assert.equal(r.code, 0);
  for (const f of r.out!.files) {
    assert.equal(f.findings.filter((x) => x.ruleId === 'analysis-limit').length, 1, f.path);
    assert.ok(f.findings.some((x) => x.text === 'Last year'), f.path);
  }
});

test('hostile cli: a million tiny paragraphs', () => {
  const r = check(folder({ 'tiny.md': 'a\n\n'.repeat(1_000_000) }), ['tiny.md']);
  noCrash(r.stderr);
  assert.equal(r.code, 0);
  assert.deepEqual(r.out!.files[0]!.findings, []);
});

test('hostile cli: pathological front matter is a front-matter finding, never a crash', () => {
  const bomb = SHAPES.find((s) => s.name === 'front matter alias bomb')!.build(200);
  const dir = folder({
    'bomb.md': bomb,
    'huge.md': `---\ntitle: ${'x'.repeat(2_000_000)}\ndate: 2019-06-21\n---\n${sentence}\n`,
    'types.md': `---\ndate: [2019, 6, 21]\npublished: {a: 1}\ntitle: null\n---\n${sentence}\n`,
    'list.md': `---\n- a\n- b\n---\n${sentence}\n`,
    'scalar.md': `---\njust a string\n---\n${sentence}\n`,
    'unclosed.md': `---\ntitle: x\n${sentence}\n`,
    'tabs.md': '---\n\ttitle: x\n---\nText.\n',
  });
  const r = check(dir, ['.']);
  noCrash(r.stderr);
  const byPath = new Map(r.out!.files.map((f) => [f.path, f.findings.filter((x) => x.ruleId === 'front-matter').length]));
  assert.deepEqual([...byPath.keys()].sort(), ['bomb.md', 'huge.md', 'list.md', 'scalar.md', 'tabs.md', 'types.md', 'unclosed.md']);
  for (const name of ['bomb.md', 'types.md', 'list.md', 'scalar.md', 'tabs.md']) assert.ok(byPath.get(name)! >= 1, `${name} has a front-matter finding`);
  assert.equal(byPath.get('huge.md'), 0);
});

test('hostile cli: a file that disappears before it is read is named, and the rest are checked', () => {
  const dir = folder({ 'a.md': `${sentence}\n`, 'gone.md': 'Soon gone.\n' });
  const resolver = new OptionsResolver(ROOT, { today: TODAY });
  rmSync(join(dir, 'gone.md'));
  const setup = { format: 'json' as const, fingerprints: false, writeBaseline: false, keepReport: false };
  assert.deepEqual(fileOutcome({ path: join(dir, 'gone.md'), shownAs: 'gone.md' }, resolver, setup), { worst: 4, count: 0, problem: "cannot read 'gone.md': it does not exist (any more) (ENOENT)" });
  // A dangling link is such a file as the folder listing sees it.
  symlinkSync(join(dir, 'nowhere.md'), join(dir, 'dangling.md'));
  const r = check(dir, ['a.md', 'dangling.md']);
  noCrash(r.stderr);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "marginalia: cannot read 'dangling.md': no such file or directory\n");
  assert.deepEqual(r.out!.files.map((f) => f.path), ['a.md']);
});

test('hostile cli: an unreadable file is named and the rest are checked', { skip: process.getuid?.() === 0 ? 'root reads every file' : false }, () => {
  const dir = folder({ 'a.md': `${sentence}\n`, 'locked.md': 'x\n' });
  chmodSync(join(dir, 'locked.md'), 0o000);
  const r = check(dir, ['.']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "marginalia: cannot read 'locked.md': permission denied (EACCES)\n");
  assert.deepEqual(r.out!.files.map((f) => f.path), ['a.md']);
});

test('hostile cli: symbolic link loops are named or listed once, never followed forever', () => {
  const dir = folder({ 'docs/a.md': `${sentence}\n` });
  symlinkSync('..', join(dir, 'docs', 'up'));
  symlinkSync('loop2.md', join(dir, 'loop1.md'));
  symlinkSync('loop1.md', join(dir, 'loop2.md'));
  const r = check(dir, ['docs', 'loop1.md']);
  noCrash(r.stderr);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "marginalia: cannot read 'loop1.md': a loop of symbolic links (ELOOP)\n");
  assert.deepEqual(r.out!.files.map((f) => f.path), ['docs/a.md']);
  // A folder with a loop inside, alone: every file once, exit by findings.
  const only = check(dir, ['docs']);
  assert.equal(only.code, 0, only.stderr);
  assert.equal(only.out!.files.length, 1);
});

test('hostile cli: a directory named like a Markdown file is a folder, not a file', () => {
  const dir = folder({ 'notes.md/inside.md': `${sentence}\n`, 'real.md': 'Text.\n' });
  const r = check(dir, ['*.md', 'notes.md']);
  noCrash(r.stderr);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.out!.files.map((f) => f.path), ['notes.md/inside.md', 'real.md']);
});

test('hostile cli: paths with odd Unicode, spaces and a leading dash', () => {
  const names = ['ünïcødé/文件 😀.md', 'e\u0301cole.md', 'with space.md', '-dash.md', 'zero\u200bwidth.md', 'rtl \u202Eevil.md'];
  const dir = folder(Object.fromEntries(names.map((n) => [n, `${sentence}\n`])));
  const r = check(dir, ['.']);
  noCrash(r.stderr);
  assert.deepEqual(r.out!.files.map((f) => f.path).sort(), [...names].sort());
  for (const f of r.out!.files) assert.ok(f.findings.some((x) => x.text === 'Last year'), f.path);
  // Named directly, a leading dash needs ./ as with any command; the path is reported as given.
  const direct = check(dir, ['./-dash.md', 'ünïcødé/文件 😀.md']);
  assert.deepEqual(direct.out!.files.map((f) => f.path), ['-dash.md', 'ünïcødé/文件 😀.md']);
});

test('hostile cli: a FIFO or a device named like a Markdown file is named, never read', () => {
  const dir = folder({ 'a.md': `${sentence}\n` });
  const mk = spawnSync('mkfifo', [join(dir, 'pipe.md')]);
  if (mk.status !== 0) return;
  const r = check(dir, ['a.md', 'pipe.md', '/dev/null']);
  noCrash(r.stderr);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^marginalia: cannot read 'pipe\.md': it is neither a file nor a folder$/m);
  // The folder listing leaves the pipe out.
  assert.equal(check(dir, ['.']).out!.files.length, 1);
});
