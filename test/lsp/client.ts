import { fork, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node.js';
import { SERVER_ENV, SERVER_EXEC_ARGV, SERVER_FORK_OPTIONS } from '../../client/src/server-launch.js';
import { ROOT } from '../helpers.js';

export interface Notification {
  method: string;
  params: unknown;
}

/**
 * A real JSON-RPC client over the server's stdio: the built `marginalia-ls --stdio`,
 * exactly as Neovim, Helix or Emacs would start it. Waits are on notifications with a
 * deadline, never on a fixed sleep.
 *
 * With `launch: 'vscode'` the server is started as the VS Code extension starts it instead:
 * `dist/server.cjs` forked over node IPC with the extension's node flags and environment
 * (client/src/server-launch.ts), and the arguments and variables vscode-languageclient adds.
 * The bench uses this, so its memory and latency figures are those of the editor.
 */
export class LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  readonly stderr: string[] = [];
  readonly seen: Notification[] = [];
  private readonly waiters: Array<{ match: (n: Notification) => boolean; resolve: (n: Notification) => void }> = [];
  /** Requests the server sends us (workspace/configuration, workspace/applyEdit, ...). */
  readonly requests: Array<{ method: string; params: unknown }> = [];

  /** `root`: the package whose bundle is started (the bench starts a copy without the compiled base beside this one). */
  constructor(handlers: Record<string, (params: unknown) => unknown> = {}, launch: 'stdio' | 'vscode' = 'stdio', root = ROOT) {
    if (launch === 'vscode') {
      // As vscode-languageclient's TransportKind.ipc does: fork with --node-ipc and
      // --clientProcessId, the flags as execArgv, ELECTRON_RUN_AS_NODE (VS Code runs the
      // server on its own Electron binary as node; here it is node itself).
      this.process = fork(join(root, 'dist', 'server.cjs'), ['--node-ipc', `--clientProcessId=${process.pid}`], {
        execArgv: [...SERVER_EXEC_ARGV],
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1', ...SERVER_ENV },
        silent: true,
        ...SERVER_FORK_OPTIONS,
      });
      this.connection = createMessageConnection(new IPCMessageReader(this.process), new IPCMessageWriter(this.process));
    } else {
      this.process = spawn(process.execPath, [join(root, 'bin', 'marginalia-ls.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    }
    this.process.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    this.connection.onNotification((method: string, params: unknown) => {
      const n = { method, params };
      this.seen.push(n);
      for (const w of [...this.waiters]) {
        if (w.match(n)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(n);
        }
      }
    });
    this.connection.onRequest((method: string, params: unknown) => {
      this.requests.push({ method, params });
      const h = handlers[method];
      if (h) return h(params);
      if (method === 'workspace/configuration') return ((params as { items: unknown[] }).items ?? []).map(() => ({}));
      return null;
    });
    this.connection.listen();
  }

  /** The next notification matching, including ones already received after `since`. */
  waitFor(match: (n: Notification) => boolean, timeoutMs = 10_000, since = 0): Promise<Notification> {
    const already = this.seen.slice(since).find(match);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for a notification; server stderr:\n${this.stderr.join('')}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (n) => {
          clearTimeout(timer);
          resolve(n);
        },
      });
    });
  }

  /** A position in the notification log, to wait only for what comes after it. */
  get mark(): number {
    return this.seen.length;
  }

  async shutdown(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }
}
