import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Tools } from './provision.js';

/** Every server still running, so an exit of any kind can kill their process groups. */
const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

process.on('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});
// Without these, a signal ends node without the 'exit' handler above.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)));

export interface ServerOptions {
  tools: Tools;
  /** Holds user data, server data, extensions and the log; kept for post-mortems. */
  dataDir: string;
  /** User settings for the workbench (a quiet, predictable window). */
  settings: Record<string, unknown>;
  /** A .vsix to install before the server starts. */
  vsix?: string;
}

export interface RunningServer {
  url: string;
  logFile: string;
  dataDir: string;
  stop(): Promise<void>;
}

function nodeEnv(tools: Tools): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${join(tools.node24, 'bin')}:${process.env['PATH'] ?? ''}` };
}

/**
 * Starts the VS Code server bundled in code-server, in its own process group on an
 * ephemeral loopback port (port 0: the kernel picks a free one, no race), with
 * `--enable-smoke-test-driver` so the workbench honours the extension-test payload.
 */
export async function startServer(options: ServerOptions, timeoutMs = 60_000): Promise<RunningServer> {
  const { tools, dataDir } = options;
  const node = join(tools.node24, 'bin', 'node');
  const main = join(tools.vscode, 'out', 'server-main.js');
  const dirs = { user: join(dataDir, 'user'), server: join(dataDir, 'server'), extensions: join(dataDir, 'extensions') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  // The web workbench keeps the user's settings with the server's data.
  for (const base of [join(dirs.server, 'data', 'User'), join(dirs.user, 'User')]) {
    mkdirSync(base, { recursive: true });
    writeFileSync(join(base, 'settings.json'), `${JSON.stringify(options.settings, null, 2)}\n`);
  }
  const logFile = join(dataDir, 'server.log');
  if (options.vsix) {
    const install = spawnSync(node, [main, '--extensions-dir', dirs.extensions, '--server-data-dir', dirs.server, '--install-extension', options.vsix], {
      encoding: 'utf8',
      env: nodeEnv(tools),
      timeout: timeoutMs,
    });
    writeFileSync(join(dataDir, 'install-extension.log'), `${install.stdout}${install.stderr}`);
    if (install.status !== 0) throw new Error(`installing ${options.vsix} failed:\n${install.stdout}${install.stderr}`);
  }
  const out = openSync(logFile, 'a');
  const child = spawn(
    node,
    [
      main,
      ...['--host', '127.0.0.1', '--port', '0', '--without-connection-token', '--accept-server-license-terms'],
      ...['--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust'],
      ...['--user-data-dir', dirs.user, '--server-data-dir', dirs.server, '--extensions-dir', dirs.extensions],
    ],
    { detached: true, stdio: ['ignore', out, out], env: nodeEnv(tools) },
  );
  closeSync(out);
  live.add(child);
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const stop = async (): Promise<void> => {
    killGroup(child, 'SIGTERM');
    const grace = new Promise<void>((resolve) => setTimeout(resolve, 3000).unref());
    await Promise.race([gone, grace]);
    // Extension hosts and the language server live in the same group: none may outlive the run.
    killGroup(child, 'SIGKILL');
    live.delete(child);
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const port = /Extension host agent listening on (\d+)/.exec(readFileSync(logFile, 'utf8'))?.[1];
    if (port) return { url: `http://127.0.0.1:${port}`, logFile, dataDir, stop };
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`the VS Code server ${exited ? 'exited' : `did not listen within ${timeoutMs / 1000}s`}:\n${readFileSync(logFile, 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The server's log and the extension hosts' logs (the Marginalia client's output among them), for a failure report. */
export function serverLogs(server: RunningServer, maxLines = 150): string {
  const files = [server.logFile, ...findFiles(join(server.dataDir, 'user', 'logs'), (f) => /^(remoteexthost|remoteagent|Marginalia)/i.test(basename(f)) && f.endsWith('.log'))];
  return files
    .map((f) => {
      const lines = readFileSync(f, 'utf8').trimEnd().split('\n');
      return `----- ${f}${lines.length > maxLines ? ` (last ${maxLines} of ${lines.length} lines)` : ''}\n${lines.slice(-maxLines).join('\n')}`;
    })
    .join('\n');
}

function findFiles(dir: string, keep: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? findFiles(full, keep) : keep(full) ? [full] : [];
  });
}
