import { format } from 'node:util';
import { openBrowser, workbenchUrl } from './browser.js';

export interface IntegrationResult {
  ok: boolean;
  passed: number;
  failed: number;
  pending: number;
  /** Why the run ended without mocha's verdict (timeout, crash), if it did. */
  problem?: string;
}

export interface IntegrationOptions {
  serverUrl: string;
  chromium: string;
  workspace: string;
  /** The extension under test (the repository root, with dist/ built). */
  extensionDevelopmentPath: string;
  /** The bundled `run()` module. */
  extensionTestsPath: string;
  /** Environment for the extension host (e.g. MARGINALIA_EDITOR_GREP). */
  extensionEnv: Record<string, string>;
  timeoutMs: number;
  failureScreenshot: string;
  print: (line: string) => void;
}

/** Lines the workbench logs about things this closed network or a web build lacks: noise, not findings. */
const NOISE = /ChatModelSelection|AgentHost|open-vsx|ServiceWorker|Creating a socket|connection token|AccountPolicyGate|builtin extensions cache|reconnection-grace|^\s+at /;

/**
 * Runs the extension's integration tests in the real extension host: the workbench opens
 * with `extensionDevelopmentPath` and `extensionTestsPath` in its payload (honoured because
 * the server runs with --enable-smoke-test-driver); the host's output arrives through
 * `codeAutomationLog` and its exit code through `codeAutomationExit`.
 */
export async function runIntegrationTests(o: IntegrationOptions): Promise<IntegrationResult> {
  const browser = await openBrowser(o.chromium);
  const { page } = browser;
  const authority = new URL(o.serverUrl).host;
  const remote = (path: string): string => `vscode-remote://${authority}${path}`;
  const payload: Array<[string, string]> = [
    ['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)],
    ['extensionTestsPath', remote(o.extensionTestsPath)],
  ];
  if (Object.keys(o.extensionEnv).length > 0) payload.push(['extensionEnvironment', JSON.stringify(o.extensionEnv)]);

  const counts = { passed: 0, failed: 0, pending: 0 };
  let finish: (outcome: { code?: number; problem?: string }) => void = () => undefined;
  const outcome = new Promise<{ code?: number; problem?: string }>((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    // The host forwards console calls as they were made: a format string and its arguments.
    for (const line of format(...args).split('\n')) {
      if (NOISE.test(line)) continue;
      o.print(line);
      const m = /^\s*(\d+) (passing|failing|pending)\b/.exec(line);
      if (m) counts[m[2] === 'passing' ? 'passed' : m[2] === 'failing' ? 'failed' : 'pending'] = Number(m[1]);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => finish({ code }));
  page.on('pageerror', (e) => o.print(`[workbench error] ${e.message}`));
  page.on('crash', () => finish({ problem: 'the browser page crashed' }));
  const timer = setTimeout(() => finish({ problem: `no result within ${o.timeoutMs / 1000}s (timeout)` }), o.timeoutMs);
  try {
    await page.goto(workbenchUrl(o.serverUrl, o.workspace, payload));
    const { code, problem } = await outcome;
    const ok = code === 0 && counts.failed === 0 && counts.passed > 0;
    if (!ok) await page.screenshot({ path: o.failureScreenshot }).catch(() => undefined);
    const why = problem ?? (code !== 0 ? `the extension host exited with code ${code}` : counts.passed === 0 ? 'no test ran' : undefined);
    return why === undefined ? { ok, ...counts } : { ok, ...counts, problem: why };
  } finally {
    clearTimeout(timer);
    await browser.close();
  }
}
