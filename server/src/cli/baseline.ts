import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Analysis } from '../core/analyze.js';
import { sentenceAt } from '../core/prose.js';
import type { BaselineState } from '../node/report.js';

/**
 * Baselines: the findings an archive already had, so a CI gate fails only on new ones.
 *
 * A finding is known by its rule, its text and the normalised text of its sentence, and by
 * its order among findings with those same three (the second "severe" in one sentence is
 * not the first). Its line is not part of it: an edit above a finding, or a paragraph moved
 * elsewhere, leaves it matched; an edit to its own sentence makes it new, as a reviewer
 * would want to see it again.
 *
 * The file holds, per path (relative to the baseline's folder, so any working directory
 * reads it the same), one line per rule, text and sentence with how many times they occur:
 * sorted, so a refreshed baseline differs from the old one by the findings that came and went.
 */

export interface Fingerprint {
  ruleId: string;
  text: string;
  /** A hash of the finding's sentence, whitespace collapsed and markup blanked. */
  sentence: string;
  /** The finding's order among those with the same rule, text and sentence, from 0. */
  index: number;
}

export interface BaselineEntry {
  ruleId: string;
  text: string;
  sentence: string;
  count: number;
}

/** Baseline entries by path relative to the baseline file's folder, forward slashes. */
export type Baseline = Map<string, BaselineEntry[]>;

export class BaselineError extends Error {}

const VERSION = 1;

function hash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * One fingerprint per finding, in the analysis's order. The sentence is read as the checks
 * read it, from the core's prose (markup and link destinations blanked), with whitespace
 * collapsed: a changed URL or a re-wrapped line leaves it the same. A finding outside any
 * sentence (front matter) has the empty one.
 */
export function fingerprintsOf(analysis: Analysis): Fingerprint[] {
  const { doc } = analysis;
  const seen = new Map<string, number>();
  const sentences = new Map<number, string>();
  return analysis.findings.map((f) => {
    const at = sentenceAt(doc, f.start);
    let sentence = sentences.get(at?.start ?? -1);
    if (sentence === undefined) {
      sentence = hash(at ? doc.prose.slice(at.start, at.end).replace(/\s+/g, ' ').trim().normalize('NFC') : '', 12);
      sentences.set(at?.start ?? -1, sentence);
    }
    const key = entryKey(f.ruleId, f.text, sentence);
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    return { ruleId: f.ruleId, text: f.text, sentence, index };
  });
}

function entryKey(ruleId: string, text: string, sentence: string): string {
  return `${ruleId}\u0000${text}\u0000${sentence}`;
}

/** The stable identifier of a finding in SARIF's `partialFingerprints` and the JSON report. */
export function fingerprintId(fp: Fingerprint): string {
  return `${hash(entryKey(fp.ruleId, fp.text, fp.sentence), 16)}:${fp.index}`;
}

/** A file's fingerprints as baseline entries: equal ones counted. */
export function baselineEntries(fps: readonly Fingerprint[]): BaselineEntry[] {
  const byKey = new Map<string, BaselineEntry>();
  for (const fp of fps) {
    const key = entryKey(fp.ruleId, fp.text, fp.sentence);
    const entry = byKey.get(key);
    if (entry) entry.count++;
    else byKey.set(key, { ruleId: fp.ruleId, text: fp.text, sentence: fp.sentence, count: 1 });
  }
  return [...byKey.values()].sort(compareEntries);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return compareStrings(a.ruleId, b.ruleId) || compareStrings(a.text, b.text) || compareStrings(a.sentence, b.sentence);
}

export interface BaselineMatch {
  /** Per fingerprint, in order. */
  states: BaselineState[];
  /** Findings the baseline holds that are gone. */
  fixed: number;
}

/** Which of a file's findings the baseline holds; `entries` are the baseline's for that file. */
export function matchBaseline(fps: readonly Fingerprint[], entries: readonly BaselineEntry[]): BaselineMatch {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(entryKey(e.ruleId, e.text, e.sentence), (counts.get(entryKey(e.ruleId, e.text, e.sentence)) ?? 0) + e.count);
  let matched = 0;
  const states = fps.map((fp): BaselineState => {
    if (fp.index < (counts.get(entryKey(fp.ruleId, fp.text, fp.sentence)) ?? 0)) {
      matched++;
      return 'unchanged';
    }
    return 'new';
  });
  let held = 0;
  for (const count of counts.values()) held += count;
  return { states, fixed: held - matched };
}

/** The key a file has in a baseline at `baselinePath`. */
export function baselineKey(baselinePath: string, filePath: string): string {
  return relative(dirname(baselinePath), filePath).split(sep).join('/');
}

function isEntry(value: unknown): value is BaselineEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  const count = e['count'] ?? 1;
  return typeof e['ruleId'] === 'string' && typeof e['text'] === 'string' && typeof e['sentence'] === 'string' && Number.isInteger(count) && (count as number) > 0;
}

/** Reads a baseline written by `writeBaseline`; a missing or malformed file is a BaselineError naming it. */
export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BaselineError(`cannot read the baseline '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`the baseline '${path}' is not JSON: ${(error as Error).message}`);
  }
  const root = data as { version?: unknown; files?: unknown };
  if (typeof data !== 'object' || data === null || root.version !== VERSION || typeof root.files !== 'object' || root.files === null || Array.isArray(root.files)) {
    throw new BaselineError(`the baseline '${path}' is not a Marginalia baseline (expected {"version": ${VERSION}, "files": {...}}); write one with --write-baseline`);
  }
  const baseline: Baseline = new Map();
  for (const [file, entries] of Object.entries(root.files as Record<string, unknown>)) {
    if (!Array.isArray(entries)) throw new BaselineError(`the baseline '${path}': files["${file}"] must be a list of findings`);
    const bad = entries.findIndex((e) => !isEntry(e));
    if (bad >= 0) throw new BaselineError(`the baseline '${path}': files["${file}"][${bad}] must have a string ruleId, text and sentence, and a positive whole count`);
    baseline.set(
      file,
      (entries as BaselineEntry[]).map((e) => ({ ruleId: e.ruleId, text: e.text, sentence: e.sentence, count: e.count ?? 1 })),
    );
  }
  return baseline;
}

/** The baseline's text: files sorted, one entry a line, `count` written only above one. */
export function baselineText(baseline: Baseline): string {
  const files = [...baseline.entries()].filter(([, entries]) => entries.length > 0).sort(([a], [b]) => compareStrings(a, b));
  const lines = [`{`, `  "version": ${VERSION},`, `  "files": {`];
  files.forEach(([file, entries], i) => {
    lines.push(`    ${JSON.stringify(file)}: [`);
    const sorted = [...entries].sort(compareEntries);
    sorted.forEach((e, j) => {
      const entry = { ruleId: e.ruleId, text: e.text, sentence: e.sentence, ...(e.count > 1 ? { count: e.count } : {}) };
      lines.push(`      ${JSON.stringify(entry)}${j < sorted.length - 1 ? ',' : ''}`);
    });
    lines.push(`    ]${i < files.length - 1 ? ',' : ''}`);
  });
  lines.push('  }', '}');
  return `${lines.join('\n')}\n`;
}

export function writeBaseline(path: string, baseline: Baseline): void {
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    writeFileSync(path, baselineText(baseline));
  } catch (error) {
    throw new BaselineError(`cannot write the baseline '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
