import { readFileSync } from 'node:fs';
import { SEVERITIES } from '../core/types.js';
import type { FileReport } from '../node/report.js';

/**
 * `marginalia merge`: the JSON reports of a sharded run (`check --shard i/n --format json`)
 * made one, as if one machine had checked every file: files in path order, which is the
 * order a single run reports them in. A file in two reports means the shards overlapped
 * (different file lists or options), which is an error rather than a silent double count.
 */

export class MergeError extends Error {}

function isFileReport(value: unknown): value is FileReport {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Partial<Record<keyof FileReport, unknown>>;
  return (
    typeof f.path === 'string' &&
    typeof f.referenceDate === 'string' &&
    typeof f.referenceDateSource === 'string' &&
    Array.isArray(f.findings) &&
    f.findings.every(isFinding) &&
    Array.isArray(f.entities)
  );
}

function isPosition(value: unknown): boolean {
  const p = value as { line?: unknown; character?: unknown } | null;
  return typeof p === 'object' && p !== null && Number.isInteger(p.line) && Number.isInteger(p.character);
}

function isFinding(value: unknown): boolean {
  const f = value as Record<string, unknown> | null;
  if (typeof f !== 'object' || f === null) return false;
  const range = f['range'] as { start?: unknown; end?: unknown } | null;
  return (
    typeof f['ruleId'] === 'string' &&
    (SEVERITIES as readonly unknown[]).includes(f['severity']) &&
    typeof f['message'] === 'string' &&
    typeof f['text'] === 'string' &&
    typeof range === 'object' &&
    range !== null &&
    isPosition(range.start) &&
    isPosition(range.end) &&
    Array.isArray(f['suggestions'])
  );
}

/** Reads one `--format json` report; anything else is a MergeError naming the file and what is wrong. */
export function readReport(path: string, text?: string): FileReport[] {
  let raw = text;
  if (raw === undefined) {
    try {
      raw = readFileSync(path, 'utf8');
    } catch (error) {
      throw new MergeError(`cannot read '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new MergeError(`'${path}' is not JSON: ${(error as Error).message}`);
  }
  const root = data as { version?: unknown; files?: unknown } | null;
  if (typeof root !== 'object' || root === null || root.version !== 1 || !Array.isArray(root.files)) {
    throw new MergeError(`'${path}' is not a report of marginalia check --format json (expected {"version": 1, "files": [...]})`);
  }
  const bad = root.files.findIndex((f) => !isFileReport(f));
  if (bad >= 0) throw new MergeError(`'${path}': files[${bad}] is not a file report (path, referenceDate, referenceDateSource, findings with ruleId, severity, message, text, range and suggestions, entities)`);
  return root.files as FileReport[];
}

export function mergeReports(reports: ReadonlyArray<{ source: string; files: readonly FileReport[] }>): FileReport[] {
  const seen = new Map<string, string>();
  const merged: FileReport[] = [];
  for (const { source, files } of reports) {
    for (const file of files) {
      const first = seen.get(file.path);
      if (first !== undefined) throw new MergeError(`'${file.path}' is in both '${first}' and '${source}': shards must not overlap`);
      seen.set(file.path, source);
      merged.push(file);
    }
  }
  return merged.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
