/**
 * The contracts of the analysis core. Everything here is plain data: the CLI and the
 * language server convert it to their own shapes; nothing here knows about either.
 *
 * All offsets are indices into the document's source string, i.e. UTF-16 code units,
 * which is also what LSP positions count.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type RuleSetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export interface OffsetRange {
  start: number;
  end: number;
}

export interface TextEdit extends OffsetRange {
  newText: string;
}

/** A quick fix. `replacement` replaces the finding's own range; `edits` is the full edit. */
export interface Suggestion {
  title: string;
  replacement?: string;
  edits: TextEdit[];
  /** Set when applying the fix means changing the configuration, not the text. */
  command?: { id: string; args: unknown[] };
}

/** A dated claim resolved to a TIMEX3-style value and a label for people. */
export interface Resolved {
  value: string;
  label: string;
}

export interface Finding extends OffsetRange {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The exact source substring of [start, end). */
  text: string;
  resolved?: Resolved;
  suggestions: Suggestion[];
  /** Extra, rule-specific detail for hovers (markdown). */
  detail?: string;
}

/** What a check reports; the core fills in severity (from settings) and text. */
export interface CheckFinding extends OffsetRange {
  message: string;
  /** This finding's severity when the rule's is not configured (e.g. a weaker tier). */
  severity?: Severity;
  /** `severity` stands even over a severity configured for the whole rule (a category's own: loaded-term's quotations). */
  ownSeverity?: boolean;
  resolved?: Resolved;
  suggestions?: Suggestion[];
  detail?: string;
  /** A finding belonging to a sibling rule id owned by this check (e.g. `dated-claim-consistency`). */
  ruleId?: string;
}

export type ReferenceDateSource = 'front-matter' | 'config' | 'cli' | 'inferred' | 'today';

export interface ReferenceDate {
  /** YYYY-MM-DD */
  date: string;
  source: ReferenceDateSource;
  /** Human basis for messages: "the front matter's date", "the latest date in the text". */
  basis: string;
  /** Where the date came from in the document, when it came from the document. */
  range?: OffsetRange;
}

export type EntityType =
  | 'person'
  | 'treaty'
  | 'organisation'
  | 'event'
  | 'place'
  | 'initiative'
  | 'country';

export interface EntityMention extends OffsetRange {
  id: string;
  name: string;
  type: EntityType;
  text: string;
}
