import { existsSync, lstatSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RecordCache } from '../cache/recordCache.js';
import { fastLoadBatch, type FastAnswer, type FastJob } from './fastLoadBatch.js';
import { loadRecordFile, validRecord, type LoadOptions, type LoadResult } from './loadRecord.js';
import { recordKindOf } from './recordKind.js';

/** Below this many files, starting workers costs more than it saves. */
const PARALLEL_THRESHOLD = Number(process.env.ENGAGEMENTS_PARALLEL_THRESHOLD ?? 2000);

const workerUrl = new URL('./fastLoadWorker.js', import.meta.url);

/**
 * Loads many record files: cached files from the cache, the rest through the fast path
 * (spread over worker threads and the main thread when there are many), and whatever
 * the fast path declines through the full loader, which locates every problem.
 * Results are in the order of `files`.
 */
export async function loadRecordFiles(
  files: readonly string[],
  options: LoadOptions & { cache?: RecordCache; onProgress?: (done: number, total: number) => void },
): Promise<LoadResult[]> {
  const { cache } = options;
  let done = 0;
  const tick = (n: number) => {
    done += n;
    options.onProgress?.(done, files.length);
  };
  const results = new Array<LoadResult | undefined>(files.length);
  const pending: number[] = [];
  const jobs: FastJob[] = [];
  files.forEach((file, i) => {
    const kind = recordKindOf(file);
    if (!kind) return pending.push(i); // the full loader says why
    if (cache) {
      // The cache stats and may read the file: let the full loader refuse a symbolic link
      // or a device first (a record replaced by a link to /dev/zero must not be read).
      if (!isRegularFile(file)) return pending.push(i);
      const cached = cache.lookup(file, kind);
      if (cached.hit) {
        results[i] = { record: validRecord(file, kind, cached.data, options), diagnostics: [] };
        return;
      }
    }
    pending.push(i);
    jobs.push({ file, kind });
  });

  tick(files.length - pending.length); // the cached ones
  const answers = await fastLoadInParallel(jobs, cache !== undefined, (n) => tick(n));
  const byFile = new Map<string, FastAnswer>();
  jobs.forEach((job, k) => byFile.set(job.file, answers[k] ?? null));
  for (const i of pending) {
    const file = files[i]!;
    const answer = byFile.get(file);
    const kind = recordKindOf(file);
    if (answer && kind) {
      results[i] = { record: validRecord(file, kind, answer.data, options), diagnostics: [] };
      cache?.store(file, kind, answer.data, { size: answer.size, mtimeMs: answer.mtimeMs, hash: answer.hash });
    } else {
      const result = await loadRecordFile(file, options);
      results[i] = result;
      tick(1);
    }
  }
  return results as LoadResult[];
}

/** Number of worker threads to use beside the main thread. */
function workerCount(jobs: number): number {
  const forced = process.env.ENGAGEMENTS_WORKERS;
  if (forced !== undefined) return Math.max(0, Number(forced));
  if (jobs < PARALLEL_THRESHOLD) return 0;
  return Math.min(availableParallelism() - 1, 3);
}

async function fastLoadInParallel(jobs: FastJob[], withHashes: boolean, progress: (n: number) => void): Promise<FastAnswer[]> {
  let workers = workerCount(jobs.length);
  // Run from TypeScript sources (tests), the compiled worker does not exist: work on one thread.
  if (workers > 0 && !existsSync(fileURLToPath(workerUrl))) workers = 0;
  if (workers === 0 || jobs.length === 0) return fastLoadBatch(jobs, withHashes, progress);
  // Contiguous shares, one per thread; the main thread takes the first while the workers run.
  const share = Math.ceil(jobs.length / (workers + 1));
  const started = [];
  for (let w = 1; w <= workers; w++) {
    const slice = jobs.slice(w * share, (w + 1) * share);
    if (slice.length === 0) break;
    started.push(
      new Promise<FastAnswer[]>((resolve) => {
        const worker = new Worker(workerUrl, { workerData: { jobs: slice, withHashes } });
        const answers: FastAnswer[] = [];
        worker.on('message', (batch: FastAnswer[] | 'done') => {
          if (batch !== 'done') {
            answers.push(...batch);
            progress(batch.filter(Boolean).length);
            return;
          }
          resolve(answers);
          void worker.terminate();
        });
        // A worker that fails leaves its share to the full path: slower, never wrong.
        worker.once('error', () => resolve(slice.map(() => null)));
      }),
    );
  }
  const mine = fastLoadBatch(jobs.slice(0, share), withHashes, progress);
  const theirs = await Promise.all(started);
  return [...mine, ...theirs.flat()];
}

function isRegularFile(file: string): boolean {
  try {
    return lstatSync(file).isFile();
  } catch {
    return false;
  }
}
