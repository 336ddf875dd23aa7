import { Document, parseDocument, LineCounter, isMap, isScalar, type Node as YamlNode, type Pair } from 'yaml';
import { ruleDefaults, ruleOptionValues } from './checks/index.js';
import { DATED_CLAIM_TIERS } from './checks/dated-claim.js';
import { parseISODate } from './dates.js';
import type { RuleSetting } from './types.js';
import { SEVERITIES } from './types.js';
import { MAX_ALIASES, yamlTooDeep } from './yaml-limits.js';
import { staysInside } from './workspace-paths.js';

/**
 * The one configuration shared by the editor and CI (`.marginalia.yaml` or `.json`):
 *
 *   referenceDate: 2019-06-21        # used when the front matter has no date
 *   rules:
 *     unsourced-figure: warning      # a severity, or off
 *     loaded-term:                   # or a mapping: severity plus the rule's options
 *       severity: info
 *       ignore: [mega]
 *   knowledge: [packs/local.yaml]    # extra knowledge packs, relative to the file
 *
 * Parsing is pure; finding and reading the file is the node layer's job.
 */
export interface MarginaliaConfig {
  referenceDate?: string;
  rules: Record<string, RuleSetting>;
  ruleOptions: Record<string, Record<string, unknown>>;
  /** Paths as written, relative to the configuration file. */
  knowledge: string[];
}

export interface ConfigProblem {
  path: string;
  line: number;
  column: number;
  key: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatConfigProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatConfigProblem(p: ConfigProblem): string {
  return `${p.path}:${p.line}:${p.column}: ${p.key}: ${p.message}`;
}

export function emptyConfig(): MarginaliaConfig {
  return { rules: {}, ruleOptions: {}, knowledge: [] };
}

const TOP_LEVEL = new Set(['referenceDate', 'rules', 'knowledge']);

/**
 * Entries a rule option's list may have (terms to ignore or add, attributions), and the
 * length of each: the terms are literal words and phrases (with `*` for one word) matched by
 * a trie in time linear in the text, and these keep the trie and its matching bounded.
 */
export const MAX_LIST_ITEMS = 2_000;
export const MAX_ITEM_CHARS = 500;
/** Bytes a configuration file may have (read by the node layer). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Parses and validates a configuration text (YAML, of which JSON is a subset). */
export function parseConfig(text: string, path: string): { config: MarginaliaConfig; problems: ConfigProblem[] } {
  const lineCounter = new LineCounter();
  const problems: ConfigProblem[] = [];
  const config = emptyConfig();
  const tooDeep = yamlTooDeep(text);
  if (tooDeep) return { config, problems: [{ path, line: 1, column: 1, key: '(syntax)', message: `the configuration cannot be read: ${tooDeep}` }] };
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const at = (node: { range?: [number, number, number] | null } | null | undefined, key: string, message: string): void => {
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
    problems.push({ path, line: pos.line, column: pos.col, key, message });
  };
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos[0]);
      problems.push({ path, line: pos.line, column: pos.col, key: '(syntax)', message: e.message.split('\n')[0]! });
    }
    return { config, problems };
  }
  try {
    // Expanding every alias once, with a cap, bounds what reading any part of it can expand.
    doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    problems.push({ path, line: 1, column: 1, key: '(syntax)', message: `the configuration cannot be read: ${error instanceof Error ? error.message : String(error)}` });
    return { config, problems };
  }
  const root = doc.contents;
  if (root === null) return { config, problems };
  if (!isMap(root)) {
    at(root as YamlNode, '(root)', 'the configuration must be a mapping (keys: referenceDate, rules, knowledge)');
    return { config, problems };
  }
  const known = ruleDefaults();
  for (const pair of root.items as Pair<YamlNode, YamlNode>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!TOP_LEVEL.has(key)) {
      at(pair.key, key || '(key)', `unknown key; expected one of: ${[...TOP_LEVEL].join(', ')}`);
      continue;
    }
    const value = pair.value;
    if (key === 'referenceDate') {
      const raw = isScalar(value) ? value.value : undefined;
      if (typeof raw !== 'string' || !parseISODate(raw)) at(value, key, `${JSON.stringify(raw ?? null)} is not a date; write YYYY-MM-DD`);
      else config.referenceDate = raw;
    } else if (key === 'knowledge') {
      const list = value?.toJSON() as unknown;
      if (!Array.isArray(list) || !list.every((p) => typeof p === 'string' && p.trim() !== '')) at(value, key, 'expected a list of pack file paths');
      else if (list.some((p: string) => !staysInside(p))) at(value, key, `${JSON.stringify(list.find((p: string) => !staysInside(p)))} is outside this configuration's folder; packs are named relative to it, inside it (an absolute path belongs in your user settings)`);
      else config.knowledge = list as string[];
    } else if (key === 'rules') {
      if (!isMap(value)) {
        at(value, key, 'expected a mapping of rule ids to a severity or {severity, ...options}');
        continue;
      }
      for (const rule of value.items as Pair<YamlNode, YamlNode>[]) {
        const id = isScalar(rule.key) ? String(rule.key.value) : '';
        const where = `rules.${id}`;
        if (!known.has(id)) {
          at(rule.key, where, `unknown rule; known rules: ${[...known.keys()].join(', ')}`);
          continue;
        }
        const v = rule.value;
        if (isScalar(v)) {
          const s = v.value;
          if (typeof s === 'string' && isRuleSetting(s)) config.rules[id] = s;
          else if (s === false) config.rules[id] = 'off';
          else at(v, where, `${JSON.stringify(s)} is not a severity; expected off, error, warning, info or hint`);
        } else if (isMap(v)) {
          const obj = v.toJSON() as Record<string, unknown>;
          const { severity, ...options } = obj;
          if (severity !== undefined) {
            if (typeof severity === 'string' && isRuleSetting(severity)) config.rules[id] = severity;
            else at(v.get('severity', true) as YamlNode, `${where}.severity`, `${JSON.stringify(severity)} is not a severity; expected off, error, warning, info or hint`);
          }
          for (const [option, allowed] of Object.entries(ruleOptionValues().get(id) ?? {})) {
            const given = options[option];
            if (given !== undefined && !allowed.includes(given as string)) at(v.get(option, true) as YamlNode, `${where}.${option}`, `${JSON.stringify(given)} is not one of ${allowed.join(', ')}`);
          }
          const map = SEVERITY_MAPS[id];
          if (map && options[map.key] !== undefined) checkSeverityMap(v.get(map.key, true) as YamlNode, `${where}.${map.key}`, map.names, at);
          const tooMany = Object.entries(options).find(([, o]) => Array.isArray(o) && (o.length > MAX_LIST_ITEMS || o.some((x) => JSON.stringify(x).length > MAX_ITEM_CHARS)));
          if (tooMany) at(v.get(tooMany[0], true) as YamlNode, `${where}.${tooMany[0]}`, `at most ${MAX_LIST_ITEMS} entries of at most ${MAX_ITEM_CHARS} characters each`);
          else if (Object.keys(options).length > 0) config.ruleOptions[id] = options;
        } else {
          at(v, where, 'expected a severity or a mapping {severity, ...options}');
        }
      }
    }
  }
  return { config, problems };
}

/** Rule options that give a severity per name (dated-claim's tiers), and the names allowed. */
const SEVERITY_MAPS: Readonly<Record<string, { key: string; names: readonly string[] }>> = {
  'dated-claim': { key: 'tiers', names: DATED_CLAIM_TIERS },
};

function checkSeverityMap(node: YamlNode, where: string, names: readonly string[], at: (node: YamlNode | null | undefined, key: string, message: string) => void): void {
  if (!isMap(node)) {
    at(node, where, `expected a mapping of ${names.join(', ')} to a severity or off`);
    return;
  }
  for (const pair of node.items as Pair<YamlNode, YamlNode>[]) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!names.includes(name)) {
      at(pair.key, `${where}.${name}`, `unknown tier; expected one of: ${names.join(', ')}`);
      continue;
    }
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof value !== 'string' || !isRuleSetting(value)) at(pair.value, `${where}.${name}`, `${JSON.stringify(value ?? null)} is not a severity; expected off, error, warning, info or hint`);
  }
}

export function isRuleSetting(s: string): s is RuleSetting {
  return s === 'off' || (SEVERITIES as readonly string[]).includes(s);
}

/** Later layers win, key by key; rule options merge per option. */
export function mergeConfigs(...layers: MarginaliaConfig[]): MarginaliaConfig {
  const out = emptyConfig();
  for (const layer of layers) {
    if (layer.referenceDate) out.referenceDate = layer.referenceDate;
    Object.assign(out.rules, layer.rules);
    for (const [id, opts] of Object.entries(layer.ruleOptions)) out.ruleOptions[id] = { ...out.ruleOptions[id], ...opts };
    out.knowledge.push(...layer.knowledge);
  }
  return out;
}

/**
 * Appends a value to the list `rules.<ruleId>.<key>` of a configuration text, keeping its
 * comments and order; a rule given as a bare severity becomes `{severity, <key>: [...]}`.
 */
export function appendRuleOption(text: string, ruleId: string, key: string, value: unknown): string {
  if (!text.trim()) return new Document({ rules: { [ruleId]: { [key]: [value] } } }).toString();
  const doc = parseDocument(text);
  const existing = doc.getIn(['rules', ruleId]);
  if (typeof existing === 'string') doc.setIn(['rules', ruleId], doc.createNode({ severity: existing }));
  const list = doc.getIn(['rules', ruleId, key], true) as { toJSON?: () => unknown } | undefined;
  const values = (list?.toJSON?.() as unknown[] | undefined) ?? [];
  if (!values.includes(value)) doc.setIn(['rules', ruleId, key], doc.createNode([...values, value]));
  return doc.toString();
}
