import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import { ROOT } from '../helpers.js';

export interface Notification {
  method: string;
  params: unknown;
}

/**
 * A real JSON-RPC client over the server's stdio: the built `marginalia-ls --stdio`,
 * exactly as Neovim, Helix or Emacs would start it. Waits are on notifications with a
 * deadline, never on a fixed sleep.
 */
export class LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  readonly stderr: string[] = [];
  readonly seen: Notification[] = [];
  private readonly waiters: Array<{ match: (n: Notification) => boolean; resolve: (n: Notification) => void }> = [];
  /** Requests the server sends us (workspace/configuration, workspace/applyEdit, ...). */
  readonly requests: Array<{ method: string; params: unknown }> = [];

  constructor(handlers: Record<string, (params: unknown) => unknown> = {}) {
    this.process = spawn(process.execPath, [join(ROOT, 'bin', 'marginalia-ls.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
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
