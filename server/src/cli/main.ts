import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { analyze, type Analysis } from '../core/analyze.js';
import { ConfigError, emptyConfig, isRuleSetting, type MarginaliaConfig } from '../core/config.js';
import { ruleDefaults } from '../core/checks/index.js';
import { parseISODate } from '../core/dates.js';
import { formatKnowledgeProblem } from '../core/knowledge.js';
import { SEVERITIES, type Severity } from '../core/types.js';
import { OptionsResolver, todayISO, type OptionOverrides } from '../node/options.js';
import { canRunInParallel, reportFilesInParallel, threadCount } from './parallel.js';
import { displayPath, expandPaths, FileArgumentError } from './files.js';
import { FileReadError, readDocument, reportUnread } from './read.js';
import { FORMATS, type Format } from './formats.js';
import { formatEntities } from './entities.js';
import { outcomeOf, type FileJob, type FileOutcome, type OutcomeSetup } from './outcome.js';
import { planCheck, finishCheck, type CheckPlan } from './ci.js';
import { Progress } from './progress.js';
import { mergeCommand } from './merge-command.js';
import { UsageError } from './usage.js';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  /** The folder holding package.json and server/knowledge. */
  packageRoot: string;
  /** Injected for tests; defaults to the wall clock. */
  today?: string;
  color?: boolean;
  /** The bundled worker-thread script; when set, many files are checked on every core. */
  workerScript?: string;
  /** Standard input, for --stdin. */
  stdin?: () => Promise<string>;
  /** stderr is a terminal: a long run shows a progress line there. */
  progress?: boolean;
  /** A clock in milliseconds, injected for tests of the progress line. */
  now?: () => number;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const FAIL_ON = ['error', 'warning', 'info', 'hint', 'never'] as const;

const USAGE = `Usage:
  marginalia check [paths, folders or globs...] [options]
  marginalia annotate FILE... --out DIR|FILE.html [--reference-date, --as-of, --config, --rule]
  marginalia merge REPORT.json... [--format, --output, --fail-on]
  marginalia entities FILE [--format text|json]
  marginalia rules

Options for check:
  --format stylish|json|sarif|github|junit
                                       output format (default: stylish)
  --output FILE                        write the format to FILE; stylish goes to the terminal
  --baseline FILE                      report only findings FILE does not hold (exit code too)
  --write-baseline FILE                write every finding to FILE as the new baseline
  --changed-since REF                  only findings on lines changed since the merge base with REF
  --shard I/N                          check the I-th of N parts of the files (by path hash)
  --stdin                              read the document from standard input
  --stdin-filename PATH                its path, for configuration and reports
  --reference-date YYYY-MM-DD          the article's date when its front matter has none
  --as-of YYYY-MM-DD                   the date staleness is measured against (default: today)
  --config FILE                        use this configuration instead of the nearest .marginalia.yaml
  --fail-on error|warning|info|hint|never
                                       exit 1 when a finding is at or above this level (default: error)
  --rule ID=off|error|warning|info|hint
                                       set a rule's severity (repeatable)
  --no-color                           plain output
  -h, --help                           this text
  -v, --version                        the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, configuration or I/O error.
`;

const OPTIONS = {
  format: { type: 'string' },
  'reference-date': { type: 'string' },
  'as-of': { type: 'string' },
  config: { type: 'string' },
  'fail-on': { type: 'string' },
  rule: { type: 'string', multiple: true },
  output: { type: 'string' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  'changed-since': { type: 'string' },
  shard: { type: 'string' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  out: { type: 'string' },
  'no-color': { type: 'boolean' },
  color: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

function version(packageRoot: string): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`marginalia: ${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError) {
      io.stderr(`marginalia: invalid configuration\n${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof FileArgumentError || error instanceof FileReadError) {
      io.stderr(`marginalia: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`marginalia: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
}

async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${version(io.packageRoot)}\n`);
    return EXIT_OK;
  }
  if (values.help || (positionals.length === 0 && !values.stdin)) {
    (values.help ? io.stdout : io.stderr)(USAGE);
    return values.help ? EXIT_OK : EXIT_USAGE;
  }
  const [command, ...rest] = positionals;
  switch (command) {
    case 'check':
      return check(rest, values, io);
    case 'annotate':
      return annotateCommand(rest, values, io);
    case 'merge':
      return mergeCommand(rest, values, io, version(io.packageRoot));
    case 'entities':
      return entities(rest, values, io);
    case 'rules':
      for (const [id, severity] of ruleDefaults()) io.stdout(`${id.padEnd(28)} ${severity}\n`);
      return EXIT_OK;
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

export type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function dateOption(values: Values, name: 'reference-date' | 'as-of'): string | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (!parseISODate(raw)) throw new UsageError(`--${name} '${raw}' is not a date; write YYYY-MM-DD`);
  return raw;
}

function cliOverrides(values: Values): MarginaliaConfig {
  const config = emptyConfig();
  const known = ruleDefaults();
  for (const spec of values.rule ?? []) {
    const m = /^([^=]+)=(.+)$/.exec(spec);
    if (!m) throw new UsageError(`--rule '${spec}' must be ID=off|error|warning|info|hint`);
    const [, id, setting] = m as unknown as [string, string, string];
    if (!known.has(id)) throw new UsageError(`--rule: unknown rule '${id}'; known rules: ${[...known.keys()].join(', ')}`);
    if (!isRuleSetting(setting)) throw new UsageError(`--rule ${id}: '${setting}' is not one of off, error, warning, info, hint`);
    config.rules[id] = setting;
  }
  const referenceDate = dateOption(values, 'reference-date');
  if (referenceDate) config.referenceDate = referenceDate;
  return config;
}

function overridesFor(values: Values, io: CliIO): OptionOverrides {
  const asOf = dateOption(values, 'as-of');
  return {
    ...(values.config ? { configPath: resolve(io.cwd, values.config) } : {}),
    overrides: cliOverrides(values),
    referenceDateSource: 'cli',
    today: io.today ?? todayISO(),
    ...(asOf ? { asOf } : {}),
  };
}

function resolverFor(values: Values, io: CliIO): OptionsResolver {
  return new OptionsResolver(io.packageRoot, overridesFor(values, io));
}

/**
 * Analyses one file (or `given`, its text from stdin) with the options that apply to it; a
 * broken knowledge pack is an error, a file that cannot be read a FileReadError naming it.
 */
function analyzeFile(path: string, resolver: OptionsResolver, given?: string, shownAs = path): { analysis: Analysis; notes: string[] } {
  const { text, notes } = given !== undefined ? { text: given, notes: [] } : readDocument(path, shownAs);
  const { options, problems } = resolver.optionsFor(path);
  if (problems.length > 0) throw new Error(`invalid knowledge pack\n${problems.map(formatKnowledgeProblem).join('\n')}`);
  try {
    return { analysis: analyze(text, options), notes };
  } catch (error) {
    // analyze() never throws by design; should it, the run still goes on with the other files.
    throw new FileReadError(`cannot analyse '${shownAs}': ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

export function fileOutcome(job: FileJob, resolver: OptionsResolver, setup: OutcomeSetup): FileOutcome {
  let read;
  try {
    read = analyzeFile(job.path, resolver, job.text, job.shownAs);
  } catch (error) {
    if (error instanceof FileReadError) return { worst: SEVERITIES.length, count: 0, problem: error.message };
    throw error;
  }
  const outcome = outcomeOf(read.analysis, job, setup);
  if (read.notes.length > 0) outcome.notes = read.notes;
  return outcome;
}

async function check(paths: string[], values: Values, io: CliIO): Promise<number> {
  const format = (values.format ?? 'stylish') as Format;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format '${values.format}' is not one of ${FORMATS.join(', ')}`);
  const failOn = failOnOption(values);
  if (paths.length === 0 && !values.stdin) throw new UsageError('check needs at least one file, folder or glob');
  const settings = overridesFor(values, io);
  const plan: CheckPlan = await planCheck(paths, values, io, format);
  const resolver = new OptionsResolver(io.packageRoot, settings);
  const { jobs, setup } = plan;
  const bytes = totalBytes(jobs.map((j) => j.path));
  const progress = io.progress ? new Progress(jobs.length, io.stderr, io.now) : undefined;
  const tick = progress ? (o: FileOutcome) => progress.tick(o.count) : undefined;
  const outcomes = canRunInParallel(io.workerScript, bytes)
    ? await reportFilesInParallel(jobs, threadCount(bytes), { packageRoot: io.packageRoot, settings, outcome: setup }, io.workerScript, (job) => fileOutcome(job, resolver, setup), tick)
    : jobs.map((job) => {
        const outcome = fileOutcome(job, resolver, setup);
        tick?.(outcome);
        return outcome;
      });
  progress?.finish();
  // A file that could not be read is named on stderr; the others are reported, and the run exits 2.
  const unread = reportUnread(plan.pathProblems, outcomes, io.stderr);
  const read = unread ? outcomes.filter((o) => o.problem === undefined) : outcomes;
  const color = values['no-color'] ? false : (values.color ?? io.color ?? false);
  finishCheck({ ...plan, jobs: plan.jobs.filter((_, i) => outcomes[i]!.problem === undefined) }, read, io, { failOn, version: version(io.packageRoot), root: io.cwd, color });
  if (unread) return EXIT_USAGE;
  // Writing a baseline accepts the findings it records.
  if (plan.writeBaselinePath) return EXIT_OK;
  return failed(read, failOn) ? EXIT_FINDINGS : EXIT_OK;
}

export function failOnOption(values: Values): (typeof FAIL_ON)[number] {
  const failOn = values['fail-on'] ?? 'error';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw new UsageError(`--fail-on '${failOn}' is not one of ${FAIL_ON.join(', ')}`);
  return failOn as (typeof FAIL_ON)[number];
}

/** The files' total size, for how many threads are worth starting (an unreadable file counts as empty: reading it reports it). */
function totalBytes(files: readonly string[]): number {
  let bytes = 0;
  for (const f of files) {
    try {
      bytes += statSync(f).size;
    } catch {
      // Reported, in order, when the file is read.
    }
  }
  return bytes;
}

export function failed(outcomes: ReadonlyArray<Pick<FileOutcome, 'worst'>>, failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  const threshold = SEVERITIES.indexOf(failOn);
  return outcomes.some((o) => o.worst <= threshold);
}

/** A command on one file stops with exit 2 and the file's one-line message when it cannot be read. */
function readOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof FileReadError) throw new FileArgumentError(error.message);
    throw error;
  }
}

async function entities(paths: string[], values: Values, io: CliIO): Promise<number> {
  if (paths.length !== 1) throw new UsageError('entities takes exactly one file');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format '${format}' is not one of text, json`);
  const resolver = resolverFor(values, io);
  const [file] = expandPaths(paths, io.cwd);
  const shownAs = displayPath(file!, io.cwd);
  const { analysis, notes } = readOrExit(() => analyzeFile(file!, resolver, undefined, shownAs));
  for (const note of notes) io.stderr(`marginalia: warning: ${note}\n`);
  io.stdout(formatEntities(shownAs, analysis, format));
  return EXIT_OK;
}

async function annotateCommand(paths: string[], values: Values, io: CliIO): Promise<number> {
  if (paths.length === 0) throw new UsageError('annotate needs at least one file, folder or glob');
  if (!values.out) throw new UsageError('annotate needs --out DIR or --out FILE.html');
  const resolver = resolverFor(values, io);
  const files = expandPaths(paths, io.cwd);
  if (files.length === 0) throw new FileArgumentError(`no Markdown files found in ${paths.map((p) => `'${p}'`).join(', ')}`);
  // Loaded only here: the HTML renderer's modules build tables when loaded, which a check never needs.
  const { annotate } = await import('./annotate/index.js');
  const written = annotate(
    files.map((f) => ({ shownAs: displayPath(f, io.cwd), analysis: () => readOrExit(() => analyzeFile(f, resolver, undefined, displayPath(f, io.cwd))).analysis })),
    values.out,
    io.cwd,
  );
  for (const path of written) io.stdout(`${displayPath(path, io.cwd)}\n`);
  return EXIT_OK;
}
