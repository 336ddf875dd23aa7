import { statSync } from 'node:fs';
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
  const out = new Set<string>();
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    let st;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isFile()) {
      out.add(abs);
    } else if (st?.isDirectory()) {
      const pattern = `**/*.{${MARKDOWN_EXTENSIONS.join(',')}}`;
      for (const f of fg.sync(pattern, { cwd: abs, absolute: true, ignore: IGNORE, dot: false })) out.add(resolve(f));
    } else if (fg.isDynamicPattern(arg)) {
      const matches = fg.sync(arg.split(sep).join('/'), { cwd, absolute: true, ignore: IGNORE, onlyFiles: true });
      if (matches.length === 0) throw new FileArgumentError(`no files match '${arg}'`);
      for (const f of matches) out.add(resolve(f));
    } else {
      throw new FileArgumentError(`cannot read '${arg}': no such file or directory`);
    }
  }
  return [...out].sort();
}

/** The path as reports show it: relative to the working directory, with forward slashes. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return (rel.startsWith('..') ? abs : rel).split(sep).join('/');
}
