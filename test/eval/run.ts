/**
 * `npm run eval`: measures the checks on the external annotated data in ../shared/eval
 * (never copied into this repository). Each module beside this file exports
 * `evaluate(): Promise<EvalReport>`; this runner prints them and writes out/eval.json.
 */
import { readdirSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EvalRow {
  /** e.g. "ptc dev" */
  set: string;
  metric: string;
  value: number;
  /** e.g. "≥ 0.40" */
  target?: string;
  note?: string;
}

export interface EvalReport {
  name: string;
  rows: EvalRow[];
}

/** ../shared/eval beside the checkout; MARGINALIA_EVAL_DATA names it for a checkout elsewhere (a git worktree). */
export const EVAL_DATA = process.env['MARGINALIA_EVAL_DATA'] || join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'eval');

async function main(): Promise<void> {
  if (!existsSync(EVAL_DATA)) {
    console.error(`Evaluation data not found at ${EVAL_DATA} (it sits beside the checkout as ../shared/eval).`);
    process.exit(2);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const only = process.argv.slice(2);
  const reports: EvalReport[] = [];
  for (const file of readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts')).sort()) {
    if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
    const mod = (await import(join(here, file))) as { evaluate?: () => Promise<EvalReport> };
    if (typeof mod.evaluate !== 'function') continue;
    const report = await mod.evaluate();
    reports.push(report);
    console.log(`\n## ${report.name}`);
    for (const r of report.rows) {
      console.log(`${r.set.padEnd(28)} ${r.metric.padEnd(26)} ${r.value.toFixed(3).padStart(7)}  ${r.target ?? ''}${r.note ? `  ${r.note}` : ''}`);
    }
  }
  const out = join(here, '..', '..', 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'eval.json'), JSON.stringify(reports, null, 2));
  console.log(`\nwrote out/eval.json`);
}

// Not awaited at top level: the evaluation modules import this one for its types and
// EVAL_DATA, and a pending top-level await here would deadlock their imports.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
