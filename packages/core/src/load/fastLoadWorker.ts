// A worker thread of the parallel loader: fast-loads the files it is sent and posts the
// answers back in batches, so that its heap never holds more than one batch of records
// (worker heaps count in the process's memory). See loadMany.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { fastLoadBatch, type FastJob } from './fastLoadBatch.js';

const BATCH = 256;
const { jobs, withHashes } = workerData as { jobs: FastJob[]; withHashes: boolean };
for (let i = 0; i < jobs.length; i += BATCH) parentPort!.postMessage(fastLoadBatch(jobs.slice(i, i + BATCH), withHashes));
parentPort!.postMessage('done');
