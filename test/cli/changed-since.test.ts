import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseUnifiedDiff } from '../../server/src/cli/changed.js';
import { inProcess, json, workspace } from './helpers.js';

const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.org' };

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, env: ENV, encoding: 'utf8' });
}

const OLD = 'Last year the council spent 4,500 dollars.\n\nThe debate turned severe.\n\nRoughly 300 people came.\n';
const MOVED = 'A paragraph about 12,000 jobs, with no source.\n\nLast year was quiet.\n';

/**
 * A repository with `main` and a branch off it that edits one line of a.md, adds new.md,
 * moves moved.md unchanged, moves renamed.md with one line changed, and leaves
 * untracked.md uncommitted. main moves on after the branch point, so only the merge base
 * gives the branch's own changes.
 */
function repository(): string {
  const dir = workspace({ 'a.md': OLD, 'moved.md': MOVED, 'renamed.md': MOVED, 'untouched.md': OLD });
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(dir, 'a.md'), OLD.replace('The debate turned severe.', 'The debate turned severe and 70% of them left.'));
  writeFileSync(join(dir, 'new.md'), 'Recently 40% of voters left.\n');
  git(dir, 'mv', 'moved.md', 'moved-here.md');
  git(dir, 'mv', 'renamed.md', 'renamed-here.md');
  writeFileSync(join(dir, 'renamed-here.md'), MOVED.replace('Last year was quiet.', 'Last year was quiet, with 9,000 visitors.'));
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'feature');
  writeFileSync(join(dir, 'untracked.md'), 'Last year 10% left.\n');
  git(dir, 'checkout', '-q', 'main');
  writeFileSync(join(dir, 'untouched.md'), `${OLD}\nMain alone: last year 5% of it changed.\n`);
  git(dir, 'commit', '-q', '-am', 'main moves on');
  git(dir, 'checkout', '-q', 'feature');
  return dir;
}

test('changed-since: only findings on lines changed since the merge base, new, renamed and untracked files included', async () => {
  const dir = repository();
  const r = await inProcess(['check', '.', '--changed-since', 'main', '--format', 'json', '--fail-on', 'warning'], dir);
  assert.equal(r.code, 1, r.stderr);
  const files = json(r).files.map((f) => [f.path, f.findings.map((x) => x.text)]);
  assert.deepEqual(files, [
    ['a.md', ['severe', '70%']],
    ['new.md', ['Recently', '40%']],
    ['renamed-here.md', ['Last year', '9,000 visitors']],
    ['untracked.md', ['Last year', '10%']],
  ]);
  // On main itself, REF...HEAD is empty: only the untracked file is left to report.
  git(dir, 'checkout', '-q', 'main');
  const none = await inProcess(['check', '.', '--changed-since', 'main', '--fail-on', 'warning', '--format', 'json'], dir);
  assert.deepEqual(json(none).files.map((f) => f.path), ['untracked.md']);
  writeFileSync(join(dir, 'untracked.md'), 'Nothing to flag.\n');
  assert.equal((await inProcess(['check', '.', '--changed-since', 'main', '--fail-on', 'warning'], dir)).code, 0);
});

test('changed-since: works with --baseline, and on a file renamed in the working tree', async () => {
  const dir = repository();
  await inProcess(['check', '.', '--write-baseline', 'baseline.json'], dir);
  // A finding on a changed line that the baseline already holds is not reported.
  writeFileSync(join(dir, 'a.md'), `${OLD.replace('The debate turned severe.', 'The debate turned severe and 70% of them left.')}\nAlso 15% more.\n`);
  const r = await inProcess(['check', '.', '--changed-since', 'main', '--baseline', 'baseline.json', '--format', 'json', '--fail-on', 'warning'], dir);
  const fresh = json(r).files.flatMap((f) => f.findings.filter((x) => x.baselineState === 'new').map((x) => `${f.path}: ${x.text}`));
  assert.deepEqual(fresh, ['a.md: 15%']);
  assert.equal(r.code, 1);
  renameSync(join(dir, 'new.md'), join(dir, 'new-folder.md'));
  const moved = await inProcess(['check', 'new-folder.md', '--changed-since', 'main', '--format', 'json'], dir);
  assert.deepEqual(json(moved).files.map((f) => f.path), ['new-folder.md'], 'a file the index does not know yet counts as new');
});

test('changed-since: no repository, a bad REF and no merge base are exit 2 with a clear message', async () => {
  const plain = workspace({ 'a.md': OLD });
  const outside = await inProcess(['check', '.', '--changed-since', 'main'], plain);
  assert.equal(outside.code, 2);
  assert.match(outside.stderr, /--changed-since needs a git repository, and .* is not in one/);
  const dir = repository();
  for (const ref of ['no-such-branch', 'main~40', '--output=x']) {
    const r = await inProcess(['check', '.', `--changed-since=${ref}`], dir);
    assert.equal(r.code, 2, ref);
    assert.match(r.stderr, new RegExp(`--changed-since '${ref.replace(/[~-]/g, '\\$&')}' is not a commit, branch or tag`));
    assert.equal(r.stdout, '');
  }
  git(dir, 'checkout', '-q', '--orphan', 'unrelated');
  git(dir, 'commit', '-q', '-m', 'unrelated history');
  const unrelated = await inProcess(['check', '.', '--changed-since', 'main'], dir);
  assert.equal(unrelated.code, 2);
  assert.match(unrelated.stderr, /--changed-since 'main': no merge base with HEAD.*fetch-depth: 0/);
});

test('changed-since: the diff parser reads added lines, quoted paths and deletions', () => {
  const diff = [
    'diff --git a/a.md b/a.md',
    '--- a/a.md',
    '+++ b/a.md',
    '@@ -3 +3 @@',
    '@@ -10,2 +12,3 @@ heading',
    '@@ -20,4 +22,0 @@',
    'diff --git "a/tab\\there.md" "b/tab\\there.md"',
    '--- /dev/null',
    '+++ "b/tab\\there \\303\\251.md"',
    '@@ -0,0 +1,2 @@',
    'diff --git a/gone.md b/gone.md',
    '--- a/gone.md',
    '+++ /dev/null',
    '@@ -1,2 +0,0 @@',
  ].join('\n');
  const changed = parseUnifiedDiff(diff, '/repo');
  assert.deepEqual([...changed.keys()], ['/repo/a.md', '/repo/tab\there é.md']);
  assert.deepEqual([...(changed.get('/repo/a.md') as Set<number>)], [2, 11, 12, 13]);
  assert.deepEqual([...(changed.get('/repo/tab\there é.md') as Set<number>)], [0, 1]);
});
