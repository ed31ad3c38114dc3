import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RecordKind } from '@engagements/schema';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { indexById, recordId, sortById, type AnyRecord, type Dataset, type RecordNames } from '../dataset.js';
import { nearMissExtension, recordBaseName } from '../load/extension.js';
import { extensionDiagnostic } from '../load/extensionDiagnostic.js';
import { fastLoadBatch, hashOf } from '../load/fastLoadBatch.js';
import { REGULAR, type FileStamps } from '../load/fileStamps.js';
import { createLazyLocator } from '../load/lazyLocator.js';
import { LazyRecord } from '../load/lazyRecord.js';
import { LIMITS } from '../load/limits.js';
import { pathNames } from '../load/loadMany.js';
import { displayPath, loadRecordFile } from '../load/loadRecord.js';
import { recordKindOf } from '../load/recordKind.js';
import { rules as defaultRules } from '../rules/index.js';
import { runRules } from '../rules/runRules.js';
import { validateRecord } from '../validate/validateRecord.js';
import { IncrementalRules } from './incremental.js';
import { appendAt, cacheKeys, cacheName, checksum, F, FORMAT, listingHash, LOG_RECORD_ROWS, LOG_ROWS, parseLogRecord, RACY_MS, rowLine, ruleFields, type IndexHeader, type LogRecord, type RuleResult } from './recordCache.js';
import { storeReport, type CheckReport, type ReportInputs } from './resultCache.js';

export interface IndexCheckInputs {
  cacheDir: string;
  /** Absolute. */
  recordsDir: string;
  cwd: string;
  today: string;
  /** Every record file under the records folder: absolute, sorted (findRecordFiles). */
  files: readonly string[];
  /** Their stamps, taken before anything read them. */
  stats: FileStamps;
  /** The files reported on, when not all (absolute). */
  requested?: readonly string[];
  /** The report's signature over these inputs (reportSignature). */
  signature: string;
  onNote?: (message: string) => void;
}

const KINDS: readonly RecordKind[] = ['engagement', 'person', 'organization'];
const LETTER = ['e', 'p', 'o'];
const recordRules = defaultRules.filter((rule) => rule.scope !== 'dataset');

/** The index and its change log as read, row i being file i: texts and numbers, no object per row. */
interface Snapshot {
  header: IndexHeader & { log: string; datasetFindings: Diagnostic[] };
  rows: Rows;
  /** The rows' stamps, 4 numbers each. */
  stamps: Float64Array;
  /** When the stamp of a row written by the change log was written (other rows: the header's time). */
  writtenAt: Map<number, number>;
  keys: string[];
  values: string[];
  dataBytes: number;
  liveBytes: number;
  logBytes: number;
  logRows: number;
  datasetFindings: Diagnostic[];
}

/**
 * A check that reads what the cache's index holds instead of making a record per file,
 * when a rerun's changes are few and leave ids, validity and names as they were (the
 * common edit: a title, a date, a source). Row i of the index is file i of the listing
 * (the header's listing hash says so); a file whose stamp changed is read and hashed, and
 * loaded and checked again only when its content changed; the record-scoped rules run on
 * it and on the records whose findings looked up its id (the lookups of the index); the
 * dataset-scoped rules' findings are the ones kept, since nothing they read changed; every
 * other finding is the row's. The records the rules look up are made from the index when
 * asked, one kind at a time. The report is the one `checkDataset` gives for the same
 * files (tests/performance compares them), and the changes go to the change log as a
 * full run's would.
 *
 * Undefined, having written nothing, whenever any of that does not hold (no index, other
 * code or day, other files, an id or a name changed, too many changes, a damaged file):
 * the caller then runs the full check, which also says what was wrong with the cache.
 */
export async function checkFromIndex(inputs: IndexCheckInputs): Promise<CheckReport | undefined> {
  const { files, stats, cwd, recordsDir } = inputs;
  const openedAt = Date.now(); // before any file is read (see RecordCache.openedAt)
  const n = files.length;
  if (n === 0 || n > LIMITS.maxRecords) return undefined;
  for (let i = 0; i < n; i++) if (stats.types[i] !== REGULAR) return undefined; // links and devices: the full loader refuses them
  const requested = inputs.requested;
  if (requested && requested.some((file) => indexOfFile(files, file) < 0)) return undefined;
  const name = cacheName(recordsDir);
  const snapshot = readSnapshot(inputs.cacheDir, name, recordsDir, files, inputs);
  if (!snapshot) return undefined;
  const { rows, stamps, header } = snapshot;
  const values = stats.values;

  // Files whose stamp does not prove them unchanged: read, hashed, loaded again if their content changed.
  const restamped: number[] = [];
  const changed = new Map<number, Loaded>();
  for (let i = 0; i < n; i++) {
    const o = 4 * i;
    const trusted = (snapshot.writtenAt.get(i) ?? header.writtenAt) - RACY_MS;
    if (values[o + 1]! < trusted && values[o + 2]! < trusted && values[o] === stamps[o] && values[o + 1] === stamps[o + 1] && values[o + 2] === stamps[o + 2] && values[o + 3] === stamps[o + 3]) continue;
    if (restamped.length + changed.size >= LOG_RECORD_ROWS) return undefined;
    let bytes: Buffer;
    try {
      bytes = readFileSync(files[i]!);
    } catch {
      return undefined;
    }
    const fields = rows.text(i).split('\t');
    if (hashOf(bytes) === fields[F.hash]) {
      restamped.push(i);
      continue;
    }
    if (values[o]! > LIMITS.maxFileBytes) return undefined;
    changed.set(i, await loadChanged(files[i]!, inputs));
  }

  const paths = pathNames({ recordsDir, cwd });
  // Nothing the dataset-scoped rules read may have changed: ids, validity, names, and no finding of theirs is in a changed file.
  const changedShown = new Set<string>();
  for (const [i, loaded] of changed) {
    const fields = rows.text(i).split('\t');
    if (loaded.state !== stateOf(fields[F.state]!) || loaded.id !== idOf(fields[F.id]!) || loaded.names !== fields[F.names]) return undefined;
    changedShown.add(paths.display(files[i]!));
  }
  if (snapshot.datasetFindings.some((d) => changedShown.has(d.file))) return undefined;

  const { state, kinds } = rows;

  // The lookups whose value changed: a changed record's own id, when it is the record that id finds (value: hash, validity, path).
  const keyNumber = new Map(snapshot.keys.map((key, k) => [key, k]));
  const newValues = new Map<string, string>();
  const changedNumbers: number[] = [];
  for (const [i, loaded] of changed) {
    if (loaded.state === -1 || loaded.id === null) continue;
    const key = `${LETTER[kinds[i]!]}:${loaded.id}`;
    const k = keyNumber.get(key);
    if (k === undefined) continue; // nothing looked it up
    const relative = paths.relative(files[i]!);
    const old = snapshot.values[k]!;
    if (old.slice(29) !== relative) continue; // another record with that id is the one found
    const value = `${loaded.hash}${loaded.state === 1 ? '+' : '-'}${relative}`;
    if (value === old) continue;
    newValues.set(key, value);
    changedNumbers.push(k);
  }

  // The records whose rules run again: the changed ones, those that looked up a changed key, those with no findings kept.
  const rerun: number[] = [];
  const dependents = rows.lookingUp(changedNumbers.map((k) => `,${k},`));
  for (let i = 0; i < n; i++) {
    const loaded = changed.get(i);
    if (loaded) {
      if (loaded.state === 1) rerun.push(i);
      continue;
    }
    if (state[i] === 1 && (rows.noneKept(i) || dependents.has(i))) rerun.push(i);
  }
  if (rerun.length + restamped.length + changed.size > LOG_RECORD_ROWS || snapshot.logRows + rerun.length + restamped.length + changed.size > LOG_ROWS) return undefined;

  // The dataset the rules see: each kind's records made from the index when first asked.
  const made = new Map<number, AnyRecord>();
  const hashes = new Map<AnyRecord, string>();
  let dataFd: number | undefined;
  const readPiece = (ref: [number, number, string]): string | undefined => {
    try {
      dataFd ??= openSync(path.join(inputs.cacheDir, `${name}-${header.dataFile}.data`), 'r');
      const buffer = Buffer.allocUnsafe(ref[1]);
      if (readSync(dataFd, buffer, 0, ref[1], ref[0]) !== ref[1] || checksum(buffer) !== ref[2]) return undefined;
      return buffer.toString('utf8');
    } catch {
      return undefined;
    }
  };
  const recordAt = (i: number): AnyRecord | undefined => {
    const loaded = changed.get(i);
    if (loaded) return loaded.record;
    if (state[i] === -1) return undefined;
    let record = made.get(i);
    if (!record) {
      const fields = rows.text(i).split('\t');
      const file = files[i]!;
      const relative = paths.relative(file);
      const data = (): unknown => {
        if (fields[F.offset] === '-1') return undefined;
        const text = readPiece([+fields[F.offset]!, +fields[F.length]!, fields[F.sum]!]);
        if (text === undefined) inputs.onNote?.(`a piece of the cache's data for ${relative} is damaged; read the file instead.`);
        return text === undefined ? undefined : JSON.parse(text);
      };
      record = new IndexedRecord(KINDS[kinds[i]!]!, paths.display(file), file, relative, idOf(fields[F.id]!), state[i] === 1, fields[F.names] ? (JSON.parse(fields[F.names]!) as RecordNames) : undefined, data) as unknown as AnyRecord;
      hashes.set(record, fields[F.hash]!);
      made.set(i, record);
    }
    return record;
  };
  for (const loaded of changed.values()) if (loaded.record) hashes.set(loaded.record, loaded.hash);
  const kindCache = new Map<number, { list: AnyRecord[]; byId: Map<string, AnyRecord>; unreadable: Set<string> }>();
  const ofKind = (k: number) => {
    let found = kindCache.get(k);
    if (!found) {
      const list: AnyRecord[] = [];
      const unreadable = new Set<string>();
      for (let i = 0; i < n; i++) {
        if (kinds[i] !== k) continue;
        if (state[i] === -1) unreadable.add(recordBaseName(files[i]!));
        else list.push(recordAt(i)!);
      }
      sortById(list);
      found = { list, byId: indexById(list), unreadable };
      kindCache.set(k, found);
    }
    return found;
  };
  const dataset = {
    recordsDir,
    get engagements() {
      return ofKind(0).list;
    },
    get people() {
      return ofKind(1).list;
    },
    get organizations() {
      return ofKind(2).list;
    },
    get engagementById() {
      return ofKind(0).byId;
    },
    get personById() {
      return ofKind(1).byId;
    },
    get organizationById() {
      return ofKind(2).byId;
    },
    unreadableIds: {
      get engagement() {
        return ofKind(0).unreadable;
      },
      get person() {
        return ofKind(1).unreadable;
      },
      get organization() {
        return ofKind(2).unreadable;
      },
    },
  } as unknown as Dataset;
  const memo = new IncrementalRules(dataset, (record) => hashes.get(record), () => undefined, []);
  const found = new Map<number, { diagnostics: Diagnostic[]; result: RuleResult | undefined }>();
  try {
    for (const i of rerun) {
      const record = recordAt(i)!;
      const diagnostics = memo.observe(record, { dataset, today: inputs.today }, (tracked) => runRules(recordRules, tracked, undefined, [record]));
      found.set(i, { diagnostics, result: memo.resultOf(record) as RuleResult | undefined });
    }
  } finally {
    if (dataFd !== undefined) closeSync(dataFd);
  }

  // The report, in the order checkDataset builds it (files' own diagnostics, the dataset's, then the rules').
  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < n; i++) {
    const extension = nearMissExtension(files[i]!);
    if (extension) diagnostics.push(extensionDiagnostic(files[i]!, extension, cwd));
    const loaded = changed.get(i);
    if (loaded) diagnostics.push(...loaded.diagnostics);
    else if (state[i] !== 1) {
      const text = rows.text(i).split('\t')[F.diagnostics]!;
      if (text) diagnostics.push(...(JSON.parse(text) as Diagnostic[]));
    }
  }
  diagnostics.push(...snapshot.datasetFindings);
  for (let i = 0; i < n; i++) {
    const again = found.get(i);
    if (again) diagnostics.push(...again.diagnostics);
    else if (state[i] === 1 && !changed.has(i)) {
      const findings = rows.findings(i);
      if (findings) diagnostics.push(...(JSON.parse(findings) as Diagnostic[]));
    }
  }
  const shown = requested ? new Set(requested.map((file) => displayPath(file, cwd))) : undefined;
  const reported = sortDiagnostics(shown ? diagnostics.filter((d) => shown.has(d.file)) : diagnostics);
  let records = 0;
  for (let i = 0; i < n; i++) if (state[i] !== -1 && (!shown || shown.has(paths.display(files[i]!)))) records++;
  const summary = {
    files: requested ? requested.length : n,
    records,
    errors: reported.filter((d) => d.severity === 'error').length,
    warnings: reported.filter((d) => d.severity === 'warning').length,
  };

  if (!appendChanges(inputs, name, snapshot, { openedAt, restamped, changed, found, newValues, keyNumber, paths, valueOf: (key) => memo.valueOf(key) })) return undefined;
  const reportInputs: ReportInputs = { cacheDir: inputs.cacheDir, recordsDir, files, ...(requested ? { requested } : {}), today: inputs.today, cwd, stats };
  await storeReport(reportInputs, inputs.signature, { diagnostics: reported, summary }, openedAt);
  return { diagnostics: reported, summary };
}

/** A file loaded again because its content changed: what a full run's loader and cache entry would hold. */
interface Loaded {
  record: AnyRecord | undefined;
  state: 1 | 0 | -1;
  id: string | null;
  /** The names field of its row (JSON, empty for engagements and records that are not valid). */
  names: string;
  hash: string;
  diagnostics: Diagnostic[];
  /** A valid record's data as JSON, for the cache's data file. */
  data: string | undefined;
}

/** Loads a changed file as loadRecordFiles and checkDataset do (the fast path, else the full loader and schema validation). */
async function loadChanged(file: string, inputs: IndexCheckInputs): Promise<Loaded> {
  const kind = recordKindOf(file)!;
  const paths = pathNames({ recordsDir: inputs.recordsDir, cwd: inputs.cwd });
  const [answer] = fastLoadBatch([{ file, kind }], true);
  if (answer) {
    const record = { kind, file: paths.display(file), absolutePath: file, relativePath: paths.relative(file), data: answer.data, valid: true, source: createLazyLocator(() => readFileSync(file, 'utf8')) } as unknown as AnyRecord;
    return { record, state: 1, id: recordId(record) ?? null, names: namesField(record), hash: answer.hash, diagnostics: [], data: JSON.stringify(answer.data) };
  }
  const bytes = readFileSync(file);
  const result = await loadRecordFile(file, { recordsDir: inputs.recordsDir, cwd: inputs.cwd, bytes });
  const { record } = result;
  const diagnostics = record && !record.valid ? [...result.diagnostics, ...validateRecord(record)] : result.diagnostics;
  return {
    record,
    state: record ? (record.valid ? 1 : 0) : -1,
    id: record ? (recordId(record) ?? null) : null,
    names: record ? namesField(record) : '',
    hash: hashOf(bytes),
    diagnostics,
    data: record?.valid ? JSON.stringify(record.data) : undefined,
  };
}

/** The names field a row holds for a record (as RecordCache.remember and rowLine write it). */
function namesField(record: AnyRecord): string {
  if (!record.valid || record.kind === 'engagement') return '';
  const { name, aliases, country } = record.data as { name: string; aliases?: string[]; country?: string };
  return JSON.stringify({ name, aliases: aliases ?? [], ...(country !== undefined ? { country } : {}) });
}

/** A record of an unchanged file, made from its row: id, validity and names from the index, data from the cache's data file when asked. */
class IndexedRecord extends LazyRecord {
  readonly #data: () => unknown;
  constructor(kind: RecordKind, file: string, absolutePath: string, relativePath: string, id: string | null, valid: boolean, readonly names: RecordNames | undefined, data: () => unknown) {
    super(kind, file, absolutePath, relativePath, id, valid);
    this.#data = data;
  }

  protected knownData(): unknown {
    return this.valid ? this.#data() : undefined;
  }
}

function stateOf(field: string): number {
  return field === '-1' ? -1 : +field;
}

function idOf(field: string): string | null {
  return field === 'null' ? null : (JSON.parse(field) as string);
}

/** The place of `file` in the sorted `files` (binary search), or -1 when it is not listed. */
function indexOfFile(files: readonly string[], file: string): number {
  let lo = 0;
  let hi = files.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = files[mid]!;
    if (f === file) return mid;
    if (f < file) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The index and its change log, when they are this code's, this day's and this listing's, and whole; undefined otherwise. */
function readSnapshot(cacheDir: string, name: string, recordsDir: string, files: readonly string[], run: { cwd: string; today: string }): Snapshot | undefined {
  try {
    const bytes = readFileSync(path.join(cacheDir, `${name}.idx`));
    const headerEnd = bytes.indexOf(10);
    if (headerEnd < 0) return undefined;
    const header = JSON.parse(bytes.toString('utf8', 0, headerEnd)) as IndexHeader;
    if (header.format !== FORMAT || header.files !== files.length || typeof header.log !== 'string' || !Array.isArray(header.datasetFindings)) return undefined;
    const keys = cacheKeys(run);
    if (header.key !== keys.key || header.codeKey !== keys.codeKey || header.ruleKey !== keys.ruleKey) return undefined;
    const textAt = headerEnd + 1 + header.files * 32;
    if (textAt > bytes.length || header.sum !== checksum(bytes.subarray(headerEnd + 1))) return undefined;
    if (header.list !== listingHash(files)) return undefined;
    const stamps = new Float64Array(bytes.buffer.slice(bytes.byteOffset + headerEnd + 1, bytes.byteOffset + textAt));
    const tableEnd = bytes.indexOf(10, textAt);
    if (tableEnd < 0) return undefined;
    const rows = Rows.scan(bytes, tableEnd + 1, header.files);
    if (!rows) return undefined;
    const table = JSON.parse(bytes.toString('utf8', textAt, tableEnd)) as [string, string][];
    if (!Array.isArray(table)) return undefined;
    const snapshot: Snapshot = {
      header: header as Snapshot['header'],
      rows,
      stamps,
      writtenAt: new Map(),
      keys: table.map(([key]) => key),
      values: table.map(([, value]) => value),
      dataBytes: header.dataBytes,
      liveBytes: header.liveBytes,
      logBytes: 0,
      logRows: 0,
      datasetFindings: header.datasetFindings,
    };
    const dataSize = statSync(path.join(cacheDir, `${name}-${header.dataFile}.data`)).size;
    if (dataSize < header.dataBytes) return undefined;
    let log: Buffer;
    try {
      log = readFileSync(path.join(cacheDir, `${name}.log`));
    } catch {
      return snapshot; // no change since the index was written
    }
    const prefix = recordsDir + path.sep;
    let at = 0;
    while (at < log.length) {
      const end = log.indexOf(10, at);
      const record: LogRecord | undefined = parseLogRecord(log, at, end, header.log, snapshot.keys, dataSize);
      if (!record) return undefined;
      for (const change of record.rows) {
        const [relative, stamp, rest] = change as [string, [number, number, number, number] | undefined, string | undefined];
        if (typeof relative !== 'string' || !Array.isArray(stamp) || stamp.length !== 4 || typeof rest !== 'string') return undefined;
        const file = relative.includes('..') || path.sep !== '/' ? path.join(recordsDir, relative) : prefix + relative;
        const i = indexOfFile(files, file);
        if (i < 0) return undefined;
        rows.replace(i, `${/[\t\n\r"\\]/.test(relative) ? JSON.stringify(relative) : relative}\t${rest}`);
        stamps.set(stamp, 4 * i);
        snapshot.writtenAt.set(i, record.writtenAt);
      }
      for (const [k, key, value] of record.lookups) {
        if (k === snapshot.keys.length) snapshot.keys.push(key);
        snapshot.values[k] = value;
      }
      if (record.dataset !== undefined) {
        if (!Array.isArray(record.dataset)) return undefined;
        snapshot.datasetFindings = record.dataset;
      }
      snapshot.dataBytes = record.dataBytes;
      snapshot.liveBytes = record.liveBytes;
      snapshot.logRows += record.rows.length;
      at = end + 1;
      snapshot.logBytes = at;
    }
    return snapshot;
  } catch {
    return undefined; // damaged or missing: the full check says so
  }
}

/**
 * The rows of the index as bytes, found in one pass: where each starts and ends and where
 * its first and last two tabs are (its state and kind follow the first; the rules' two
 * fields lie between the last two and after the last). A row's text is decoded only when
 * it is used; rows written by the change log replace the index's as text.
 */
class Rows {
  readonly state: Int8Array;
  readonly kinds: Uint8Array;
  private readonly replaced = new Map<number, string>();

  private constructor(
    private readonly bytes: Buffer,
    /** Per row: start, first tab, second-last tab, last tab, end (its line break). */
    private readonly at: Int32Array,
  ) {
    const n = at.length / 5;
    this.state = new Int8Array(n);
    this.kinds = new Uint8Array(n);
    for (let i = 0; i < n; i++) this.classify(i, bytes[at[5 * i + 1]! + 1]!, (k) => bytes[at[5 * i + 1]! + k]!);
  }

  /** The `count` rows from `start` to the end of `bytes`; undefined unless they are exactly that many, each with its fields. */
  static scan(bytes: Buffer, start: number, count: number): Rows | undefined {
    const at = new Int32Array(count * 5);
    let row = 0;
    let first = -1;
    let previous = -1;
    let last = -1;
    let begin = start;
    for (let p = start; p < bytes.length; p++) {
      const b = bytes[p];
      if (b === 9) {
        if (first < 0) first = p;
        previous = last;
        last = p;
      } else if (b === 10) {
        if (row >= count || previous <= first) return undefined;
        const o = 5 * row++;
        at[o] = begin;
        at[o + 1] = first;
        at[o + 2] = previous;
        at[o + 3] = last;
        at[o + 4] = p;
        begin = p + 1;
        first = previous = last = -1;
      }
    }
    return row === count && begin === bytes.length ? new Rows(bytes, at) : undefined;
  }

  /** Sets row i's state and kind from the characters after its first tab (`code(k)`: the k-th from that tab). */
  private classify(i: number, s: number, code: (k: number) => number): void {
    this.state[i] = s === 45 /* - */ ? -1 : s - 48;
    // The kind's first letter (engagement, person, organization): the state is one character, except -1.
    const k = code(s === 45 ? 4 : 3);
    this.kinds[i] = k === 101 ? 0 : k === 112 ? 1 : 2;
  }

  /** Row i's text (without its line break). */
  text(i: number): string {
    return this.replaced.get(i) ?? this.bytes.toString('utf8', this.at[5 * i]!, this.at[5 * i + 4]!);
  }

  /** Row i becomes `text` (a row of the change log). */
  replace(i: number, text: string): void {
    this.replaced.set(i, text);
    const tab = text.indexOf('\t');
    this.classify(i, text.charCodeAt(tab + 1), (k) => text.charCodeAt(tab + k));
  }

  /** The rules' lookups field of row i: [start, end) in its bytes, or its text when replaced. */
  private lookups(i: number): string | [number, number] {
    const text = this.replaced.get(i);
    if (text === undefined) return [this.at[5 * i + 2]! + 1, this.at[5 * i + 3]!];
    const last = text.lastIndexOf('\t');
    return text.slice(text.lastIndexOf('\t', last - 1) + 1, last);
  }

  /** Whether no rule findings are kept for row i (its lookups field is empty). */
  noneKept(i: number): boolean {
    const field = this.lookups(i);
    return typeof field === 'string' ? field === '' : field[0] === field[1];
  }

  /** The rows whose kept findings looked up any of these keys (`,n,`: their numbers in the lookups table), each needle found in one pass over the index. */
  lookingUp(needles: readonly string[]): Set<number> {
    const found = new Set<number>();
    if (needles.length === 0) return found;
    const n = this.state.length;
    for (const needle of needles) {
      const bytes = Buffer.from(needle);
      for (let p = this.bytes.indexOf(bytes, n > 0 ? this.at[0]! : this.bytes.length); p >= 0; p = this.bytes.indexOf(bytes, p + 1)) {
        // The row holding offset p: the last whose start is at or before it.
        let lo = 0;
        let hi = n - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (this.at[5 * mid]! <= p) lo = mid;
          else hi = mid - 1;
        }
        if (!this.replaced.has(lo) && p > this.at[5 * lo + 2]! && p + bytes.length <= this.at[5 * lo + 3]!) found.add(lo);
      }
    }
    for (const [i] of this.replaced) {
      const field = this.lookups(i) as string;
      if (needles.some((needle) => field.includes(needle))) found.add(i);
    }
    return found;
  }

  /** Row i's kept rule findings (JSON), or '' when none. */
  findings(i: number): string {
    const text = this.replaced.get(i);
    if (text !== undefined) return text.slice(text.lastIndexOf('\t') + 1);
    const last = this.at[5 * i + 3]!;
    const end = this.at[5 * i + 4]!;
    return last + 1 < end ? this.bytes.toString('utf8', last + 1, end) : '';
  }
}

interface Changes {
  openedAt: number;
  restamped: readonly number[];
  changed: ReadonlyMap<number, Loaded>;
  found: ReadonlyMap<number, { result: RuleResult | undefined }>;
  newValues: ReadonlyMap<string, string>;
  keyNumber: Map<string, number>;
  paths: ReturnType<typeof pathNames>;
  /** The value of a lookup key no kept finding depends on (IncrementalRules.valueOf). */
  valueOf: (key: string) => string;
}

/**
 * Appends this run's changes to the change log (and the changed records' data to the data
 * file), as RecordCache's appendLog does; false, with nothing but data appended, when the
 * log or the data file is not what was read (another run wrote meanwhile) or the data
 * file wants compacting: the caller then runs the full check, which rewrites the index.
 */
function appendChanges(inputs: IndexCheckInputs, name: string, snapshot: Snapshot, c: Changes): boolean {
  const { files } = inputs;
  const table: [number, string, string][] = [];
  for (const [key, value] of c.newValues) table.push([c.keyNumber.get(key)!, key, value]);
  const number = (key: string): number => {
    let k = c.keyNumber.get(key);
    if (k === undefined) {
      k = c.keyNumber.size;
      c.keyNumber.set(key, k);
      table.push([k, key, c.valueOf(key)]); // a key no kept finding looked up: its value now
    }
    return k;
  };
  const rows: LogRecord['rows'] = [];
  let bytes = snapshot.dataBytes;
  let live = snapshot.liveBytes;
  const pieces: Buffer[] = [];
  const indexes = [...new Set([...c.restamped, ...c.changed.keys(), ...c.found.keys()])].sort((a, b) => a - b);
  for (const i of indexes) {
    const line = snapshot.rows.text(i);
    const fields = line.split('\t');
    const loaded = c.changed.get(i);
    const again = c.found.get(i);
    const relative = c.paths.relative(files[i]!);
    let text: string;
    if (loaded) {
      live -= +fields[F.offset]! >= 0 ? +fields[F.length]! : 0;
      let data: [number, number, string] | undefined;
      if (loaded.data !== undefined) {
        const piece = Buffer.from(loaded.data);
        data = [bytes, piece.length, checksum(piece)];
        pieces.push(piece);
        bytes += piece.length;
        live += piece.length;
      }
      const kind = fields[F.kind] as RecordKind;
      text = rowLine(relative, { stamp: { size: 0, mtimeMs: 0, ctimeMs: 0, ino: 0 }, hash: loaded.hash, kind, id: loaded.id, state: loaded.state, diagnostics: loaded.diagnostics, ...(data ? { data } : {}), ...(loaded.names ? { names: JSON.parse(loaded.names) as RecordNames } : {}), rules: again?.result }, number);
    } else if (again) {
      const [lookups, findings] = again.result ? ruleFields(again.result, number) : ['', ''];
      text = [...fields.slice(0, F.lookups), lookups, findings].join('\t');
    } else text = line;
    const o = 4 * i;
    const stamp: [number, number, number, number] = loaded || c.restamped.includes(i) ? [inputs.stats.values[o]!, inputs.stats.values[o + 1]!, inputs.stats.values[o + 2]!, inputs.stats.values[o + 3]!] : [snapshot.stamps[o]!, snapshot.stamps[o + 1]!, snapshot.stamps[o + 2]!, snapshot.stamps[o + 3]!];
    rows.push([relative, stamp, text.slice(text.indexOf('\t') + 1)]);
  }
  if (live < bytes / 2) return false; // RecordCache compacts the data file: let it
  if (rows.length === 0 && table.length === 0) return true;
  const dir = inputs.cacheDir;
  try {
    if (pieces.length > 0 && !appendAt(path.join(dir, `${name}-${snapshot.header.dataFile}.data`), snapshot.dataBytes, Buffer.concat(pieces))) return false;
    const record: LogRecord = { token: snapshot.header.log, at: snapshot.logBytes, writtenAt: c.openedAt, dataBytes: bytes, liveBytes: live, rows, lookups: table };
    const json = JSON.stringify(record);
    return appendAt(path.join(dir, `${name}.log`), snapshot.logBytes, `${checksum(Buffer.from(json))}\t${json}\n`);
  } catch {
    return false;
  }
}

