import path from 'node:path';
import type { Diagnostic } from './diagnostics.js';
import { FILE_START, sortDiagnostics } from './diagnostics.js';
import { createDataset, type AnyRecord, type Dataset } from './dataset.js';
import { LOAD_CODES } from './load/codes.js';
import { LIMITS } from './load/limits.js';
import { displayPath } from './load/loadRecord.js';
import { loadRecordFiles } from './load/loadMany.js';
import { recordKindOf } from './load/recordKind.js';
import { RecordCache } from './cache/recordCache.js';
import { reportSignature, storeReport } from './cache/resultCache.js';
import { findRecordFiles, todayUtc } from './load/findFiles.js';
import { nearMissExtension, recordBaseName } from './load/extension.js';

export { findRecordFiles, todayUtc };
import { runRules } from './rules/runRules.js';
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
  /** Called as files are loaded (done of total), for a progress bar on long runs. */
  onProgress?: (done: number, total: number) => void;
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
 * Loads every record, validates each against its schema, then runs the rules over the
 * dataset. Never throws for bad data: every problem is a diagnostic.
 */
export async function checkDataset(options: CheckOptions = {}): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const recordsDir = path.resolve(cwd, options.recordsDir ?? 'records');
  const all = options.recordFiles ?? (await findRecordFiles(recordsDir));
  const requested = options.files?.map((f) => path.resolve(cwd, f));
  // Files named outside the records folder are checked too, against the whole dataset.
  const toLoad = [...new Set([...all, ...(requested ?? [])])].sort();
  const diagnostics: Diagnostic[] = [];
  if (toLoad.length > LIMITS.maxRecords) {
    diagnostics.push({ file: displayPath(recordsDir, cwd), ...FILE_START, severity: 'error', code: LOAD_CODES.tooManyRecords, message: `There are ${toLoad.length} record files, more than the limit of ${LIMITS.maxRecords}.`, path: '' });
  }
  const today = options.today ?? todayUtc();
  const reportInputs = options.cacheDir ? { cacheDir: options.cacheDir, recordsDir, files: toLoad, ...(requested ? { requested } : {}), today, cwd } : undefined;
  const signature = reportInputs ? reportSignature(reportInputs) : undefined;
  const records: AnyRecord[] = [];
  const cache = options.cacheDir ? await RecordCache.open(options.cacheDir, recordsDir) : undefined;
  const loaded = await loadRecordFiles(toLoad, { recordsDir, cwd, ...(cache ? { cache } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const unreadableIds: Dataset['unreadableIds'] = { engagement: new Set(), person: new Set(), organization: new Set() };
  loaded.forEach((result, i) => {
    if (result.record) return;
    const kind = recordKindOf(toLoad[i]!);
    if (kind) unreadableIds[kind].add(recordBaseName(toLoad[i]!));
  });
  for (const [i, result] of loaded.entries()) {
    // A near-miss ending is reported whichever path loaded the file; the record is still
    // loaded and checked, so that references to it resolve and its other problems show.
    const extension = nearMissExtension(toLoad[i]!);
    if (extension) diagnostics.push(extensionDiagnostic(toLoad[i]!, extension, cwd));
    diagnostics.push(...result.diagnostics);
    if (!result.record) continue;
    if (!result.record.valid) diagnostics.push(...validateRecord(result.record)); // the fast path has validated it already
    records.push(result.record);
  }
  await cache?.save();
  const dataset = createDataset(recordsDir, records, unreadableIds);
  diagnostics.push(...runRules(options.rules ?? defaultRules, { dataset, today }));

  const shown = requested ? new Set(requested.map((f) => displayPath(f, cwd))) : undefined;
  const reported = sortDiagnostics(shown ? diagnostics.filter((d) => shown.has(d.file)) : diagnostics);
  const summary = {
    files: requested ? requested.length : toLoad.length,
    records: requested ? records.filter((r) => shown!.has(r.file)).length : records.length,
    errors: reported.filter((d) => d.severity === 'error').length,
    warnings: reported.filter((d) => d.severity === 'warning').length,
  };
  if (reportInputs && signature) await storeReport(reportInputs, signature, { diagnostics: reported, summary });
  return {
    dataset,
    diagnostics: reported,
    summary,
  };
}

/** LOAD009: a record file whose ending is a near miss of `.yaml`. */
export function extensionDiagnostic(file: string, extension: string, cwd: string): Diagnostic {
  const fixed = `${recordBaseName(file)}.yaml`;
  return {
    file: displayPath(file, cwd),
    ...FILE_START,
    severity: 'error',
    code: LOAD_CODES.extension,
    message: `The file name ends in "${extension}", but record files end in ".yaml" (lower case): tools and editors that find records by name miss this one.`,
    hint: `Rename the file to ${fixed} (with \`git mv\`; on a case-insensitive file system, rename it in two steps).`,
    path: '',
  };
}
