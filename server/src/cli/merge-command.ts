import { resolve } from 'node:path';
import { SEVERITIES } from '../core/types.js';
import { FORMATS, type Format } from './formats.js';
import { writeReport } from './ci.js';
import { EXIT_FINDINGS, EXIT_OK, failed, failOnOption, type CliIO, type Values } from './main.js';
import { mergeReports, readReport } from './merge.js';
import { UsageError } from './usage.js';

/** `marginalia merge REPORT.json...`: shards' JSON reports as one report in any format, with check's exit code. */
export function mergeCommand(paths: readonly string[], values: Values, io: CliIO, version: string): number {
  if (paths.length === 0) throw new UsageError('merge needs the JSON reports to merge (marginalia check --format json --shard I/N)');
  const format = (values.format ?? 'json') as Format;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format '${values.format}' is not one of ${FORMATS.join(', ')}`);
  const failOn = failOnOption(values);
  const files = mergeReports(paths.map((p) => ({ source: p, files: readReport(resolve(io.cwd, p)) })));
  const color = values['no-color'] ? false : (values.color ?? io.color ?? false);
  writeReport(
    format,
    files.map((report) => ({ report })),
    values.output !== undefined ? resolve(io.cwd, values.output) : undefined,
    io,
    { failOn, version, root: io.cwd, color },
  );
  const worst = files.map((f) => ({
    worst: Math.min(SEVERITIES.length, ...f.findings.filter((x) => x.baselineState !== 'unchanged').map((x) => SEVERITIES.indexOf(x.severity))),
  }));
  return failed(worst, failOn) ? EXIT_FINDINGS : EXIT_OK;
}
