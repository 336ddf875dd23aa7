// The editor level of tests: the extension in a real VS Code. Integration tests run in the
// extension host (mocha, the @vscode/test-electron `run()` shape); then a person's walk
// through the workbench with the packaged .vsix installed, screenshotted step by step.
//
//   node --import tsx test/editor/run.ts [--only integration|walk] [--grep TEXT] [--keep] [--update-images]
//
// Tools are provisioned on first use into .cache/editor-tests/ and reused. Where they cannot
// be had (no root for apt, no registry) the level reports itself skipped with the reason,
// except under CI=true, where it must run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { runIntegrationTests } from './harness/integration.js';
import { provision, Skip, type Tools } from './harness/provision.js';
import { serverLogs, startServer, type RunningServer } from './harness/vscode-server.js';
import { README_IMAGES, runWalk } from './harness/walk.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = join(ROOT, '.cache', 'editor-tests');
const OUT = join(ROOT, 'out', 'editor');
const SHOTS = join(OUT, 'screenshots');
const SAMPLE = join('samples', 'warmth-returns.md');
const CI = process.env['CI'] === 'true';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'update-images': { type: 'boolean', default: false },
  },
});

const t0 = Date.now();
const elapsed = (since = t0): string => `${((Date.now() - since) / 1000).toFixed(1)}s`;
const log = (message: string): void => console.log(`[editor-tests ${elapsed()}] ${message}`);

/** User settings for a quiet, predictable workbench: no welcome page, tips, chat or update checks. */
const WORKBENCH_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
};

function step(name: string, cmd: string, argv: string[]): void {
  const started = Date.now();
  const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${name} failed:\n${r.stdout}${r.stderr}`);
  log(`${name}: ${elapsed(started)}`);
}

/** Bundles the mocha suite into out/editor/suite/*.cjs (CommonJS, as the extension host loads test modules). */
async function bundleSuite(): Promise<string> {
  const started = Date.now();
  const outdir = join(OUT, 'suite');
  rmSync(outdir, { recursive: true, force: true });
  const dir = join(ROOT, 'test', 'editor', 'suite');
  const entryPoints = readdirSync(dir)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outExtension: { '.js': '.cjs' },
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  log(`bundled the integration suite: ${elapsed(started)}`);
  return join(outdir, 'index.cjs');
}

/** A scratch workspace holding a copy of the sample: tests edit it and change its settings. */
function scratchWorkspace(parent: string, name: string): string {
  const ws = join(parent, name);
  mkdirSync(join(ws, 'samples'), { recursive: true });
  cpSync(join(ROOT, SAMPLE), join(ws, SAMPLE));
  return ws;
}

async function withServer<T>(tools: Tools, dataDir: string, vsix: string | undefined, body: (server: RunningServer) => Promise<{ ok: boolean; value: T }>): Promise<T> {
  const started = Date.now();
  const server = await startServer({ tools, dataDir, settings: WORKBENCH_SETTINGS, ...(vsix ? { vsix } : {}) });
  log(`VS Code ${tools.vscodeVersion} server on ${server.url}${vsix ? ' with the .vsix installed' : ''}: ${elapsed(started)}`);
  let ok = false;
  try {
    const result = await body(server);
    ok = result.ok;
    return result.value;
  } finally {
    await server.stop();
    if (!ok) console.log(`\n[editor-tests] the server's logs:\n${serverLogs(server)}\n`);
  }
}

interface Tally {
  passed: number;
  failed: number;
}

async function main(): Promise<number> {
  let tools: Tools;
  try {
    tools = provision(CACHE, log);
  } catch (error) {
    if (!(error instanceof Skip)) throw error;
    if (CI) {
      console.error(`[editor-tests] FAILED: CI=true, but the editor level cannot run: ${error.message}`);
      return 1;
    }
    console.log(`[editor-tests] SKIPPED the editor level: ${error.message}`);
    return 0;
  }
  log(`tools ${tools.provisioned ? 'provisioned' : 'reused'} from ${CACHE}`);

  const only = args.only;
  if (only !== undefined && only !== 'integration' && only !== 'walk') throw new Error(`--only takes integration or walk, not ${only}`);
  // Screenshots are of this run only: a stale failure picture would mislead.
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'marginalia-editor-'));
  const tally: Tally = { passed: 0, failed: 0 };
  let failed = false;
  try {
    // `npm run package` builds dist/ (the extension under development) and the .vsix (the walk's).
    step('npm run package', 'npm', ['run', '--silent', 'package']);

    if (only !== 'walk') {
      const testsPath = await bundleSuite();
      const started = Date.now();
      const result = await withServer(tools, join(scratch, 'integration'), undefined, async (server) => {
        const r = await runIntegrationTests({
          serverUrl: server.url,
          chromium: tools.chromium,
          workspace: scratchWorkspace(scratch, 'integration-workspace'),
          extensionDevelopmentPath: ROOT,
          extensionTestsPath: testsPath,
          extensionEnv: args.grep ? { MARGINALIA_EDITOR_GREP: args.grep } : {},
          timeoutMs: Number(process.env['EDITOR_TEST_TIMEOUT_MS'] ?? 150_000),
          failureScreenshot: join(SHOTS, 'integration-failure.png'),
          print: (line) => console.log(`  ${line}`),
        });
        return { ok: r.ok, value: r };
      });
      tally.passed += result.passed;
      tally.failed += result.failed + (result.problem && result.failed === 0 ? 1 : 0);
      failed ||= !result.ok;
      log(`integration tests: ${result.passed} passed, ${result.failed} failed${result.problem ? ` (${result.problem})` : ''} in ${elapsed(started)}`);
    }

    if (only !== 'integration') {
      const started = Date.now();
      const result = await withServer(tools, join(scratch, 'walk'), join(ROOT, 'dist', 'marginalia.vsix'), async (server) => {
        const r = await runWalk({
          serverUrl: server.url,
          chromium: tools.chromium,
          workspace: scratchWorkspace(scratch, 'walk-workspace'),
          screenshots: SHOTS,
          timeoutMs: Number(process.env['EDITOR_WALK_TIMEOUT_MS'] ?? 120_000),
          log: (line) => log(`walk: ${line}`),
        });
        return { ok: r.ok, value: r };
      });
      tally.passed += result.steps.filter((s) => s.ok).length;
      tally.failed += result.steps.filter((s) => !s.ok).length;
      failed ||= !result.ok;
      log(`person's walk: ${result.steps.filter((s) => s.ok).length} of ${result.steps.length} steps in ${elapsed(started)}; screenshots in ${SHOTS}`);
      if (args['update-images']) {
        const images = join(ROOT, 'docs', 'images');
        mkdirSync(images, { recursive: true });
        for (const name of README_IMAGES) copyFileSync(join(SHOTS, name), join(images, name));
        log(`copied ${README_IMAGES.join(', ')} to docs/images/`);
      }
    }
  } catch (error) {
    failed = true;
    tally.failed += 1;
    console.error(`[editor-tests] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    if (failed || args.keep) log(`kept the servers' data and logs in ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
  log(`done in ${elapsed()}`);
  // The closing line CI reads.
  console.log(`editor: ${tally.passed} passed, ${tally.failed} failed`);
  return failed ? 1 : 0;
}

const hardLimitMs = Number(process.env['EDITOR_TESTS_LIMIT_MS'] ?? 15 * 60_000);
const watchdog = setTimeout(() => {
  console.error(`[editor-tests] FAILED: still running after ${hardLimitMs / 1000}s; stopping (the servers' process groups are killed on exit)`);
  process.exit(1);
}, hardLimitMs);
watchdog.unref();

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
