import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, type Analysis, type AnalyzeOptions } from '../../server/src/core/analyze.js';
import { IncrementalAnalysis, PARSE_CHUNK } from '../../server/src/core/incremental.js';
import { bundledKnowledge, SAMPLE, TODAY, seededRandom as rng } from '../helpers.js';

/**
 * Incremental analysis must equal a full analysis after every edit: the document it
 * keeps (prose, blocks, sentences, links, footnotes, comments, front matter), the
 * reference date and every finding with its suggestions. Edits are random but seeded,
 * and favour the characters that change Markdown structure.
 */

const PIECES = [
  'a', 'e', ' ', '.', ',', '\n', '\n\n', '#', '## ', '*', '**', '_', '`', '```', '```\n', '[', ']', '(', ')', '>', '> ', '- ', '1. ', '|', ' | ',
  '---', '\n---\n', '"', '\u201C', '\u201D', '\u2019', '[^1]', '[^2]: Source.\n', '[ref]', '[ref]: https://example.org\n', '<!-- ', ' -->',
  '<!-- marginalia-disable-next-line unsourced-figure -->\n', '<div>', '    ', '45,000 people', '3.5%', 'according to the UN', 'on 21 June 2019',
  'on 3 July 2020', 'President. Trump', 'Xi Jin Ping', 'regime', 'so-called', '\u201Cfreedom\u201D', 'Mr. Kim', 'two million', '2018', 'last year',
];

function randomEdit(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const kind = random();
  if (kind < 0.45) {
    const piece = PIECES[Math.floor(random() * PIECES.length)]!;
    return text.slice(0, at) + piece + text.slice(at);
  }
  if (kind < 0.8) {
    const length = 1 + Math.floor(random() * (random() < 0.8 ? 3 : 60));
    return text.slice(0, at) + text.slice(Math.min(text.length, at + length));
  }
  if (kind < 0.9) {
    // Retype a stretch: delete a few characters and insert a piece.
    const length = 1 + Math.floor(random() * 8);
    return text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)]! + text.slice(Math.min(text.length, at + length));
  }
  // Move a line elsewhere.
  const lines = text.split('\n');
  const from = Math.floor(random() * lines.length);
  const [line] = lines.splice(from, 1);
  lines.splice(Math.floor(random() * (lines.length + 1)), 0, line!);
  return lines.join('\n');
}

function comparable(a: Analysis): unknown {
  const { doc } = a;
  return {
    prose: doc.prose,
    blocks: doc.blocks,
    sentences: doc.sentences,
    links: doc.links,
    footnoteRefs: doc.footnoteRefs,
    footnoteDefinitions: doc.footnoteDefinitions,
    comments: doc.comments,
    lines: doc.lines,
    frontMatter: doc.frontMatter ? { ...doc.frontMatter, fields: [...doc.frontMatter.fields.entries()] } : undefined,
    referenceDate: a.referenceDate,
    findings: a.findings,
    entities: a.entities,
    failures: a.failures.map((f) => f.ruleId),
  };
}

function runEdits(name: string, start: string, edits: number, seed: number, options: AnalyzeOptions): void {
  const random = rng(seed);
  const incremental = new IncrementalAnalysis(start, options);
  assert.deepEqual(comparable(incremental.analysis), comparable(analyze(start, options)), `${name}: initial analysis`);
  let text = start;
  let partial = 0;
  for (let i = 0; i < edits; i++) {
    text = randomEdit(text, random);
    const got = incremental.update(text);
    if (!incremental.lastUpdate.full) partial++;
    const want = analyze(text, options);
    assert.deepEqual(comparable(got), comparable(want), `${name}: edit ${i + 1} (seed ${seed}) differs from a full analysis`);
  }
  // The point is to re-parse little: most edits must not fall back to a full parse.
  assert.ok(partial > edits / 2, `${name}: only ${partial} of ${edits} edits were incremental`);
}

const sample = readFileSync(SAMPLE, 'utf8');
const options = (): AnalyzeOptions => ({ today: TODAY, knowledge: bundledKnowledge() });

/** A longer document with every construct an edit can open or close, around the sample's prose. */
function largerDocument(): string {
  const extras = [
    '## Figures in lists\n\n- 45,000 people marched, according to the police.\n- 3.5% of voters\n  stayed home.\n\n1. First\n2. Second with 12,000 troops\n',
    '> A quoted regime of 400,000 soldiers.\n> Still quoted.\n\nAfter the quote, a so-called \u201Creform\u201D cost $3 billion.[^1]\n',
    '```js\nconst troops = 28500;\n```\n\n    indented code 9,999\n\n<div>\n90,000 in html\n</div>\n',
    '| Year | Troops |\n| --- | --- |\n| 2018 | 28,500 |\n| 2019 | 30,000 |\n\nTitle line\n===\n\nAnother\n---\n',
    '[^1]: Figures from the ministry, 3 July 2019.\n\n[ref]: https://example.org/source\n\nSee [the report][ref] on 12,000 jobs. Mr. Kim said 40% would stay.\n',
    '<!-- marginalia-disable loaded-term -->\n\nA brutal regime here is not reported.\n\n<!-- marginalia-enable loaded-term -->\n\nA brutal regime there is.\n',
  ];
  const parts = [sample];
  for (let i = 0; i < 4; i++) parts.push(...extras, sample.replace(/^---[\s\S]*?---\n/, ''));
  return parts.join('\n\n');
}

test('incremental analysis equals a full analysis over random edits to the sample', () => {
  runEdits('sample', sample, 250, 7, options());
});

test('incremental analysis equals a full analysis over random edits to a larger document', () => {
  runEdits('larger', largerDocument(), 60, 11, options());
});

test('incremental analysis with no front matter infers the reference date from the text as it changes', () => {
  const body = sample.replace(/^---[\s\S]*?---\n/, '');
  runEdits('no front matter', body, 120, 23, options());
});

test('incremental analysis: edits that add a link definition or open a code fence still match', () => {
  const o = options();
  const start = 'A [ref] to 45,000 people.\n\nMore text with 12,000 jobs.\n\n```\nnot 90,000\n```\n\nLast 3.5% here.\n';
  const steps = [
    (t: string) => `${t}\n[ref]: https://example.org\n`,
    (t: string) => t.replace('More text', '```\nMore text'),
    (t: string) => t.replace('```\nMore text', 'More text'),
    (t: string) => t.replace('[ref]: https://example.org\n', ''),
    (t: string) => t.replace('Last', '> Last'),
    (t: string) => `---\ndate: 2019-06-21\n---\n${t}`,
    (t: string) => t.replace('date: 2019-06-21', 'date: nonsense'),
  ];
  const incremental = new IncrementalAnalysis(start, o);
  let text = start;
  for (const step of steps) {
    text = step(text);
    assert.deepEqual(comparable(incremental.update(text)), comparable(analyze(text, o)), text);
  }
});

test('incremental analysis: a code fence left open in the middle of a long document runs to its end, on open and after edits', () => {
  const o = options();
  // Long enough to be opened in chunks; the fence never closes, so every chunk after it stays open.
  const half = Array.from({ length: Math.ceil(PARSE_CHUNK / largerDocument().length) + 1 }, largerDocument).join('\n\n');
  const start = `${half}\n\n~~~\n\nInside the open fence: 45,000 people.\n\n${half.replace(/^---[\s\S]*?---\n/, '')}`;
  assert.ok(start.length > 2 * PARSE_CHUNK);
  const incremental = new IncrementalAnalysis(start, o);
  assert.deepEqual(comparable(incremental.analysis), comparable(analyze(start, o)), 'open');
  const fence = start.indexOf('~~~');
  let text = start;
  for (const at of [fence + 40, start.length - 500, fence - 300]) {
    text = `${text.slice(0, at)}y${text.slice(at)}`;
    assert.deepEqual(comparable(incremental.update(text)), comparable(analyze(text, o)), `edit at ${at}`);
  }
});

test('incremental analysis: document-level facts and neighbouring blocks are re-read after an edit', () => {
  const o = options();
  // A new footnote definition changes the label every footnote fix proposes (a new
  // definition re-parses the whole document: references anywhere resolve against it).
  const footnote = 'Troops numbered 28,500 in all.\n\nLater text.\n\nEnd.\n';
  const withFootnote = new IncrementalAnalysis(footnote, o);
  const added = footnote.replace('End.', 'End.[^7]\n\n[^7]: Source.');
  assert.deepEqual(comparable(withFootnote.update(added)), comparable(analyze(added, o)));
  const cases: Array<[string, (t: string) => string]> = [
    // A heading's last word is read by a figure at the start of the next paragraph.
    ['Intro.\n\n# Figures\n\nOther.\n\nMore.\n\n# Figures\n\n45 civilians died.\n', (t) => t.replace(/# Figures(?=\n\n45)/, '# Section')],
    ['Intro.\n\n# Section\n\nOther.\n\nMore.\n\n# Section\n\n45 civilians died.\n', (t) => t.replace(/# Section(?=\n\n45)/, '# Figures')],
    // A caption after a long table sources every cell of it, however far back.
    [
      `Intro.\n\n| Year | Troops |\n| --- | --- |\n${Array.from({ length: 12 }, (_, i) => `| ${2000 + i} | ${28500 + i * 1000} people |`).join('\n')}\n\nSource: the ministry.\n\nEnd.\n`,
      (t) => t.replace('Source: the ministry.', 'Ministry figures.'),
    ],
    // The file's final newline decides the footnote fix's text.
    ['Troops numbered 28,500 in all.\n\nLater text.\n\nEnd.\n', (t) => t.replace(/\n$/, '')],
    // A later date anywhere moves the reference date every dated finding counts from.
    ['Written on 3 June 2019.\n\nLast year 45,000 people left.\n\nAn aside.\n', (t) => t.replace('An aside.', 'An aside on 9 July 2020.')],
  ];
  for (const [start, edit] of cases) {
    const incremental = new IncrementalAnalysis(start, o);
    const text = edit(start);
    const got = incremental.update(text);
    assert.equal(incremental.lastUpdate.full, false, `expected an incremental update for ${JSON.stringify(text)}`);
    assert.deepEqual(comparable(got), comparable(analyze(text, o)), text);
  }
});

test('incremental analysis: block-local checks run window by window over a whole document find what one run finds', () => {
  // The server opens long documents this way (CHECK_WINDOW); small windows here make every
  // document of the tests span many of them, each window edge a place a finding could be lost.
  const body = sample.replace(/^---[\s\S]*?---\n/, '');
  // Tables longer than a window, sourced in a row far from most figures or in a caption
  // after the table: a cell's figure is judged by the whole table (see isTableSourced).
  const rows = Array.from({ length: 30 }, (_, i) => `| City ${i} | ${1000 + i * 37} residents |`).join('\n');
  const filler = Array.from({ length: 10 }, (_, i) => `Paragraph ${i} has nothing to count in it.`).join('\n\n');
  const tables = [
    `${filler}\n\n| City | Residents |\n|---|---|\n| Source | according to the 2010 census |\n${rows}\n\n${filler}\n`,
    `${filler}\n\n| City | Residents |\n|---|---|\n${rows}\n\nSource: the 2010 census.\n\n${filler}\n`,
    `${filler}\n\n| City | Residents |\n|---|---|\n${rows}\n\n${filler}\n`,
  ];
  for (const text of [sample, largerDocument(), body, `${body}\n\n${largerDocument()}`, ...tables]) {
    const want = comparable(analyze(text, options()));
    for (const window of [40, 300, 2000]) {
      assert.deepEqual(comparable(new IncrementalAnalysis(text, options(), window).analysis), want, `window ${window}, ${text.length} characters`);
    }
  }
});
