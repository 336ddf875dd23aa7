import type { FileReport, JsonFinding } from '../node/report.js';
import type { Severity } from '../core/types.js';
import { CHECKS } from '../core/checks/index.js';
import { docsUrl } from '../core/check.js';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

const SOURCE_LABEL: Record<FileReport['referenceDateSource'], string> = {
  'front-matter': 'from the front matter',
  config: 'from the configuration',
  cli: 'from --reference-date',
  inferred: 'inferred from the latest date in the text',
  today: "today's date: the article gives none",
};

/**
 * One file's entry in the JSON output (`{ version: 1, files }` with two-space indents): its
 * JSON at the depth it has there. The CLI's threads render their own files with it, so the
 * main thread only joins texts: stringifying the whole output was ~70 ms of the main
 * thread's serial tail on 1,000 files, after cloning every report object over to it.
 */
export function jsonFileText(file: FileReport): string {
  // Stringified in place, as the only file of an output, and cut out: the indentation is
  // JSON.stringify's own (indenting a stringified file line by line cost twice as much).
  return JSON.stringify({ version: 1, files: [file] }, null, 2).slice(JSON_HEAD.length, -JSON_TAIL.length);
}

const JSON_HEAD = '{\n  "version": 1,\n  "files": [\n';
const JSON_TAIL = '\n  ]\n}';

/**
 * The JSON output from files rendered by `jsonFileText`, in pieces to be written one after
 * another; joined, the same text as stringifying `{ version: 1, files }` at once. Joining
 * them first made the CLI's 1,000-file benchmark output one 54 MB string (27 MB of UTF-8,
 * in two-byte characters) copied out of the per-file texts only to be encoded and dropped.
 */
export function* jsonOutputPieces(texts: readonly string[]): Generator<string> {
  if (texts.length === 0) {
    yield `${JSON.stringify({ version: 1, files: [] }, null, 2)}\n`;
    return;
  }
  yield JSON_HEAD;
  for (let i = 0; i < texts.length; i++) yield i === 0 ? texts[i]! : `,\n${texts[i]!}`;
  yield `${JSON_TAIL}\n`;
}

/** ESLint-style: one block per file, `line:col  severity  message  rule`, then totals. */
export function formatStylish(files: FileReport[], color: boolean): string {
  const c = (code: string, s: string): string => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sevColor: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '90' };
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const lines: string[] = [];
  for (const file of files) {
    lines.push(`${c('4', file.path)}  ${c('90', `(reference date ${file.referenceDate}, ${SOURCE_LABEL[file.referenceDateSource]})`)}`);
    if (file.findings.length === 0) lines.push(c('90', '  no findings'));
    const width = Math.max(0, ...file.findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}`.length));
    for (const f of file.findings) {
      counts[f.severity]++;
      const pos = `${f.range.start.line + 1}:${f.range.start.character + 1}`.padEnd(width);
      lines.push(`  ${c('90', pos)}  ${c(sevColor[f.severity], f.severity.padEnd(7))}  ${oneLine(f.message)}  ${c('90', f.ruleId)}`);
    }
    lines.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const summary = `${total} finding${total === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'} (${counts.error} errors, ${counts.warning} warnings, ${counts.info} info, ${counts.hint} hints)`;
  lines.push(total === 0 ? c('32', summary) : c('1', summary));
  return `${lines.join('\n')}\n`;
}

/** The key of Marginalia's fingerprint in SARIF's `partialFingerprints` (see baseline.ts). */
export const FINGERPRINT_KEY = 'marginalia/v1';

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

/** GitHub Actions workflow commands: annotations on the pull request's diff. */
export function formatGithub(files: FileReport[]): string {
  const level: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };
  const esc = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string): string => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const out: string[] = [];
  for (const file of files) {
    for (const f of file.findings) {
      const r = f.range;
      out.push(
        `::${level[f.severity]} file=${prop(file.path)},line=${r.start.line + 1},col=${r.start.character + 1},endLine=${r.end.line + 1},endColumn=${r.end.character + 1},title=${prop(`marginalia ${f.ruleId}`)}::${esc(f.message)}`,
      );
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/**
 * A report path as a SARIF artifact location: relative to the working directory (the
 * repository root in CI, which code scanning resolves them against) under `%SRCROOT%`, or
 * a file URI when the file lies outside it. Each segment is encoded, `#` and `?` too.
 */
function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

const SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  /** The folder report paths are relative to, written as `%SRCROOT%` in `originalUriBaseIds`. */
  root: string;
}

/**
 * SARIF 2.1.0, for code-scanning dashboards. Columns are 1-based UTF-16 units. Results
 * carry `partialFingerprints` where the report has them (any run with fingerprints
 * computed: SARIF itself, or --baseline), and `baselineState` with --baseline.
 */
export function formatSarif(files: FileReport[], version: string, options: SarifOptions): string {
  const level: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
  const rules = CHECKS.flatMap((check) =>
    [check.id, ...(check.meta.relatedRuleIds ?? [])].map((id) => ({
      id,
      shortDescription: { text: check.meta.description },
      helpUri: docsUrl(id),
      defaultConfiguration: { level: level[check.meta.defaultSeverity] },
    })),
  );
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = files.flatMap((file) =>
    file.findings.map((f: JsonFinding) => ({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? -1,
      level: level[f.severity],
      message: { text: f.message },
      ...(f.baselineState ? { baselineState: f.baselineState } : {}),
      ...(f.fingerprint ? { partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint } } : {}),
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(file.path),
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
              snippet: { text: f.text },
            },
          },
        },
      ],
      ...(f.resolved ? { properties: { resolved: f.resolved } } : {}),
      ...(f.suggestions.length > 0
        ? {
            fixes: f.suggestions.map((s) => ({
              description: { text: s.title },
              artifactChanges: [
                {
                  artifactLocation: artifactLocation(file.path),
                  replacements: s.edits.map((e) => ({
                    deletedRegion: { startLine: e.range.start.line + 1, startColumn: e.range.start.character + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1 },
                    insertedContent: { text: e.newText },
                  })),
                },
              ],
            })),
          }
        : {}),
    })),
  );
  const fixed = files.some((f) => f.baselineFixed !== undefined) ? files.reduce((n, f) => n + (f.baselineFixed ?? 0), 0) : undefined;
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'marginalia', version, informationUri: 'https://github.com/marginalia-tools/marginalia', rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(options.root).href.replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        results,
        ...(fixed !== undefined ? { properties: { baselineFixed: fixed } } : {}),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
