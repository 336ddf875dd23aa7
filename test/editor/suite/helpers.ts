import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

/** Relative to the workspace folder the harness opens (a scratch copy of the repository's sample). */
export const SAMPLE_PATH = 'samples/warmth-returns.md';
export const SOURCE = 'marginalia';
/**
 * How long a wait for the server to act may take (activation, the first analysis, a
 * re-analysis after an edit or a setting): long enough for a cold extension host on a busy
 * 2-core machine.
 */
export const WAIT_MS = 30_000;
/**
 * How long to keep asking a server that has already analysed the document (its diagnostics
 * are in) for an answer it computes on request: hovers, code actions, hints, symbols. Short,
 * so that a feature that is missing fails in seconds rather than holding the run up.
 */
export const ANSWER_MS = 5_000;

export function sampleUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the harness opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, SAMPLE_PATH);
}

/** Opens the sample in an editor and waits until the server has published its findings. */
export async function openSample(): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(sampleUri());
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  await waitFor('the first Marginalia diagnostics on the sample', () => (marginaliaDiagnostics(document.uri).length > 0 ? true : undefined), [
    vscode.languages.onDidChangeDiagnostics,
  ]);
  return editor;
}

/** Throws away unsaved edits so each test starts from the sample as it is on disk. */
export async function revertSample(): Promise<void> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === sampleUri().toString());
  if (!document?.isDirty) return;
  await vscode.window.showTextDocument(document, { preview: false });
  // The server re-analyses the reverted text; wait for that publication so the next test
  // never reads diagnostics of the edited text.
  let republished = false;
  const listener = vscode.languages.onDidChangeDiagnostics((e) => {
    if (!document.isDirty && e.uris.some((u) => u.toString() === document.uri.toString())) republished = true;
  });
  try {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the reverted sample to be analysed again', () => (republished ? true : undefined), [vscode.languages.onDidChangeDiagnostics]);
  } finally {
    listener.dispose();
  }
}

/**
 * Resolves with the probe's first defined value. The probe runs now, on every event given
 * and on a short poll (for state no event announces, such as a provider's answer), until the
 * deadline; the failure says what was awaited and what was last seen.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  events: ReadonlyArray<vscode.Event<unknown>> = [],
  timeoutMs = WAIT_MS,
  lastSeen?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  const listeners: vscode.Disposable[] = [];
  let wake: (() => void) | undefined;
  for (const event of events) listeners.push(event(() => wake?.()));
  try {
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out after ${timeoutMs / 1000}s waiting for ${what}${lastSeen ? `; last seen: ${lastSeen()}` : ''}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(100, left));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  } finally {
    for (const l of listeners) l.dispose();
  }
}

export function marginaliaDiagnostics(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && (ruleId === undefined || codeOf(d) === ruleId));
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function codeTarget(d: vscode.Diagnostic): vscode.Uri | undefined {
  return typeof d.code === 'object' ? d.code.target : undefined;
}

/** A one-line account of diagnostics for failure messages. */
export function describeDiagnostics(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics.map((d) => `${codeOf(d)} "${document.getText(d.range)}" ${d.range.start.line}:${d.range.start.character}`).join('; ') || 'none';
}

/**
 * The range of `text` in the document: the first occurrence, or the one inside the first
 * occurrence of `context` when the same words appear more than once.
 */
export function rangeOf(document: vscode.TextDocument, text: string, context?: string): vscode.Range {
  const source = document.getText();
  const around = context === undefined ? 0 : source.indexOf(context);
  assert.ok(around >= 0, `"${context}" is not in the sample`);
  const start = source.indexOf(text, around);
  assert.ok(start >= 0 && (context === undefined || start < around + context.length), `"${text}" is not in the sample${context ? ` within "${context}"` : ''}`);
  return new vscode.Range(document.positionAt(start), document.positionAt(start + text.length));
}

/** A position inside `text` (its middle), for hovers and code actions. */
export function inside(document: vscode.TextDocument, text: string, context?: string): vscode.Position {
  const r = rangeOf(document, text, context);
  return document.positionAt((document.offsetAt(r.start) + document.offsetAt(r.end)) >> 1);
}

/** The plain text of hover contents, whatever form each part takes. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n\n');
}

export function inlayLabel(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join('');
}
