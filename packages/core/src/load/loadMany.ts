import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RecordKind } from '@engagements/schema';
import { stampOf, type CacheEntry, type FileStamp, type RecordCache } from '../cache/recordCache.js';
import type { AnyRecord } from '../dataset.js';
import { fastLoadBatch, hashOf, type FastAnswer, type FastJob } from './fastLoadBatch.js';
import { createLazyLocator } from './lazyLocator.js';
import { REGULAR, stampFiles, type FileStamps } from './fileStamps.js';
import { recalledRecord } from '../cache/recalledRecord.js';
import { LIMITS } from './limits.js';
import { displayPath, loadRecordFile, type LoadOptions, type LoadResult } from './loadRecord.js';
import { recordKindOf } from './recordKind.js';

/** Below this many files, starting workers costs more than it saves. */
const PARALLEL_THRESHOLD = Number(process.env.ENGAGEMENTS_PARALLEL_THRESHOLD ?? 2000);

/** The main thread's share of the fast path, relative to a worker's. */
const MAIN_SHARE = 0.7;

const workerUrl = new URL('./fastLoadWorker.js', import.meta.url);

/** One file's result, with what the cache needs to remember it. */
export interface LoadedFile extends LoadResult {
  /** The cache's entry when the file's content is the one cached. */
  recalled?: CacheEntry;
  /** True when `diagnostics` include schema validation's already (a worker validated the record). */
  validated?: boolean;
  /** True when the record's data went to the cache's spool as text (checked in a worker thread): the cache need not be given it. */
  spooled?: boolean;
  /** The file's stamp, taken before it was read, and the hash of the bytes that were parsed (cache only). */
  stamp?: FileStamp;
  hash?: string;
}

/**
 * Loads many record files: cached files from the cache (their data read only when used),
 * the rest through the fast path (spread over worker threads and the main thread when
 * there are many), and whatever the fast path declines through the full loader, which
 * locates every problem. Results are in the order of `files`.
 */
export async function loadRecordFiles(
  files: readonly string[],
  options: LoadOptions & { cache?: RecordCache; stats?: FileStamps; onProgress?: (done: number, total: number) => void },
): Promise<LoadedFile[]> {
  const { cache } = options;
  let done = 0;
  const tick = (n: number) => {
    done += n;
    options.onProgress?.(done, files.length);
  };
  const results = new Array<LoadedFile | undefined>(files.length);
  const paths = pathNames(options);
  const stamps = new Array<FileStamp | undefined>(files.length);
  const pending: number[] = [];
  const jobs: FastJob[] = [];
  const stats = cache ? (options.stats ?? stampFiles(files)) : undefined;
  files.forEach((file, i) => {
    const kind = recordKindOf(file);
    if (!kind) return pending.push(i); // the full loader says why
    if (cache && stats) {
      // The cache stats and may read the file: let the full loader refuse a symbolic link
      // or a device first (a record replaced by a link to /dev/zero must not be read).
      if (stats.types[i] !== REGULAR) return pending.push(i);
      const entry = cache.recall(file, kind, stats, i, hashOf, () => {});
      if (entry) {
        results[i] = recalledResult(file, kind, entry, cache, paths);
        return;
      }
      stamps[i] = stampOf(stats, i); // taken before any read: a later change then shows in the next run
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
      const record = { kind, file: paths.display(file), absolutePath: file, relativePath: paths.relative(file), data: answer.data, valid: true, source: createLazyLocator(() => readFileSync(file, 'utf8')) } as unknown as AnyRecord; // as validRecord, with cheaper paths
      results[i] = { record, diagnostics: [], ...(stamps[i] ? { stamp: stamps[i], hash: answer.hash } : {}) };
      continue;
    }
    let bytes: Uint8Array | undefined;
    if (cache && stamps[i] && stamps[i]!.size <= LIMITS.maxFileBytes) {
      // The bytes parsed are the bytes hashed: the cache must never pair a hash with
      // what another version of the file gave.
      try {
        bytes = readFileSync(file);
      } catch {
        bytes = undefined;
      }
    }
    const result = await loadRecordFile(file, { ...options, ...(bytes ? { bytes } : {}) });
    results[i] = bytes ? { ...result, stamp: stamps[i]!, hash: hashOf(bytes) } : result;
    tick(1);
  }
  return results as LoadedFile[];
}

/** The result of a file whose content is the one cached: its diagnostics, and a record whose data is read when used. */
function recalledResult(file: string, kind: RecordKind, entry: CacheEntry, cache: RecordCache, paths: PathNames): LoadedFile {
  const record = recalledRecord(file, kind, entry, cache, paths.display(file), paths.relative(file));
  return record ? { record, diagnostics: entry.diagnostics, recalled: entry } : { diagnostics: entry.diagnostics, recalled: entry };
}

export interface PathNames {
  display(file: string): string;
  relative(file: string): string;
}

/** displayPath and the path relative to the records folder, by string prefix for the usual case (thousands of files). */
export function pathNames(options: LoadOptions): PathNames {
  const recordsDir = path.resolve(options.recordsDir);
  const cwd = options.cwd ?? process.cwd();
  const posix = path.sep === '/';
  const inRecords = recordsDir + '/';
  const inCwd = cwd.endsWith('/') ? cwd : cwd + '/';
  // A file outside the working directory is shown by its absolute path (displayPath):
  // known without path.relative when both paths are absolute and normalized.
  const plainCwd = posix && path.isAbsolute(cwd) && path.normalize(inCwd) === inCwd;
  return {
    display: (file) => (posix && !file.includes('/../') && !file.includes('/./') && !file.includes('//') ? (file.startsWith(inCwd) ? file.slice(inCwd.length) : plainCwd && path.isAbsolute(file) ? file : displayPath(file, cwd)) : displayPath(file, cwd)),
    relative: (file) => (posix && file.startsWith(inRecords) && !file.includes('/../') ? file.slice(inRecords.length) : path.relative(recordsDir, file).split(path.sep).join('/')),
  };
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
  // Contiguous shares, one per thread; the main thread takes the first while the workers
  // run, a smaller one: it also receives the workers' records, parses the files the fast
  // path declines and runs the rules, so equal shares left the workers idle at the end.
  const mainShare = Math.ceil((MAIN_SHARE * jobs.length) / (workers + 1));
  const share = Math.ceil((jobs.length - mainShare) / workers);
  const started = [];
  for (let w = 1; w <= workers; w++) {
    const slice = jobs.slice(mainShare + (w - 1) * share, mainShare + w * share);
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
  const mine = fastLoadBatch(jobs.slice(0, mainShare), withHashes, progress);
  const theirs = await Promise.all(started);
  return [...mine, ...theirs.flat()];
}
