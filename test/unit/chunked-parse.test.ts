import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMarkdown } from '../../server/src/core/markdown.js';
import { extractParts, type ProseParts } from '../../server/src/core/prose.js';
import { parseInChunks } from '../../server/src/core/incremental.js';
import { ROOT, seededRandom as rng } from '../helpers.js';

/**
 * Parsing a long document in stretches must give exactly the parts of one whole parse
 * (blocks, links, footnotes, comments, front matter, top-level segments, definitions), or
 * decline. Documents are the samples strung together and cut up by seeded random edits
 * that favour the constructs able to reach across a stretch boundary (fences, lists,
 * HTML, front matter, definitions); the chunk size is tiny so every document has many.
 */

const PIECES = [
  '\n\n', '\n', '```\n', '\n```\n', '~~~\n', '- ', '\n\n- item\n\n', '1. ', '\n\n2) two\n\n', '> ', '    ', '<div>\n', '\n</div>\n', '<!-- ', ' -->',
  '<pre>\n', '</pre>\n', '---\n', '\n---\n', '+++\n', '===\n', '[^1]', '\n\n[^1]: A source.\n\n', '[ref]', '\n\n[ref]: https://example.org\n\n',
  '\n\n[Ref Two]:\nhttps://example.org/2\n\n', '[ref two]', '| a | b |\n|---|---|\n| 1 | 2 |\n', '45,000 people', 'text', '\n\n## Heading\n\n',
];

function mutate(text: string, random: () => number, edits: number): string {
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (text.length + 1));
    if (random() < 0.7) text = text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)]! + text.slice(at);
    else text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 20)));
  }
  return text;
}

function normalised(parts: ProseParts): unknown {
  return { ...parts, keep: [...parts.keep].sort((a, b) => a.start - b.start || a.end - b.end) };
}

const samples = ['warmth-returns.md', 'markdown-constructs.md'].map((f) => readFileSync(join(ROOT, 'samples', f), 'utf8'));

test('a chunked parse equals the whole parse, or declines', () => {
  const random = rng(7);
  let chunked = 0;
  const cases = 60;
  for (let n = 0; n < cases; n++) {
    const base = n % 3 === 0 ? samples.join('\n\n') : `${samples[n % 2]!}\n\n${samples[(n + 1) % 2]!}`;
    const text = mutate(base, random, n % 10 === 0 ? 0 : 1 + Math.floor(random() * 40));
    const parts = parseInChunks(text, 150 + Math.floor(random() * 600));
    if (!parts) continue;
    chunked++;
    assert.deepEqual(normalised(parts), normalised(extractParts(parseMarkdown(text), text, 0, text.length)), `case ${n}`);
  }
  // Most documents must really be parsed in stretches, or this test proves nothing.
  assert.ok(chunked > cases / 2, `only ${chunked} of ${cases} documents were chunked`);
});

test('short documents are left to a whole parse', () => {
  assert.equal(parseInChunks(samples[0]!, 64 * 1024), undefined);
});

test('front matter stays in the first stretch', () => {
  const text = `---\ntitle: x\n\n${'filler: y\n\n'.repeat(40)}date: 2019-06-21\n---\n\n${'A paragraph of prose.\n\n'.repeat(60)}`;
  const parts = parseInChunks(text, 100);
  assert.ok(parts);
  assert.deepEqual(normalised(parts), normalised(extractParts(parseMarkdown(text), text, 0, text.length)));
});
