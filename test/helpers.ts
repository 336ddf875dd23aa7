import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, type Analysis, type AnalyzeOptions } from '../server/src/core/analyze.js';
import { loadKnowledge } from '../server/src/node/knowledge-files.js';
import type { Knowledge } from '../server/src/core/knowledge.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE = join(ROOT, 'samples', 'warmth-returns.md');
export const TODAY = '2026-11-28';

let bundled: Knowledge | undefined;

/** The bundled knowledge packs, compiled once per test process. */
export function bundledKnowledge(): Knowledge {
  if (!bundled) {
    const { knowledge, problems } = loadKnowledge(ROOT);
    if (problems.length > 0) throw new Error(`bundled knowledge has problems: ${JSON.stringify(problems, null, 2)}`);
    bundled = knowledge;
  }
  return bundled;
}

export function run(text: string, options: Partial<AnalyzeOptions> = {}): Analysis {
  return analyze(text, { today: TODAY, knowledge: bundledKnowledge(), ...options });
}

/** The source texts of one rule's findings. */
export function texts(analysis: Analysis, ruleId: string): string[] {
  return analysis.findings.filter((f) => f.ruleId === ruleId).map((f) => f.text);
}

/** A small seeded generator (mulberry32) so random-edit tests replay exactly. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
