import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';
import { SERVER_ENV, SERVER_EXEC_ARGV } from './server-launch.js';

/**
 * The extension is thin: it starts the Marginalia language server over IPC, shows its
 * status, and offers a restart. Every analysis happens in the server.
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

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.cjs');
  const execArgv = [...SERVER_EXEC_ARGV];
  // The client adds these to a copy of the extension host's environment.
  const env = { ...SERVER_ENV };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv, env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6011'], env } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.marginalia.{yaml,yml,json}') },
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
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
