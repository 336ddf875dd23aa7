import { parentPort, workerData } from 'node:worker_threads';
import { OptionsResolver } from '../node/options.js';
import { useBlockMemos } from '../core/text-memo.js';
import { fileOutcome } from './main.js';
import { toJobError, type WorkerReply, type WorkerRequest, type WorkerSetup } from './parallel.js';

/** A worker thread of `marginalia check`: analyses the batches of files it is sent. */
const setup = workerData as WorkerSetup;
// Each file is analysed once: memos kept for the editor's next keystroke are waste here.
useBlockMemos(false);
const resolver = new OptionsResolver(setup.packageRoot, setup.settings);

parentPort!.on('message', (request: WorkerRequest) => {
  if ('done' in request) {
    parentPort!.close();
    return;
  }
  const reply: WorkerReply = { results: [] };
  for (const job of request.batch) {
    try {
      reply.results.push({ index: job.index, outcome: fileOutcome(job, resolver, setup.outcome) });
    } catch (error) {
      reply.results.push({ index: job.index, error: toJobError(error) });
    }
  }
  parentPort!.postMessage(reply);
});
