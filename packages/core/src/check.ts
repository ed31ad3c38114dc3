import path from 'node:path';
import type { Diagnostic } from './diagnostics.js';
import { FILE_START, sortDiagnostics } from './diagnostics.js';
import { createDataset, recordId, type AnyRecord, type Dataset } from './dataset.js';
import { LOAD_CODES } from './load/codes.js';
import { LIMITS } from './load/limits.js';
import { displayPath } from './load/loadRecord.js';
import { loadRecordFiles } from './load/loadMany.js';
import { checkInWorkers } from './parallel/checkInWorkers.js';
import { checkWorkerCount, takeEarlyWorkers } from './parallel/checkWorkers.js';
import { recordKindOf } from './load/recordKind.js';
import { RecordCache, type CacheEntry } from './cache/recordCache.js';
import { IncrementalRules } from './cache/incremental.js';
import { reportSignature, statFiles, storeReport, type CheckReport } from './cache/resultCache.js';
import { checkFromIndex } from './cache/indexCheck.js';
import type { FileStamps } from './load/fileStamps.js';
import { findRecordFiles, todayUtc } from './load/findFiles.js';
import { nearMissExtension, recordBaseName } from './load/extension.js';
import { extensionDiagnostic } from './load/extensionDiagnostic.js';

export { extensionDiagnostic };

export { findRecordFiles, todayUtc };
import { runRules } from './rules/runRules.js';
import { mark } from './timeline.js';
import { rules as defaultRules, type Rule } from './rules/index.js';
import { validateRecord } from './validate/validateRecord.js';

export interface CheckOptions {
  /** The records folder (default `records`). */
  recordsDir?: string;
  /** Only report on these files; the whole dataset is still loaded so references resolve. */
  files?: string[];
  /** "Today" as YYYY-MM-DD for date rules (default: the current UTC date). */
  today?: string;
  /** Directory that displayed paths are relative to (default process.cwd()). */
  cwd?: string;
  rules?: readonly Rule[];
  /** Folder for the content-hash cache of valid records; no cache when absent. */
  cacheDir?: string;
  /** Every record file under the records folder, when the caller has listed them already. */
  recordFiles?: readonly string[];
  /** `lstat` of each of `recordFiles`, when the caller has taken them already (see statFiles). */
  recordStats?: FileStamps;
  /** The signature of the report's inputs (reportSignature) over `recordFiles` and `recordStats`, when the caller has computed it. */
  reportSignature?: string;
  /** Where notes about the cache go (a damaged cache file that was ignored); the CLI writes them on stderr. */
  onNote?: (message: string) => void;
  /** Called as files are loaded (done of total), for a progress bar on long runs. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The caller needs the diagnostics, not the records' data (validate): without a cache,
   * the records are then loaded and checked in worker threads that keep them, and the
   * returned dataset's records read their data from the files when used.
   */
  lazyRecords?: boolean;
}

export interface CheckSummary {
  files: number;
  records: number;
  errors: number;
  warnings: number;
}

export interface CheckResult {
  dataset: Dataset;
  diagnostics: Diagnostic[];
  summary: CheckSummary;
}

/**
 * The report of a check (what `validate` prints), the same as `checkDataset`'s. With a
 * cache and the files already listed and stamped (`recordFiles`, `recordStats`), a rerun
 * whose changes are few is answered from the cache's index without a record per file
 * (cache/indexCheck.ts); any other run is `checkDataset`'s.
 */
export async function checkReport(options: CheckOptions): Promise<CheckReport> {
  const { cacheDir, recordFiles, recordStats } = options;
  if (cacheDir && recordFiles && recordStats && !options.rules) {
    const cwd = options.cwd ?? process.cwd();
    const recordsDir = path.resolve(cwd, options.recordsDir ?? 'records');
    const requested = options.files?.map((f) => path.resolve(cwd, f));
    const today = options.today ?? todayUtc();
    const inputs = { cacheDir, recordsDir, files: recordFiles, ...(requested ? { requested } : {}), today, cwd, stats: recordStats };
    const signature = (!requested ? options.reportSignature : undefined) ?? reportSignature(inputs);
    const report = await checkFromIndex({ ...inputs, signature, ...(options.onNote ? { onNote: options.onNote } : {}) });
    if (report) return report;
  }
  const { diagnostics, summary } = await checkDataset({ ...options, lazyRecords: true });
  return { diagnostics, summary };
}

/**
 * Loads every record, validates each against its schema, then runs the rules over the
 * dataset. Never throws for bad data: every problem is a diagnostic.
 */
export async function checkDataset(options: CheckOptions = {}): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const recordsDir = path.resolve(cwd, options.recordsDir ?? 'records');
  const all = options.recordFiles ?? (await findRecordFiles(recordsDir, { links: true }));
  const requested = options.files?.map((f) => path.resolve(cwd, f));
  // Files named outside the records folder are checked too, against the whole dataset.
  const toLoad = [...new Set([...all, ...(requested ?? [])])].sort();
  const diagnostics: Diagnostic[] = [];
  if (toLoad.length > LIMITS.maxRecords) {
    diagnostics.push({ file: displayPath(recordsDir, cwd), ...FILE_START, severity: 'error', code: LOAD_CODES.tooManyRecords, message: `There are ${toLoad.length} record files, more than the limit of ${LIMITS.maxRecords}.`, path: '' });
  }
  const today = options.today ?? todayUtc();
  const startedAt = Date.now(); // before any file is read: the time the report is trusted against (storeReport)
  // One lstat of every file, before anything is read, serves the report's signature and the record cache.
  const given = options.recordStats !== undefined && options.recordFiles?.length === toLoad.length;
  const stats = options.cacheDir ? (given ? options.recordStats : statFiles(toLoad)) : undefined;
  const reportInputs = options.cacheDir ? { cacheDir: options.cacheDir, recordsDir, files: toLoad, ...(requested ? { requested } : {}), today, cwd, stats } : undefined;
  const signature = reportInputs ? ((given && !requested ? options.reportSignature : undefined) ?? reportSignature(reportInputs)) : undefined;
  const records: AnyRecord[] = [];
  const cache = options.cacheDir ? RecordCache.open(options.cacheDir, recordsDir, { cwd, today, ...(options.onNote ? { onNote: options.onNote } : {}) }) : undefined;
  // With a cache that knows few of the files (a cold or outdated one), the check runs in
  // worker threads as without a cache, and the cache is filled from what they send back
  // (hashes, the data as text, the rules' findings and lookups) rather than from records
  // held here: at 100k bench engagements a cold cached build peaked at 1534 MiB that way.
  const fillInWorkers = cache && stats && options.lazyRecords && !options.rules && checkWorkerCount(cache.unsettled(toLoad, stats)) > 0;
  const inWorkers = options.lazyRecords && !options.rules && (!cache || fillInWorkers);
  if (!inWorkers) takeEarlyWorkers(0); // started for nothing: ended
  let spoolFailed: Error | undefined;
  const filling = fillInWorkers
    ? {
        stats: stats!,
        spool(index: number, text: string) {
          if (spoolFailed) return;
          try {
            cache!.spool(toLoad[index]!, text);
          } catch (error) {
            spoolFailed = error as Error;
          }
        },
      }
    : undefined;
  const parallel = inWorkers ? await checkInWorkers(toLoad, { recordsDir, cwd, today, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(filling ? { cache: filling } : {}) }).catch(() => undefined) : undefined; // a failed worker: one thread, slower, never different
  if (filling && !parallel) cache!.unspool(); // checked again on this thread: the cache learns from that check
  if (filling && parallel) mark('check: the cache filled from worker threads');
  const loaded = parallel?.loaded ?? (await loadRecordFiles(toLoad, { recordsDir, cwd, ...(cache && stats ? { cache, stats } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) }));
  const unreadableIds: Dataset['unreadableIds'] = { engagement: new Set(), person: new Set(), organization: new Set() };
  loaded.forEach((result, i) => {
    if (result.record) return;
    const kind = recordKindOf(toLoad[i]!);
    if (kind) unreadableIds[kind].add(recordBaseName(toLoad[i]!));
  });
  const entries = new Map<AnyRecord, CacheEntry>();
  loaded.forEach((result, i) => {
    // A near-miss ending is reported whichever path loaded the file (the cache too: the
    // diagnostic depends on the name, not the content); the record is still loaded and
    // checked, so that references to it resolve and its other problems show.
    const extension = nearMissExtension(toLoad[i]!);
    if (extension) diagnostics.push(extensionDiagnostic(toLoad[i]!, extension, cwd));
    let fileDiagnostics = result.diagnostics;
    if (result.record && !result.record.valid && !result.recalled && !result.validated) fileDiagnostics = [...fileDiagnostics, ...validateRecord(result.record)]; // the fast path has validated the valid ones already
    diagnostics.push(...fileDiagnostics);
    let entry = result.recalled;
    if (cache && !entry && result.hash && result.stamp) {
      const kind = recordKindOf(toLoad[i]!)!;
      const { record } = result;
      const id = record ? recordId(record) ?? null : null;
      // A record checked in a worker sent its data's text (spooled): only a person's or an organization's data (at hand) is given, for its names.
      const data = record?.valid && !(result.spooled && record.kind === 'engagement') ? (record.data as unknown as Record<string, unknown>) : undefined;
      entry = cache.remember(toLoad[i]!, { stamp: result.stamp, hash: result.hash, kind, id, state: record ? (record.valid ? 1 : 0) : -1, diagnostics: fileDiagnostics }, data);
    }
    if (!result.record) return;
    records.push(result.record);
    if (entry) entries.set(result.record, entry);
  });
  const dataset = createDataset(recordsDir, records, unreadableIds);
  // Custom rules (options.rules) are not what the cache's key describes: no findings kept.
  let datasetFindings: Diagnostic[] | undefined;
  const memo = cache && !options.rules ? new IncrementalRules(dataset, (record) => entries.get(record)?.hash, (record) => (cache.rulesReusable ? entries.get(record)?.rules : undefined), cache.lookupTable()) : undefined;
  if (parallel) {
    mark('check: dataset made');
    const found = runRules(defaultRules.filter((rule) => rule.scope === 'dataset'), { dataset, today });
    if (memo) datasetFindings = found;
    diagnostics.push(...found);
    mark('check: dataset-scoped rules run');
    diagnostics.push(...(await parallel.recordFindings(dataset, memo)));
    mark('check: record findings in');
    // The findings the workers' memos noted, for the cache (the records loaded here were checked through `memo` itself).
    if (memo) {
      const indexOf = new Map(loaded.map((result, i) => [result.record, i]));
      for (const record of [...dataset.engagements, ...dataset.people, ...dataset.organizations]) memo.adopt(record, parallel.ruleResult(indexOf.get(record)!));
    }
  } else if (memo) {
    // The dataset-scoped rules first, as runRules runs them: their findings are kept apart
    // in the cache, so that a rerun whose changes leave ids and names as they were reuses them.
    datasetFindings = runRules(defaultRules.filter((rule) => rule.scope === 'dataset'), { dataset, today });
    diagnostics.push(...datasetFindings, ...runRules(defaultRules.filter((rule) => rule.scope !== 'dataset'), { dataset, today }, memo));
  } else diagnostics.push(...runRules(options.rules ?? defaultRules, { dataset, today }, memo));
  if (cache) {
    for (const [record, entry] of entries) {
      const result = memo?.resultOf(record);
      entry.rules = result; // undefined: none kept
    }
    if (spoolFailed) options.onNote?.(`could not write the cache in ${options.cacheDir} (${spoolFailed.message}); the next run checks every file afresh.`);
    else cache.save(memo?.lookupValues(), datasetFindings);
  }

  const shown = requested ? new Set(requested.map((f) => displayPath(f, cwd))) : undefined;
  const reported = sortDiagnostics(shown ? diagnostics.filter((d) => shown.has(d.file)) : diagnostics);
  const summary = {
    files: requested ? requested.length : toLoad.length,
    records: requested ? records.filter((r) => shown!.has(r.file)).length : records.length,
    errors: reported.filter((d) => d.severity === 'error').length,
    warnings: reported.filter((d) => d.severity === 'warning').length,
  };
  if (reportInputs && signature) await storeReport(reportInputs, signature, { diagnostics: reported, summary }, startedAt);
  return {
    dataset,
    diagnostics: reported,
    summary,
  };
}
