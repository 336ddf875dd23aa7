import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';
import type { ConfigurationMiddleware } from 'vscode-languageclient';
import type MarkdownIt from 'markdown-it';
import { markFindings, type PreviewFinding, type PreviewSeverity, type PreviewSource } from './preview.js';
import { SERVER_ENV, SERVER_EXEC_ARGV, SERVER_FORK_OPTIONS } from './server-launch.js';

/**
 * The extension is thin: it starts the Marginalia language server over IPC, shows its
 * status, offers a restart, and underlines the server's findings in the Markdown preview.
 * Every analysis happens in the server.
 */
let client: LanguageClient | undefined;

interface StatusParams {
  uri: string;
  state: 'ok' | 'disabled' | 'error';
  findings: number;
  referenceDate?: string;
  referenceDateSource?: string;
  durationMs: number;
  message?: string;
}

/** What VS Code's Markdown extension asks of an extension that contributes markdown-it plugins. */
export interface MarginaliaApi {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

export async function activate(context: vscode.ExtensionContext): Promise<MarginaliaApi> {
  const serverModule = context.asAbsolutePath('dist/server.cjs');
  const execArgv = [...SERVER_EXEC_ARGV];
  // The client adds these to a copy of the extension host's environment.
  const env = { ...SERVER_ENV };
  const serverOptions: ServerOptions = {
    // SERVER_FORK_OPTIONS is node's own fork option, which the client passes on to fork but
    // its ForkOptions type does not list.
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv, env, ...SERVER_FORK_OPTIONS } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6011'], env, ...SERVER_FORK_OPTIONS } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      // Virtual workspaces (a repository opened remotely): analysed with the bundled knowledge.
      { scheme: 'vscode-vfs', language: 'markdown' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.marginalia.{yaml,yml,json}') },
    // Untrusted, the server reads no configuration file and no knowledge pack from the workspace.
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    middleware: { workspace: { configuration: splitKnowledgeSetting } },
  };
  client = new LanguageClient('marginalia', 'Marginalia', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.name = 'Marginalia';
  status.command = 'workbench.actions.view.problems';
  context.subscriptions.push(status);
  const latest = new Map<string, StatusParams>();
  const render = (): void => {
    const editor = vscode.window.activeTextEditor;
    const s = editor ? latest.get(editor.document.uri.toString()) : undefined;
    if (!s) {
      status.hide();
      return;
    }
    status.text = s.state === 'disabled' ? '$(circle-slash) Marginalia' : s.state === 'error' ? '$(warning) Marginalia' : `$(book) Marginalia: ${s.findings}`;
    status.tooltip = [
      s.referenceDate ? `Reference date ${s.referenceDate} (${s.referenceDateSource})` : undefined,
      `Analysed in ${s.durationMs} ms`,
      s.message,
    ]
      .filter(Boolean)
      .join('\n');
    status.show();
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(render));
  context.subscriptions.push(
    client.onNotification('marginalia/status', (s: StatusParams) => {
      latest.set(s.uri, s);
      render();
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('marginalia.restartServer', async () => {
      await client?.restart();
    }),
    // Trust granted: start again with the workspace's configuration and packs.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (client) clientOptions.initializationOptions = { trusted: true };
      await client?.restart();
    }),
  );
  // The preview renders before the findings of an edit arrive: render it again when they do.
  let refresh: ReturnType<typeof setTimeout> | undefined;
  context.subscriptions.push(
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (!previewEnabled() || !e.uris.some((uri) => vscode.workspace.textDocuments.some((d) => d.languageId === 'markdown' && d.uri.toString() === uri.toString()))) return;
      clearTimeout(refresh);
      refresh = setTimeout(() => void vscode.commands.executeCommand('markdown.preview.refresh'), 200);
    }),
    { dispose: () => clearTimeout(refresh) },
  );
  await client.start();
  return { extendMarkdownIt: (md) => markFindings(md, previewSource) };
}

/**
 * The `marginalia` section as the server reads it, with `knowledge` split by where it was
 * set: the user's own value stays `knowledge` (an absolute path may lead anywhere), what the
 * workspace's settings add goes to `workspaceKnowledge`, which the server reads only inside
 * the workspace folder. A workspace could otherwise point the server at any file on disk.
 */
const splitKnowledgeSetting: NonNullable<ConfigurationMiddleware['configuration']> = async (params, token, next) => {
  const results = await next(params, token);
  if (!Array.isArray(results)) return results;
  return results.map((result, i) => {
    const item = params.items[i];
    if (item?.section !== 'marginalia' || typeof result !== 'object' || result === null) return result;
    const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
    const inspected = vscode.workspace.getConfiguration('marginalia', scope).inspect<string[]>('knowledge');
    return { ...result, knowledge: inspected?.globalValue ?? [], workspaceKnowledge: [...(inspected?.workspaceValue ?? []), ...(inspected?.workspaceFolderValue ?? [])] };
  });
};

function previewEnabled(): boolean {
  return vscode.workspace.getConfiguration('marginalia').get<boolean>('preview.enable', true);
}

const SEVERITY: Record<vscode.DiagnosticSeverity, PreviewSeverity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** The previewed document and the server's findings on it; VS Code names the document in the render environment. */
function previewSource(env: unknown): PreviewSource | undefined {
  if (!previewEnabled()) return undefined;
  const current = (env as { currentDocument?: vscode.Uri | string } | undefined)?.currentDocument;
  if (!current) return undefined;
  const uri = typeof current === 'string' ? vscode.Uri.parse(current) : current;
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!document) return undefined;
  const findings: PreviewFinding[] = vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'marginalia')
    .map((d) => ({
      ruleId: typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''),
      severity: SEVERITY[d.severity],
      message: d.message,
      start: { line: d.range.start.line, character: d.range.start.character },
      end: { line: d.range.end.line, character: d.range.end.character },
    }));
  // VS Code's own lines, as the diagnostics and the preview's line map count them.
  return { lines: Array.from({ length: document.lineCount }, (_, i) => document.lineAt(i).text), findings };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
