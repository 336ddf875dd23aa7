import { analyze, type AnalyzeOptions } from '../../server/src/core/analyze.js';
import { parseMarkdown, remarkParseTree } from '../../server/src/core/markdown.js';
import { buildProseDocument, proseFromTree } from '../../server/src/core/prose.js';
import { determineReferenceDate } from '../../server/src/core/reference-date.js';
import { applyDirectives } from '../../server/src/core/directives.js';
import { CHECKS } from '../../server/src/core/checks/index.js';
import { recognizeEntities } from '../../server/src/core/entities/recognize.js';
import { IncrementalAnalysis } from '../../server/src/core/incremental.js';
import type { Finding } from '../../server/src/core/types.js';
import { median, timeMedian } from './stats.js';

/** Median milliseconds per stage of one analysis, each stage timed on its own. */
export function stageTimes(text: string, options: AnalyzeOptions, runs: number, warmup: number): Record<string, number> {
  const samples = new Map<string, number[]>();
  const add = (stage: string, ms: number): void => {
    const xs = samples.get(stage) ?? [];
    xs.push(ms);
    samples.set(stage, xs);
  };
  for (let i = 0; i < warmup + runs; i++) {
    const measure = i >= warmup;
    let t = performance.now();
    const tree = parseMarkdown(text);
    const parse = performance.now() - t;
    t = performance.now();
    const doc = proseFromTree(text, tree);
    const prose = performance.now() - t;
    t = performance.now();
    const { referenceDate, problems } = determineReferenceDate(doc, options.referenceDate, options.today);
    const date = performance.now() - t;
    // Entities first, on their own: the entity check then reuses the memoised mentions.
    t = performance.now();
    const mentions = options.knowledge ? recognizeEntities(doc, referenceDate, options.knowledge) : [];
    const entities = performance.now() - t;
    const findings: Finding[] = [];
    const checks: Array<[string, number]> = [];
    for (const check of CHECKS) {
      t = performance.now();
      const raw = check.run({ doc, referenceDate, asOf: options.today, options: options.ruleOptions?.[check.id] ?? {}, knowledge: options.knowledge!, dateProblems: problems, entities: () => mentions });
      checks.push([`check: ${check.id}`, performance.now() - t]);
      for (const r of raw) findings.push({ ruleId: check.id, severity: 'warning', message: r.message, start: r.start, end: r.end, text: '', suggestions: [] });
    }
    t = performance.now();
    findings.sort((a, b) => a.start - b.start);
    applyDirectives(doc, findings);
    const directives = performance.now() - t;
    if (!measure) continue;
    add('parse', parse);
    add('prose extraction', prose);
    add('reference date', date);
    add('entities', entities);
    for (const [k, v] of checks) add(k, v);
    add('sort + directives', directives);
  }
  const out: Record<string, number> = {};
  for (const [k, xs] of samples) out[k] = median(xs);
  return out;
}

export function analyzeTime(text: string, options: AnalyzeOptions, runs: number): number {
  return timeMedian(() => analyze(text, options), runs);
}

/**
 * remark's parse and the whole analysis of the same text, timed alternately (parse, analyze,
 * parse, …) so both see the same machine: timed one series after the other, a change in
 * the load of a shared machine between the two series moved their ratio at 1 MB by ±0.15.
 */
export function parseAndAnalyzeTimes(text: string, options: AnalyzeOptions, runs: number, warmup = Math.ceil(runs / 5)): { parse: number; analyze: number } {
  for (let i = 0; i < warmup; i++) {
    remarkParseTree(text);
    analyze(text, options);
  }
  const parse: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    remarkParseTree(text);
    parse.push(performance.now() - t);
    t = performance.now();
    analyze(text, options);
    whole.push(performance.now() - t);
  }
  return { parse: median(parse), analyze: median(whole) };
}

export function proseTime(text: string, runs: number): number {
  return timeMedian(() => buildProseDocument(text), runs);
}

/**
 * One-character edits in the middle of the document (typing, then deleting), each analysed
 * incrementally: the median time per edit, and how much was re-parsed.
 */
export function incrementalEditTime(text: string, options: AnalyzeOptions, edits: number): { ms: number; reparsedChars: number; fullParses: number } {
  const inc = new IncrementalAnalysis(text, options);
  let at = text.indexOf('\n\n', Math.floor(text.length / 2)) - 5;
  if (at < 0) at = Math.floor(text.length / 2);
  let current = text;
  const xs: number[] = [];
  const reparsed: number[] = [];
  let full = 0;
  for (let i = 0; i < edits; i++) {
    current = i % 2 === 0 ? `${current.slice(0, at)}x${current.slice(at)}` : `${current.slice(0, at)}${current.slice(at + 1)}`;
    const t = performance.now();
    inc.update(current);
    xs.push(performance.now() - t);
    reparsed.push(inc.lastUpdate.reparsed.end - inc.lastUpdate.reparsed.start);
    if (inc.lastUpdate.full) full++;
  }
  return { ms: median(xs.slice(Math.min(5, xs.length - 1))), reparsedChars: median(reparsed), fullParses: full };
}
