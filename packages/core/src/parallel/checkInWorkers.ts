import type { Worker } from 'node:worker_threads';
import { recordId, type AnyRecord, type Dataset } from '../dataset.js';
import type { Diagnostic } from '../diagnostics.js';
import { recordBaseName } from '../load/extension.js';
import type { LoadedFile } from '../load/loadMany.js';
import { pathNames, type PathNames } from '../load/loadMany.js';
import { loadedElsewhere } from './loadedElsewhere.js';
import { checkWorkerCount, startCheckWorker, takeEarlyWorkers } from './checkWorkers.js';
import { recordKindOf } from '../load/recordKind.js';
import { rules } from '../rules/index.js';
import { runRules, type RuleMemo } from '../rules/runRules.js';
import { readFileSync } from 'node:fs';
import { stampOf, type RuleResult } from '../cache/recordCache.js';
import { REGULAR, type FileStamps } from '../load/fileStamps.js';
import { hashOf } from '../load/fastLoadBatch.js';
import { LIMITS } from '../load/limits.js';
import { loadRecordFile, type LoadOptions } from '../load/loadRecord.js';
import { validateRecord } from '../validate/validateRecord.js';
import { summarize } from './summary.js';
import { mark } from '../timeline.js';
import type { FromWorker, LoadedSummary, LookupRecord, ToWorker, WorkerSetup } from './protocol.js';

/**
 * Files per message: at most CHUNK (messages few), and smaller towards the end (a quarter
 * of each thread's share of what is left, at least MIN_CHUNK), so that the threads finish
 * together: with fixed chunks of 128, one could still have a chunk to go (~45 ms of bench
 * records) when the other had none left.
 */
const CHUNK = 128;
const MIN_CHUNK = 16;

const recordRules = rules.filter((rule) => rule.scope === 'record');

/** A check whose loading and record-scoped rules run in worker threads (see checkInWorkers). */
export interface ParallelCheck {
  /** One result per file, in the order of the files: diagnostics (the schema's included) and records whose data is read when used. */
  loaded: LoadedFile[];
  /**
   * The findings of the record-scoped rules on every valid record, made in the workers
   * against this dataset (the one of `loaded`'s records); ends the workers. `memo`: the
   * record cache's (the records loaded here are checked through it).
   */
  recordFindings(dataset: Dataset, memo?: RuleMemo): Promise<Diagnostic[]>;
  /** With `cache`: the rules' findings on the file at `index` and the lookups they made, as a worker's memo noted them (undefined: none to keep). */
  ruleResult(index: number): RuleResult | undefined;
}

/** For a check that fills the record cache: what the workers send back besides the diagnostics. */
export interface CacheFilling {
  /** `lstat` of every file, taken before any was read: the stamps the cache keeps. */
  stats: FileStamps;
  /** A valid record's data as JSON text (the cache's data file), for the file at `index`: written aside at once, not held. */
  spool(index: number, text: string): void;
}

interface Thread {
  worker: Worker;
  /** Set when the worker failed or stopped before it was ended. */
  error?: Error;
  /** How many records it keeps for the last step (see checkWorker). */
  waiting: number;
  /** Called with each answer of the worker. */
  answered?: (message: FromWorker) => void;
}

/**
 * Loads and checks the files in worker threads, one per core: the main thread only
 * coordinates. First the people and organizations are loaded, and sent to every worker
 * as soon as the last is known; then the engagements (without a pause in between), each
 * checked by the record-scoped rules where it was loaded and dropped there. The main thread receives each file's diagnostics, each record's id and
 * validity and the data of people and organizations, never the engagements: it neither
 * parses nor collects them. Its engagements read their data from the file when used
 * (a dataset-scoped rule reporting on one). The few files the fast path declines (invalid
 * records, YAML features it leaves to the full parser) come back to the main thread,
 * which loads them with the full loader as they come, while the workers go on.
 * recordFindings then checks, against the whole dataset, the few records whose rules
 * looked engagements up, and the valid records the main thread loaded. The diagnostics
 * are those of one thread (a test compares them).
 *
 * Undefined when workers would not pay (few files, ENGAGEMENTS_WORKERS=0) or cannot run
 * (from TypeScript sources). Uses the workers started early (startCheckWorkersEarly), if
 * any. Rejects when a worker fails; the caller then checks on one thread.
 */
export async function checkInWorkers(
  files: readonly string[],
  options: { recordsDir: string; cwd: string; today: string; onProgress?: (done: number, total: number) => void; cache?: CacheFilling },
): Promise<ParallelCheck | undefined> {
  const count = checkWorkerCount(files.length);
  const early = takeEarlyWorkers(count);
  if (count === 0) return undefined;
  const { cache } = options;
  const setup: WorkerSetup = { recordsDir: options.recordsDir, cwd: options.cwd, today: options.today, ...(cache ? { cache: true } : {}) };
  const ruleResults = new Map<number, RuleResult>();
  let failed: ((error: Error) => void) | undefined;
  const started = [...early, ...Array.from({ length: count - early.length }, startCheckWorker)];
  const threads: Thread[] = started.map((start) => {
    const thread: Thread = { worker: start.worker, waiting: 0, ...(start.error ? { error: start.error } : {}) };
    thread.worker.on('message', (message: FromWorker) => {
      thread.waiting = message.waiting;
      thread.answered?.(message);
    });
    const fail = (error: Error) => {
      thread.error ??= error;
      failed?.(error);
    };
    thread.worker.once('error', fail);
    thread.worker.once('exit', (code) => fail(new Error(`a checking worker stopped (exit code ${code})`)));
    thread.worker.postMessage({ type: 'setup', setup } satisfies ToWorker);
    return thread;
  });
  const stopAll = () => {
    failed = undefined;
    for (const { worker } of threads) void worker.terminate();
  };
  // A worker started early that stopped already (its exit will not be heard again): one thread instead.
  const stopped = threads.find((t) => t.error);
  if (stopped) {
    stopAll();
    throw stopped.error;
  }
  const summaries = new Array<LoadedSummary | undefined>(files.length);
  // Each file's result is made as its answer comes, while the workers go on: not after the last.
  const loaded = new Array<LoadedFile>(files.length);
  const paths = pathNames(options);
  const findings: Diagnostic[] = [];
  /** Valid records loaded here (declined by the fast path): their record-scoped rules run here too. */
  const mine: AnyRecord[] = [];
  /** The full loads of declined files, one after the other. */
  let fullLoads = Promise.resolve();
  // People and organizations are loaded first; every thread is sent them as soon as the
  // last is known (they are what the record-scoped rules look up), while the threads go
  // on loading engagements (those loaded before wait in their thread until then).
  const engagements: number[] = [];
  const others: number[] = [];
  files.forEach((file, i) => (recordKindOf(file) === 'engagement' ? engagements : others).push(i));
  const isOther = new Uint8Array(files.length);
  for (const i of others) isOther[i] = 1;
  let othersLeft = others.length;
  let peopleLeft = threads.length;
  let peopleAnswered!: () => void;
  const peopleDone = new Promise<void>((resolve) => (peopleAnswered = resolve));
  const sendPeople = () => {
    const message: ToWorker = { type: 'people', records: others.flatMap((i) => lookupOf(files[i]!, summaries[i]!)), unreadableIds: unreadableIdsOf(others) };
    for (const { worker } of threads) worker.postMessage(message);
    mark('main: people sent');
  };
  const settled = (index: number) => {
    if (isOther[index] === 1 && --othersLeft === 0) sendPeople();
  };
  let received = 0;
  const progress = (n: number) => {
    received += n;
    if (n > 0) options.onProgress?.(received, files.length);
  };
  const loadHere = (index: number) => {
    fullLoads = fullLoads.then(async () => {
      // Back to the event loop first: the workers' answers (and the next chunks they are
      // given) must not wait behind a queue of full loads, which take milliseconds each.
      await new Promise((next) => setImmediate(next));
      mark(`main: full load ${index}`);
      // Read again here: the full loader first makes sure that it is a regular file, as on one
      // thread. For the cache, the bytes parsed are the bytes hashed (as loadRecordFiles does).
      const bytes = cache ? cacheableBytes(files[index]!, cache.stats, index) : undefined;
      const { summary, record } = await loadFully(files[index]!, index, { recordsDir: options.recordsDir, cwd: options.cwd, declined: true, ...(bytes ? { bytes } : {}) });
      summaries[index] = summary;
      if (record?.valid) {
        loaded[index] = { diagnostics: summary.diagnostics, validated: true, record };
        mine.push(record);
      } else {
        // As a worker's: the parsed document is not kept (hundreds at 100k records); a rule that asks reads the file again.
        loaded[index] = loadedFile(files[index]!, summary, paths);
      }
      if (bytes) Object.assign(loaded[index]!, { stamp: stampOf(cache!.stats, index), hash: hashOf(bytes) });
      progress(1);
      settled(index);
    });
  };
  const collect = (message: FromWorker) => {
    for (const summary of message.files) {
      summaries[summary.index] = summary;
      loaded[summary.index] = loadedFile(files[summary.index]!, summary, paths);
      settled(summary.index);
    }
    const { indexes, ids } = message.engagements;
    for (let k = 0; k < indexes.length; k++) {
      const index = indexes[k]!;
      loaded[index] = { diagnostics: [], validated: true, record: loadedElsewhere(files[index]!, 'engagement', { id: ids[k]!, valid: true }, paths) };
    }
    if (cache && message.cached) {
      const { indexes: at, hashes, texts } = message.cached;
      for (let k = 0; k < at.length; k++) {
        const index = at[k]!;
        if (cache.stats.types[index] !== REGULAR) continue; // a file the cache does not keep (loadRecordFiles' rule)
        cache.spool(index, texts[k]!);
        Object.assign(loaded[index]!, { stamp: stampOf(cache.stats, index), hash: hashes[k]!, spooled: true });
      }
    }
    if (message.rules) {
      const { indexes: at, results } = message.rules;
      for (let k = 0; k < at.length; k++) if (results[k]) ruleResults.set(at[k]!, results[k]!);
    }
    findings.push(...message.findings);
    message.declined.forEach(loadHere);
    progress(message.files.length + indexes.length);
  };
  /** Has the threads load these files (indexes into `files`), a chunk at a time to whichever thread is free. */
  const load = (indexes: number[]) =>
    new Promise<void>((resolve) => {
      let next = 0;
      let pending = indexes.length;
      if (pending === 0) return resolve();
      const give = (thread: Thread) => {
        if (next >= indexes.length) return;
        const size = Math.max(MIN_CHUNK, Math.min(CHUNK, Math.ceil((indexes.length - next) / (threads.length * 4))));
        const chunk = indexes.slice(next, next + size);
        next += size;
        const message: ToWorker = { type: 'load', files: chunk.map((i) => files[i]!), indexes: chunk };
        thread.worker.postMessage(message);
      };
      for (const thread of threads) {
        thread.answered = (answer) => {
          collect(answer);
          if (answer.to === 'people') {
            if (--peopleLeft === 0) peopleAnswered();
            return;
          }
          pending -= answer.files.length + answer.engagements.indexes.length + answer.declined.length;
          if (pending === 0) resolve();
          else give(thread);
        };
        // Two chunks each at first: a worker has the next one while its answer travels.
        give(thread);
        give(thread);
      }
    });

  try {
    return await new Promise<ParallelCheck>((resolve, reject) => {
      failed = reject;
      void (async () => {
        if (others.length === 0) sendPeople();
        await load([...others, ...engagements]);
        mark('main: every chunk answered');
        await fullLoads;
        mark('main: full loads done');
        await peopleDone;
        resolve({
          loaded,
          ruleResult: (index) => ruleResults.get(index),
          async recordFindings(dataset, memo) {
            try {
              if (threads.some((t) => t.error)) throw threads.find((t) => t.error)!.error;
              const waiting = threads.filter((t) => t.waiting > 0);
              if (waiting.length > 0) {
                const records = [...dataset.engagements, ...dataset.people, ...dataset.organizations].map(lookupOfRecord);
                await new Promise<void>((done, fail) => {
                  failed = fail;
                  void Promise.all(
                    waiting.map(
                      (thread) =>
                        new Promise<void>((answered) => {
                          thread.answered = (answer) => (collect(answer), answered());
                          thread.worker.postMessage({ type: 'all', records, unreadableIds: dataset.unreadableIds } satisfies ToWorker);
                        }),
                    ),
                  ).then(() => done());
                });
              }
              return mine.length > 0 ? [...findings, ...runRules(recordRules, { dataset, today: options.today }, memo, mine)] : findings;
            } catch {
              // A worker failed: every record-scoped rule on this thread instead, the records reading their data from the files.
              ruleResults.clear();
              return runRules(recordRules, { dataset, today: options.today }, memo);
            } finally {
              stopAll();
            }
          },
        });
      })().catch((error: Error) => failed?.(error));
    });
  } catch (error) {
    stopAll();
    throw error;
  }

  function unreadableIdsOf(indexes: number[]): Dataset['unreadableIds'] {
    const ids: Dataset['unreadableIds'] = { engagement: new Set(), person: new Set(), organization: new Set() };
    for (const i of indexes) {
      const kind = recordKindOf(files[i]!);
      if (kind && !summaries[i]!.record) ids[kind].add(recordBaseName(files[i]!));
    }
    return ids;
  }
}

/** The bytes of a file declined by the fast path, read for the cache when its stamp says a regular file within the size limit (else undefined: the file is not cached). */
function cacheableBytes(file: string, stats: FileStamps, index: number): Buffer | undefined {
  if (stats.types[index] !== REGULAR || stampOf(stats, index).size > LIMITS.maxFileBytes) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** A file's result on the main thread: its diagnostics, and a record whose data is read when used (people's and organizations' came with the answer). */
function loadedFile(file: string, summary: LoadedSummary, paths: PathNames): LoadedFile {
  const { record, diagnostics } = summary;
  if (!record) return { diagnostics };
  const { data } = record;
  return { diagnostics, validated: true, record: loadedElsewhere(file, record.kind, record, paths, data) };
}

/** Loads a file the fast path declined, as loadRecordFiles and checkDataset do on one thread: the same record, the same diagnostics. */
async function loadFully(file: string, index: number, options: LoadOptions): Promise<{ summary: LoadedSummary; record?: AnyRecord }> {
  const result = await loadRecordFile(file, options);
  if (!result.record) return { summary: { index, diagnostics: result.diagnostics } };
  const diagnostics = result.record.valid ? result.diagnostics : [...result.diagnostics, ...validateRecord(result.record)];
  return { summary: summarize(index, result.record, diagnostics), record: result.record };
}

function lookupOf(file: string, summary: LoadedSummary): LookupRecord[] {
  const { record } = summary;
  return record ? [{ kind: record.kind, absolutePath: file, id: record.id, valid: record.valid, ...(record.data === undefined ? {} : { data: record.data }) }] : [];
}

function lookupOfRecord(r: AnyRecord): LookupRecord {
  return { kind: r.kind, absolutePath: r.absolutePath, id: recordId(r) ?? null, valid: r.valid, ...(r.kind === 'engagement' ? {} : { data: r.data }) };
}
