import { resolve } from 'node:path';
import { baselineKey, readBaseline, writeBaseline, type Baseline } from './baseline.js';
import { changedLines, changedLinesOf } from './changed.js';
import { collectPaths, displayPath, FileArgumentError } from './files.js';
import { formatStylish, type Format } from './formats.js';
import type { CliIO, Values } from './main.js';
import { newFindingsOnly, type FileJob, type FileOutcome, type OutcomeSetup } from './outcome.js';
import { renderFormat, writeToFile, type RenderContext } from './output.js';
import { inShard, parseShard } from './shard.js';
import { UsageError } from './usage.js';

/**
 * What `marginalia check` does beyond analysing files, for CI: which files (standard input,
 * a shard, the files a diff touches), what each is filtered by (its changed lines, its part
 * of a baseline), and what happens after (a baseline written, the report written to a file
 * with stylish on the terminal). A run without these options plans every file plainly.
 */

export interface CheckPlan {
  jobs: FileJob[];
  /** Paths that named nothing readable (a folder that cannot be listed, a symbolic link loop). */
  pathProblems: string[];
  setup: OutcomeSetup;
  format: Format;
  baselinePath?: string;
  writeBaselinePath?: string;
  output?: string;
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function checkCombinations(paths: readonly string[], values: Values): void {
  if (values.stdin && paths.length > 0) throw new UsageError('--stdin reads one document from standard input: give no paths with it');
  if (values['stdin-filename'] !== undefined && !values.stdin) throw new UsageError('--stdin-filename names the document read with --stdin');
  if (values['write-baseline'] !== undefined) {
    // A baseline written from part of the files would drop every other file's findings.
    if (values['changed-since'] !== undefined) throw new UsageError('--write-baseline records every finding: it cannot be used with --changed-since');
    if (values.shard !== undefined) throw new UsageError('--write-baseline records every finding: it cannot be used with --shard');
  }
}

async function fileJobs(paths: readonly string[], values: Values, io: CliIO): Promise<{ jobs: FileJob[]; problems: string[] }> {
  if (values.stdin) {
    if (!io.stdin) throw new UsageError('--stdin: no standard input here');
    const name = values['stdin-filename'];
    const path = resolve(io.cwd, name ?? '<stdin>');
    return { jobs: [{ path, shownAs: name !== undefined ? displayPath(path, io.cwd) : '<stdin>', text: withoutBom(await io.stdin()) }], problems: [] };
  }
  // Paths that name nothing readable are problems reported with the run, not a refusal of the whole run.
  const { files, problems } = collectPaths(paths, io.cwd);
  if (files.length === 0) throw new FileArgumentError(problems.length > 0 ? problems.join('\nmarginalia: ') : `no Markdown files found in ${paths.map((p) => `'${p}'`).join(', ')}`);
  return { jobs: files.map((f) => ({ path: f, shownAs: displayPath(f, io.cwd) })), problems };
}

export async function planCheck(paths: readonly string[], values: Values, io: CliIO, format: Format): Promise<CheckPlan> {
  checkCombinations(paths, values);
  const found = await fileJobs(paths, values, io);
  let jobs = found.jobs;
  if (values.shard !== undefined) {
    const shard = parseShard(values.shard);
    if (!shard) throw new UsageError(`--shard '${values.shard}' must be I/N with 1 <= I <= N, e.g. 2/4`);
    jobs = jobs.filter((j) => inShard(j.shownAs, shard));
  }
  if (values['changed-since'] !== undefined) {
    const changed = changedLines(values['changed-since'], io.cwd);
    jobs = jobs.flatMap((j) => {
      const lines = changedLinesOf(changed, j.path);
      if (lines === undefined || (lines !== 'all' && lines.size === 0)) return [];
      return [{ ...j, lines: lines === 'all' ? 'all' : [...lines] }];
    });
  }
  const baselinePath = values.baseline !== undefined ? resolve(io.cwd, values.baseline) : undefined;
  if (baselinePath) {
    const baseline = readBaseline(baselinePath);
    for (const j of jobs) j.baseline = baseline.get(baselineKey(baselinePath, j.path)) ?? [];
  }
  const writeBaselinePath = values['write-baseline'] !== undefined ? resolve(io.cwd, values['write-baseline']) : undefined;
  const output = values.output !== undefined ? resolve(io.cwd, values.output) : undefined;
  return {
    jobs,
    pathProblems: found.problems,
    format,
    setup: {
      format,
      fingerprints: format === 'sarif' || baselinePath !== undefined || writeBaselinePath !== undefined,
      writeBaseline: writeBaselinePath !== undefined,
      keepReport: output !== undefined,
    },
    ...(baselinePath ? { baselinePath } : {}),
    ...(writeBaselinePath ? { writeBaselinePath } : {}),
    ...(output ? { output } : {}),
  };
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** What the baseline did, on stderr: the report itself says nothing of it but in JSON and SARIF. */
export function baselineNotice(path: string, outcomes: ReadonlyArray<Pick<FileOutcome, 'matched' | 'fixed'>>, cwd: string): string {
  let matched = 0;
  let fixed = 0;
  for (const o of outcomes) {
    matched += o.matched ?? 0;
    fixed += o.fixed ?? 0;
  }
  const shown = displayPath(path, cwd);
  const gone = fixed > 0 ? `; ${plural(fixed, 'finding it holds is', 'findings it holds are')} fixed: refresh it with --write-baseline ${shown}` : '';
  return `marginalia: the baseline ${shown} holds ${plural(matched, 'finding', 'findings')} of these files, not reported${gone}\n`;
}

/** Writes the report (and the baseline); the exit code is the caller's. */
export function finishCheck(plan: CheckPlan, outcomes: readonly FileOutcome[], io: CliIO, context: RenderContext): void {
  if (plan.writeBaselinePath) {
    const baseline: Baseline = new Map();
    let findings = 0;
    plan.jobs.forEach((job, i) => {
      const entries = outcomes[i]!.entries ?? [];
      for (const e of entries) findings += e.count;
      baseline.set(baselineKey(plan.writeBaselinePath!, job.path), entries);
    });
    writeBaseline(plan.writeBaselinePath, baseline);
    io.stderr(`marginalia: wrote the baseline ${displayPath(plan.writeBaselinePath, io.cwd)}: ${plural(findings, 'finding', 'findings')} in ${plural(plan.jobs.length, 'file', 'files')}\n`);
  }
  if (plan.baselinePath) io.stderr(baselineNotice(plan.baselinePath, outcomes, io.cwd));
  writeReport(plan.format, outcomes, plan.output, io, context);
}

/** The report on stdout, or in `output` with stylish on stdout. */
export function writeReport(format: Format, files: ReadonlyArray<{ report?: FileOutcome['report']; json?: string }>, output: string | undefined, io: CliIO, context: RenderContext): void {
  if (output) {
    writeToFile(output, renderFormat(format, files, { ...context, color: false }));
    io.stdout(formatStylish(files.map((f) => newFindingsOnly(f.report!)), context.color));
    return;
  }
  for (const piece of renderFormat(format, files, context)) io.stdout(piece);
}
