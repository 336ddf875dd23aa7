import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { marginaliaDiagnostics, openSample, waitFor } from './helpers.js';

/**
 * The Markdown preview, rendered by VS Code's own Markdown engine (the one the preview
 * uses, with every extension's markdown-it plugins) through its `markdown.api.render`
 * command: the findings are underlined, each with its message as the tooltip.
 */

const MARK = /<mark class="marginalia marginalia-(\w+)" data-rule="([\w-]+)" title="([^"]*)">([^<]*)<\/mark>/g;

async function render(document: vscode.TextDocument): Promise<string> {
  return (await vscode.commands.executeCommand<string>('markdown.api.render', document)) ?? '';
}

async function setPreview(value: boolean | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('marginalia').update('preview.enable', value, vscode.ConfigurationTarget.Workspace);
}

describe('the Markdown preview', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = (await openSample()).document;
    await waitFor('the sample’s diagnostics', () => (marginaliaDiagnostics(document.uri).length > 0 ? true : undefined), [vscode.languages.onDidChangeDiagnostics]);
  });

  after(() => setPreview(undefined));

  it('underlines every finding on the sample, with its message', async () => {
    const html = await waitFor('a rendering with marks', async () => {
      const h = await render(document);
      return h.includes('<mark class="marginalia') ? h : undefined;
    });
    const marks = [...html.matchAll(MARK)];
    assert.equal(marks.length, marginaliaDiagnostics(document.uri).length, 'one mark per diagnostic');
    const lastYear = marks.find((m) => m[2] === 'dated-claim' && m[4] === 'last year');
    assert.ok(lastYear, 'the dated claim "last year" is marked');
    assert.equal(lastYear[1], 'warning');
    assert.match(lastYear[3]!, /2018/);
  });

  it('marks nothing when marginalia.preview.enable is off', async () => {
    await setPreview(false);
    const html = await waitFor('a rendering without marks', async () => {
      const h = await render(document);
      return h.includes('<mark class="marginalia') ? undefined : h;
    });
    assert.match(html, /last year/);
  });
});
