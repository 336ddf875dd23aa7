import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';
import { articles } from './corpus.js';

/**
 * The command line over a tree of op-ed-sized files, and the tools a writer would
 * otherwise run, over the same files in the same run: wall time and peak memory
 * (GNU time's maximum resident set), each tool started as a user would start it.
 */

export interface ToolRun {
  tool: string;
  files: number;
  wallMs: number;
  /** User plus system CPU time of the process and its threads. */
  cpuMs: number;
  peakMB: number;
  /** Wall time scaled to all files, when the tool ran on a subset. */
  wallMsAllFiles: number;
  ok: boolean;
  note?: string;
}

export function makeTree(count: number): { dir: string; files: string[]; bytes: number } {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-bench-cli-'));
  const all = articles();
  const files: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const a = all[i % all.length]!;
    const path = join(dir, `${String(i).padStart(4, '0')}-${a.name.slice(0, 40)}.md`);
    writeFileSync(path, a.markdown);
    bytes += Buffer.byteLength(a.markdown);
    files.push(path);
  }
  return { dir, files, bytes };
}

export function removeTree(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function timed(tool: string, args: string[], files: number, totalFiles: number, okCodes: number[]): ToolRun {
  const stats = join(tmpdir(), `marginalia-bench-time-${process.pid}-${tool}.txt`);
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', stats, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = performance.now() - t;
  let peakMB = NaN;
  let cpuMs = NaN;
  try {
    const [kb, user, sys] = readFileSync(stats, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    peakMB = kb! / 1024;
    cpuMs = (user! + sys!) * 1000;
    rmSync(stats);
  } catch {
    // GNU time wrote nothing: memory and CPU unknown.
  }
  // Linters exit with the number of problems or 1 when they find any: only a signal or no output is a failure.
  const ok = r.status !== null && (okCodes.includes(r.status) || (okCodes.length === 0 && (r.stdout ?? '').length + (r.stderr ?? '').length > 0));
  const run: ToolRun = { tool, files, wallMs, cpuMs, peakMB, wallMsAllFiles: (wallMs * totalFiles) / files, ok };
  if (!ok) run.note = `exit ${r.status}: ${(r.stderr ?? '').slice(0, 300)}`;
  return run;
}

/**
 * Our command line `runs` times, with and without a cap of one thread, alternately (so both
 * see the same machine load): the median run of each by wall time.
 */
export function runMarginaliaMedians(tree: { dir: string; files: string[] }, runs: number): ToolRun[] {
  const one: ToolRun[] = [];
  const all: ToolRun[] = [];
  for (let i = 0; i < runs; i++) {
    one.push(runMarginalia(tree, 1));
    all.push(runMarginalia(tree));
  }
  const median = (xs: ToolRun[]): ToolRun => {
    const failed = xs.find((r) => !r.ok);
    if (failed) return failed;
    const sorted = [...xs].sort((a, b) => a.wallMs - b.wallMs);
    return { ...sorted[Math.floor(sorted.length / 2)]!, note: `median of ${xs.length}` };
  };
  return [median(one), median(all)];
}

/** Our command line; `threads` caps its worker threads (MARGINALIA_THREADS). */
export function runMarginalia(tree: { dir: string; files: string[] }, threads?: number): ToolRun {
  const n = tree.files.length;
  const before = process.env['MARGINALIA_THREADS'];
  if (threads !== undefined) process.env['MARGINALIA_THREADS'] = String(threads);
  try {
    const run = timed('marginalia', [process.execPath, join(ROOT, 'bin', 'marginalia.cjs'), 'check', tree.dir, '--format', 'json', '--fail-on', 'never'], n, n, [0]);
    return threads === undefined ? run : { ...run, tool: `marginalia (${threads} thread${threads === 1 ? '' : 's'})` };
  } finally {
    if (before === undefined) delete process.env['MARGINALIA_THREADS'];
    else process.env['MARGINALIA_THREADS'] = before;
  }
}

export function runPeers(tree: { dir: string; files: string[] }, harperFiles: number): ToolRun[] {
  const n = tree.files.length;
  const node = process.execPath;
  const runs: ToolRun[] = [];
  runs.push(timed('write-good', [node, join(ROOT, 'node_modules', 'write-good', 'bin', 'write-good.js'), ...tree.files], n, n, []));
  runs.push(timed('alex', [node, join(ROOT, 'node_modules', 'alex', 'cli.js'), tree.dir], n, n, []));
  const subset = tree.files.slice(0, Math.min(harperFiles, n));
  const harper = timed('harper.js', [node, '--import', 'tsx', join(ROOT, 'test', 'bench', 'harper-run.ts'), ...subset], subset.length, n, [0]);
  if (subset.length < n) harper.note = `ran on the first ${subset.length} files; wall time for all ${n} scaled linearly (BENCH_HARPER_FILES=${n} runs them all)`;
  runs.push(harper);
  return runs;
}
