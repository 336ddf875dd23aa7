import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, type Notification } from '../lsp/client.js';
import { median } from './stats.js';

/**
 * The language server as VS Code drives it: `dist/server.cjs` forked over node IPC with the
 * extension's node flags and environment (LspClient's `vscode` launch), so the figures are
 * what users of the extension get. Latency is from sending a one-character didChange to receiving the publishDiagnostics
 * for that version, with the debounce set to 0 so the figure is the server's own time;
 * the status notification's durationMs is the analysis time the server measured.
 */

export interface LspFigures {
  keystrokeMs: number;
  analysisMs: number;
  schedule: string;
  edits: number;
}

interface StatusLike {
  uri: string;
  version: number;
  durationMs: number;
  schedule?: string;
}

async function open(text: string, root?: string): Promise<{ client: LspClient; uri: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-bench-lsp-'));
  const path = join(dir, 'doc.md');
  writeFileSync(path, text);
  const uri = pathToFileURL(path).href;
  const client = new LspClient({}, 'vscode', root);
  await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    capabilities: {},
    initializationOptions: { settings: { debounceMs: 0 } },
  });
  await client.connection.sendNotification('initialized', {});
  const mark = client.mark;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await client.waitFor((n) => isDiagnostics(n, uri, 1), 120_000, mark);
  return { client, uri, dir };
}

function isDiagnostics(n: Notification, uri: string, version: number): boolean {
  const p = n.params as { uri?: string; version?: number };
  return n.method === 'textDocument/publishDiagnostics' && p.uri === uri && p.version === version;
}

function isStatus(n: Notification, uri: string, version: number): boolean {
  const p = n.params as { uri?: string; version?: number };
  return n.method === 'marginalia/status' && p.uri === uri && p.version === version;
}

/** A position in the middle of the document, at the end of a paragraph's first line. */
function editPosition(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  let line = Math.floor(lines.length / 2);
  while (line < lines.length - 1 && lines[line]!.length < 10) line++;
  return { line, character: Math.min(5, lines[line]!.length) };
}

export async function keystrokes(text: string, edits: number): Promise<LspFigures> {
  const { client, uri, dir } = await open(text);
  try {
    const pos = editPosition(text);
    const wall: number[] = [];
    const analysis: number[] = [];
    let schedule = '';
    for (let i = 0; i < edits; i++) {
      const version = i + 2;
      const change =
        i % 2 === 0
          ? { range: { start: pos, end: pos }, text: 'x' }
          : { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' };
      const mark = client.mark;
      const t = performance.now();
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      await client.waitFor((n) => isDiagnostics(n, uri, version), 120_000, mark);
      wall.push(performance.now() - t);
      const status = (await client.waitFor((n) => isStatus(n, uri, version), 120_000, mark)).params as StatusLike;
      analysis.push(status.durationMs);
      schedule = status.schedule ?? '';
    }
    const from = Math.min(3, edits - 1);
    return { keystrokeMs: median(wall.slice(from)), analysisMs: median(analysis.slice(from)), schedule, edits };
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median round trip of a hover request on a finding. */
export async function hover(text: string, requests: number): Promise<number> {
  const { client, uri, dir } = await open(text);
  try {
    const diag = client.seen.find((n) => isDiagnostics(n, uri, 1))!.params as { diagnostics: Array<{ range: { start: { line: number; character: number } } }> };
    const at = diag.diagnostics[0]?.range.start ?? { line: 0, character: 0 };
    const xs: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at });
      xs.push(performance.now() - t);
    }
    return median(xs.slice(Math.min(20, requests - 1)));
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Peak resident memory of the server (VmHWM) with a document open after `edits` one-character
 * edits, typed in bursts of ten as a person types, each burst waited for.
 */
export async function memoryAfterEdits(text: string, edits: number, root?: string): Promise<{ peakMB: number; currentMB: number }> {
  const { client, uri, dir } = await open(text, root);
  try {
    const pos = editPosition(text);
    let version = 1;
    for (let i = 0; i < edits; i += 10) {
      const mark = client.mark;
      for (let k = 0; k < 10; k++) {
        version++;
        const p = { line: pos.line, character: pos.character + ((i + k) % 40) };
        await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: p, end: p }, text: 'y' }] });
      }
      await client.waitFor((n) => isDiagnostics(n, uri, version), 120_000, mark);
    }
    const status = readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { peakMB: kb('VmHWM') / 1024, currentMB: kb('VmRSS') / 1024 };
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Start-up: from starting the server to the first diagnostics of the sample (initialize,
 * knowledge, the first analysis), in this package and in `without`, a copy of it without the
 * compiled knowledge base, alternately so both see the same machine load.
 */
export async function startups(text: string, runs: number, without: string): Promise<{ withBaseMs: number; withoutBaseMs: number }> {
  const withBase: number[] = [];
  const withoutBase: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [root, out] of [[undefined, withBase], [without, withoutBase]] as const) {
      const started = performance.now();
      const { client, dir } = await open(text, root);
      out.push(performance.now() - started);
      await client.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { withBaseMs: median(withBase), withoutBaseMs: median(withoutBase) };
}

/** A copy of the built package whose compiled knowledge base is empty: the tool as it was before the base. */
export function packageWithoutBase(root: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-bench-nobase-'));
  for (const part of ['package.json', 'dist', 'bin', 'server/knowledge']) cpSync(join(root, part), join(dir, part), { recursive: true });
  for (const pack of ['open', 'share-alike']) {
    const packDir = join(dir, 'server', 'knowledge', 'compiled', pack);
    rmSync(packDir, { recursive: true, force: true });
    mkdirSync(packDir, { recursive: true });
    for (const table of ['entities', 'offices', 'jurisdictions', 'names', 'surnames', 'holders']) writeFileSync(join(packDir, `${table}.tsv`), '');
    writeFileSync(join(packDir, 'manifest.json'), JSON.stringify({ format: 1, pack, sources: {}, styles: [] }));
  }
  return dir;
}
