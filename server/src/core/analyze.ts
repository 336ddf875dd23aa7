import { buildProseDocument, type ProseDocument } from './prose.js';
import { determineReferenceDate, type ConfiguredDate, type ReferenceDateProblem } from './reference-date.js';
import { applyDirectives } from './directives.js';
import { CHECKS, ruleDefaults } from './checks/index.js';
import { EMPTY_KNOWLEDGE, type Knowledge } from './knowledge.js';
import type { Check, CheckContext } from './check.js';
import { recognizeEntities, recognizeNames, type RecognizedMention } from './entities/recognize.js';
import type { Finding, ReferenceDate, RuleSetting } from './types.js';
import { ANALYSIS_LIMIT, firstLineOf } from './checks/analysis-limit.js';

export interface AnalyzeOptions {
  /** Per-rule severity or `off`; rules not named keep their default. */
  rules?: Readonly<Record<string, RuleSetting>>;
  /** Per-rule options, passed to the check as they are. */
  ruleOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** A reference date from configuration or the command line (front matter still wins). */
  referenceDate?: ConfiguredDate;
  /** Today's date, YYYY-MM-DD: injected, so results never depend on the clock. */
  today: string;
  /** Date to measure staleness against; defaults to `today`. */
  asOf?: string;
  knowledge?: Knowledge;
}

export interface CheckFailure {
  ruleId: string;
  message: string;
}

export interface Analysis {
  doc: ProseDocument;
  referenceDate: ReferenceDate;
  /** Sorted by position, then rule id. */
  findings: Finding[];
  /** Every recognised mention of a known entity, in document order. */
  entities: RecognizedMention[];
  /** `entities` with the names the knowledge cannot settle (an unknown titled name, an ambiguous one): what hovers show. */
  names: RecognizedMention[];
  /** The knowledge the analysis used (hover cards need it). */
  knowledge: Knowledge;
  /** Checks that threw; their findings are missing, everything else is intact. */
  failures: CheckFailure[];
}

/**
 * The whole analysis of one document: pure and synchronous, and it never throws: a part the
 * Markdown parser cannot follow is read as plain text (the `analysis-limit` rule says so),
 * and a check that throws is recorded in `failures`.
 */
export function analyze(source: string, options: AnalyzeOptions): Analysis {
  const doc = buildProseDocument(source);
  return analyzeDocument(doc, options);
}

export function analyzeDocument(doc: ProseDocument, options: AnalyzeOptions): Analysis {
  const { referenceDate, problems } = determineReferenceDate(doc, options.referenceDate, options.today);
  const failures: CheckFailure[] = [];
  const findings: Finding[] = [];
  const entities = lazyEntities(doc, referenceDate, options);
  for (const check of CHECKS) {
    if (!checkEnabled(check, options)) continue;
    const found = runCheck(check, checkContext(doc, referenceDate, problems, options, check.id, entities), options, failures);
    for (const f of found) findings.push(f);
  }
  return finishAnalysis(doc, referenceDate, findings, failures, entities, options);
}

/** Entity recognition, run at most once per document and only when something asks for it. */
export function lazyEntities(doc: ProseDocument, referenceDate: ReferenceDate, options: AnalyzeOptions): () => RecognizedMention[] {
  let mentions: RecognizedMention[] | undefined;
  return () => (mentions ??= recognizeEntities(doc, referenceDate, options.knowledge ?? EMPTY_KNOWLEDGE));
}

/** Whether any rule a check reports under is switched on. */
export function checkEnabled(check: Check, options: AnalyzeOptions): boolean {
  const settings = options.rules ?? {};
  const defaults = ruleDefaults();
  return [check.id, ...(check.meta.relatedRuleIds ?? [])].some((id) => (settings[id] ?? defaults.get(id)) !== 'off');
}

export function checkContext(
  doc: ProseDocument,
  referenceDate: ReferenceDate,
  dateProblems: readonly ReferenceDateProblem[],
  options: AnalyzeOptions,
  ruleId: string,
  entities: () => readonly RecognizedMention[],
): CheckContext {
  return {
    doc,
    referenceDate,
    asOf: options.asOf ?? options.today,
    options: options.ruleOptions?.[ruleId] ?? {},
    knowledge: options.knowledge ?? EMPTY_KNOWLEDGE,
    dateProblems,
    entities,
  };
}

/**
 * One check's findings with severities applied (rules set to off dropped), in the order
 * the check gave them. A check that throws is recorded in `failures` and yields nothing.
 */
export function runCheck(check: Check, context: CheckContext, options: AnalyzeOptions, failures: CheckFailure[]): Finding[] {
  const settings = options.rules ?? {};
  const defaults = ruleDefaults();
  const doc = context.doc;
  const findings: Finding[] = [];
  try {
    for (const raw of check.run(context)) {
      const ruleId = raw.ruleId ?? check.id;
      const setting = settings[ruleId];
      if (setting === 'off' || (setting === undefined && defaults.get(ruleId) === 'off')) continue;
      const severity = (raw.ownSeverity ? raw.severity : undefined) ?? setting ?? raw.severity ?? defaults.get(ruleId) ?? check.meta.defaultSeverity;
      const finding: Finding = {
        ruleId,
        severity,
        message: raw.message,
        start: raw.start,
        end: raw.end,
        text: doc.source.slice(raw.start, raw.end),
        suggestions: raw.suggestions ?? [],
      };
      if (raw.resolved) finding.resolved = raw.resolved;
      if (raw.detail) finding.detail = raw.detail;
      findings.push(finding);
    }
  } catch (error) {
    failures.push({ ruleId: check.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    return [];
  }
  return findings;
}

/** Sorts every check's findings together, applies the inline directives and lists the entities. */
export function finishAnalysis(
  doc: ProseDocument,
  referenceDate: ReferenceDate,
  findings: Finding[],
  failures: CheckFailure[],
  entities: () => RecognizedMention[],
  options: AnalyzeOptions,
): Analysis {
  findings.sort(compareFindings);
  let recognised: RecognizedMention[] = [];
  let names: RecognizedMention[] = [];
  try {
    recognised = entities();
    // The same pass's result, with the names the knowledge cannot settle.
    names = recognizeNames(doc, referenceDate, options.knowledge ?? EMPTY_KNOWLEDGE);
  } catch (error) {
    failures.push({ ruleId: 'entities', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  return { doc, referenceDate, findings: capFindings(doc, applyDirectives(doc, findings), options), entities: recognised, names, knowledge: options.knowledge ?? EMPTY_KNOWLEDGE, failures };
}

/**
 * Findings one file reports at most, so a pathological file cannot flood an editor or a CI
 * log (a 10 MB line of prose had 280,000). Above the 2,900 of the 1 MB benchmark document;
 * VS Code itself shows 1,000 per file.
 */
export const MAX_FINDINGS = 5_000;

const SEVERITY_RANK: Readonly<Record<string, number>> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * At most MAX_FINDINGS findings, the most severe first (then in document order), and an
 * `analysis-limit` finding saying how many were left out, on the first line of the document.
 */
export function capFindings(doc: ProseDocument, findings: Finding[], options: AnalyzeOptions): Finding[] {
  if (findings.length <= MAX_FINDINGS) return findings;
  const kept = [...findings].sort((a, b) => SEVERITY_RANK[a.severity]! - SEVERITY_RANK[b.severity]! || compareFindings(a, b)).slice(0, MAX_FINDINGS);
  kept.sort(compareFindings);
  const setting = options.rules?.[ANALYSIS_LIMIT] ?? ruleDefaults().get(ANALYSIS_LIMIT);
  if (setting === undefined || setting === 'off') return kept;
  const left = findings.length - MAX_FINDINGS;
  const range = firstLineOf(doc.source, { start: 0, end: doc.source.length });
  const summary: Finding = {
    ruleId: ANALYSIS_LIMIT,
    severity: setting,
    message: `${left.toLocaleString('en-US')} more finding${left === 1 ? '' : 's'} left out: at most ${MAX_FINDINGS.toLocaleString('en-US')} are reported per file, the most severe first. Fix or switch off the commonest to see the rest.`,
    start: range.start,
    end: range.end,
    text: doc.source.slice(range.start, range.end),
    suggestions: [],
  };
  kept.unshift(summary);
  return kept.sort(compareFindings);
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId);
}
