import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildProseDocument } from '../../server/src/core/prose.js';

test('prose: same length as the source, markup blanked, offsets preserved', () => {
  const src = '# Title\n\nSome **bold** and `code` and [link text](https://x.org/a) here.\n';
  const doc = buildProseDocument(src);
  assert.equal(doc.prose.length, src.length);
  assert.ok(doc.prose.includes('bold'));
  assert.ok(!doc.prose.includes('code'));
  assert.ok(!doc.prose.includes('https'));
  assert.ok(doc.prose.includes('link text'));
  const i = doc.prose.indexOf('link text');
  assert.equal(src.slice(i, i + 9), 'link text');
  assert.equal(doc.links.length, 1);
  assert.equal(doc.links[0]!.url, 'https://x.org/a');
});

test('prose: front matter, code blocks and HTML are not prose; comments are collected', () => {
  const src = '---\ntitle: 400,000 things\n---\n\n```\n28,500 troops\n```\n\n<div>9,999 items</div>\n\n<!-- marginalia-disable -->\n\nText.\n';
  const doc = buildProseDocument(src);
  assert.ok(!/\d/.test(doc.prose));
  assert.equal(doc.frontMatter?.fields.get('title')?.value, '400,000 things');
  assert.deepEqual(doc.comments.map((c) => c.body), ['marginalia-disable']);
  assert.deepEqual(doc.sentences.map((s) => src.slice(s.start, s.end)), ['Text.']);
});

test('prose: blocks know blockquotes and footnote definitions; footnote refs are recorded', () => {
  const src = '> Quoted words.\n\nAuthor text.[^a]\n\n[^a]: The source.\n';
  const doc = buildProseDocument(src);
  const kinds = doc.blocks.map((b) => [src.slice(b.start, b.end).trim(), b.quoted, b.footnote]);
  assert.deepEqual(kinds, [
    ['Quoted words.', true, false],
    ['Author text.[^a]', false, false],
    ['The source.', false, true],
  ]);
  assert.deepEqual(doc.footnoteRefs.map((f) => f.label), ['a']);
  assert.equal(doc.prose.slice(doc.footnoteRefs[0]!.start, doc.footnoteRefs[0]!.end).trim(), '');
});

test('prose: sentences never cross blocks, list items and table cells are blocks', () => {
  const src = '- first item\n- second item\n\n| a | b |\n|---|---|\n| cell one | cell two |\n';
  const doc = buildProseDocument(src);
  assert.deepEqual(doc.sentences.map((s) => src.slice(s.start, s.end)), ['first item', 'second item', 'a', 'b', 'cell one', 'cell two']);
});

test('prose: odd input never throws', () => {
  for (const src of ['', '\u0000\u0001', '\uFEFF# BOM', '\uD800 lone surrogate', '---\n: : :\n---\n', '[unclosed](', '<!--', '😀'.repeat(1000), 'a\r\nb\rc\n', '---\ndate: [\n---\ntext']) {
    const doc = buildProseDocument(src);
    assert.equal(doc.prose.length, src.length);
  }
});

test('prose: positions count UTF-16 code units, as LSP does', () => {
  const src = '😀 x\nsecond line';
  const doc = buildProseDocument(src);
  assert.deepEqual(doc.lines.positionAt(src.indexOf('x')), { line: 0, character: 3 });
  assert.deepEqual(doc.lines.positionAt(src.indexOf('second')), { line: 1, character: 0 });
  assert.equal(doc.lines.offsetAt({ line: 1, character: 6 }), src.indexOf(' line'));
});
