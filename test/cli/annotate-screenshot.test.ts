import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { ROOT, SAMPLE } from '../helpers.js';
import { openBrowser } from '../editor/harness/browser.js';
import { CHROMIUM } from '../editor/harness/provision.js';
import { cli, json, workspace, type JsonFindingOut } from './helpers.js';

/**
 * The annotated page of the reference sample in Debian's Chromium (as the editor tests use
 * it): a screenshot in the light and the dark scheme, decoded, and for every finding of the
 * CLI's JSON report the pixels where its text stands must be its kind's highlight, while
 * plain words around are not. The text is found in the rendered page by the words alone
 * (the n-th occurrence of the finding's text, as in the source), not by the page's marks,
 * so a mark in the wrong place fails. Where Chromium is missing the test says SKIPPED and
 * why, except under CI=true, where it must run. MARGINALIA_UPDATE_IMAGES=1 copies the
 * light screenshot to docs/images/ for the README.
 */

const OUT = join(ROOT, 'out', 'annotate');
const IMAGE = join(ROOT, 'docs', 'images', 'annotate-warmth-returns.png');

function skipReason(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  return `Chromium not found at ${CHROMIUM} (as root: apt-get install -y chromium; CHROMIUM_PATH names another)`;
}

const reason = skipReason();
if (reason && process.env['CI'] === 'true') throw new Error(`the annotate screenshot test must run under CI=true: ${reason}`);
if (reason) console.log(`SKIPPED the annotate screenshot test: ${reason}`);

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Page rectangles of the n-th occurrence of `text` in the article's rendered words (badges and notes left out). */
async function textRects(page: Page, finds: Array<{ text: string; occurrence: number }>): Promise<Array<Rect[] | { count: number }>> {
  return page.evaluate((wanted) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement!.closest('.notes, .resolved, .visually-hidden') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const starts: number[] = [];
    let all = '';
    for (const n of nodes) {
      starts.push(all.length);
      all += n.data;
    }
    const locate = (offset: number): [Text, number] => {
      let i = starts.length - 1;
      while (starts[i]! > offset) i--;
      return [nodes[i]!, offset - starts[i]!];
    };
    return wanted.map(({ text, occurrence }) => {
      const at: number[] = [];
      for (let i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + 1)) at.push(i);
      if (occurrence >= at.length) return { count: at.length };
      const range = document.createRange();
      const [sn, so] = locate(at[occurrence]!);
      const [en, eo] = locate(at[occurrence]! + text.length - 1);
      range.setStart(sn, so);
      range.setEnd(en, eo + 1);
      return [...range.getClientRects()].filter((r) => r.width > 1).map((r) => ({ x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height }));
    });
  }, finds);
}

/** Each kind's highlight as it lands on the page: its tint over the page's background. */
async function highlightColours(page: Page, kinds: string[]): Promise<Record<string, [number, number, number]>> {
  return page.evaluate((ids) => {
    const probe = document.createElement('canvas').getContext('2d')!;
    const rgba = (css: string): number[] => {
      probe.clearRect(0, 0, 1, 1);
      probe.fillStyle = css;
      probe.fillRect(0, 0, 1, 1);
      return [...probe.getImageData(0, 0, 1, 1).data];
    };
    const style = getComputedStyle(document.documentElement);
    const bg = rgba(style.backgroundColor);
    return Object.fromEntries(
      ids.map((id) => {
        const [r, g, b, a] = rgba(style.getPropertyValue(`--${id}-bg`).trim());
        const alpha = a! / 255;
        return [id, [r!, g!, b!].map((c, i) => Math.round(c * alpha + bg[i]! * (1 - alpha)))];
      }),
    );
  }, kinds) as Promise<Record<string, [number, number, number]>>;
}

/** The share of pixels in each rectangle within 12 of `colour` per channel, read from the PNG by the browser itself. */
async function colourShares(page: Page, png: Buffer, probes: Array<{ rects: Rect[]; colours: Array<[number, number, number]> }>): Promise<number[][]> {
  return page.evaluate(
    async ({ data, probes }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(image, 0, 0);
      return probes.map(({ rects, colours }) =>
        colours.map((colour) => {
          let near = 0;
          let total = 0;
          for (const r of rects) {
            const w = Math.max(1, Math.floor(r.width));
            const h = Math.max(1, Math.floor(r.height));
            const px = ctx.getImageData(Math.round(r.x), Math.round(r.y), w, h).data;
            for (let i = 0; i < px.length; i += 4) {
              total++;
              if (Math.abs(px[i]! - colour[0]) <= 12 && Math.abs(px[i + 1]! - colour[1]) <= 12 && Math.abs(px[i + 2]! - colour[2]) <= 12) near++;
            }
          }
          return total === 0 ? 0 : near / total;
        }),
      );
    },
    { data: png.toString('base64'), probes },
  );
}

/**
 * tsx compiles this file with esbuild's keepNames, which wraps named functions in a
 * `__name` helper; functions sent to the page need it there too.
 */
const KEEP_NAMES = 'globalThis.__name = (f) => f;';

/** How many times `text` occurs in `source` before `offset`. */
function occurrencesBefore(source: string, text: string, offset: number): number {
  let n = 0;
  for (let i = source.indexOf(text); i >= 0 && i < offset; i = source.indexOf(text, i + 1)) n++;
  return n;
}

test('annotate: in Chromium, every finding is highlighted in its kind\'s colour where its text is, and plain words are not', { skip: reason ?? false, timeout: 180_000 }, async () => {
  const dir = workspace({});
  const page = join(dir, 'warmth-returns.html');
  const made = cli(['annotate', 'samples/warmth-returns.md', '--out', page], ROOT);
  assert.equal(made.code, 0, made.stderr);
  const report = json(cli(['check', SAMPLE, '--format', 'json'], dir)).files[0]!;
  const source = readFileSync(SAMPLE, 'utf8');
  const lines = source.split('\n');
  const offsetOf = (f: JsonFindingOut): number => lines.slice(0, f.range.start.line).reduce((n, l) => n + l.length + 1, 0) + f.range.start.character;
  const finds = report.findings.map((f) => ({ text: f.text, occurrence: occurrencesBefore(source, f.text, offsetOf(f)) }));
  const kinds = [...new Set(report.findings.map((f) => f.ruleId))];
  mkdirSync(OUT, { recursive: true });
  const browser = await openBrowser(CHROMIUM, { width: 1400, height: 1000 });
  await browser.page.addInitScript(KEEP_NAMES);
  try {
    for (const scheme of ['light', 'dark'] as const) {
      await browser.page.emulateMedia({ colorScheme: scheme });
      await browser.page.goto(pathToFileURL(page).href);
      const rects = await textRects(browser.page, finds);
      rects.forEach((r, i) => assert.ok(Array.isArray(r) && r.length > 0, `“${finds[i]!.text}” is in the rendered page (${JSON.stringify(r)})`));
      const colours = await highlightColours(browser.page, kinds);
      assert.equal(new Set(Object.values(colours).map(String)).size, kinds.length, `${scheme}: each kind has a colour of its own`);
      const png = await browser.page.screenshot({ fullPage: true });
      writeFileSync(join(OUT, `warmth-returns-${scheme}.png`), png);
      // Plain words: every word of the article's text that no finding covers.
      const words = await plainWords(browser.page, rects as Rect[][]);
      assert.ok(words.length > 100, `${words.length} plain words`);
      const all = Object.values(colours);
      const shares = await colourShares(browser.page, png, [
        ...report.findings.map((f, i) => ({ rects: rects[i] as Rect[], colours: [colours[f.ruleId]!] })),
        ...words.map((rects) => ({ rects, colours: all })),
      ]);
      report.findings.forEach((f, i) => {
        // Glyphs and their antialiasing cover part of the box; the tint fills the rest.
        assert.ok(shares[i]![0]! > 0.55, `${scheme}: “${f.text}” (${f.ruleId}) is highlighted: ${(shares[i]![0]! * 100).toFixed(0)}% of its pixels`);
      });
      shares.slice(report.findings.length).forEach((s, i) => {
        assert.ok(Math.max(...s) < 0.05, `${scheme}: plain word ${i} is not highlighted (${s.map((x) => x.toFixed(2)).join(', ')})`);
      });
      if (scheme === 'light' && process.env['MARGINALIA_UPDATE_IMAGES'] === '1') {
        await browser.page.screenshot({ path: join(OUT, 'readme.png'), clip: { x: 0, y: 0, width: 1400, height: 900 } });
        copyFileSync(join(OUT, 'readme.png'), IMAGE);
      }
    }
  } finally {
    await browser.close();
  }
});

/** Rectangles of the paragraphs' words that no finding's text covers, wherever the page put its marks. */
async function plainWords(page: Page, findingRects: Rect[][]): Promise<Rect[][]> {
  const covered = findingRects.flat();
  const words = await page.evaluate(() => {
    const out: Array<{ x: number; y: number; width: number; height: number }> = [];
    for (const p of document.querySelectorAll('.text > p')) {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        if (n.parentElement!.closest('.resolved, .visually-hidden')) continue;
        for (const m of n.data.matchAll(/\p{L}{4,}/gu)) {
          const range = document.createRange();
          range.setStart(n, m.index!);
          range.setEnd(n, m.index! + m[0].length);
          const r = range.getBoundingClientRect();
          out.push({ x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height });
        }
      }
    }
    return out;
  });
  const overlaps = (a: Rect, b: Rect): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  return words.filter((w) => !covered.some((c) => overlaps(w, c))).map((w) => [w]);
}

test('annotate: keyboard reaches names and findings; a name shows its card on focus, Escape closes it; print keeps the margin', { skip: reason ?? false, timeout: 120_000 }, async () => {
  const dir = workspace({});
  const page = join(dir, 'w.html');
  assert.equal(cli(['annotate', SAMPLE, '--out', page], dir).code, 0);
  const browser = await openBrowser(CHROMIUM, { width: 1400, height: 1000 });
  try {
    const p = browser.page;
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await p.goto(pathToFileURL(page).href);
    const focused: string[] = [];
    for (let i = 0; i < 12; i++) {
      await p.keyboard.press('Tab');
      focused.push(await p.evaluate(() => `${document.activeElement?.tagName.toLowerCase()}.${document.activeElement?.className}`));
      if (focused[focused.length - 1]!.startsWith('span.entity')) break;
    }
    assert.ok(focused.some((f) => f.startsWith('mark.finding')) || focused.some((f) => f.startsWith('span.entity')), focused.join(' | '));
    await p.focus('.entity[data-entity="Q15031"][tabindex="0"]');
    assert.equal(await p.isVisible('#popup'), true, 'the card shows on focus');
    assert.match((await p.textContent('#popup')) ?? '', /Xi Jinping[\s\S]*President of the People's Republic of China/);
    await p.keyboard.press('Escape');
    assert.equal(await p.isVisible('#popup'), false, 'Escape closes it');
    await p.focus('mark.finding[tabindex="0"]');
    assert.equal(await p.evaluate(() => document.querySelector('.note.active')?.id), await p.evaluate(() => document.activeElement?.getAttribute('aria-describedby')), 'its note is lit');
    await p.emulateMedia({ media: 'print' });
    const print = await p.evaluate(() => ({ notes: getComputedStyle(document.querySelector('.notes')!).display, columns: getComputedStyle(document.querySelector('.row')!).gridTemplateColumns.split(' ').length }));
    assert.deepEqual(print, { notes: 'block', columns: 2 });
    assert.deepEqual(errors, [], 'no script errors and nothing the page policy refused');
  } finally {
    await browser.close();
  }
});
