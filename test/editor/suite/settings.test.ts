import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { describeDiagnostics, marginaliaDiagnostics, openSample, waitFor } from './helpers.js';

const RULE = 'unsourced-figure';
const FIGURES = 3;

async function setRule(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('marginalia').update(`rules.${RULE}`, value, vscode.ConfigurationTarget.Workspace);
}

describe('settings take effect without a restart', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = (await openSample()).document;
  });

  after(() => setRule(undefined));

  /** Each step changes `marginalia.rules.unsourced-figure` and says what the writer then sees. */
  const STEPS: Array<{ value: string | undefined; count: number; severity?: vscode.DiagnosticSeverity }> = [
    { value: 'off', count: 0 },
    { value: 'error', count: FIGURES, severity: vscode.DiagnosticSeverity.Error },
    { value: undefined, count: FIGURES, severity: vscode.DiagnosticSeverity.Warning },
  ];

  for (const step of STEPS) {
    it(`"${step.value ?? 'default'}" gives ${step.count} ${RULE} diagnostics${step.severity !== undefined ? ` at severity ${vscode.DiagnosticSeverity[step.severity]}` : ''}`, async () => {
      await setRule(step.value);
      const matches = (): true | undefined => {
        const found = marginaliaDiagnostics(document.uri, RULE);
        return found.length === step.count && found.every((d) => step.severity === undefined || d.severity === step.severity) ? true : undefined;
      };
      await waitFor(`${step.count} ${RULE} diagnostics`, matches, [vscode.languages.onDidChangeDiagnostics], undefined, () =>
        describeDiagnostics(document, marginaliaDiagnostics(document.uri, RULE)),
      );
      // The other rules keep running: the setting turned one rule, not the server, off.
      assert.ok(marginaliaDiagnostics(document.uri, 'loaded-term').length > 0, 'loaded-term diagnostics remain');
    });
  }
});
