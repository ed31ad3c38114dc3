import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics.js';

/** What a check reports, without the dataset: all a `validate` run prints. */
export interface CheckReport {
  diagnostics: Diagnostic[];
  summary: { files: number; records: number; errors: number; warnings: number };
}

interface StoredReport extends CheckReport {
  signature: string;
  writtenAt: number;
}

export interface ReportInputs {
  cacheDir: string;
  recordsDir: string;
  /** Every record file of the dataset, absolute paths, sorted. */
  files: readonly string[];
  /** The files reported on, when not all. */
  requested?: readonly string[];
  today: string;
  cwd: string;
}

/**
 * The last report, when nothing it depends on has changed since: the same files with the
 * same sizes and modification times (none modified in the second the report was written,
 * where a change could hide in the same clock tick), the same requested files, "today",
 * working directory and the same code of this package (rules, schemas, messages). Then a
 * rerun needs neither to parse nor to check anything.
 */
export function reusableReport(inputs: ReportInputs): CheckReport | undefined {
  let stored: StoredReport;
  try {
    stored = JSON.parse(readFileSync(reportFile(inputs), 'utf8')) as StoredReport;
  } catch {
    return undefined;
  }
  const { signature, newestMtime } = signatureOf(inputs);
  if (stored.signature !== signature || newestMtime >= stored.writtenAt - 1000) return undefined;
  return { diagnostics: stored.diagnostics, summary: stored.summary };
}

/**
 * The signature of a check's inputs. Take it before the check reads any file, so that a
 * file changed while the check runs makes the stored report stale rather than wrong.
 */
export function reportSignature(inputs: ReportInputs): string {
  return signatureOf(inputs).signature;
}

/** Stores a report under the signature its inputs had when the check began, for `reusableReport`. */
export async function storeReport(inputs: ReportInputs, signature: string, report: CheckReport): Promise<void> {
  const file = reportFile(inputs);
  const body: StoredReport = { signature, writtenAt: Date.now(), ...report };
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(body));
  await rename(tmp, file);
}

function reportFile(inputs: ReportInputs): string {
  const name = createHash('sha256').update(path.resolve(inputs.recordsDir)).digest('hex').slice(0, 16);
  return path.join(inputs.cacheDir, `report-${name}.json`);
}

function signatureOf(inputs: ReportInputs): { signature: string; newestMtime: number } {
  const hash = createHash('sha256');
  hash.update(`${codeSignature()}\n${inputs.today}\n${inputs.cwd}\n${(inputs.requested ?? []).join('\n')}\n--\n`);
  let newestMtime = 0;
  for (const file of inputs.files) {
    let size = -1;
    let mtimeMs = -1;
    try {
      const info = statSync(file);
      size = info.size;
      mtimeMs = info.mtimeMs;
    } catch {
      // a file that vanished changes the signature through size -1
    }
    if (mtimeMs > newestMtime) newestMtime = mtimeMs;
    hash.update(`${file}\0${size}\0${mtimeMs}\n`);
  }
  return { signature: hash.digest('hex'), newestMtime };
}

let cachedCodeSignature: string | undefined;

/** Sizes and times of this package's own modules: a rebuilt rule or schema invalidates every report. */
function codeSignature(): string {
  if (cachedCodeSignature) return cachedCodeSignature;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.[cm]?[jt]s$/.test(entry.name)) {
        const info = statSync(full);
        hash.update(`${full}\0${info.size}\0${info.mtimeMs}\n`);
      }
    }
  };
  walk(root);
  try {
    walk(path.dirname(fileURLToPath(import.meta.resolve('@engagements/schema'))));
  } catch {
    // import.meta.resolve is missing under some test runners; the schemas key the record cache anyway
  }
  cachedCodeSignature = hash.digest('hex');
  return cachedCodeSignature;
}
