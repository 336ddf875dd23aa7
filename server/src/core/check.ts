import type { ProseDocument } from './prose.js';
import type { CheckFinding, ReferenceDate, Severity } from './types.js';
import type { Knowledge } from './knowledge.js';
import type { ReferenceDateProblem } from './reference-date.js';
import type { RecognizedMention } from './entities/recognize.js';

export interface CheckMeta {
  /** One line: what the rule finds. */
  description: string;
  defaultSeverity: Severity;
  /** Further rule ids this check reports under (each documented and configurable). */
  relatedRuleIds?: readonly string[];
  /** Options that take one of a few words, by option name: the configuration is checked against them. */
  optionValues?: Readonly<Record<string, readonly string[]>>;
}

export interface CheckContext {
  doc: ProseDocument;
  referenceDate: ReferenceDate;
  /** The date staleness is measured against (YYYY-MM-DD); defaults to today. */
  asOf: string;
  /** This rule's options from the configuration (validated by the check itself). */
  options: Readonly<Record<string, unknown>>;
  knowledge: Knowledge;
  /** Problems found while deciding the reference date (e.g. an invalid front-matter date). */
  dateProblems: readonly ReferenceDateProblem[];
  /** The entity mentions of the document, recognised once per analysis and shared. */
  entities(): readonly RecognizedMention[];
}

/** A check: one file under `checks/`, registered once in `checks/index.ts`. */
export interface Check {
  id: string;
  meta: CheckMeta;
  run(context: CheckContext): CheckFinding[];
}

export const DOCS_BASE = 'https://github.com/marginalia-tools/marginalia/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
