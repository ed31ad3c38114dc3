// The worker threads of a cold check (see checkInWorkers), and starting them early: a
// worker takes about as long to start (a thread, an isolate, a megabyte of bundled
// modules to compile) as the main thread takes to load the check itself, so the command
// line starts them as soon as it knows the files, and the two happen at the same time.
// Light on purpose (exported by the `quick` entry): nothing here loads the check.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Below this many files, starting workers costs more than it saves (the same threshold as loadRecordFiles'). */
const PARALLEL_THRESHOLD = Number(process.env.ENGAGEMENTS_PARALLEL_THRESHOLD ?? 2000);

const workerUrl = new URL('./checkWorker.js', import.meta.url);

/** A started worker, with how it ended if it did before it was used. */
export interface CheckWorker {
  worker: Worker;
  /** Set when the worker failed or stopped (before it was ended on purpose). */
  error?: Error;
}

let early: CheckWorker[] | undefined;

/**
 * Worker threads for checking this many files: one per core (the main thread only
 * coordinates), at most four; ENGAGEMENTS_WORKERS sets the number. None when workers
 * would not pay (few files) or cannot run (from TypeScript sources, where the compiled
 * worker does not exist).
 */
export function checkWorkerCount(files: number): number {
  const forced = process.env.ENGAGEMENTS_WORKERS;
  const count = forced !== undefined ? Math.max(0, Number(forced)) : files < PARALLEL_THRESHOLD ? 0 : Math.max(1, Math.min(availableParallelism(), 4));
  return count > 0 && files > 0 && existsSync(fileURLToPath(workerUrl)) ? count : 0;
}

/** Starts a checking worker; it waits for its setup message (see protocol.ts). */
export function startCheckWorker(): CheckWorker {
  const started: CheckWorker = { worker: new Worker(workerUrl) };
  // Listened to from the start: a worker that fails before it is used must not throw in the main thread.
  started.worker.once('error', (error) => (started.error ??= error));
  started.worker.once('exit', (code) => (started.error ??= new Error(`a checking worker stopped (exit code ${code})`)));
  return started;
}

/**
 * Starts the workers that checkInWorkers will use for this many files, now: call it as
 * soon as the files are known, before loading the check (`@engagements/core/check`).
 * They do not keep the process alive until they are used.
 */
export function startCheckWorkersEarly(files: number): void {
  if (early) return;
  early = Array.from({ length: checkWorkerCount(files) }, () => {
    const started = startCheckWorker();
    started.worker.unref();
    return started;
  });
}

/** The workers started early, `count` at most (the rest ended), or none; each is given once. */
export function takeEarlyWorkers(count: number): CheckWorker[] {
  const taken = (early ?? []).splice(0);
  for (const extra of taken.splice(count)) void extra.worker.terminate();
  for (const { worker } of taken) worker.ref();
  return taken;
}
