import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, texts } from '../helpers.js';
import { MAX_FINDINGS } from '../../server/src/core/analyze.js';
import { hazardBlocks, MAX_BLOCK_CHARS, MAX_MARKERS_PER_LINE, MAX_PREFIX_COLUMNS, parseMarkdown, remarkParseTree } from '../../server/src/core/markdown.js';
import { nestedList, nestedQuotes } from '../hostile/shapes.js';

const limit = (text: string): string[] => run(text).findings.filter((f) => f.ruleId === 'analysis-limit').map((f) => f.message);

const HITS: Array<[string, string, RegExp]> = [
  ['10,000 nested quotations on one line', nestedQuotes(10_000), /line 1, a line that opens 10,000 lists or quotations, past the 12/],
  ['list markers on one line', `Before.\n\n${'- '.repeat(MAX_MARKERS_PER_LINE + 1)}x\n\nAfter.\n`, /line 3, a line that opens 13 lists/],
  ['a list nested 1,000 levels deep', nestedList(1000), /lines 1–1,000, a line nested 66 columns deep/],
  ['a long block that is not plain', `${'Some *emphasis* here. '.repeat(MAX_BLOCK_CHARS / 20)}\n`, /a block of [\d,]+ characters with no blank line/],
  ['a deep block inside an HTML comment spanning blank lines', `<!--\n\n${nestedQuotes(100)}\n-->\n\nText.\n`, /inside a code block or HTML block/],
];

for (const [name, text, message] of HITS) {
  test(`analysis-limit: ${name} is read as plain text, with one finding saying where and why`, () => {
    const found = limit(text);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0]!, message);
  });
}

const MISSES: Array<[string, string]> = [
  ['quotations and lists a few levels deep', '> > - 1. A quote in a list in a quote.\n\n- a\n  - b\n    - c\n'],
  ['twelve markers on one line', `${'> '.repeat(MAX_MARKERS_PER_LINE)}x\n`],
  ['a deep prefix inside a code fence', `\`\`\`\n${'> '.repeat(100)}x\n${' '.repeat(200)}y\n\`\`\`\n`],
  ['a deep prefix inside front matter', `---\nnote: "${'> '.repeat(100)}"\n---\nText.\n`],
  ['a long plain paragraph', `${'Plain words and more words. '.repeat(MAX_BLOCK_CHARS / 20).trimEnd()}\n`],
  ['an ordinary document', '# Title\n\nA paragraph with *emphasis*, a [link](https://example.org) and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'],
];

for (const [name, text] of MISSES) {
  test(`analysis-limit: nothing for ${name}, and the tree is remark's`, () => {
    assert.deepEqual(limit(text), []);
    assert.deepEqual(hazardBlocks(text), []);
    assert.deepEqual(parseMarkdown(text), remarkParseTree(text));
  });
}

test('analysis-limit: the text around a part read as plain text is parsed as Markdown, and the part is still checked', () => {
  const text = `A [link](https://example.org/40-percent) before.\n\n${'- '.repeat(50)}Last year 40% of voters left.\n\nAfter it, \`code 12%\` and *emphasis*.\n`;
  const analysis = run(text);
  assert.equal(texts(analysis, 'analysis-limit').length, 1);
  const plain = analysis.doc.plainText;
  assert.equal(plain.length, 1);
  assert.equal(text.slice(plain[0]!.start, plain[0]!.end), `${'- '.repeat(50)}Last year 40% of voters left.`);
  // The list markers are not prose; the words after them are.
  assert.ok(texts(analysis, 'dated-claim').includes('Last year'));
  assert.ok(texts(analysis, 'unsourced-figure').some((t) => t.includes('40%')));
  assert.equal(analysis.doc.links.length, 1);
  assert.ok(!analysis.findings.some((f) => f.start >= text.indexOf('`code') && f.end <= text.indexOf('` and')), 'no finding in the code span');
});

test('analysis-limit: a quotation read as plain text is still a quotation', () => {
  const doc = run(`${'>'.repeat(40)} What a disaster, he said.\n`).doc;
  assert.deepEqual(doc.blocks.map((b) => b.quoted), [true]);
});

test('analysis-limit: findings past the per-file cap are summarised in one finding', () => {
  const text = `${'Last year 40% of them came.\n\n'.repeat(MAX_FINDINGS)}`;
  const analysis = run(text);
  assert.equal(analysis.findings.length, MAX_FINDINGS + 1);
  const summary = analysis.findings.filter((f) => f.ruleId === 'analysis-limit');
  assert.equal(summary.length, 1);
  assert.match(summary[0]!.message, /^[\d,]+ more findings left out: at most 5,000 are reported per file/);
  assert.equal(summary[0]!.text, text.slice(summary[0]!.start, summary[0]!.end));
  // Switched off, the cap holds and the summary goes.
  const off = run(text, { rules: { 'analysis-limit': 'off' } });
  assert.equal(off.findings.length, MAX_FINDINGS);
  assert.ok(!off.findings.some((f) => f.ruleId === 'analysis-limit'));
});

test('analysis-limit: the limits are what the rule page says', () => {
  assert.deepEqual([MAX_MARKERS_PER_LINE, MAX_PREFIX_COLUMNS, MAX_BLOCK_CHARS, MAX_FINDINGS], [12, 64, 100_000, 5_000]);
});
