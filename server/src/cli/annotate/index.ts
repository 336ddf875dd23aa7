import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Analysis } from '../../core/analyze.js';
import { MARKDOWN_EXTENSIONS } from '../files.js';
import { annotatedPage, indexPage } from './page.js';

/**
 * `marginalia annotate FILE... --out DIR|FILE.html`: the annotated reading as a page per
 * article. One file may go to a named `.html` file; otherwise each page goes under DIR at
 * the file's path (extension `.html`), with `index.html` listing them when there are several.
 */

export class AnnotateError extends Error {}

export interface AnnotateInput {
  shownAs: string;
  analysis: () => Analysis;
}

function isHtmlFile(out: string): boolean {
  return /\.html?$/i.test(out);
}

const MARKDOWN = new RegExp(`\\.(?:${MARKDOWN_EXTENSIONS.join('|')})$`, 'i');

/** Where each page goes under the output folder: its path, `.html` for its extension, never two alike. */
function pageNames(shown: readonly string[]): string[] {
  const taken = new Set<string>(['index.html']);
  return shown.map((path) => {
    const safe = path.replace(/^\/+/, '').replace(/^[A-Za-z]:[\\/]/, '').split(/[\\/]/).filter((s) => s !== '..' && s !== '.' && s !== '').join('/');
    let name = `${safe.replace(MARKDOWN, '')}.html`;
    if (taken.has(name)) name = `${safe}.html`;
    for (let n = 2; taken.has(name); n++) name = `${safe}-${n}.html`;
    taken.add(name);
    return name;
  });
}

function write(path: string, html: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, html);
  } catch (error) {
    throw new AnnotateError(`cannot write '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Writes the pages; returns the files written, the index last. */
export function annotate(inputs: readonly AnnotateInput[], out: string, cwd: string): string[] {
  const target = resolve(cwd, out);
  if (isHtmlFile(out)) {
    if (inputs.length !== 1) throw new AnnotateError(`--out '${out}' names one page, but ${inputs.length} files were given; name a folder instead`);
    write(target, annotatedPage(inputs[0]!.shownAs, inputs[0]!.analysis()).html);
    return [target];
  }
  const names = pageNames(inputs.map((i) => i.shownAs));
  const written: string[] = [];
  const listed: Array<{ href: string; shownAs: string; title: string; summary: ReturnType<typeof annotatedPage>['summary'] }> = [];
  inputs.forEach((input, i) => {
    const page = annotatedPage(input.shownAs, input.analysis());
    const path = join(target, ...names[i]!.split('/'));
    write(path, page.html);
    written.push(path);
    listed.push({ href: names[i]!.split('/').map(encodeURIComponent).join('/'), shownAs: input.shownAs, title: page.title, summary: page.summary });
  });
  if (inputs.length > 1) {
    const index = join(target, 'index.html');
    write(index, indexPage(listed));
    written.push(index);
  }
  return written;
}
