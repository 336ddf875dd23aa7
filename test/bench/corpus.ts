import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SAMPLE } from '../helpers.js';

/**
 * Real text for the benchmark, read from ../shared/eval at run time (never copied into the
 * repository): the PTC news articles and the editorials, each turned into an op-ed-sized
 * Markdown file (a title heading and paragraphs).
 */

/**
 * The shared data sits beside the checkout (`../shared/eval`), or beside the folder of
 * worktrees when the checkout is one of them (`../../shared/eval`).
 */
export const EVAL = [join(ROOT, '..', 'shared', 'eval'), join(ROOT, '..', '..', 'shared', 'eval')].find((dir) => existsSync(dir)) ?? join(ROOT, '..', 'shared', 'eval');

export interface Article {
  name: string;
  markdown: string;
}

function ptcArticles(): Article[] {
  const out: Article[] = [];
  for (const split of ['train-articles', 'dev-articles']) {
    const dir = join(EVAL, 'ptc', split);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      const text = readFileSync(join(dir, f), 'utf8').replace(/^\uFEFF/, '');
      const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
      if (lines.length === 0) continue;
      out.push({ name: `ptc-${f.replace(/\.txt$/, '')}`, markdown: `# ${lines[0]}\n\n${lines.slice(1).join('\n\n')}\n` });
    }
  }
  return out;
}

interface Unit {
  text: string;
  label: string;
}

function editorials(): Article[] {
  const out: Article[] = [];
  const root = join(EVAL, 'editorials');
  if (!existsSync(root)) return out;
  for (const outlet of readdirSync(root).sort()) {
    for (const f of readdirSync(join(root, outlet)).sort()) {
      if (!f.endsWith('.json')) continue;
      const data = JSON.parse(readFileSync(join(root, outlet, f), 'utf8')) as { paragraphs: Unit[][] };
      const paragraphs = data.paragraphs.map((units) => {
        const text = units.map((u) => u.text).reduce((acc, t) => (acc === '' || /^[.,;:!?)]/.test(t) ? acc + t : `${acc} ${t}`), '');
        return units.some((u) => u.label === 'title') ? `# ${text}` : text;
      });
      out.push({ name: `${outlet}-${f.replace(/\.json$/, '')}`, markdown: `${paragraphs.join('\n\n')}\n` });
    }
  }
  return out;
}

let cached: Article[] | undefined;

/** The 446 PTC articles, then the 266 editorials. */
export function articles(): Article[] {
  cached ??= [...ptcArticles(), ...editorials()];
  if (cached.length === 0) throw new Error(`no evaluation text found under ${EVAL}`);
  return cached;
}

export function sampleText(): string {
  return readFileSync(SAMPLE, 'utf8');
}

/** A line that opens or closes a fenced code block. */
const FENCE = /^ {0,3}(?:`{3,}|~{3,})/gm;

/**
 * A document of about `size` UTF-16 units: the sample first (front matter and all), then
 * articles as sections, cycling, cut at a paragraph boundary. An article with an unclosed
 * fence (one uses a bare "~~~" as a section break) is left out: joined to the others it
 * would turn everything after it into one code block (3.8 MB of the 5 MB document was).
 */
export function documentOfSize(size: number): string {
  const sample = sampleText();
  const parts = [sample];
  let length = sample.length;
  const all = articles().filter((a) => (a.markdown.match(FENCE)?.length ?? 0) % 2 === 0);
  for (let i = 0; length < size; i++) {
    const a = all[i % all.length]!.markdown.replace(/^# /, '## ');
    parts.push(a);
    length += a.length + 1;
  }
  const text = parts.join('\n');
  if (text.length <= size) return text;
  const cut = text.lastIndexOf('\n\n', size);
  return `${text.slice(0, cut > size / 2 ? cut : size)}\n`;
}
