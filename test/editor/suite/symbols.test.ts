import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { ANSWER_MS, openSample, waitFor } from './helpers.js';

/** Entities the sample names (some misspelled or by title only), as the outline lists them. */
const ENTITIES = [
  { name: 'Xi Jinping', written: /^(President )?Xi( Jin Ping)?$/ },
  { name: 'Kim Jong Un', written: /Kim/ },
  { name: 'Donald Trump', written: /Trump/ },
  { name: 'Vladimir Putin', written: /Putin/ },
  { name: 'Sino-North Korean Mutual Aid and Cooperation Friendship Treaty', written: /Treaty/ },
];

interface Symbol {
  name: string;
  selectionRange: vscode.Range;
}

function flatten(symbols: ReadonlyArray<vscode.DocumentSymbol | vscode.SymbolInformation>): Symbol[] {
  return symbols.flatMap((s) =>
    'children' in s ? [{ name: s.name, selectionRange: s.selectionRange }, ...flatten(s.children)] : [{ name: s.name, selectionRange: s.location.range }],
  );
}

describe('document symbols', () => {
  let document: vscode.TextDocument;
  let symbols: Symbol[];

  before(async () => {
    document = (await openSample()).document;
    symbols = await waitFor('entity symbols for the sample', async () => {
      const found = flatten((await vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>('vscode.executeDocumentSymbolProvider', document.uri)) ?? []);
      return found.some((s) => s.name.includes('Xi Jinping')) ? found : undefined;
    }, [], ANSWER_MS, () => 'no symbol named Xi Jinping');
  });

  for (const e of ENTITIES) {
    it(`lists ${e.name}, pointing at a mention`, () => {
      const symbol = symbols.find((s) => s.name.includes(e.name));
      assert.ok(symbol, `a symbol for ${e.name} among ${JSON.stringify(symbols.map((s) => s.name))}`);
      assert.match(document.getText(symbol.selectionRange), e.written);
    });
  }
});
