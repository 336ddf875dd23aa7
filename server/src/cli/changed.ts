import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `--changed-since REF`: the lines a pull request changes, as its diff shows them. The
 * base is the merge base of REF and HEAD (the three-dot diff, `REF...HEAD`), compared with
 * the working tree, so in CI (a clean checkout of HEAD) it is the pull request's diff and
 * on a writer's machine it takes uncommitted edits too. Files git does not track yet count
 * as new, every line changed. Renames are followed (`-M`): a file moved unchanged has no
 * changed lines. git runs as an external process; nothing is read from .git directly.
 */

export class ChangedSinceError extends Error {}

/** Changed lines (0-based) by real absolute path; `all` for a new file. */
export type ChangedLines = Map<string, Set<number> | 'all'>;

function git(args: string[], cwd: string): { ok: boolean; stdout: string; stderr: string; missing: boolean } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  const missing = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return { ok: r.status === 0, stdout: r.stdout ?? '', stderr: (r.stderr ?? '').trim(), missing };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? '';
}

export function changedLines(ref: string, cwd: string): ChangedLines {
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  if (top.missing) throw new ChangedSinceError('--changed-since needs git, and there is no git on PATH');
  if (!top.ok) throw new ChangedSinceError(`--changed-since needs a git repository, and ${cwd} is not in one`);
  const root = realpathSync(top.stdout.trim());
  if (ref.startsWith('-')) throw new ChangedSinceError(`--changed-since '${ref}' is not a commit, branch or tag`);
  const commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], root);
  if (!commit.ok) throw new ChangedSinceError(`--changed-since '${ref}' is not a commit, branch or tag this repository knows (in CI, fetch it first: a shallow clone has only HEAD)`);
  const base = git(['merge-base', commit.stdout.trim(), 'HEAD'], root);
  if (!base.ok) {
    throw new ChangedSinceError(
      `--changed-since '${ref}': no merge base with HEAD${base.stderr ? ` (${firstLine(base.stderr)})` : ''}; in CI, fetch the full history (actions/checkout with fetch-depth: 0)`,
    );
  }
  const diff = git(
    ['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--no-textconv', '--unified=0', '-M', '--diff-filter=d', '--src-prefix=a/', '--dst-prefix=b/', base.stdout.trim(), '--'],
    root,
  );
  if (!diff.ok) throw new ChangedSinceError(`--changed-since '${ref}': git diff failed: ${firstLine(diff.stderr)}`);
  const changed = parseUnifiedDiff(diff.stdout, root);
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], root);
  if (untracked.ok) for (const path of untracked.stdout.split('\0')) if (path) changed.set(join(root, path), 'all');
  return changed;
}

/** Lines added or changed in the new side of a `git diff --unified=0`, by path under `root`. */
export function parseUnifiedDiff(diff: string, root: string): ChangedLines {
  const changed: ChangedLines = new Map();
  let current: Set<number> | 'all' | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const path = diffPath(line.slice(4));
      current = undefined;
      if (path !== undefined) {
        current = new Set<number>();
        changed.set(join(root, path), current);
      }
    } else if (line.startsWith('@@') && current instanceof Set) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      for (let l = start; l < start + count; l++) current.add(l - 1);
    }
  }
  return changed;
}

/** The path of a `+++` header: `b/path`, or git's C-style quoted form; undefined for /dev/null. */
function diffPath(header: string): string | undefined {
  const raw = header.startsWith('"') ? unquote(header) : header.replace(/\t$/, '');
  if (raw === '/dev/null' || !raw.startsWith('b/')) return undefined;
  return raw.slice(2);
}

/** git's quoting of unusual paths: C escapes, with bytes as octal. */
function unquote(quoted: string): string {
  const bytes: number[] = [];
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 1; i < quoted.length; i++) {
    const ch = String.fromCodePoint(quoted.codePointAt(i)!);
    if (ch === '"') break;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length - 1;
      continue;
    }
    const next = quoted[++i]!;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(quoted.slice(i, i + 3), 8));
      i += 2;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The changed lines of a file we analyse, found by its real path; undefined when it has none. */
export function changedLinesOf(changed: ChangedLines, absPath: string): Set<number> | 'all' | undefined {
  let real: string;
  try {
    real = realpathSync(absPath);
  } catch {
    real = absPath;
  }
  return changed.get(real);
}
