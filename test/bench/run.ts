import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { bundledKnowledge, ROOT, TODAY } from '../helpers.js';
import type { AnalyzeOptions } from '../../server/src/core/analyze.js';
import { articles, documentOfSize, sampleText } from './corpus.js';
import { analyzeTime, incrementalEditTime, parseAndAnalyzeTimes, stageTimes } from './inprocess.js';
import { hover, keystrokes, memoryAfterEdits, packageWithoutBase, startups } from './lsp.js';
import { makeTree, removeTree, runMarginaliaMedians, runPeers, type ToolRun } from './cli.js';
import { median, round, timeMedian } from './stats.js';
import { remarkParseTree } from '../../server/src/core/markdown.js';
import { useBlockMemos } from '../../server/src/core/text-memo.js';
import { analyze } from '../../server/src/core/analyze.js';
import { SHAPES } from '../hostile/shapes.js';

/**
 * `npm run bench [sections...]`: sections are `sample`, `scaling`, `incremental`, `lsp`,
 * `memory`, `cli` (all by default), and `hostile` (only when named: BENCH_HOSTILE_MB sets the size); `npx tsx test/bench/run.ts memory` measures the built
 * server's memory alone (no rebuild). Prints a table per section and writes everything as
 * JSON to bench/results/ (git-ignored). BENCH_QUICK=1 runs fewer repetitions;
 * BENCH_HARPER_FILES sets how many files harper.js lints (default 100, then scaled).
 */

const quick = process.env['BENCH_QUICK'] === '1';
const wanted = new Set(process.argv.slice(2));
const on = (s: string): boolean => wanted.size === 0 || wanted.has(s);
const MB = 1_000_000;
const results: Record<string, unknown> = {
  when: new Date().toISOString(),
  machine: { cpus: availableParallelism(), model: cpus()[0]?.model, memoryGB: round(totalmem() / 2 ** 30, 1), node: process.version },
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
};

/** Other work on the machine skews wall times: each section records the load it ran under. */
function load(): string {
  return loadavg().map((x) => x.toFixed(1)).join(' ');
}

function table(title: string, header: string[], rows: Array<Array<string | number>>): void {
  title = `${title} [load average ${load()}]`;
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? String(round(c)) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  console.log(`\n${title}`);
  cells.forEach((r, k) => {
    console.log(`| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`);
    if (k === 0) console.log(`|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  });
}

const options: AnalyzeOptions = { today: TODAY, knowledge: bundledKnowledge() };
const sample = sampleText();

// A whole analysis is timed as the CLI runs it, with the block memos off: on, every run after
// the first replays the blocks the one before it cached, which is a keystroke's work, not a
// full analysis (the incremental section measures that, with the memos on).
useBlockMemos(false);

if (on('sample')) {
  const runs = quick ? 50 : 300;
  const stages = stageTimes(sample, options, runs, runs / 5);
  const total = analyzeTime(sample, options, runs);
  results['sample'] = { bytes: sample.length, runs, stagesMs: stages, analyzeMs: total };
  table(
    `Reference sample (${sample.length} characters), in process, median of ${runs} runs after warm-up`,
    ['stage', 'ms'],
    [...Object.entries(stages), ['analyze() end to end', total], ["for reference: remark's parse alone", timeMedian(() => remarkParseTree(sample), runs)]],
  );
}

if (on('scaling')) {
  const sizes = [5_000, 100_000, MB, 5 * MB];
  const rows: Array<Array<string | number>> = [];
  const out: unknown[] = [];
  for (const size of sizes) {
    const text = documentOfSize(size);
    const runs = size >= 5 * MB ? 2 : size >= MB ? (quick ? 2 : 5) : size >= 100_000 ? (quick ? 5 : 20) : quick ? 20 : 100;
    const stages = stageTimes(text, options, runs, 1);
    const { parse, analyze: total } = parseAndAnalyzeTimes(text, options, runs);
    const mb = text.length / MB;
    const checks = Object.entries(stages).filter(([k]) => k.startsWith('check') || k === 'entities' || k === 'reference date').reduce((s, [, v]) => s + v, 0);
    out.push({ chars: text.length, runs, parseMs: parse, analyzeMs: total, ratioToParse: total / parse, stagesMs: stages });
    rows.push([`${round(text.length / 1000, 0)} K`, parse, total, total / parse, total / mb, stages['prose extraction']!, checks, ...Object.entries(stages).filter(([k]) => k.startsWith('check') || k === 'entities').map(([, v]) => v)]);
  }
  const names = Object.keys((out[0] as { stagesMs: Record<string, number> }).stagesMs).filter((k) => k.startsWith('check') || k === 'entities').map((k) => k.replace('check: ', ''));
  results['scaling'] = out;
  table('Scaling: documents built from the sample and ../shared/eval articles, ms (median)', ['size', 'remark parse', 'analyze()', '× parse', 'ms per M chars', 'prose', 'checks+entities', ...names], rows);
}

useBlockMemos(true);

if (on('incremental')) {
  const rows: Array<Array<string | number>> = [];
  const out: unknown[] = [];
  for (const [name, text] of [['sample', sample], ['1 MB', documentOfSize(MB)]] as const) {
    const edits = quick ? 20 : 100;
    const full = analyzeTime(text, options, name === 'sample' ? 100 : quick ? 2 : 5);
    const inc = incrementalEditTime(text, options, edits);
    out.push({ name, chars: text.length, fullAnalyzeMs: full, incrementalMs: inc.ms, reparsedChars: inc.reparsedChars, fullParses: inc.fullParses, edits });
    rows.push([name, full, inc.ms, inc.reparsedChars, inc.fullParses]);
  }
  results['incremental'] = out;
  table('One-character edit, in process: full analysis (before) vs incremental update (after), ms (median)', ['document', 'full analyze()', 'incremental', 'chars re-parsed', 'full re-parses'], rows);
}

if (on('lsp')) {
  const big = documentOfSize(MB);
  const s = await keystrokes(sample, quick ? 20 : 60);
  const b = await keystrokes(big, quick ? 6 : 20);
  const h = await hover(sample, quick ? 100 : 500);
  const bare = packageWithoutBase(ROOT);
  const start = await startups(sample, quick ? 3 : 9, bare).finally(() => rmSync(bare, { recursive: true, force: true }));
  results['lsp'] = { sample: s, oneMB: b, hoverMs: h, startup: start };
  table(
    'Language server as VS Code starts it (IPC, client/src/server-launch.ts; debounce 0): didChange → publishDiagnostics, ms (median)',
    ['measure', 'value'],
    [
      ['sample: keystroke → diagnostics', s.keystrokeMs],
      ['sample: analysis (server-measured)', s.analysisMs],
      [`1 MB: keystroke → diagnostics (${b.schedule || 'keystroke'})`, b.keystrokeMs],
      ['1 MB: analysis (server-measured)', b.analysisMs],
      ['hover round trip', h],
      ['start-up → first diagnostics on the sample', start.withBaseMs],
      ['same, without the compiled knowledge base', start.withoutBaseMs],
      ['start-up cost of the base', start.withBaseMs - start.withoutBaseMs],
    ],
  );
}

if (on('memory')) {
  // The peak depends on when V8 happens to collect: identical runs differ by 20 MB or more,
  // so the figure is the median of several servers, with the range beside it.
  const servers = quick ? 1 : 5;
  const idle = await memoryAfterEdits(sample, 0);
  const bare = packageWithoutBase(ROOT);
  const idleBare = await memoryAfterEdits(sample, 0, bare).finally(() => rmSync(bare, { recursive: true, force: true }));
  const big = documentOfSize(MB);
  const runs: Array<{ peakMB: number; currentMB: number }> = [];
  for (let i = 0; i < servers; i++) runs.push(await memoryAfterEdits(big, 1000));
  const peaks = runs.map((r) => r.peakMB);
  results['memory'] = { sample: idle, sampleWithoutBase: idleBare, oneMB: { peakMB: median(peaks), runs } };
  table(
    `Language server memory (resident set, MB): peak is VmHWM over the process lifetime; 1 MB: median of ${servers} servers`,
    ['measure', 'value'],
    [
      ['peak RSS, sample open', idle.peakMB],
      ['same, without the compiled knowledge base', idleBare.peakMB],
      ['peak RSS, 1 MB doc after 1,000 edits (median)', median(peaks)],
      ['lowest and highest of those peaks', `${round(Math.min(...peaks), 0)}–${round(Math.max(...peaks), 0)}`],
      ['RSS after the edits (median)', median(runs.map((r) => r.currentMB))],
    ],
  );
}

if (on('cli')) {
  const count = 1000;
  const tree = makeTree(count);
  try {
    const harperFiles = Number(process.env['BENCH_HARPER_FILES'] ?? 100);
    const runs: ToolRun[] = [...runMarginaliaMedians(tree, quick ? 1 : 5), ...runPeers(tree, harperFiles)];
    const ours = runs.find((r) => r.tool === 'marginalia')!;
    results['cli'] = { files: count, bytes: tree.bytes, sources: `${articles().length} articles cycled`, runs };
    table(
      `CLI over ${count} Markdown files (${round(tree.bytes / MB, 1)} MB of ../shared/eval text), wall time and CPU (user + system, all threads)`,
      ['tool', 'files run', 'wall s', 'wall s (all files)', 'CPU s', 'peak MB', '× marginalia', 'note'],
      runs.map((r) => [r.tool, r.files, r.wallMs / 1000, r.wallMsAllFiles / 1000, r.cpuMs / 1000, r.peakMB, r.wallMsAllFiles / ours.wallMsAllFiles, r.ok ? (r.note ?? '') : `FAILED ${r.note ?? ''}`]),
    );
  } finally {
    removeTree(tree.dir);
  }
}

if (wanted.has('hostile')) {
  // Not in the default run: every shape at BENCH_HOSTILE_MB (default 10) takes minutes.
  useBlockMemos(false);
  const size = Number(process.env['BENCH_HOSTILE_MB'] ?? 10) * MB;
  const rows: Array<Array<string | number>> = [];
  const out: unknown[] = [];
  let prose = Number.NaN;
  for (const shape of SHAPES) {
    const text = shape.build(size);
    const started = performance.now();
    const a = analyze(text, options);
    const ms = performance.now() - started;
    if (shape.name === 'ordinary prose') prose = ms;
    out.push({ shape: shape.name, chars: text.length, ms, findings: a.findings.length });
    rows.push([shape.name, round(text.length / MB, 1), ms, ms / prose, a.findings.length, a.doc.plainText.length]);
  }
  results['hostile'] = out;
  table(`Hostile shapes of about ${size / MB} MB, one whole analysis each (ms), against ordinary prose of that size`, ['shape', 'M chars', 'ms', '× prose', 'findings', 'plain-text parts'], rows);
}

mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
const file = join(ROOT, 'bench', 'results', `bench-${String(results['when']).replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(ROOT, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWrote ${file}`);
