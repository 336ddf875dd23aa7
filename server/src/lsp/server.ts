import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CodeAction,
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  type Hover,
  type InitializeParams,
  type InlayHint,
  MarkupKind,
  type PublishDiagnosticsParams,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node.js';
import type { Analysis, AnalyzeOptions } from '../core/analyze.js';
import { IncrementalAnalysis } from '../core/incremental.js';
import { appendRuleOption, ConfigError, formatConfigProblem, type ConfigProblem } from '../core/config.js';
import { formatKnowledgeProblem } from '../core/knowledge.js';
import { OptionsResolver, todayISO } from '../node/options.js';
import { CONFIG_NAMES, findConfigFile } from '../node/config-files.js';
import { editedDocuments, type EditedDocument } from './document.js';
import { addToPackAction } from './knowledge-stub.js';
import { codeActionsFor, DiagnosticCache, findingHover, SOURCE, toDiagnostic, toRange } from './convert.js';
import { entityHover, entityLocations, entitySymbols } from './entities.js';
import type { RecognizedMention } from '../core/entities/index.js';
import { LatestOnly } from './publish.js';
import { DEFAULT_SETTINGS, normaliseSettings, settingsToConfig, type EditorSettings } from './settings.js';

export interface ServerDeps {
  /** The folder holding package.json and server/knowledge. */
  packageRoot: string;
  /** Injected clock for tests; defaults to the wall clock. */
  today?: () => string;
}

/** Sent after every analysis, for the client's status item. */
export const STATUS_NOTIFICATION = 'marginalia/status';
export interface StatusParams {
  uri: string;
  version: number;
  state: 'ok' | 'disabled' | 'error';
  findings: number;
  referenceDate?: string;
  referenceDateSource?: string;
  durationMs: number;
  message?: string;
  /**
   * `idle` when the document is too large to analyse at every keystroke: it is analysed
   * once typing pauses (never skipped), and `message` says so.
   */
  schedule?: 'keystroke' | 'idle';
}

/** Analysis time above which a document is analysed when typing pauses rather than per keystroke. */
export const KEYSTROKE_BUDGET_MS = 100;
/** The pause that counts as idle for such documents. */
export const IDLE_DELAY_MS = 1000;

export const COMMANDS = { appendRuleOption: 'marginalia.appendRuleOption' } as const;

interface Cached {
  version: number;
  analysis: Analysis;
}

/** A document's incremental analysis and the options it was made with. */
interface Live {
  optionsKey: string;
  options: AnalyzeOptions;
  incremental: IncrementalAnalysis;
  /** The diagnostics last published for the document, reused where unchanged. */
  diagnostics: DiagnosticCache;
  /** Whether the last analysis took longer than a keystroke allows. */
  slow: boolean;
}

const knowledgeIds = new WeakMap<object, number>();
let nextKnowledgeId = 1;

/** Options that analyse alike get the same key (the knowledge compared by identity). */
function optionsKey(options: AnalyzeOptions): string {
  let id = 0;
  if (options.knowledge) {
    id = knowledgeIds.get(options.knowledge) ?? nextKnowledgeId++;
    knowledgeIds.set(options.knowledge, id);
  }
  return JSON.stringify([id, options.today, options.asOf, options.referenceDate, options.rules, options.ruleOptions]);
}

/** The language server: LSP handlers over the analysis core. Holds no analysis logic. */
export function startServer(connection: Connection, deps: ServerDeps): void {
  const documents = new TextDocuments(editedDocuments);
  const cache = new Map<string, Cached>();
  const live = new Map<string, Live>();
  const timers = new Map<string, NodeJS.Timeout>();
  const settingsCache = new Map<string, Promise<EditorSettings>>();
  const configDiagnostics = new Set<string>();
  let pullSettings = false;
  let workspaceFolders: string[] = [];
  let initSettings: EditorSettings = DEFAULT_SETTINGS;
  let resolvers = new Map<string, OptionsResolver>();
  let debounceMs = DEFAULT_SETTINGS.debounceMs;
  let trusted = true;
  const diagnosticsOut = new LatestOnly((params: PublishDiagnosticsParams) => connection.sendDiagnostics(params));
  const statusOut = new LatestOnly((params: StatusParams) => connection.sendNotification(STATUS_NOTIFICATION, params));
  const today = deps.today ?? (() => todayISO());

  connection.onInitialize((params: InitializeParams) => {
    pullSettings = params.capabilities.workspace?.configuration === true;
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
    if (workspaceFolders.length === 0 && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) workspaceFolders = [root];
    }
    initSettings = normaliseSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings ?? params.initializationOptions);
    // VS Code says whether the user trusts the workspace; other editors run only where their user chose to.
    trusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted !== false;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        hoverProvider: true,
        inlayHintProvider: true,
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        executeCommandProvider: { commands: Object.values(COMMANDS) },
      },
      serverInfo: { name: 'marginalia-ls', version: packageVersion(deps.packageRoot) },
    };
  });

  connection.onInitialized(() => {
    if (pullSettings) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'marginalia' });
  });

  function folderOf(path: string | undefined): string | undefined {
    if (!path) return workspaceFolders[0];
    return workspaceFolders.filter((f) => path.startsWith(f)).sort((a, b) => b.length - a.length)[0] ?? workspaceFolders[0];
  }

  function settingsFor(uri: string): Promise<EditorSettings> {
    if (!pullSettings) {
      return Promise.resolve(initSettings);
    }
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'marginalia' }).then(normaliseSettings, () => DEFAULT_SETTINGS);
      settingsCache.set(uri, s);
    }
    return s;
  }

  /**
   * Options from the settings and, for a document on disk in a trusted workspace, its
   * configuration file. Untrusted, or for a document not on disk, only the settings'
   * rules and date apply, with the bundled knowledge.
   */
  function resolverFor(settings: EditorSettings, folder: string | undefined, onDisk: boolean): OptionsResolver {
    const discover = trusted && onDisk;
    const key = JSON.stringify([settings.rules, settings.referenceDate, settings.knowledge, settings.workspaceKnowledge, folder, discover]);
    let r = resolvers.get(key);
    if (!r) {
      const overrides = settingsToConfig(settings, folder, trusted);
      if (overrides.refused.length > 0) connection.console.warn(`Knowledge packs not read: ${overrides.refused.map((p) => JSON.stringify(p)).join(', ')} (${trusted ? 'a workspace may name packs inside its folder only; an absolute path belongs in the user settings' : 'the workspace is not trusted'}).`);
      r = new OptionsResolver(deps.packageRoot, { overrides, referenceDateSource: 'config', today: today(), discover });
      resolvers.set(key, r);
    }
    return r;
  }

  function publishConfigProblems(problems: ConfigProblem[]): void {
    const byFile = new Map<string, Diagnostic[]>();
    for (const p of problems) {
      const d: Diagnostic = {
        range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.line - 1, character: p.column - 1 + Math.max(1, p.key.length) } },
        message: `${p.key}: ${p.message}`,
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: 'configuration',
      };
      byFile.set(p.path, [...(byFile.get(p.path) ?? []), d]);
    }
    for (const [path, diagnostics] of byFile) {
      const uri = pathToFileURL(path).href;
      configDiagnostics.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics });
    }
  }

  function clearConfigProblems(): void {
    for (const uri of configDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
    configDiagnostics.clear();
  }

  async function validate(document: EditedDocument): Promise<void> {
    const started = performance.now();
    const settings = await settingsFor(document.uri);
    debounceMs = settings.debounceMs;
    const current = documents.get(document.uri);
    if (!current || current.version !== document.version) return; // superseded while we waited
    if (!settings.enable) {
      cache.delete(document.uri);
      live.delete(document.uri);
      diagnosticsOut.post(document.uri, { uri: document.uri, diagnostics: [] });
      statusOut.post(document.uri, { uri: document.uri, version: document.version, state: 'disabled', findings: 0, durationMs: 0 });
      return;
    }
    const path = uriToPath(document.uri);
    const resolver = resolverFor(settings, folderOf(path), path !== undefined);
    let options;
    let message: string | undefined;
    try {
      const resolved = resolver.optionsFor(path ?? join(folderOf(undefined) ?? process.cwd(), 'untitled.md'));
      options = resolved.options;
      if (resolved.problems.length > 0) {
        message = `Knowledge pack problems:\n${resolved.problems.map(formatKnowledgeProblem).join('\n')}`;
        connection.console.warn(message);
      }
    } catch (error) {
      if (error instanceof ConfigError) publishConfigProblems(error.problems);
      message = error instanceof ConfigError ? error.problems.map(formatConfigProblem).join('\n') : String(error);
      connection.console.error(`Configuration problem, analysing with defaults: ${message}`);
      options = { today: today() };
    }
    const text = document.getText();
    const key = optionsKey(options);
    let state = live.get(document.uri);
    let analysis: Analysis;
    const analysisStarted = performance.now();
    if (state && state.optionsKey === key) {
      analysis = state.incremental.update(text);
    } else {
      state = { optionsKey: key, options, incremental: new IncrementalAnalysis(text, options), diagnostics: new DiagnosticCache(), slow: false };
      live.set(document.uri, state);
      analysis = state.incremental.analysis;
    }
    state.slow = performance.now() - analysisStarted > KEYSTROKE_BUDGET_MS;
    for (const failure of analysis.failures) connection.console.error(`Check ${failure.ruleId} failed on ${document.uri}: ${failure.message}`);
    cache.set(document.uri, { version: document.version, analysis });
    diagnosticsOut.post(document.uri, { uri: document.uri, version: document.version, diagnostics: state.diagnostics.diagnostics(analysis) });
    const status: StatusParams = {
      uri: document.uri,
      version: document.version,
      state: message ? 'error' : 'ok',
      findings: analysis.findings.length,
      referenceDate: analysis.referenceDate.date,
      referenceDateSource: analysis.referenceDate.source,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      schedule: state.slow ? 'idle' : 'keystroke',
    };
    if (message) status.message = message;
    else if (state.slow) status.message = `Large document: analysed when typing pauses (${IDLE_DELAY_MS} ms) rather than at every keystroke.`;
    statusOut.post(document.uri, status);
  }

  function schedule(document: EditedDocument, immediately: boolean): void {
    const previous = timers.get(document.uri);
    if (previous) clearTimeout(previous);
    const run = (): void => {
      timers.delete(document.uri);
      validate(document).catch((error: unknown) => {
        // Only a document nested past what the parser can follow gets here: say so where the
        // writer looks, drop findings that no longer match the text, and start afresh next time.
        const message = error instanceof Error ? error.message : String(error);
        connection.console.error(`Analysis failed for ${document.uri}: ${message}`);
        live.delete(document.uri);
        diagnosticsOut.post(document.uri, { uri: document.uri, version: document.version, diagnostics: [] });
        statusOut.post(document.uri, {
          uri: document.uri,
          version: document.version,
          state: 'error',
          findings: 0,
          durationMs: 0,
          message: `Marginalia could not analyse this document: ${message}`,
        } satisfies StatusParams);
      });
    };
    if (immediately) {
      run();
      return;
    }
    const delay = live.get(document.uri)?.slow ? Math.max(debounceMs, IDLE_DELAY_MS) : debounceMs;
    timers.set(document.uri, setTimeout(run, delay));
  }

  function revalidateAll(): void {
    resolvers = new Map();
    settingsCache.clear();
    clearConfigProblems();
    for (const d of documents.all()) schedule(d, true);
  }

  documents.onDidOpen((e) => schedule(e.document, true));
  documents.onDidChangeContent((e) => {
    if (e.document.version > 1 || cache.has(e.document.uri)) schedule(e.document, false);
  });
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    cache.delete(e.document.uri);
    live.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    diagnosticsOut.post(e.document.uri, { uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    if (!pullSettings) initSettings = normaliseSettings((change.settings as { marginalia?: unknown } | undefined)?.marginalia);
    revalidateAll();
  });
  connection.onDidChangeWatchedFiles(() => revalidateAll());

  /** The analysis of the document as it is now, computing it if the cached one is stale. */
  async function current(uri: string): Promise<Analysis | undefined> {
    const document = documents.get(uri);
    if (!document) return undefined;
    const cached = cache.get(uri);
    if (cached && cached.version === document.version) return cached.analysis;
    await validate(document);
    return cache.get(uri)?.analysis;
  }

  connection.onCodeAction(async (params) => {
    const analysis = await current(params.textDocument.uri);
    if (!analysis) return [];
    const lines = analysis.doc.lines;
    const start = lines.offsetAt(params.range.start);
    const end = lines.offsetAt(params.range.end);
    const actions: CodeAction[] = [];
    for (const f of analysis.findings) {
      if (f.end < start || f.start > end) continue;
      const diagnostic =
        params.context.diagnostics.find((d) => d.code === f.ruleId && lines.offsetAt(d.range.start) === f.start) ?? toDiagnostic(lines, f);
      actions.push(...codeActionsFor(analysis, params.textDocument.uri, f, diagnostic));
    }
    const unknown = analysis.names.filter((m) => m.form === 'unknown' && m.start <= end && start <= m.end);
    if (unknown.length > 0) actions.push(...(await addToPackActions(params.textDocument.uri, analysis, unknown)));
    return actions;
  });

  /** "Add to workspace knowledge pack" for titled names the knowledge does not hold. */
  async function addToPackActions(uri: string, analysis: Analysis, mentions: readonly RecognizedMention[]): Promise<CodeAction[]> {
    const path = uriToPath(uri);
    const folder = folderOf(path);
    // An untrusted workspace reads no workspace packs, so there is none to add to.
    if (!path || !folder || !trusted) return [];
    const resolver = resolverFor(await settingsFor(uri), folder, true);
    let configPath: string | undefined;
    let packs: readonly string[] = [];
    try {
      configPath = resolver.configPathFor(path);
      packs = resolver.configFor(path).knowledge;
    } catch {
      return [];
    }
    const read = (file: string): string | undefined => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    };
    const target = { folder, packs, read, ...(configPath ? { configPath, configText: read(configPath) ?? '' } : {}) };
    return mentions.map((m) => addToPackAction(m, path, analysis.referenceDate.date, target)).filter((a): a is CodeAction => a !== undefined);
  }

  connection.onHover(async (params): Promise<Hover | null> => {
    const analysis = await current(params.textDocument.uri);
    if (!analysis) return null;
    const offset = analysis.doc.lines.offsetAt(params.position);
    const hits = analysis.findings.filter((f) => f.start <= offset && offset < f.end);
    const entity = entityHover(analysis, offset);
    if (hits.length === 0 && !entity) return null;
    const ranges = [...hits, ...(entity ? [entity.mention] : [])];
    const start = Math.min(...ranges.map((h) => h.start));
    const end = Math.max(...ranges.map((h) => h.end));
    const sections = [...(entity ? [entity.markdown] : []), ...hits.map(findingHover)];
    return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: toRange(analysis.doc.lines, { start, end }) };
  });

  connection.onDocumentSymbol(async (params) => {
    const analysis = await current(params.textDocument.uri);
    return analysis ? entitySymbols(analysis) : [];
  });

  connection.onDefinition(async (params) => {
    const analysis = await current(params.textDocument.uri);
    if (!analysis) return [];
    return entityLocations(analysis, params.textDocument.uri, analysis.doc.lines.offsetAt(params.position)).slice(0, 1);
  });

  connection.onReferences(async (params) => {
    const analysis = await current(params.textDocument.uri);
    if (!analysis) return [];
    return entityLocations(analysis, params.textDocument.uri, analysis.doc.lines.offsetAt(params.position));
  });

  connection.languages.inlayHint.on(async (params): Promise<InlayHint[]> => {
    const analysis = await current(params.textDocument.uri);
    if (!analysis) return [];
    const lines = analysis.doc.lines;
    const start = lines.offsetAt(params.range.start);
    const end = lines.offsetAt(params.range.end);
    return analysis.findings
      .filter((f) => f.resolved && f.end >= start && f.end <= end)
      .map((f) => ({ position: lines.positionAt(f.end), label: `\u2192 ${f.resolved!.label}`, paddingLeft: true, tooltip: `${f.text}: ${f.resolved!.value}` }));
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== COMMANDS.appendRuleOption) return;
    const [ruleId, key, value, uri] = (params.arguments ?? []) as [string, string, unknown, string | undefined];
    if (typeof ruleId !== 'string' || typeof key !== 'string') return;
    const docPath = uri ? uriToPath(uri) : undefined;
    const folder = folderOf(docPath);
    const existing = (docPath ? findConfigFile(dirname(docPath), folder) : undefined) ?? (folder ? findConfigFile(folder, folder) : undefined);
    const target = existing ?? join(folder ?? (docPath ? dirname(docPath) : process.cwd()), CONFIG_NAMES[0]);
    const before = existing && existsSync(existing) ? readFileSync(existing, 'utf8') : '';
    const after = appendRuleOption(before, ruleId, key, value);
    const targetUri = pathToFileURL(target).href;
    const edit = existing
      ? { changes: { [targetUri]: [{ range: { start: { line: 0, character: 0 }, end: { line: before.split('\n').length + 1, character: 0 } }, newText: after }] } }
      : { documentChanges: [{ kind: 'create' as const, uri: targetUri, options: { ignoreIfExists: true } }, { textDocument: { uri: targetUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: after }] }] };
    const result = await connection.workspace.applyEdit({ label: `Marginalia: ${key} ${String(value)}`, edit });
    if (!result.applied) connection.console.warn(`The client did not apply the configuration edit: ${result.failureReason ?? 'no reason given'}`);
    revalidateAll();
  });

  documents.listen(connection);
  connection.listen();
}

function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

function packageVersion(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
