import { isAbsolute, resolve } from 'node:path';
import { emptyConfig, isRuleSetting, type MarginaliaConfig } from '../core/config.js';
import { parseISODate } from '../core/dates.js';

/**
 * The `marginalia.*` editor settings, which mirror `.marginalia.yaml`. A rule set to
 * `default` defers to the configuration file (then the rule's default severity).
 */
export interface EditorSettings {
  enable: boolean;
  rules: Record<string, string>;
  referenceDate: string;
  knowledge: string[];
  debounceMs: number;
}

export const DEFAULT_SETTINGS: EditorSettings = { enable: true, rules: {}, referenceDate: '', knowledge: [], debounceMs: 150 };

/** Reads whatever the client sent, keeping only well-formed values. */
export function normaliseSettings(raw: unknown): EditorSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, string> = {};
  if (typeof r['rules'] === 'object' && r['rules'] !== null) {
    for (const [id, v] of Object.entries(r['rules'] as Record<string, unknown>)) if (typeof v === 'string') rules[id] = v;
  }
  return {
    enable: r['enable'] !== false,
    rules,
    referenceDate: typeof r['referenceDate'] === 'string' ? r['referenceDate'] : '',
    knowledge: Array.isArray(r['knowledge']) ? r['knowledge'].filter((p): p is string => typeof p === 'string' && p !== '') : [],
    debounceMs: typeof r['debounceMs'] === 'number' && r['debounceMs'] >= 0 ? Math.min(r['debounceMs'], 5000) : DEFAULT_SETTINGS.debounceMs,
  };
}

/** The settings as a configuration layer over the file's. */
export function settingsToConfig(settings: EditorSettings, workspaceFolder: string | undefined): MarginaliaConfig {
  const config = emptyConfig();
  for (const [id, v] of Object.entries(settings.rules)) if (v !== 'default' && isRuleSetting(v)) config.rules[id] = v;
  if (settings.referenceDate && parseISODate(settings.referenceDate)) config.referenceDate = settings.referenceDate;
  config.knowledge = settings.knowledge.map((p) => (isAbsolute(p) || !workspaceFolder ? p : resolve(workspaceFolder, p)));
  return config;
}
