import { documentOfSize } from '../bench/corpus.js';

/**
 * Documents of any shape a hostile or broken file may have, each built to about `size`
 * UTF-16 units: the shapes the issue names (nesting thousands of levels deep, one 10 MB
 * line, a million tiny paragraphs) and the inputs CommonMark implementations keep as
 * pathological tests (runs of unmatched emphasis, brackets, backticks, unclosed links and
 * comments). Used by the hostile-input tests at small sizes and by `npm run bench -- hostile`
 * at 10 MB, against ordinary prose of the same size.
 */
export interface Shape {
  name: string;
  build(size: number): string;
}

/** `unit` repeated until the text is about `size` long. */
function repeat(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.ceil(size / unit.length)));
}

/** Blocks from `block(i)` joined by blank lines until about `size`. */
function blocks(size: number, block: (i: number) => string): string {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const b = block(i);
    out.push(b);
    length += b.length + 2;
  }
  return `${out.join('\n\n')}\n`;
}

/** A bullet list nested `depth` levels deep, one item per level, each indented under the one before. */
export function nestedList(depth: number, marker = '*'): string {
  let out = '';
  for (let k = 0; k < depth; k++) out += `${'  '.repeat(k)}${marker} level ${k} of the list\n`;
  return out;
}

/** `depth` blockquote markers on one line, then text. */
export function nestedQuotes(depth: number): string {
  return `${'>'.repeat(depth)} a quotation nested ${depth} levels deep\n`;
}

const prose = (size: number): string => documentOfSize(size);

export const SHAPES: readonly Shape[] = [
  { name: 'ordinary prose', build: prose },
  { name: 'prose on one line', build: (size) => prose(size).replace(/\n+/g, ' ') },
  { name: 'prose with CRLF', build: (size) => prose(size).replace(/\n/g, '\r\n') },
  { name: 'prose with lone CR', build: (size) => prose(size).replace(/\n/g, '\r') },
  { name: 'a million tiny paragraphs', build: (size) => repeat('a\n\n', size) },
  { name: 'tiny sentences', build: (size) => repeat('Yes. ', size) },
  { name: 'list nested 1,000 deep, repeated', build: (size) => blocks(size, () => nestedList(1000)) },
  { name: 'one list nested as deep as the size allows', build: (size) => nestedList(Math.floor(Math.sqrt(size / 2))) },
  { name: '10,000 nested blockquotes, repeated', build: (size) => blocks(size, () => nestedQuotes(10_000)) },
  { name: "'> ' nested on one line", build: (size) => `${repeat('> ', size)}a\n` },
  { name: 'list markers on one line', build: (size) => `${repeat('- ', size)}x\n` },
  { name: 'ordered markers on one line', build: (size) => `${repeat('1. ', size)}x\n` },
  { name: 'quote lines of a deep list', build: (size) => `> ${'- '.repeat(3000)}x\n${repeat('>\n', size)}` },
  { name: 'blank lines in a deep list', build: (size) => `${'- '.repeat(3000)}x\n${repeat('\n', size)}` },
  { name: 'nested emphasis', build: (size) => `${repeat('*a **a ', size / 2)}b${repeat(' a** a*', size / 2)}\n` },
  { name: 'emphasis closers with no openers', build: (size) => `${repeat('a_ ', size)}\n` },
  { name: 'emphasis openers with no closers', build: (size) => `${repeat('_a ', size)}\n` },
  { name: 'mismatched emphasis', build: (size) => `${repeat('*a_ ', size)}\n` },
  { name: 'emphasis, multiples of 3', build: (size) => `a**b${repeat('c* ', size)}\n` },
  { name: 'link closers with no openers', build: (size) => `${repeat('a]', size)}\n` },
  { name: 'link openers with no closers', build: (size) => `${repeat('[a', size)}\n` },
  { name: 'link openers and emphasis closers', build: (size) => `${repeat('[ a_', size)}\n` },
  { name: "'[ (](' repeated", build: (size) => `${repeat('[ (](', size)}\n` },
  { name: "'![[]()' repeated", build: (size) => `${repeat('![[]()', size)}\n` },
  { name: 'nested brackets', build: (size) => `${'['.repeat(size / 2)}a${']'.repeat(size / 2)}\n` },
  { name: 'backtick runs of every length', build: (size) => { let s = ''; for (let k = 1; s.length < size; k++) s += `e${'`'.repeat(k % 4000)}`; return `${s}\n`; } },
  { name: 'unclosed links <', build: (size) => `${repeat('[a](<b', size)}\n` },
  { name: 'unclosed links', build: (size) => `${repeat('[a](b', size)}\n` },
  { name: 'unclosed comments', build: (size) => `</${repeat('<!--', size)}\n` },
  { name: 'many references', build: (size) => { const n = Math.floor(size / 12); let s = ''; for (let i = 0; i < n; i++) s += `[${i}]: u\n`; return `${s}\n${'[0] '.repeat(n / 4)}\n`; } },
  { name: 'table with many rows', build: (size) => `| a | b |\n|---|---|\n${repeat('| 12% | 3 million |\n', size)}` },
  { name: 'table with many columns', build: (size) => `${repeat('| a ', size / 2)}|\n${repeat('|---', size / 2)}|\n` },
  { name: 'one long fenced code block', build: (size) => `\`\`\`\n${repeat('const x = 1; // 40% of 3 million\n', size)}\`\`\`\n` },
  { name: 'unclosed fence at the start', build: (size) => `\`\`\`\n${prose(size)}` },
  { name: 'html blocks', build: (size) => repeat('<div>\n', size) },
  { name: 'headings', build: (size) => repeat('# Heading with 40% of it\n', size) },
  { name: 'asterisks', build: (size) => `${'*'.repeat(size)}\n` },
  { name: 'NUL and control characters', build: (size) => { let s = ''; for (let i = 0; s.length < size; i++) s += String.fromCharCode(i % 32) + 'ab'; return s; } },
  { name: 'replacement characters (invalid UTF-8)', build: (size) => repeat('\uFFFD\uFFFDA\uFFFD ', size) },
  { name: 'astral characters', build: (size) => repeat('\u{1F600} 40% \u{1D400}\u{1D401} ', size) },
  { name: 'huge front matter', build: (size) => `---\ntitle: ${'x'.repeat(size)}\ndate: 2019-06-21\n---\nText.\n` },
  { name: 'front matter alias bomb', build: (size) => `---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n---\n${prose(size)}` },
];
