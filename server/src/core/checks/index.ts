import type { Check } from '../check.js';
import type { RuleSetting } from '../types.js';
import { frontMatter } from './front-matter.js';
import { unsourcedFigure } from './unsourced-figure.js';
import { loadedTerm } from './loaded-term.js';
import { entityName } from './entity-name.js';
import { datedClaim } from './dated-claim.js';
import { entityTitle } from './entity-title.js';
import { analysisLimit } from './analysis-limit.js';

/** Every check, once. Adding a check: one file here, one line in this list, one test file. */
export const CHECKS: readonly Check[] = [frontMatter, unsourcedFigure, loadedTerm, entityName, entityTitle, datedClaim, analysisLimit];

/** Every rule id (checks and the related ids they report under) with its default setting. */
const DEFAULTS: ReadonlyMap<string, RuleSetting> = new Map(
  CHECKS.flatMap((check) => [check.id, ...(check.meta.relatedRuleIds ?? [])].map((id) => [id, check.meta.defaultSeverity] as const)),
);

export function ruleDefaults(): ReadonlyMap<string, RuleSetting> {
  return DEFAULTS;
}

/** Per rule id, its options that take one of a few words (CheckMeta.optionValues). */
export function ruleOptionValues(): ReadonlyMap<string, Readonly<Record<string, readonly string[]>>> {
  return OPTION_VALUES;
}

const OPTION_VALUES: ReadonlyMap<string, Readonly<Record<string, readonly string[]>>> = new Map(CHECKS.flatMap((check) => (check.meta.optionValues ? [[check.id, check.meta.optionValues] as const] : [])));

export function ruleIds(): string[] {
  return [...ruleDefaults().keys()];
}
