import type { Analysis } from '../core/analyze.js';
import { SEVERITIES } from '../core/types.js';
import { fileReport, type FileReport, type JsonFinding } from '../node/report.js';
import { baselineEntries, fingerprintId, fingerprintsOf, matchBaseline, type BaselineEntry } from './baseline.js';
import { jsonFileText, type Format } from './formats.js';

/** One file to check, with what this run filters its findings by. */
export interface FileJob {
  path: string;
  shownAs: string;
  /** The document itself, when it came on standard input. */
  text?: string;
  /** With --baseline: the baseline's entries for this file (none: every finding is new). */
  baseline?: BaselineEntry[];
  /** With --changed-since: the 0-based lines changed, or `all` for a new file. */
  lines?: number[] | 'all';
}

/** What every file's outcome is made for; the same in every thread. */
export interface OutcomeSetup {
  format: Format;
  /** Compute fingerprints (SARIF, --baseline, --write-baseline). */
  fingerprints: boolean;
  /** Return each file's baseline entries (--write-baseline). */
  writeBaseline: boolean;
  /** Return the report even for the JSON format (--output: stylish goes to the terminal too). */
  keepReport: boolean;
}

/**
 * One file's result as the thread that analysed it hands it back: for the JSON format its
 * text already (see `jsonFileText`), else its report; `worst` is the index in SEVERITIES of
 * its most severe finding the baseline does not hold (SEVERITIES.length when it has none),
 * for --fail-on, and `count` how many such findings it has.
 */
export interface FileOutcome {
  report?: FileReport;
  json?: string;
  worst: number;
  count: number;
  /** With --write-baseline: the file's findings as baseline entries. */
  entries?: BaselineEntry[];
  /** With --baseline: findings the baseline holds (`matched`) and held but are gone (`fixed`). */
  matched?: number;
  fixed?: number;
  /** Caveats about how the file was read (see read.ts), printed as warnings. */
  notes?: string[];
  /** Why the file could not be read: it has no report, and the run exits 2. */
  problem?: string;
}

function onChangedLine(f: JsonFinding, lines: ReadonlySet<number>): boolean {
  for (let line = f.range.start.line; line <= f.range.end.line; line++) if (lines.has(line)) return true;
  return false;
}

/**
 * The outcome of one analysed file. Fingerprints are taken over all its findings, before
 * --changed-since drops those on unchanged lines, so a finding's order among equal ones is
 * the same whichever lines changed. Nothing here runs for options not given: a plain run
 * is `fileReport` and, for JSON, its text.
 */
export function outcomeOf(analysis: Analysis, job: FileJob, setup: OutcomeSetup): FileOutcome {
  const report = fileReport(job.shownAs, analysis);
  const outcome: FileOutcome = { worst: SEVERITIES.length, count: 0 };
  if (setup.fingerprints || job.baseline) {
    const fps = fingerprintsOf(analysis);
    if (setup.writeBaseline) outcome.entries = baselineEntries(fps);
    const match = job.baseline ? matchBaseline(fps, job.baseline) : undefined;
    report.findings.forEach((f, i) => {
      if (match) f.baselineState = match.states[i]!;
      f.fingerprint = fingerprintId(fps[i]!);
    });
    if (match) {
      report.baselineFixed = match.fixed;
      outcome.fixed = match.fixed;
      outcome.matched = match.states.filter((s) => s === 'unchanged').length;
    }
  }
  if (job.lines && job.lines !== 'all') {
    const lines = new Set(job.lines);
    report.findings = report.findings.filter((f) => onChangedLine(f, lines));
  }
  for (const f of report.findings) {
    if (f.baselineState === 'unchanged') continue;
    outcome.count++;
    outcome.worst = Math.min(outcome.worst, SEVERITIES.indexOf(f.severity));
  }
  if (setup.format === 'json') outcome.json = jsonFileText(report);
  if (setup.format !== 'json' || setup.keepReport) outcome.report = report;
  return outcome;
}

/** The report as formats for people and CI annotations show it: without the findings the baseline holds. */
export function newFindingsOnly(report: FileReport): FileReport {
  return report.findings.some((f) => f.baselineState === 'unchanged') ? { ...report, findings: report.findings.filter((f) => f.baselineState !== 'unchanged') } : report;
}
