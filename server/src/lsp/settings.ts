import { isAbsolute, resolve } from 'node:path';
import { emptyConfig, isRuleSetting, type MarginaliaConfig } from '../core/config.js';
import { parseISODate } from '../core/dates.js';
import { staysInside } from '../core/workspace-paths.js';

/**
 * The `marginalia.*` editor settings, which mirror `.marginalia.yaml`. A rule set to
 * `default` defers to the configuration file (then the rule's default severity).
 */
export interface EditorSettings {
  enable: boolean;
  rules: Record<string, string>;
  referenceDate: string;
  /** Packs the user named: an absolute path may lead anywhere, a relative one stays in the workspace folder. */
  knowledge: string[];
  /**
   * Packs the workspace's own settings named (VS Code sends them apart, see the client's
   * configuration middleware): relative, inside the workspace folder only.
   */
  workspaceKnowledge: string[];
  debounceMs: number;
}

export const DEFAULT_SETTINGS: EditorSettings = { enable: true, rules: {}, referenceDate: '', knowledge: [], workspaceKnowledge: [], debounceMs: 150 };

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
    knowledge: stringList(r['knowledge']),
    workspaceKnowledge: stringList(r['workspaceKnowledge']),
    debounceMs: typeof r['debounceMs'] === 'number' && r['debounceMs'] >= 0 ? Math.min(r['debounceMs'], 5000) : DEFAULT_SETTINGS.debounceMs,
  };
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string' && p !== '').slice(0, 1000) : [];
}

/**
 * The settings as a configuration layer over the file's. A pack path is used when it is
 * absolute and the user's own, or relative and inside the workspace folder; the others are
 * left out (and returned, for the server to say so). Untrusted, no pack is read at all.
 */
export function settingsToConfig(settings: EditorSettings, workspaceFolder: string | undefined, trusted = true): MarginaliaConfig & { refused: string[] } {
  const config = emptyConfig();
  for (const [id, v] of Object.entries(settings.rules)) if (v !== 'default' && isRuleSetting(v)) config.rules[id] = v;
  if (settings.referenceDate && parseISODate(settings.referenceDate)) config.referenceDate = settings.referenceDate;
  const refused: string[] = [];
  const inside = (p: string): string | undefined => (workspaceFolder && staysInside(p) ? resolve(workspaceFolder, p) : undefined);
  for (const p of settings.knowledge) {
    const path = isAbsolute(p) ? p : inside(p);
    if (path && trusted) config.knowledge.push(path);
    else refused.push(p);
  }
  for (const p of settings.workspaceKnowledge) {
    const path = inside(p);
    if (path && trusted) config.knowledge.push(path);
    else refused.push(p);
  }
  return { ...config, refused };
}
