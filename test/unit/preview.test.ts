import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { markFindings, type PreviewFinding, type PreviewSource } from '../../client/src/preview.js';
import { analyze } from '../../server/src/core/analyze.js';
import { LineIndex } from '../../server/src/core/line-index.js';
import { bundledKnowledge, ROOT, TODAY } from '../helpers.js';

/**
 * The Markdown preview's marks, with the real markdown-it and the real findings on the
 * sample: what the server finds is underlined where it was found, and nothing is marked
 * where the text cannot be placed for certain.
 */

function findingsOf(text: string): PreviewFinding[] {
  const lines = new LineIndex(text);
  return analyze(text, { today: TODAY, knowledge: bundledKnowledge() }).findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity === 'info' ? 'information' : f.severity,
    message: f.message,
    start: lines.positionAt(f.start),
    end: lines.positionAt(f.end),
  }));
}

function preview(source: PreviewSource | undefined): MarkdownIt {
  return markFindings(new MarkdownIt(), (env) => ((env as { doc?: string }).doc === 'this' ? source : undefined));
}

/** A mark as rendered: its class suffix, rule, title and text. */
function marks(html: string): Array<{ severity: string; rule: string; title: string; text: string }> {
  return [...html.matchAll(/<mark class="marginalia marginalia-(\w+)" data-rule="([\w-]+)" title="([^"]*)">([^<]*)<\/mark>/g)].map((m) => ({ severity: m[1]!, rule: m[2]!, title: m[3]!, text: m[4]! }));
}

const sample = readFileSync(join(ROOT, 'samples', 'warmth-returns.md'), 'utf8');

test('preview: the sample’s findings are underlined where they were found, with their message', () => {
  const findings = findingsOf(sample);
  const md = preview({ lines: sample.split('\n'), findings });
  const html = md.render(sample, { doc: 'this' });
  const found = marks(html);
  // Every one of the sample's findings lies in plain text within a line: all are marked.
  assert.equal(found.length, findings.length);
  for (const m of found) {
    const f = findings.find((x) => x.ruleId === m.rule && sample.split('\n')[x.start.line]!.slice(x.start.character, x.end.character) === m.text);
    assert.ok(f, `a mark on "${m.text}" (${m.rule}) matches no finding`);
    assert.equal(m.title, md.utils.escapeHtml(`${f.message} (${f.ruleId})`));
  }
  assert.ok(found.some((m) => m.rule === 'dated-claim' && m.text === 'last year'));
  assert.ok(found.some((m) => m.rule === 'loaded-term' && m.text === 'ailing economy'));
});

test('preview: without findings, or for another document, the rendering is markdown-it’s own', () => {
  const plain = new MarkdownIt().render(sample);
  assert.equal(preview({ lines: sample.split('\n'), findings: [] }).render(sample, { doc: 'this' }), plain);
  assert.equal(preview({ lines: sample.split('\n'), findings: findingsOf(sample) }).render(sample, { doc: 'other' }), plain);
});

test('preview: when the findings cannot be read, the preview renders without marks', () => {
  const md = markFindings(new MarkdownIt(), () => {
    throw new Error('the editor is shutting down');
  });
  assert.equal(md.render(sample, {}), new MarkdownIt().render(sample));
});

test('preview: the tokens VS Code caches are not changed by rendering marks', () => {
  const md = preview({ lines: sample.split('\n'), findings: findingsOf(sample) });
  const tokens = md.parse(sample, {});
  const before = JSON.stringify(tokens);
  const marked = md.renderer.render(tokens, md.options, { doc: 'this' });
  assert.equal(JSON.stringify(tokens), before);
  assert.notEqual(marked, md.renderer.render(tokens, md.options, {}));
});

test('preview: a finding is marked at its own occurrence, or not at all', () => {
  const at = (text: string, line: number, word: string, nth = 0): PreviewFinding => {
    const row = text.split('\n')[line]!;
    let c = row.indexOf(word);
    for (let i = 0; i < nth; i++) c = row.indexOf(word, c + 1);
    return { ruleId: 'loaded-term', severity: 'warning', message: 'Loaded <word> & "why"', start: { line, character: c }, end: { line, character: c + word.length } };
  };
  const render = (text: string, findings: PreviewFinding[]): string => preview({ lines: text.split('\n'), findings }).render(text, { doc: 'this' });

  // The second "crisis" on the line, not the first; the message is escaped in the title.
  const two = 'A crisis, they said, is a crisis.';
  assert.equal(render(two, [at(two, 0, 'crisis', 1)]), '<p>A crisis, they said, is a <mark class="marginalia marginalia-warning" data-rule="loaded-term" title="Loaded &lt;word&gt; &amp; &quot;why&quot; (loaded-term)">crisis</mark>.</p>\n');
  // Inside emphasis and a link text the words are still text.
  const inline = 'A *dire* warning and [a dire link](https://example.org).';
  assert.equal(marks(render(inline, [at(inline, 0, 'dire', 0), at(inline, 0, 'dire', 1)])).length, 2);
  // The same word in a URL or in code: occurrences in the source and in the text disagree.
  const hidden = 'The [crisis](https://example.org/crisis) and `crisis` and a crisis.';
  assert.deepEqual(marks(render(hidden, [at(hidden, 0, 'crisis', 3)])), []);
  // Across markup or lines a finding cannot be one text token's: left unmarked.
  const split = 'An *ailing* economy\nand a second line.';
  assert.deepEqual(marks(render(split, [{ ...at(split, 0, 'ailing'), end: { line: 0, character: split.indexOf('economy') + 7 } }])), []);
  assert.deepEqual(marks(render(split, [{ ...at(split, 0, 'economy'), end: { line: 1, character: 3 } }])), []);
  // Overlapping findings: the first, longest one.
  const overlap = 'A sacrificed precious lives claim.';
  const long = { ...at(overlap, 0, 'sacrificed precious lives') };
  assert.deepEqual(marks(render(overlap, [at(overlap, 0, 'precious'), long])).map((m) => m.text), ['sacrificed precious lives']);
});

test('preview: loaded wording in a quotation gets the quieter quoted style, the author\u2019s own does not', () => {
  const text = '\u201CIt is outrageous,\u201D Joseph diGenova said of the devastating report.\n';
  const findings = findingsOf(text);
  const html = preview({ lines: text.split('\n'), findings }).render(text, { doc: 'this' });
  const quoted = [...html.matchAll(/<mark class="([^"]*)"[^>]*>([^<]*)<\/mark>/g)].map((m) => [m[2], m[1]]);
  assert.deepEqual(quoted, [
    ['outrageous', 'marginalia marginalia-hint marginalia-quoted'],
    ['devastating', 'marginalia marginalia-warning'],
  ]);
});
