import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Severity } from '../core/types.js';
import type { FileReport } from '../node/report.js';
import { formatGithub, formatSarif, formatStylish, jsonFileText, jsonOutputPieces, type Format } from './formats.js';
import { formatJunit } from './junit.js';
import { newFindingsOnly } from './outcome.js';

/** A file as the formats take it: its report, or for JSON its text already rendered. */
export interface RenderedFile {
  report?: FileReport;
  json?: string;
}

export interface RenderContext {
  failOn: Severity | 'never';
  version: string;
  /** The folder report paths are relative to (SARIF's %SRCROOT%). */
  root: string;
  color: boolean;
}

/**
 * A report in one format, in pieces to write one after another. JSON and SARIF are the
 * machine records and keep the findings a baseline holds (flagged `unchanged`); the
 * formats people and CI annotations read show only new ones.
 */
export function* renderFormat(format: Format, files: readonly RenderedFile[], context: RenderContext): Generator<string> {
  const reports = (): FileReport[] => files.map((f) => f.report!);
  switch (format) {
    case 'json':
      yield* jsonOutputPieces(files.map((f) => f.json ?? jsonFileText(f.report!)));
      return;
    case 'sarif':
      yield formatSarif(reports(), context.version, { root: context.root });
      return;
    case 'github':
      yield formatGithub(reports().map(newFindingsOnly));
      return;
    case 'junit':
      yield formatJunit(reports().map(newFindingsOnly), context.failOn);
      return;
    default:
      yield formatStylish(reports().map(newFindingsOnly), context.color);
  }
}

export class OutputError extends Error {}

/** Writes the pieces to a file (its folder made if missing); a failure is an OutputError naming it. */
export function writeToFile(path: string, pieces: Iterable<string>): void {
  let fd: number | undefined;
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    fd = openSync(path, 'w');
    for (const piece of pieces) writeSync(fd, piece);
  } catch (error) {
    throw new OutputError(`cannot write '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
