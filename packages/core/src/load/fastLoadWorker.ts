// A worker thread of the parallel loader: fast-loads the files it is sent and posts the
// answers back. See loadMany.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { fastLoadBatch, type FastJob } from './fastLoadBatch.js';

const { jobs, withHashes } = workerData as { jobs: FastJob[]; withHashes: boolean };
parentPort!.postMessage(fastLoadBatch(jobs, withHashes));
