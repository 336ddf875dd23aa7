import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMarkdown, parseWithStandIns, plainBlocks, remarkParseTree } from '../../server/src/core/markdown.js';
import { ROOT, seededRandom as rng } from '../helpers.js';
import { articles, EVAL } from '../bench/corpus.js';

/**
 * The fast path for plain paragraphs must give exactly remark's tree: every node, value and
 * position (line, column, offset). Documents mix plain paragraphs with every construct that
 * can change how a paragraph-looking run of lines is read: fences and HTML blocks left open
 * across blank lines, front matter, containers, lazy lines, list markers, setext underlines,
 * hard breaks, CR and CRLF line endings, tabs, autolink literals, entities and escapes.
 */

const PLAIN = [
  'The treaty was signed in 1961 and has held since.',
  'Officials said the talks would resume.\nA second line follows it.',
  '“Quoted,” she said — and left; (parenthetically) 45% of them: yes!',
  'Émile wrote 😀 in the margin.',
  'a',
  'See [the report](https://example.org/report?id=7) and [the data](https://example.org/data).',
  '[A link first](https://example.org) then text,\nand [one on the next line](x.html) too.',
  '“[T]he talks,” he said, “will [not] fail.” [1]',
];

const TRICKY = [
  '```\n', '~~~\n', '```js\ncode\n', '\n```\n', '<div>\n', '</div>\n', '<!-- open\n', '-->\n', '<pre>\n', '</pre>\n', '<script>\n', '</script>\n',
  '---\n', '+++\n', '---\ntitle: x\n---\n', '- ', '* ', '+ ', '1. ', '2) ', '10. ', '> ', '>', '    ', '   ', '  ', ' ', '\t', '===\n', '---', '***\n',
  '# ', '## Heading\n', '[^1]', '[^1]: A note.\n', '[ref]', '[ref]: https://example.org\n', '| a | b |\n|---|---|\n| 1 | 2 |\n', '*em*', '_em_', '`code`',
  '[a link](https://example.org/a_b?c=d#e)', '[text](url)', ' [two](x)[links](y) ', '[ spaced ](x)', '[^fn](x)', '[a](b "title")', '[a](<b>)', '[a](b(c))',
  '[](x)', '[a](b&amp;c)', 'www.x.org [a](https://www.x.org)', '[a]( b)', '[a] (b)', '[a](b)c', '[a][ref]', '[ref]', '[a](https://x.org/@user)', '[a](x.org/~u|v*w_)',
  '[Trump] said', '“[a]t the request', '[1]', '[…]', ']', '[', '[a [b] c](d)', '[a [b](c) d]', '![x]', '[x][y]', '[x][]', '[x]\n(y)', '[x] (y)', '[www.x.org]', '[',
  '[www.x.org](y)', '[a](y)www.z.org', '[Émile](https://x.org/é)', '!', '![a](b)', '[a\nb](c)', '[a](\nb)', '# Title\n', '#Title\n', '####### Seven\n', '# Closed #\n', '#  Two spaces\n', '# Trailing \n', '### C# and F#\n', '#\n', '###### Six\n', '**strong**', '~~gone~~', 'www.example.org', 'https://example.org', 'mail@example.org', '&amp;', '&copy', '\\*', '<b>', '<https://x.org>', '![i](x.png)',
  '  \n', ' \n', '\r\n', '\r', '\u0000', '1961. ', '2019 ', '$5 ', '\n', '\n\n', '\n\n\n', 'x', 'Mr. ', 'e.g. ', '<', '>', '&', '@',
  // Text that reads as itself, or as itself less its escapes, and its near misses.
  'AT&T', 'Q&A ', '&c', '& ', '&;', '&#35;', '&#x23;', '&#;', '&nbsp;', '&nbsp', '&foo;', 'R&D;', '&amp', '&\n', '\\&amp;', '&\\#',
  '@handle', ' (@FBI) ', 'x@', '@', 'a.@b.co', 'a+@b.co', 'é@b.co', 'mailto:a@b.co', 'a@b', '@b.co', 'R&D@x.co', '&#64;b.co', ')@b.co',
  '\\.', '\\\\', '\\a', '\\ ', '\\', '\\\n', 'end\\', '\\*\\*not\\*\\*', '\\[x](y)', '[a\\]b](c)', '\\[a\\](b)', '\\#', '\\- ', '\\1. ', '\\> ',
  '* [ ] ', '- [x] ', '*\t', '-  ', '* * *', '+ a\n+ b', '- ', '\n* ', '\n- ', '\n+ ',
  '#tag', '#tag and #two', '##x', '#5', '#\t', '#', '# a | b\n', '## x|y\n', '#|', '# | \n', '#\u00A0x', '####### seven',
  'www\\.x.org', 'http\\://x.org', 'a\\@b.co', 'a@b\\.co', '\\@b.co', 'a\\_b@c.co', 'mailto\\:a@b.co', '# Q&A\n', '# a \\* b\n', '# x@y.co\n', '# \\#\n', 'C\\# and F\\#',
];

function randomDocument(random: () => number, parts: number): string {
  const out: string[] = [];
  for (let i = 0; i < parts; i++) {
    const r = random();
    if (r < 0.45) out.push(PLAIN[Math.floor(random() * PLAIN.length)]!);
    else if (r < 0.75) out.push(TRICKY[Math.floor(random() * TRICKY.length)]!);
    else out.push(random() < 0.8 ? '\n\n' : '\n');
  }
  return out.join('');
}

const samples = ['warmth-returns.md', 'markdown-constructs.md'].map((f) => readFileSync(join(ROOT, 'samples', f), 'utf8'));

test('the samples parse to remark’s tree, most of their paragraphs on the fast path', () => {
  for (const text of samples) {
    assert.ok(parseWithStandIns(text), 'the fast path declined');
    assert.deepEqual(parseMarkdown(text), remarkParseTree(text));
  }
  const sample = samples[0]!;
  const plainChars = plainBlocks(sample).reduce((n, p) => n + p.end - p.start, 0);
  assert.ok(plainChars > sample.length / 2, `only ${plainChars} of ${sample.length} characters are plain`);
});

test('the evaluation articles parse to remark’s tree', { skip: existsSync(EVAL) ? false : `no evaluation data at ${EVAL}` }, () => {
  let fast = 0;
  for (const a of articles()) {
    if (parseWithStandIns(a.markdown)) fast++;
    assert.deepEqual(parseMarkdown(a.markdown), remarkParseTree(a.markdown), a.name);
  }
  assert.ok(fast > articles().length * 0.9, `only ${fast} articles took the fast path`);
});

test('random documents parse to remark’s tree, on the fast path or by declining', () => {
  const random = rng(11);
  const cases = 3000;
  let fast = 0;
  let declined = 0;
  for (let n = 0; n < cases; n++) {
    const text = randomDocument(random, 2 + Math.floor(random() * 30));
    const viaStandIns = parseWithStandIns(text);
    if (viaStandIns) fast++;
    else if (plainBlocks(text).length > 0) declined++;
    assert.deepEqual(parseMarkdown(text), remarkParseTree(text), `case ${n}: ${JSON.stringify(text)}`);
  }
  // Both paths must really be taken, or this test proves less than it says.
  assert.ok(fast > cases / 2, `only ${fast} of ${cases} documents took the fast path`);
  assert.ok(declined > 20, `only ${declined} documents declined it`);
});

test('documents of nothing but plain blocks are built without remark, as remark builds them', () => {
  const random = rng(5);
  for (let n = 0; n < 500; n++) {
    const blank = (): string => [' \n', '\n', '\r\n', '\t\n', '  \r\n'][Math.floor(random() * 5)]!;
    const parts: string[] = [];
    if (random() < 0.3) parts.push(blank());
    for (let k = 0, count = 1 + Math.floor(random() * 8); k < count; k++) {
      const titles = PLAIN.filter((p) => !p.includes('['));
      const block = random() < 0.3 ? `${'#'.repeat(1 + Math.floor(random() * 6))} ${titles[k % titles.length]!.split('\n')[0]}` : PLAIN[Math.floor(random() * PLAIN.length)]!;
      parts.push(random() < 0.2 ? block.replace(/\n/g, '\r\n') : block, random() < 0.5 ? '\n' : '\r\n', blank());
    }
    if (random() < 0.5) parts.pop();
    const text = parts.join('');
    assert.equal(plainBlocks(text).reduce((end, b) => (onlyBlank(text.slice(end, b.start)) ? b.end : Number.NaN), 0) > 0, true, JSON.stringify(text));
    assert.deepEqual(parseWithStandIns(text), remarkParseTree(text), JSON.stringify(text));
  }
});

test('random documents with bullet lists parse to remark’s tree, lists on the fast path or declined', () => {
  const random = rng(23);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  // Item texts: plain ones, and ones that make the line something else or nest a block.
  const ITEM = ['Yes, he will be confirmed.', 'John Bolton Richard Grenell', 'See [the report](https://example.org/r).', 'AT&T and (@FBI) \\* too', 'Email *', '[ ] a task', '[x] done', ' two spaces', '1. nested', '- nested', '* nested', '> quote', '# heading', 'trailing ', '*em*', 'www.example.org', 'a@b.co', '[Trump] said', '`code`', 'x'];
  const MARKERS = ['* ', '- ', '+ '];
  const block = (): string => {
    const r = random();
    if (r < 0.5) return pick(PLAIN);
    if (r < 0.85) {
      const marker = pick(MARKERS);
      const n = 1 + Math.floor(random() * 4);
      return Array.from({ length: n }, () => `${random() < 0.1 ? pick(MARKERS) : marker}${random() < 0.7 ? pick(ITEM.slice(0, 5)) : pick(ITEM)}`).join(random() < 0.15 ? '\r\n' : '\n');
    }
    return pick(['  indented more', 'lazy line', '```\ncode', '<div>', '---', '===', '1. one', pick(TRICKY)]);
  };
  // After a "---" that opens no front matter remark reads no list or quote in the rest of the
  // text: the list's own stand-in must prove lists are read where it stands.
  for (const text of ['---\n\nA.\n\n* a\n* b\n\nB.', '+++\n\n* a', '---  \n\n1. one\n\nA.\n\n- a\n']) {
    assert.equal(parseWithStandIns(text), undefined, text);
    assert.deepEqual(parseMarkdown(text), remarkParseTree(text), text);
  }
  let fast = 0;
  for (let n = 0; n < 2000; n++) {
    const parts: string[] = [];
    for (let k = 1 + Math.floor(random() * 8); k > 0; k--) parts.push(block(), random() < 0.85 ? '\n\n' : '\n');
    const text = parts.join('');
    if (plainBlocks(text).some((b) => b.items) && parseWithStandIns(text)) fast++;
    assert.deepEqual(parseMarkdown(text), remarkParseTree(text), `case ${n}: ${JSON.stringify(text)}`);
  }
  assert.ok(fast > 300, `only ${fast} documents had a list on the fast path`);
});

function onlyBlank(s: string): boolean {
  return /^[ \t\r\n]*$/.test(s);
}

test('what is a plain block and what is not', () => {
  const plain = (text: string): string[] => plainBlocks(text).map((p) => text.slice(p.start, p.end));
  assert.deepEqual(plain('One.\n\nTwo lines\nhere.\n\n   \nThree.'), ['One.', 'Two lines\nhere.', 'Three.']);
  // Each of these has something remark reads as Markdown, or may, or shifts positions.
  for (const text of ['A *word*.', 'See www.example.org.', 'http://x.org', 'a@b.co', '1. First', '####### Seven', '# Closed #', '#  Two spaces', '> quoted', '  indented', 'hard  \nbreak', 'tab\there', 'AT&amp;T', 'R&D;', 'a\\@b.co', 'www\\.x.org', 'x.@y', 'é@b', 'hard\\\nbreak', 'end\\', 'lone\rcr', 'under\n===', 'x | y']) {
    assert.deepEqual(plain(text), [], text);
  }
  // Text with no Markdown beyond what reads as itself: a lone `&`, an `@` no email can end at, escapes.
  assert.deepEqual(plain('AT&T, Q&A.\n\nFollow @x (@FBI).\n\nA \\* b \\a.'), ['AT&T, Q&A.', 'Follow @x (@FBI).', 'A \\* b \\a.']);
  // Bullet lists of one-line plain items, between plain blocks: not beside another list (one
  // loose list), not with two markers, not task boxes.
  assert.deepEqual(plain('A.\n\n* a\n* b\n\nEmail *\n\n- c'), ['A.', '* a\n* b', 'Email *', '- c']);
  for (const text of ['* a\n\n* b', 'A.\n\n* a\n- b', '* [ ] task', '*  two spaces', '* a\n  more', '* a\nlazy', '- - -', '* *b*']) {
    assert.ok(plainBlocks(text).every((b) => !b.items), text);
  }
  // A hashtag is text; a heading takes a `|` as text.
  assert.deepEqual(plain('#LasVegasShooting\n\n# Jobs | Articles\n\n#\n\n#\tTab'), ['#LasVegasShooting', '# Jobs | Articles']);
  // Headings of one plain line, on their own.
  assert.deepEqual(plain('# Title\n\n###### Six, and C# too\n\nText.'), ['# Title', '###### Six, and C# too', 'Text.']);
  // A paragraph that follows another block without a blank line is left to remark.
  assert.deepEqual(plain('## Heading\nText right under it.'), []);
});
