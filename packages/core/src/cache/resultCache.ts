import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics.js';
import { stampFiles, type FileStamps } from '../load/fileStamps.js';

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
  /** `lstat` of each of `files`, when taken already: one pass serves the report and the record cache. */
  stats?: FileStamps;
  today: string;
  cwd: string;
}

/**
 * The last report, when nothing it depends on has changed since: the same files with the
 * same sizes, modification and change times and inodes (none changed in the second before the report was written,
 * where a change could hide in the same clock tick), the same requested files, "today",
 * working directory and the same code of this package (rules, schemas, messages). Then a
 * rerun needs neither to parse nor to check anything.
 */
export function reusableReport(inputs: ReportInputs, onNote?: (message: string) => void, signature?: string): CheckReport | undefined {
  let text: string;
  try {
    text = readFileSync(reportFile(inputs), 'utf8');
  } catch {
    return undefined; // no report yet
  }
  let stored: StoredReport;
  try {
    stored = JSON.parse(text) as StoredReport;
    if (typeof stored.signature !== 'string' || !Array.isArray(stored.diagnostics) || typeof stored.summary?.errors !== 'number') throw new Error('unexpected layout');
  } catch (error) {
    onNote?.(`the cached report ${reportFile(inputs)} is unreadable (${(error as Error).message}); checking afresh.`);
    return undefined;
  }
  if (stored.signature !== (signature ?? reportSignature(inputs)) || newestMtime(inputs) >= stored.writtenAt - 1000) return undefined;
  return { diagnostics: stored.diagnostics, summary: stored.summary };
}

/**
 * The signature of a check's inputs. Take it before the check reads any file, so that a
 * file changed while the check runs makes the stored report stale rather than wrong.
 */
export function reportSignature(inputs: ReportInputs): string {
  const hash = createHash('sha256');
  hash.update(`${codeSignature()}\n${inputs.today}\n${inputs.cwd}\n${(inputs.requested ?? []).join('\n')}\n--\n`);
  const { values, types } = stampsOf(inputs);
  // The change time and inode as well: tools that restore a file's modification time
  // (checkouts, touch -d, copies) cannot restore these. A vanished file: stamp -1. The
  // names in one string and the stamps as they are (numbers): three updates of the hash.
  hash.update(inputs.files.join('\0'));
  hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  hash.update(types);
  return hash.digest('hex');
}

/** The stamps of the inputs' files (taken now when the caller did not). */
function stampsOf(inputs: ReportInputs): FileStamps {
  return (inputs.stats ??= statFiles(inputs.files));
}

/** The latest modification or change time of the inputs' files. */
function newestMtime(inputs: ReportInputs): number {
  const { values } = stampsOf(inputs);
  let newest = 0;
  for (let i = 1; i < values.length; i += 4) {
    if (values[i]! > newest) newest = values[i]!;
    if (values[i + 1]! > newest) newest = values[i + 1]!;
  }
  return newest;
}

/** Stores a report under the signature its inputs had when the check began, for `reusableReport`. */
export async function storeReport(inputs: ReportInputs, signature: string, report: CheckReport): Promise<void> {
  const file = reportFile(inputs);
  const body: StoredReport = { signature, writtenAt: Date.now(), ...report };
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(body));
  await rename(tmp, file); // atomic: a reader sees the old report or the new one, never half
}

function reportFile(inputs: ReportInputs): string {
  const name = createHash('sha256').update(path.resolve(inputs.recordsDir)).digest('hex').slice(0, 16);
  return path.join(inputs.cacheDir, `report-${name}.json`);
}

/** `lstat` of every file, in order, as numbers (see FileStamps). */
export function statFiles(files: readonly string[]): FileStamps {
  return stampFiles(files);
}

let cachedCodeSignature: string | undefined;

/** Resolves a package's entry from this module, as CommonJS does (a few ms; import.meta.resolve costs several times that). */
function resolveEntry(specifier: string): string | undefined {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return undefined; // run from the sources (tests): the sources are the code
  try {
    return createRequire(import.meta.url).resolve(specifier);
  } catch {
    return undefined;
  }
}

/**
 * The folder of this package's modules, found through the package's name when it can be:
 * the same folder whether this code runs from the package or from the command line's
 * bundle (which copies it), so that `validate` and `build` share one cache.
 */
function coreRoot(): string {
  const entry = resolveEntry('@engagements/core/quick');
  return entry ? path.dirname(entry) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
}

/** Sizes and times of this package's own modules: a rebuilt rule or schema invalidates every report. */
export function codeSignature(): string {
  if (cachedCodeSignature) return cachedCodeSignature;
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.[cm]?[jt]s$/.test(entry.name)) files.push(full);
    }
  };
  walk(coreRoot());
  const schema = resolveEntry('@engagements/schema');
  if (schema) walk(path.dirname(schema)); // from the sources, the schemas key the record cache anyway
  const { values } = stampFiles(files);
  const hash = createHash('sha256');
  hash.update(files.join('\0'));
  hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  cachedCodeSignature = hash.digest('hex');
  return cachedCodeSignature;
}
