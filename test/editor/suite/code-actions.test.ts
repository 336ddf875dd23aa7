import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { ANSWER_MS, describeDiagnostics, marginaliaDiagnostics, openSample, rangeOf, revertSample, waitFor } from './helpers.js';

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const all = (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command> | undefined>('vscode.executeCodeActionProvider', uri, range)) ?? [];
  return all.filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

/** Applies a code action as the light bulb does: its edit, then its command. */
async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `the editor applied "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

interface FixCase {
  name: string;
  rule: string;
  /** The diagnostic's text (inside `context`). */
  text: string;
  context?: string;
  /** Picks the fix among the offered ones. */
  pick: RegExp;
  /** What the document holds after the fix: each string present, the last one ending it where `ends` says so. */
  after: string[];
  endsWith?: string;
  /** Titles every action list for this diagnostic must include. */
  offered: RegExp[];
  /** Text (inside `context`) that no diagnostic of the rule may touch once the server has re-analysed the fixed document. */
  settled: { text: string; context?: string };
}

const CASES: FixCase[] = [
  {
    name: 'unsourced-figure: the footnote fix adds a reference after the sentence and a stub at the end',
    rule: 'unsourced-figure',
    text: 'approximately 400,000 soldiers',
    pick: /footnote/i,
    after: ['more than these numbers as seriously injured.[^1]'],
    endsWith: 'as well as globally.\n\n[^1]: Source needed for \u201Capproximately 400,000 soldiers\u201D.\n',
    offered: [/footnote/i, /attribution/i, /Disable unsourced-figure/],
    settled: { text: 'approximately 400,000 soldiers' },
  },
  {
    name: 'dated-claim: the absolute-date fix rewrites "last year" as "in 2018"',
    rule: 'dated-claim',
    text: 'last year',
    context: 'hosted in Pyongyang last year',
    pick: /in 2018/,
    after: ['whom he hosted in Pyongyang in 2018, as well as'],
    offered: [/in 2018/, /Disable dated-claim/],
    settled: { text: 'in 2018', context: 'hosted in Pyongyang in 2018' },
  },
];

describe('code actions', () => {
  let document: vscode.TextDocument;

  before(async () => {
    document = (await openSample()).document;
  });

  afterEach(revertSample);

  for (const c of CASES) {
    it(c.name, async () => {
      const where = rangeOf(document, c.text, c.context);
      const diagnostic = await waitFor(
        `the ${c.rule} diagnostic on "${c.text}"`,
        () => marginaliaDiagnostics(document.uri, c.rule).find((d) => d.range.isEqual(where)),
        [vscode.languages.onDidChangeDiagnostics],
        ANSWER_MS,
        () => describeDiagnostics(document, marginaliaDiagnostics(document.uri, c.rule)),
      );
      const actions = await quickFixes(document.uri, diagnostic.range);
      const titles = actions.map((a) => a.title);
      for (const re of c.offered) assert.ok(titles.some((t) => re.test(t)), `an action matching ${re} among ${JSON.stringify(titles)}`);
      const fix = actions.find((a) => c.pick.test(a.title));
      assert.ok(fix, `a fix matching ${c.pick} among ${JSON.stringify(titles)}`);
      assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), 'offered as a quick fix');
      assert.equal(fix.isPreferred, true, `"${fix.title}" is the preferred fix (the one Ctrl+. and auto-fix apply)`);

      await apply(fix);
      const text = document.getText();
      for (const s of c.after) assert.ok(text.includes(s), `after "${fix.title}" the text holds ${JSON.stringify(s)}`);
      if (c.endsWith) assert.ok(text.endsWith(c.endsWith), `after "${fix.title}" the text ends ${JSON.stringify(c.endsWith)}, not ${JSON.stringify(text.slice(-120))}`);

      // The server re-analyses the edited text: the fixed claim is no longer flagged.
      const fixedAt = rangeOf(document, c.settled.text, c.settled.context);
      await waitFor(
        `the ${c.rule} diagnostic to go once fixed`,
        () => (marginaliaDiagnostics(document.uri, c.rule).some((d) => d.range.intersection(fixedAt) !== undefined) ? undefined : true),
        [vscode.languages.onDidChangeDiagnostics],
        undefined,
        () => describeDiagnostics(document, marginaliaDiagnostics(document.uri, c.rule)),
      );
    });
  }
});
