import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { ANSWER_MS, inlayLabel, openSample, rangeOf, waitFor } from './helpers.js';

/** Dated claims in the sample and the resolved date the hint after each one shows. */
const CASES = [
  { text: 'last year', context: 'hosted in Pyongyang last year', label: '→ in 2018' },
  { text: '10 years ago', label: /^→ .*2009/ },
];

describe('inlay hints', () => {
  let document: vscode.TextDocument;
  let hints: vscode.InlayHint[];

  before(async () => {
    document = (await openSample()).document;
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    hints = await waitFor(
      'inlay hints on the sample',
      async () => {
        const found = (await vscode.commands.executeCommand<vscode.InlayHint[] | undefined>('vscode.executeInlayHintProvider', document.uri, whole)) ?? [];
        return found.length > 0 ? found : undefined;
      },
      [],
      ANSWER_MS,
    );
  });

  for (const c of CASES) {
    it(`shows the resolved date after "${c.text}"`, () => {
      const end = rangeOf(document, c.text, c.context).end;
      const here = hints.filter((h) => h.position.isEqual(end)).map(inlayLabel);
      assert.equal(here.length, 1, `one hint at the end of "${c.text}", found ${JSON.stringify(hints.map((h) => [inlayLabel(h), h.position.line, h.position.character]))}`);
      if (typeof c.label === 'string') assert.equal(here[0], c.label);
      else assert.match(here[0]!, c.label);
    });
  }

  it('puts hints only after words of the text, never inside them', () => {
    const source = document.getText();
    for (const h of hints) {
      const at = document.offsetAt(h.position);
      const splits = /\w/.test(source[at - 1] ?? '') && /\w/.test(source[at] ?? '');
      assert.ok(!splits, `hint "${inlayLabel(h)}" splits a word at ${h.position.line}:${h.position.character}`);
    }
  });
});
