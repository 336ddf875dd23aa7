import type { Analysis } from '../core/analyze.js';
import type { LineIndex, Position } from '../core/line-index.js';
import type { Finding, OffsetRange, ReferenceDateSource, Severity } from '../core/types.js';

/** A range as the CLI's JSON and LSP write it: 0-based lines, UTF-16 characters. */
export interface LineRange {
  start: Position;
  end: Position;
}

export interface JsonSuggestion {
  title: string;
  replacement?: string;
  edits: Array<{ range: LineRange; newText: string }>;
}

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  text: string;
  range: LineRange;
  resolved?: { value: string; label: string };
  suggestions: JsonSuggestion[];
  /** With `--baseline` only: whether the baseline holds this finding (SARIF's `baselineState`). */
  baselineState?: BaselineState;
  /** With `--baseline` only: what the finding is matched by (see server/src/cli/baseline.ts). */
  fingerprint?: string;
}

export type BaselineState = 'new' | 'unchanged';

export interface JsonEntity {
  id: string;
  name: string;
  type: string;
  text: string;
  range: LineRange;
}

/** One file of `marginalia check --format json` (DESIGN.md's contract). */
export interface FileReport {
  path: string;
  referenceDate: string;
  referenceDateSource: ReferenceDateSource;
  findings: JsonFinding[];
  entities: JsonEntity[];
  /** With `--baseline` only: findings the baseline holds for this file that are gone. */
  baselineFixed?: number;
}

export function lineRange(lines: LineIndex, r: OffsetRange): LineRange {
  return { start: lines.positionAt(r.start), end: lines.positionAt(r.end) };
}

function jsonFinding(lines: LineIndex, f: Finding): JsonFinding {
  const suggestions = f.suggestions
    .filter((s) => s.edits.length > 0)
    .map((s): JsonSuggestion => ({
      title: s.title,
      ...(s.replacement !== undefined ? { replacement: s.replacement } : {}),
      edits: s.edits.map((e) => ({ range: lineRange(lines, e), newText: e.newText })),
    }));
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    text: f.text,
    range: lineRange(lines, f),
    ...(f.resolved ? { resolved: { value: f.resolved.value, label: f.resolved.label } } : {}),
    suggestions,
  };
}

export function fileReport(path: string, analysis: Analysis): FileReport {
  const lines = analysis.doc.lines;
  return {
    path,
    referenceDate: analysis.referenceDate.date,
    referenceDateSource: analysis.referenceDate.source,
    findings: analysis.findings.map((f) => jsonFinding(lines, f)),
    entities: analysis.entities.map((e) => ({ id: e.id, name: e.name, type: e.type, text: e.text, range: lineRange(lines, e) })),
  };
}
