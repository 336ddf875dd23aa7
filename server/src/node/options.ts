import { dirname, resolve } from 'node:path';
import type { AnalyzeOptions } from '../core/analyze.js';
import { mergeConfigs, type MarginaliaConfig } from '../core/config.js';
import type { Knowledge, KnowledgeProblem } from '../core/knowledge.js';
import { findConfigFile, loadConfigFile } from './config-files.js';
import { loadKnowledge } from './knowledge-files.js';

export interface OptionOverrides {
  /** An explicit configuration file: used for every document, no discovery. */
  configPath?: string;
  /** Layered over the file's configuration (command-line flags, editor settings). */
  overrides?: MarginaliaConfig;
  referenceDateSource?: 'config' | 'cli';
  /** false: no configuration file is looked for (an untrusted workspace, a document not on disk). */
  discover?: boolean;
  today: string;
  asOf?: string;
}

/**
 * Turns configuration files, knowledge packs and overrides into the core's options,
 * caching what it read: each configuration file once, each set of packs compiled once.
 */
export class OptionsResolver {
  private readonly configs = new Map<string, MarginaliaConfig>();
  private readonly dirToConfig = new Map<string, string | undefined>();
  private readonly knowledgeCache = new Map<string, { knowledge: Knowledge; problems: KnowledgeProblem[] }>();
  /** Options by configuration file ('' for none): every document under one configuration gets the same. */
  private readonly optionsCache = new Map<string, { options: AnalyzeOptions; problems: KnowledgeProblem[] }>();

  constructor(
    private readonly packageRoot: string,
    private readonly settings: OptionOverrides,
  ) {}

  /** The configuration file that applies to a document, if any. Throws on a bad file. */
  configPathFor(documentPath: string): string | undefined {
    if (this.settings.configPath) return resolve(this.settings.configPath);
    if (this.settings.discover === false) return undefined;
    const dir = dirname(resolve(documentPath));
    if (!this.dirToConfig.has(dir)) this.dirToConfig.set(dir, findConfigFile(dir));
    return this.dirToConfig.get(dir);
  }

  configFor(documentPath: string): MarginaliaConfig {
    return this.configAt(this.configPathFor(documentPath));
  }

  private configAt(path: string | undefined): MarginaliaConfig {
    let fileConfig: MarginaliaConfig | undefined;
    if (path) {
      fileConfig = this.configs.get(path);
      if (!fileConfig) {
        fileConfig = loadConfigFile(path);
        this.configs.set(path, fileConfig);
      }
    }
    return mergeConfigs(...(fileConfig ? [fileConfig] : []), ...(this.settings.overrides ? [this.settings.overrides] : []));
  }

  knowledgeFor(packs: readonly string[]): { knowledge: Knowledge; problems: KnowledgeProblem[] } {
    const key = [...packs].sort().join('\n');
    let entry = this.knowledgeCache.get(key);
    if (!entry) {
      entry = loadKnowledge(this.packageRoot, packs);
      this.knowledgeCache.set(key, entry);
    }
    return entry;
  }

  /** Options for one document, and any knowledge-pack problems met on the way. */
  optionsFor(documentPath: string): { options: AnalyzeOptions; problems: KnowledgeProblem[] } {
    const path = this.configPathFor(documentPath);
    let cached = this.optionsCache.get(path ?? '');
    if (!cached) {
      cached = this.optionsAt(path);
      this.optionsCache.set(path ?? '', cached);
    }
    return cached;
  }

  private optionsAt(configPath: string | undefined): { options: AnalyzeOptions; problems: KnowledgeProblem[] } {
    const config = this.configAt(configPath);
    const { knowledge, problems } = this.knowledgeFor(config.knowledge);
    const options: AnalyzeOptions = {
      today: this.settings.today,
      rules: config.rules,
      ruleOptions: config.ruleOptions,
      knowledge,
    };
    if (this.settings.asOf) options.asOf = this.settings.asOf;
    if (config.referenceDate) {
      const fromOverride = this.settings.overrides?.referenceDate === config.referenceDate;
      options.referenceDate = { date: config.referenceDate, source: fromOverride ? (this.settings.referenceDateSource ?? 'config') : 'config' };
    }
    return { options, problems };
  }

  /** Forget cached files (the editor calls this when configuration files change). */
  clear(): void {
    this.configs.clear();
    this.dirToConfig.clear();
    this.knowledgeCache.clear();
    this.optionsCache.clear();
  }
}

/** Today's date as YYYY-MM-DD in UTC. The only place the wall clock is read. */
export function todayISO(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
