import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { ANSWER_MS, codeOf, codeTarget, describeDiagnostics, marginaliaDiagnostics, openSample, rangeOf, waitFor } from './helpers.js';

interface Expected {
  rule: string;
  /** The exact text the diagnostic's range covers. */
  text: string;
  /** A longer stretch of the sample that pins which occurrence of `text` is meant. */
  context?: string;
  severity?: vscode.DiagnosticSeverity;
  message?: RegExp;
}

const { Warning, Hint } = vscode.DiagnosticSeverity;

/** What a writer sees on the reference sample, rule by rule. */
const EXPECTED: Expected[] = [
  { rule: 'unsourced-figure', text: 'millions of Chinese volunteer’s soldiers', severity: Warning },
  { rule: 'unsourced-figure', text: 'approximately 400,000 soldiers', severity: Warning },
  { rule: 'unsourced-figure', text: '28,500 well trained American troops', severity: Warning },
  { rule: 'loaded-term', text: 'extraordinary significance' },
  { rule: 'loaded-term', text: 'sacrificed precious lives' },
  { rule: 'loaded-term', text: '“blood”', message: /quot/i },
  { rule: 'loaded-term', text: 'mega initiative' },
  { rule: 'loaded-term', text: 'ailing economy' },
  { rule: 'dated-claim', text: 'last year', context: 'hosted in Pyongyang last year', message: /2018/ },
  { rule: 'dated-claim', text: '10 years ago', message: /2009/ },
  { rule: 'entity-name', text: 'Xi Jin Ping', severity: Hint, message: /Xi Jinping/ },
  { rule: 'entity-name', text: 'President. Trump', severity: Hint },
];

/** Every unsourced figure in the sample: years, date ranges and "the 3rd round" are not figures. */
const ALL_UNSOURCED_FIGURES = EXPECTED.filter((e) => e.rule === 'unsourced-figure').map((e) => e.text);

describe('diagnostics on the reference sample', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = (await openSample()).document;
  });

  for (const rule of [...new Set(EXPECTED.map((e) => e.rule))]) {
    describe(rule, () => {
      for (const e of EXPECTED.filter((x) => x.rule === rule)) {
        it(`flags "${e.text}" with its exact range, code and documentation`, async () => {
          const want = rangeOf(document, e.text, e.context);
          const found = await waitFor(
            `a ${rule} diagnostic on "${e.text}"`,
            () => marginaliaDiagnostics(document.uri, rule).find((d) => d.range.isEqual(want)),
            [vscode.languages.onDidChangeDiagnostics],
            ANSWER_MS,
            () => describeDiagnostics(document, marginaliaDiagnostics(document.uri, rule)),
          );
          assert.equal(document.getText(found.range), e.text);
          assert.equal(codeOf(found), rule);
          assert.match(codeTarget(found)?.toString() ?? '', new RegExp(`docs/rules/${rule}\\.md$`), 'the code links to the rule documentation');
          if (e.severity !== undefined) assert.equal(found.severity, e.severity, `severity of "${e.text}"`);
          if (e.message) assert.match(found.message, e.message);
          const overlapping = marginaliaDiagnostics(document.uri, rule).filter((d) => d.range.intersection(want) !== undefined);
          assert.equal(overlapping.length, 1, `one ${rule} diagnostic there, not ${describeDiagnostics(document, overlapping)}`);
        });
      }
    });
  }

  it('flags no other unsourced figures (years, date ranges, ordinals)', () => {
    const texts = marginaliaDiagnostics(document.uri, 'unsourced-figure').map((d) => document.getText(d.range));
    assert.deepEqual(texts.sort(), [...ALL_UNSOURCED_FIGURES].sort());
  });

  it('leaves the words of a direct quotation to the speaker', () => {
    const quotation = rangeOf(document, 'subjected to an armed attack by any state or states');
    const inQuote = marginaliaDiagnostics(document.uri, 'loaded-term').filter((d) => d.range.intersection(quotation) !== undefined);
    assert.deepEqual(describeDiagnostics(document, inQuote), 'none');
  });
});
