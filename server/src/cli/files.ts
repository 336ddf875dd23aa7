import { realpathSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';

export const MARKDOWN_EXTENSIONS = ['md', 'markdown', 'mdown', 'mkd', 'mdx'];
const IGNORE = ['**/node_modules/**', '**/.git/**'];

export class FileArgumentError extends Error {}

/**
 * Expands the command line's paths: files as they are, folders to the Markdown files
 * under them, anything else as a glob. A path that is neither an existing file or
 * folder nor a glob matching something is an error naming it.
 */
export function expandPaths(args: readonly string[], cwd: string): string[] {
  const { files, problems } = collectPaths(args, cwd);
  if (problems.length > 0) throw new FileArgumentError(problems[0]!);
  return files;
}

/**
 * As `expandPaths`, with each path that names nothing readable as a one-line problem
 * instead of an error, so a run can go on with the rest. A file reached twice (a symbolic
 * link to it, or a loop of links fast-glob follows until the system stops it) is listed once.
 */
export function collectPaths(args: readonly string[], cwd: string): { files: string[]; problems: string[] } {
  const out = new Map<string, string>();
  const problems: string[] = [];
  const add = (f: string): void => {
    const abs = resolve(f);
    let real = abs;
    try {
      real = realpathSync(abs);
    } catch {
      // Reading it will say what is wrong.
    }
    if (!out.has(real)) out.set(real, abs);
  };
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    let st;
    let failure: unknown;
    try {
      st = statSync(abs);
    } catch (error) {
      failure = error;
    }
    if (st?.isFile()) {
      add(abs);
    } else if (st?.isDirectory()) {
      const pattern = `**/*.{${MARKDOWN_EXTENSIONS.join(',')}}`;
      for (const f of fg.sync(pattern, { cwd: abs, absolute: true, ignore: IGNORE, dot: false, onlyFiles: true, suppressErrors: true })) add(f);
    } else if (st) {
      problems.push(`cannot read '${arg}': it is neither a file nor a folder`);
    } else if (fg.isDynamicPattern(arg)) {
      const matches = fg.sync(arg.split(sep).join('/'), { cwd, absolute: true, ignore: IGNORE, onlyFiles: true, suppressErrors: true });
      if (matches.length === 0) problems.push(`no files match '${arg}'`);
      for (const f of matches) add(f);
    } else {
      const code = (failure as NodeJS.ErrnoException | undefined)?.code;
      problems.push(`cannot read '${arg}': ${code === 'ELOOP' ? 'a loop of symbolic links (ELOOP)' : code === 'EACCES' ? 'permission denied (EACCES)' : 'no such file or directory'}`);
    }
  }
  return { files: [...out.values()].sort(), problems };
}

/** The path as reports show it: relative to the working directory, with forward slashes. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return (rel.startsWith('..') ? abs : rel).split(sep).join('/');
}
