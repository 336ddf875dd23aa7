import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ConfigError, type ConfigProblem } from '../core/config.js';
import type { OptionOverrides } from '../node/options.js';
import { FileArgumentError } from './files.js';
import type { FileJob, FileOutcome, OutcomeSetup } from './outcome.js';

/**
 * `marginalia check` over many files on every core: worker threads, each with its own
 * options resolver (configuration and knowledge compiled once per worker, from the
 * bundled packs as the build parsed them), pulling small batches of files so a long file
 * does not hold up the rest. Reports come back indexed and are returned in the files'
 * order, so the output is the same as a sequential run; the first failing file (in that
 * order) raises the same error a sequential run would.
 */

export interface WorkerSetup {
  packageRoot: string;
  settings: OptionOverrides;
  /** What outcomes are made for (the format among it: a worker renders its files' JSON itself). */
  outcome: OutcomeSetup;
}

/** A worker is sent batches, then `done`. */
export type WorkerRequest = { batch: Array<FileJob & { index: number }> } | { done: true };

export type JobError = { kind: 'file'; message: string } | { kind: 'config'; problems: ConfigProblem[] } | { kind: 'other'; message: string };

export type WorkerReply = { results: Array<{ index: number; outcome?: FileOutcome; error?: JobError }> };

/**
 * Markdown each thread must have to analyse for starting it to pay. Every thread loads the
 * bundle and the knowledge and, above all, has V8 optimise the analysis afresh: 1.2–1.5 s
 * of CPU per thread, mostly on V8's compiler threads, which on a 2-core machine compete
 * with the analysis itself (one thread already keeps the second core about a third busy).
 * Measured on 2 cores once the parse fast path had made each file cheap (2026-11-29, load
 * 1.5–2.4, wall time, medians, one thread against two): 1,000 op-eds (5.5 MB) 2.70 against
 * 2.93 s, 2,000 (11 MB) 4.67 against 4.49 s, 3,000 (16 MB) 6.04 against 5.79 s. Before the
 * fast path the crossing was near 2.5 MB.
 */
export const BYTES_PER_THREAD = 8_000_000;
const BATCH = 8;

/** Threads at most: every core (at most 8), or MARGINALIA_THREADS when set. */
function threads(): number {
  const fromEnv = Number(process.env['MARGINALIA_THREADS']);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.min(availableParallelism(), 8);
}

/** Threads (the main one included) for this much Markdown: one more per BYTES_PER_THREAD, up to `threads()`. */
export function threadCount(bytes: number): number {
  return Math.max(1, Math.min(threads(), 1 + Math.floor(bytes / BYTES_PER_THREAD)));
}

export function canRunInParallel(workerScript: string | undefined, bytes: number): workerScript is string {
  return workerScript !== undefined && threadCount(bytes) > 1 && existsSync(workerScript);
}

export function toJobError(error: unknown): JobError {
  if (error instanceof ConfigError) return { kind: 'config', problems: error.problems };
  if (error instanceof FileArgumentError) return { kind: 'file', message: error.message };
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

function fromJobError(e: JobError): Error {
  if (e.kind === 'config') return new ConfigError(e.problems);
  if (e.kind === 'file') return new FileArgumentError(e.message);
  return new Error(e.message);
}

/**
 * The main thread analyses batches too, alongside one worker per further core; each
 * worker keeps two batches queued so it never waits for the main thread to finish its own
 * batch before getting more work. Nothing waits for the main thread: each worker loads
 * its knowledge itself as soon as it starts (when the main thread parsed the packs and
 * handed them over, the worker sat idle for the first 600 ms of a 6.5 s run).
 */
export async function reportFilesInParallel(
  jobs: readonly FileJob[],
  threadsToUse: number,
  setup: WorkerSetup,
  workerScript: string,
  here: (job: FileJob) => FileOutcome,
  /** Told of each file's outcome as it arrives (the progress line). */
  onOutcome?: (outcome: FileOutcome) => void,
): Promise<FileOutcome[]> {
  const results: Array<{ outcome?: FileOutcome; error?: JobError } | undefined> = new Array(jobs.length);
  let next = 0;
  const take = (): Array<FileJob & { index: number }> => {
    const batch = [];
    for (; next < jobs.length && batch.length < BATCH; next++) batch.push({ ...jobs[next]!, index: next });
    return batch;
  };
  const workers = Array.from({ length: Math.min(threadsToUse, Math.ceil(jobs.length / BATCH)) - 1 }, () => new Worker(workerScript, { workerData: setup })).map(
    (worker) =>
      new Promise<void>((resolve, reject) => {
        let pending = 0;
        const send = (): void => {
          const batch = take();
          if (batch.length > 0) {
            pending++;
            worker.postMessage({ batch } satisfies WorkerRequest);
          } else if (pending === 0) {
            worker.postMessage({ done: true } satisfies WorkerRequest);
          }
        };
        worker.on('message', (reply: WorkerReply) => {
          pending--;
          for (const r of reply.results) {
            results[r.index] = r;
            if (r.outcome) onOutcome?.(r.outcome);
          }
          send();
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a worker thread exited with code ${code}`))));
        send();
        send();
      }),
  );
  for (let batch = take(); batch.length > 0; batch = take()) {
    for (const job of batch) {
      try {
        const outcome = here(job);
        results[job.index] = { outcome };
        onOutcome?.(outcome);
      } catch (error) {
        results[job.index] = { error: toJobError(error) };
      }
    }
    // Let the workers' replies in, so they get their next batches.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  return results.map((r, i) => {
    if (!r) throw new Error(`no result for ${jobs[i]!.shownAs}`);
    if (r.error) throw fromJobError(r.error);
    return r.outcome!;
  });
}
