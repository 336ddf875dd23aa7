import fc from 'fast-check';
import { documentProperty, incrementalProperty } from './properties.js';

/**
 * `npm run fuzz -- [SEED] [COUNT]`: the fuzz properties at length (default: a seed from the
 * clock, 5,000 documents and a tenth as many edit sequences). A failure prints the seed and
 * the input fast-check shrank it to, and exits 1.
 */
const seed = Number(process.argv[2] ?? Date.now() % 2 ** 31);
const count = Number(process.argv[3] ?? 5000);
let failed = false;
for (const [name, property, runs] of [
  ['documents', documentProperty(), count],
  ['incremental edits', incrementalProperty(), Math.max(1, Math.round(count / 10))],
] as const) {
  const started = performance.now();
  const result = fc.check(property as fc.IProperty<unknown[]>, { seed, numRuns: runs });
  const s = ((performance.now() - started) / 1000).toFixed(1);
  if (result.failed) {
    failed = true;
    console.log(`FAIL ${name} (seed ${seed}, ${result.numRuns} runs, ${s} s): ${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}`);
    console.log(`minimised input: ${JSON.stringify(result.counterexample)}`);
    console.log(`replay: npm run fuzz -- ${seed} ${count}  (path ${result.counterexamplePath})`);
  } else {
    console.log(`ok ${name}: ${result.numRuns} runs, seed ${seed}, ${s} s`);
  }
}
process.exit(failed ? 1 : 0);
