import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticSeverity,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver/node.js';
import type { Analysis } from '../core/analyze.js';
import { docsUrl } from '../core/check.js';
import type { LineIndex } from '../core/line-index.js';
import type { Finding, OffsetRange, Severity, Suggestion } from '../core/types.js';

export const SOURCE = 'marginalia';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(lines: LineIndex, r: OffsetRange): Range {
  return { start: lines.positionAt(r.start), end: lines.positionAt(r.end) };
}

/** One `codeDescription` per rule, shared by its diagnostics (they are only serialised). */
const descriptions = new Map<string, { href: string }>();

function codeDescription(ruleId: string): { href: string } {
  let d = descriptions.get(ruleId);
  if (!d) descriptions.set(ruleId, (d = { href: docsUrl(ruleId) }));
  return d;
}

export function toDiagnostic(lines: LineIndex, f: Finding): Diagnostic {
  const d = Diagnostic.create(toRange(lines, f), f.message, SEVERITY[f.severity], f.ruleId, SOURCE);
  d.codeDescription = codeDescription(f.ruleId);
  // No `data`: code actions find the finding by rule id and range start (server.ts), and
  // every diagnostic is sent again at each keystroke (2,906 on the 1 MB bench document).
  return d;
}

export function toDiagnostics(analysis: Analysis): Diagnostic[] {
  return analysis.findings.map((f) => toDiagnostic(analysis.doc.lines, f));
}

/**
 * A document's diagnostics, reusing from its previous publish every diagnostic whose
 * finding reads the same (rule, severity, message) at the same line and character range.
 * A keystroke moves offsets but not the positions of findings on other lines, so nearly
 * every diagnostic is unchanged: building all of them afresh was about 1 MB of objects per
 * analysis of the 1 MB bench document, alive through the serialisation of the 1.3 M
 * characters of JSON and so promoted to the old generation at every keystroke.
 */
export class DiagnosticCache {
  private previous: Diagnostic[] = [];

  diagnostics(analysis: Analysis): Diagnostic[] {
    const lines = analysis.doc.lines;
    const previous = this.previous;
    const out: Diagnostic[] = new Array<Diagnostic>(analysis.findings.length);
    let j = 0;
    for (let i = 0; i < analysis.findings.length; i++) {
      const f = analysis.findings[i]!;
      const line = lines.lineAt(f.start);
      const character = lines.characterAt(f.start, line);
      // Both lists run in document order: skip the previous diagnostics that start earlier.
      while (j < previous.length && before(previous[j]!.range.start, line, character)) j++;
      let reused: Diagnostic | undefined;
      for (let k = j; k < previous.length && !reused; k++) {
        const d = previous[k]!;
        if (d.range.start.line !== line || d.range.start.character !== character) break;
        if (sameFinding(d, f, lines)) reused = d;
      }
      out[i] = reused ?? toDiagnostic(lines, f);
    }
    this.previous = out;
    return out;
  }
}

function before(p: { line: number; character: number }, line: number, character: number): boolean {
  return p.line < line || (p.line === line && p.character < character);
}

function sameFinding(d: Diagnostic, f: Finding, lines: LineIndex): boolean {
  if (d.code !== f.ruleId || d.severity !== SEVERITY[f.severity] || d.message !== f.message) return false;
  const endLine = lines.lineAt(f.end);
  return d.range.end.line === endLine && d.range.end.character === lines.characterAt(f.end, endLine);
}

function toEdits(lines: LineIndex, s: Suggestion): LspTextEdit[] {
  return s.edits.map((e) => ({ range: toRange(lines, e), newText: e.newText }));
}

/** The quick fixes for one finding, in the check's order, the first preferred. */
export function codeActionsFor(analysis: Analysis, uri: string, f: Finding, diagnostic: Diagnostic): CodeAction[] {
  const lines = analysis.doc.lines;
  const actions: CodeAction[] = [];
  f.suggestions.forEach((s, i) => {
    const action = CodeAction.create(s.title, CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    if (s.edits.length > 0) action.edit = { changes: { [uri]: toEdits(lines, s) } };
    if (s.command) action.command = { title: s.title, command: s.command.id, arguments: [...s.command.args, uri] };
    if (i === 0) action.isPreferred = true;
    actions.push(action);
  });
  const line = lines.positionAt(f.start).line;
  const disable = CodeAction.create(`Disable ${f.ruleId} for this line`, CodeActionKind.QuickFix);
  disable.diagnostics = [diagnostic];
  disable.edit = {
    changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `<!-- marginalia-disable-next-line ${f.ruleId} -->\n` }] },
  };
  actions.push(disable);
  return actions;
}

/** Hover text for the findings under the cursor. */
export function findingHover(f: Finding): string {
  const parts = [`**${f.ruleId}** (${f.severity}): ${f.message}`];
  if (f.resolved) parts.push(`Resolved: \`${f.resolved.value}\` (${f.resolved.label})`);
  if (f.detail) parts.push(f.detail);
  parts.push(`[Rule documentation](${docsUrl(f.ruleId)})`);
  return parts.join('\n\n');
}
