import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openBrowser, workbenchUrl } from './browser.js';

/**
 * A person's walk through the workbench with the packaged extension installed: open the
 * sample from the Explorer, wait for the squiggles, hover a name for its card, open the
 * Problems panel, apply a quick fix from the light bulb. Each step leaves a screenshot.
 */

export interface WalkOptions {
  serverUrl: string;
  chromium: string;
  workspace: string;
  screenshots: string;
  timeoutMs: number;
  log: (line: string) => void;
}

export interface WalkStep {
  name: string;
  ok: boolean;
  screenshot: string;
  detail: string;
}

export interface WalkResult {
  ok: boolean;
  steps: WalkStep[];
}

/** The screenshots the README shows, copied to docs/images/ by `--update-images`. */
export const README_IMAGES = ['editor-squiggles.png', 'editor-hover-card.png', 'editor-problems.png', 'editor-quick-fix.png', 'editor-preview.png'];

const WAIT_MS = 30_000;
/** Once the squiggles are up the server answers hovers at once: a missing card fails fast. */
const HOVER_MS = 10_000;
const SAMPLE = 'warmth-returns.md';
/**
 * The figure whose footnote fix the walk applies, and the word its sentence ends with. Lines
 * are word-wrapped (inlay hints move the wraps), so what is looked for on screen is short.
 */
const FIGURE = 'approximately 400,000 soldiers';
const FIGURE_WORD = '400,000';
const SENTENCE_END = 'injured.';

const editor = (page: Page): Locator => page.locator('.editor-instance .monaco-editor').first();

/**
 * Where `text` is on screen: the centre of its first occurrence in the editor's rendered
 * lines. Monaco splits a line into many spans (tokens, decorations) and renders some spaces
 * as no-break spaces, so the text is found across the line's text nodes and measured with a
 * DOM Range.
 */
async function locate(page: Page, text: string): Promise<{ x: number; y: number }> {
  await editor(page).locator('.view-line', { hasText: text }).first().waitFor({ timeout: WAIT_MS });
  const point = await page.evaluate((wanted) => {
    for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-line')) {
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const whole = nodes.map((n) => n.data).join('').replace(/\u00a0/g, ' ');
      const at = whole.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      let offset = 0;
      for (const n of nodes) {
        const end = offset + n.data.length;
        if (at >= offset && at < end) range.setStart(n, at - offset);
        if (at + wanted.length > offset && at + wanted.length <= end) range.setEnd(n, at + wanted.length - offset);
        offset = end;
      }
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    return undefined;
  }, text);
  if (!point) throw new Error(`"${text}" is not on screen`);
  return point;
}

/** Moves the mouse over `text` in the editor and waits for a hover matching `expect`. */
async function hoverOver(page: Page, text: string, expect: RegExp): Promise<string> {
  const { x, y } = await locate(page, text);
  const hover = page.locator('.monaco-hover:visible', { hasText: expect });
  const deadline = Date.now() + HOVER_MS;
  for (;;) {
    // Hover widgets open on mouse movement: come in from the left each attempt.
    await page.mouse.move(x - 40, y);
    await page.mouse.move(x, y, { steps: 4 });
    try {
      await hover.first().waitFor({ state: 'visible', timeout: Math.min(4000, Math.max(1, deadline - Date.now())) });
      return ((await hover.first().innerText()) || '').replace(/\s+/g, ' ');
    } catch (error) {
      if (Date.now() >= deadline) {
        const seen = await page.locator('.monaco-hover:visible').allInnerTexts();
        throw new Error(`no hover matching ${expect} over "${text}" within ${HOVER_MS / 1000}s; hovers seen: ${JSON.stringify(seen.map((s) => s.slice(0, 300)))}`, { cause: error });
      }
    }
  }
}

/** Polls `check` until it holds or the deadline passes; the failure names what was awaited and what was seen. */
async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>, seen?: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${seen ? `; seen: ${await seen()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Puts the caret inside `text` by clicking on it. */
async function clickInto(page: Page, text: string): Promise<void> {
  const { x, y } = await locate(page, text);
  await page.mouse.click(x, y);
}

export async function runWalk(o: WalkOptions): Promise<WalkResult> {
  const browser = await openBrowser(o.chromium);
  const { page } = browser;
  const steps: WalkStep[] = [];
  page.on('pageerror', (e) => o.log(`[workbench error] ${e.message.split('\n')[0]}`));
  const started = Date.now();

  /** Runs one step; a failed step ends the walk (later steps stand on it), with a screenshot of where it stopped. */
  async function walkStep(name: string, screenshot: string, body: () => Promise<string>): Promise<boolean> {
    const path = join(o.screenshots, screenshot);
    try {
      if (Date.now() - started > o.timeoutMs) throw new Error(`the walk took longer than ${o.timeoutMs / 1000}s`);
      const detail = await body();
      await page.screenshot({ path });
      steps.push({ name, ok: true, screenshot: path, detail });
      o.log(`ok   ${name}: ${detail}`);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      const failure = join(o.screenshots, `failed-${screenshot}`);
      await page.screenshot({ path: failure }).catch(() => undefined);
      steps.push({ name, ok: false, screenshot: failure, detail: message });
      o.log(`FAIL ${name}: ${message} (screenshot ${failure})`);
      return false;
    }
  }

  try {
    // Opening the sample and seeing its squiggles is what every later step stands on; the
    // hover, the Problems panel and the quick fix are independent of each other.
    const ready =
      (await walkStep('open the sample from the Explorer', 'editor-explorer.png', async () => {
        await page.goto(workbenchUrl(o.serverUrl, o.workspace));
        await page.locator('.monaco-workbench').waitFor({ timeout: WAIT_MS });
        const rows = page.locator('.explorer-folders-view .monaco-list-row');
        const file = rows.filter({ hasText: SAMPLE });
        if (!(await file.first().isVisible())) {
          await rows.filter({ hasText: 'samples' }).first().click({ timeout: WAIT_MS });
        }
        await file.first().dblclick({ timeout: WAIT_MS });
        await editor(page).locator('.view-lines', { hasText: 'Warmth returns between China' }).waitFor({ timeout: WAIT_MS });
        return `${SAMPLE} open in the editor`;
      })) &&
      (await walkStep('wait for the squiggles', 'editor-squiggles.png', async () => {
        // A squiggle proves the extension activated and its server analysed the text.
        await editor(page).locator('.squiggly-warning').first().waitFor({ timeout: WAIT_MS });
        const count = await editor(page).locator('.squiggly-warning, .squiggly-info').count();
        return `${count} squiggles on screen`;
      }));
    if (!ready) return { ok: false, steps };

    await walkStep('hover a name and see its card', 'editor-hover-card.png', async () => {
      const card = await hoverOver(page, 'Xi Jin Ping', /Xi Jinping[\s\S]*person/);
      return card.slice(0, 160);
    });

    await walkStep('open the Problems panel and see the findings', 'editor-problems.png', async () => {
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      // Marginalia's status bar item ("Marginalia: N findings") opens the Problems panel.
      await page.locator('.statusbar-item', { hasText: /Marginalia: \d+/ }).first().click({ timeout: WAIT_MS });
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: /unsourced-figure/ }).first().waitFor({ timeout: WAIT_MS });
      await rows.filter({ hasText: /loaded-term/ }).first().waitFor({ timeout: WAIT_MS });
      const first = ((await rows.filter({ hasText: /unsourced-figure/ }).first().innerText()) || '').replace(/\s+/g, ' ');
      return `the panel lists the findings, e.g. ${first.slice(0, 140)}`;
    });

    const opened = await walkStep('open the light bulb on an unsourced figure', 'editor-quick-fix.png', async () => {
      await clickInto(page, FIGURE_WORD);
      const bulb = page.locator('.lightBulbWidget').first();
      await bulb.waitFor({ state: 'visible', timeout: WAIT_MS });
      await bulb.click();
      await page.locator('.action-widget .monaco-list-row', { hasText: /Add a footnote/ }).first().waitFor({ timeout: WAIT_MS });
      const items = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
      return `offered: ${items.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' | ')}`;
    });
    if (opened) {
      await walkStep('apply the footnote fix and see the text change', 'editor-quick-fix-applied.png', async () => {
        const problemRows = page.locator('.markers-panel .monaco-list-row', { hasText: FIGURE });
        await page.locator('.action-widget .monaco-list-row', { hasText: /Add a footnote/ }).first().click();
        await waitUntil(`the editor to show "${SENTENCE_END}[^1]"`, WAIT_MS, async () => (await editor(page).locator('.view-line', { hasText: `${SENTENCE_END}[^1]` }).count()) > 0);
        // The server re-analyses: the figure now has a source, so the Problems panel drops it.
        await waitUntil(`the Problems panel to drop the finding on "${FIGURE}"`, WAIT_MS, async () => (await problemRows.count()) === 0, async () =>
          JSON.stringify(await problemRows.allInnerTexts()),
        );
        return `"${SENTENCE_END}" became "${SENTENCE_END}[^1]" and the figure left the Problems panel`;
      });
    }
    await walkStep('open the preview and see the findings underlined', 'editor-preview.png', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: WAIT_MS });
      await input.fill('>Markdown: Open Preview to the Side');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Preview to the Side' }).first().click({ timeout: WAIT_MS });
      // The preview is a webview: an iframe holding the rendered document's own iframe.
      const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      const marks = preview.locator('mark.marginalia');
      await marks.first().waitFor({ timeout: WAIT_MS });
      const lastYear = preview.locator('mark.marginalia[data-rule="dated-claim"]', { hasText: 'last year' }).first();
      await lastYear.scrollIntoViewIfNeeded({ timeout: WAIT_MS });
      const title = (await lastYear.getAttribute('title')) ?? '';
      if (!/2018/.test(title)) throw new Error(`the mark on "last year" says ${JSON.stringify(title)}`);
      return `${await marks.count()} findings underlined in the preview; "last year": ${title.slice(0, 120)}`;
    });
    return { ok: steps.every((s) => s.ok), steps };
  } finally {
    await browser.close();
  }
}
