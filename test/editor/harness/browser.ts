import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium, headless, as this machine allows it: no sandbox (root), and none of
 * the background connections a closed network refuses.
 */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openBrowser(executablePath: string, viewport = { width: 1400, height: 900 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'marginalia-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: ARGS, viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The workbench URL opening `folder`, optionally with the extension-test payload. */
export function workbenchUrl(serverUrl: string, folder: string, payload?: Array<[string, string]>): string {
  const query = [`folder=${encodeURIComponent(folder)}`];
  if (payload) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${serverUrl}/?${query.join('&')}`;
}
