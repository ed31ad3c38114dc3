import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { schemas, type RecordKind } from '@engagements/schema';
import type { Diagnostic } from '../diagnostics.js';
import type { RecordNames } from '../dataset.js';
import { codeSignature } from './resultCache.js';
import type { FileStamps } from '../load/fileStamps.js';

/** Bump when the cache's layout or the meaning of a cached value changes. */
export const FORMAT = 7; // 7: the header names the listing's hash and keeps the dataset-scoped rules' findings, the change log never adds or removes a row; 6: the stamps as numbers in a binary block; 5: the index checksummed; 4: a line-oriented index, rows reused verbatim; 3: a JSON index; 2: one JSON file

/**
 * A file's stamp: what `lstat` says about it. The change time (ctime) and inode are in it
 * because no ordinary tool can set them back: a checkout, `touch -d` or a copy that
 * restores the modification time still moves the change time to now (git's index does
 * the same).
 */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** The stamp of file `i` of `stamps`. */
export function stampOf(stamps: FileStamps, i: number): FileStamp {
  const v = stamps.values;
  return { size: v[4 * i]!, mtimeMs: v[4 * i + 1]!, ctimeMs: v[4 * i + 2]!, ino: v[4 * i + 3]! };
}

/**
 * A stamp is trusted only when the file's times are at least this much older than the
 * moment the cache was written: a second edit within the same clock tick as the first
 * would leave the times unchanged, so such files are always read and hashed.
 */
export const RACY_MS = 1000;

/** The record-scoped rules' findings on one record and the lookups (ids of other records) they made. */
export interface RuleResult {
  diagnostics: Diagnostic[];
  /** Lookups, as keys of `RuleLookups` (see incremental.ts). */
  lookups: string[];
}

/**
 * Rule findings kept in the index, read only as far as needed: a record whose lookups
 * did not change needs its findings (usually none) and nothing else.
 */
export interface KeptRules {
  /** The rules' diagnostics on the record. */
  findings(): Diagnostic[];
  /** Whether the rules looked up any of these keys, given by their numbers in the lookups table. */
  lookedUpAny(numbers: readonly number[]): boolean;
  /** The keys looked up. */
  lookups(): string[];
}

/** What the cache keeps of one record file (read it as "this content gave this"). */
export interface CacheEntry {
  stamp: FileStamp;
  /** SHA-1 of the file's bytes, base64. */
  hash: string;
  kind: RecordKind;
  /** The record's id when it is a string (records that are not readable or have no id: null). */
  id: string | null;
  /** 1: a valid record, data kept; 0: a record that failed schema validation; -1: not readable as a record. */
  state: 1 | 0 | -1;
  /** Diagnostics of loading and schema validation (none for valid records). */
  diagnostics: Diagnostic[];
  /** Where the data is in the data file: offset, length, checksum. Valid records only. */
  data?: [number, number, string];
  /** A valid person's or organization's names, for the dataset-scoped rules without its data. */
  names?: RecordNames;
  /** The record-scoped rules' findings (undefined: none kept). Setting it rewrites the entry's row unless it is what was kept. */
  rules?: RuleResult | KeptRules | undefined;
}

/**
 * The index file: a header line (JSON: format, keys, when it was written, the data file
 * and the length of it the index relies on, the number of rows), the rows' stamps as one
 * binary block (size, mtimeMs, ctimeMs, ino of each row, in row order: 4 little-endian
 * float64 per row), then text: a line with the lookups table (JSON: `[key, value]` pairs,
 * numbered by position), then one line per record file, fields separated by tabs:
 *
 *   path relative to the records folder (JSON when it holds a tab, a line break, `"` or `\`),
 *   state, kind, id (JSON), hash, data offset, data length, data checksum, diagnostics
 *   (JSON, empty: none), names (JSON, empty: none), the numbers of the lookups the rules
 *   made (`,3,17,`; empty: no findings kept), the rules' diagnostics (JSON, empty: none)
 *
 * Reading it is one split into lines and a few `indexOf` per row; a file's stamp is
 * compared with its row's as four numbers (no text made per file), the other fields are
 * split and parsed only when used, and a row nothing changed is written back as the same
 * text. (The JSON index of format 3, parsed whole, cost about a third of an incremental
 * run at 10,000 files, most of it garbage collection.)
 */
/** The fields of an index row, in order (also read by indexCheck.ts). */
export const enum F {
  path,
  state,
  kind,
  id,
  hash,
  offset,
  length,
  sum,
  diagnostics,
  names,
  lookups,
  ruleDiagnostics,
  count,
}

const NO_DIAGNOSTICS: Diagnostic[] = [];

/** A row of the index, parsed lazily; its text is reused when nothing in it changed. */
class Row implements CacheEntry, KeptRules {
  private split: string[] | undefined;
  /** The rules' two fields (lookups, findings) as read. */
  private tails: [string, string] | undefined;
  private newStamp: FileStamp | undefined;
  private parsedDiagnostics: Diagnostic[] | undefined;
  private parsedNames: RecordNames | undefined | null = null;
  private fresh: RuleResult | undefined | null = null;
  readonly state: 1 | 0 | -1;
  readonly id: string | null;
  private dataRef: [number, number, string] | undefined | null = null;
  /** The line to write back (undefined once anything in the row changed). */
  line: string | undefined;
  /** When the stamp was written: the index's time, or the time of the change-log record that wrote the row. */
  writtenAt = 0;

  readonly kind: RecordKind;

  /** `at`: where the state begins (after the path and its tab); `stamps`: the index's, this row's at `4 * number`. Throws on a row that is not one. */
  constructor(
    line: string,
    at: number,
    private readonly lookupKeys: readonly string[],
    private readonly stamps: Float64Array,
    private readonly number: number,
  ) {
    this.line = line;
    const state = line.charCodeAt(at) === 45 /* - */ ? -1 : line.charCodeAt(at) - 48;
    const kindAt = line.indexOf('\t', at) + 1;
    const idAt = line.indexOf('\t', kindAt) + 1;
    const idEnd = line.indexOf('\t', idAt);
    const kind = KINDS[line.slice(kindAt, idAt - 1)];
    if (at === 0 || kindAt === 0 || idAt === 0 || idEnd < 0 || !kind || (state !== 1 && state !== 0 && state !== -1)) throw new Error('a row of an unexpected layout');
    this.state = state;
    this.kind = kind;
    const id = line.slice(idAt, idEnd);
    this.id = id === 'null' ? null : id.includes('\\') ? (JSON.parse(id) as string) : id.slice(1, -1);
  }

  private get fields(): string[] {
    return (this.split ??= this.line!.split('\t'));
  }

  /** Whether file `i` of `stamps` has the stamp this row holds. */
  sameStamp(stamps: FileStamps, i: number): boolean {
    const mine = this.stamps;
    const r = 4 * this.number;
    const v = stamps.values;
    const o = 4 * i;
    return this.newStamp === undefined && mine[r] === v[o] && mine[r + 1] === v[o + 1] && mine[r + 2] === v[o + 2] && mine[r + 3] === v[o + 3];
  }

  /** Whether the row was read as it is now (stamp and text): a change log need not repeat it. */
  get unchanged(): boolean {
    return this.line !== undefined && this.newStamp === undefined;
  }

  /** Writes the row's stamp into `block` as row `n`. */
  copyStamp(block: Float64Array, n: number): void {
    if (this.newStamp) block.set([this.newStamp.size, this.newStamp.mtimeMs, this.newStamp.ctimeMs, this.newStamp.ino], 4 * n);
    else block.set(this.stamps.subarray(4 * this.number, 4 * this.number + 4), 4 * n);
  }

  get stamp(): FileStamp {
    const v = this.stamps;
    const r = 4 * this.number;
    return this.newStamp ?? { size: v[r]!, mtimeMs: v[r + 1]!, ctimeMs: v[r + 2]!, ino: v[r + 3]! };
  }

  get hash(): string {
    return this.fields[F.hash]!;
  }

  get data(): [number, number, string] | undefined {
    if (this.dataRef === null) {
      const f = this.fields;
      this.dataRef = +f[F.offset]! >= 0 ? [+f[F.offset]!, +f[F.length]!, f[F.sum]!] : undefined;
    }
    return this.dataRef;
  }

  get diagnostics(): Diagnostic[] {
    if (this.state === 1) return NO_DIAGNOSTICS; // valid records have none: no need to split the row
    return (this.parsedDiagnostics ??= this.fields[F.diagnostics] ? (JSON.parse(this.fields[F.diagnostics]!) as Diagnostic[]) : NO_DIAGNOSTICS);
  }

  get names(): RecordNames | undefined {
    if (this.parsedNames === null) this.parsedNames = this.fields[F.names] ? (JSON.parse(this.fields[F.names]!) as RecordNames) : undefined;
    return this.parsedNames;
  }

  /** The kept findings (this row itself), or new ones set in this run. */
  get rules(): RuleResult | KeptRules | undefined {
    if (this.fresh !== null) return this.fresh;
    return this.tail(F.lookups) ? this : undefined;
  }

  /** One of the last two fields (the rules'), found from the end of the row without splitting it. */
  private tail(field: F.lookups | F.ruleDiagnostics): string {
    // Found once: a run asks each row several times (recall, the findings, the write).
    if (!this.tails) {
      if (this.split || this.line === undefined) this.tails = [this.fields[F.lookups]!, this.fields[F.ruleDiagnostics]!];
      else {
        const line = this.line;
        const last = line.lastIndexOf('\t');
        this.tails = [line.slice(line.lastIndexOf('\t', last - 1) + 1, last), line.slice(last + 1)];
      }
    }
    return this.tails[field === F.lookups ? 0 : 1];
  }

  set rules(value: RuleResult | KeptRules | undefined) {
    if (value === this.rules) return; // the findings kept, as they were: the row's text still holds
    if (value !== undefined && !Array.isArray(value.lookups)) throw new Error('only new findings can replace kept ones');
    this.fresh = value as RuleResult | undefined;
    this.invalidate();
  }

  /** Splits the row (its fields are what a rewrite starts from) and forgets its text. */
  private invalidate(): void {
    void this.fields;
    this.line = undefined;
  }

  lookedUpAny(numbers: readonly number[]): boolean {
    if (numbers.length === 0) return false;
    const text = this.tail(F.lookups);
    for (const n of numbers) if (text.includes(`,${n},`)) return true;
    return false;
  }

  lookups(): string[] {
    return this.tail(F.lookups).split(',').slice(1, -1).map((n) => this.lookupKeys[+n]!);
  }

  /** The row with a new stamp (a file read and found unchanged); its text still holds. */
  withStamp(stamp: FileStamp): this {
    this.newStamp = stamp;
    return this;
  }

  /** The row's fields as text, for a row rewritten with `data` (new offsets after a compaction) and its current findings. */
  text(data: [number, number, string] | undefined, lookupNumber: (key: string) => number, renumber: boolean): string {
    const f = [...this.fields];
    f[F.offset] = String(data?.[0] ?? -1);
    f[F.length] = String(data?.[1] ?? 0);
    f[F.sum] = data?.[2] ?? '';
    const rules = this.rules;
    if (rules === undefined) f[F.lookups] = f[F.ruleDiagnostics] = '';
    else if (rules !== this || renumber) [f[F.lookups], f[F.ruleDiagnostics]] = ruleFields(rules === this ? { diagnostics: this.findings(), lookups: this.lookups() } : (rules as RuleResult), lookupNumber);
    return f.join('\t');
  }

  findings(): Diagnostic[] {
    const text = this.tail(F.ruleDiagnostics);
    return text ? (JSON.parse(text) as Diagnostic[]) : NO_DIAGNOSTICS;
  }
}

export function ruleFields(rules: RuleResult, lookupNumber: (key: string) => number): [string, string] {
  return [`,${rules.lookups.map(lookupNumber).join(',')}${rules.lookups.length ? ',' : ''}`, rules.diagnostics.length ? JSON.stringify(rules.diagnostics) : ''];
}

export function rowLine(relative: string, e: CacheEntry, lookupNumber: (key: string) => number): string {
  const rules = e.rules ? ruleFields(e.rules as RuleResult, lookupNumber) : ['', ''];
  const fields = [
    /[\t\n\r"\\]/.test(relative) ? JSON.stringify(relative) : relative,
    e.state,
    e.kind,
    JSON.stringify(e.id),
    e.hash,
    e.data?.[0] ?? -1,
    e.data?.[1] ?? 0,
    e.data?.[2] ?? '',
    e.diagnostics.length ? JSON.stringify(e.diagnostics) : '',
    e.names ? JSON.stringify(e.names) : '',
    ...rules,
  ];
  return fields.join('\t');
}

export interface IndexHeader {
  format: number;
  key: string;
  codeKey: string;
  ruleKey: string;
  writtenAt: number;
  dataFile: string;
  dataBytes: number;
  /** The bytes of the data file that rows point to (the rest is dead, compacted away when it is more than half). */
  liveBytes: number;
  /** SHA-1 (base64, 12 characters) of everything after the header line. */
  sum?: string;
  /** Number of rows: a truncated index is seen. */
  files: number;
  /** The token of the change log that belongs to this index (see the change log). */
  log?: string;
  /** SHA-1 (base64) of the rows' absolute paths, in row order, joined by NUL (listingHash): a rerun over the same files can take row i as file i. */
  list?: string;
  /** The dataset-scoped rules' findings (unique ids, aliases) on these rows, when they were run by the default rules. */
  datasetFindings?: Diagnostic[];
}

/**
 * A record of the change log, appended when a run changed few rows (instead of rewriting
 * the whole index): one line, `checksum<TAB>JSON`. `at` is the log's length the writer
 * read (a record appended by a writer that did not see the one before it is not applied:
 * its lookups' numbers could clash); `rows`: the rows written ([path, stamp, row text
 * without the path]) and removed ([path]); `lookups`: the entries of the lookups table set
 * ([number, key, value]).
 */
export interface LogRecord {
  token: string;
  at: number;
  writtenAt: number;
  dataBytes: number;
  liveBytes: number;
  rows: ([string, [number, number, number, number], string] | [string])[];
  lookups: [number, string, string][];
  /** The dataset-scoped rules' findings after this change (null: none kept; absent: those before it still hold). */
  dataset?: Diagnostic[] | null;
}

/** A change log holds at most this many rows (all records together) before the index is rewritten. */
export const LOG_ROWS = 256;
/** A run that changed more rows than this rewrites the index. */
export const LOG_RECORD_ROWS = 64;

export interface CacheOpenOptions {
  /** Working directory: diagnostics hold paths relative to it. */
  cwd: string;
  /** "Today" of the rules. */
  today: string;
  /** Where notes go (a cache that could not be used); the CLI writes them on stderr. */
  onNote?: (message: string) => void;
}

/**
 * The cache of a records folder, so that a rerun reads, parses and checks only what
 * changed. Two files in the cache folder:
 *
 * - `records-<folder>.json`, the index: for each record file its stamp, content hash,
 *   kind, id, diagnostics of loading and schema validation, the findings of the
 *   record-scoped rules with the lookups of other records they made, and where its data
 *   is in the data file. Written whole (it is small: no record data) to a temporary file
 *   and renamed over the old one, so a reader sees the old or the new index, never half.
 * - `records-<folder>-<token>.data`: the valid records' data as JSON, appended to; each
 *   piece carries a checksum. A new token (a new file) when it is compacted; the index
 *   names the token and the length it relies on, so appends never disturb it.
 *
 * Trust: a file whose stamp matches its entry (size, modification and change time,
 * inode), with times older than the cache, is not read; anything else is read and its
 * SHA-1 compared with the entry's. The index is keyed by the cache format and the schemas
 * (valid data), the code of this package and the working directory (diagnostics) and
 * "today" (rule findings). A corrupt or truncated file is ignored with a note: the
 * cache can make a run slower, never its result different.
 */
export class RecordCache {
  private entries = new Map<string, Row>();
  private readonly lookups: Record<string, string> = {};
  /** The lookups table's keys in the order the index numbers them (rows written back verbatim keep their numbers). */
  private lookupKeys: string[] = [];
  private readonly fresh = new Map<string, CacheEntry>();
  /**
   * The data of the valid records read in this run, for the data file: the parsed values
   * themselves (never changed: records are read-only data), turned into JSON text only when
   * written. Holding the text instead kept a second copy of every fresh record during the
   * check (10k bench engagements: 115 MiB live after a cold check instead of about 80).
   */
  private pendingData = new Map<string, Record<string, unknown>>();
  /**
   * The data of valid records checked in worker threads, as the JSON text they sent,
   * written at once to a spool file beside the cache (`spool`) rather than held: 100k
   * engagements' texts are about 230 MB. Where each text is: offset and length in bytes.
   */
  private spooled = new Map<string, [number, number]>();
  private spoolFd: number | undefined;
  private spoolPath = '';
  private spoolBytes = 0;
  private dataFd: number | undefined;
  private dataFile = '';
  private dataBytes = 0;
  private liveBytes = 0;
  /** The change log's token (the index's), its length as read, its rows so far; undefined: the next write rewrites the index. */
  private log: { token: string; bytes: number; rows: number } | undefined;
  /** False when the rule findings of the index cannot be reused (another day, other code). */
  rulesReusable = false;
  /** The dataset-scoped rules' findings the index (and its change log) kept; undefined: none kept. */
  private datasetFindings: Diagnostic[] | undefined;
  /**
   * When this run opened the cache, before it read any file: the time written with the
   * stamps it learned. Not the time of the write: a file read early in a long run and
   * changed again within the same clock tick as its stamp (file systems with coarse
   * timestamps) keeps that stamp, and "a second older than the write" would trust it.
   */
  private readonly openedAt = Date.now();

  private constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly recordsDir: string,
    private readonly keys: { key: string; codeKey: string; ruleKey: string },
    private readonly note: (message: string) => void,
    private writtenAt = 0,
  ) {}

  /** Opens (or starts) the cache of one records folder, in `cacheDir`. Never throws. */
  static open(cacheDir: string, recordsDir: string, options: CacheOpenOptions): RecordCache {
    const cache = new RecordCache(cacheDir, cacheName(recordsDir), path.resolve(recordsDir), cacheKeys(options), options.onNote ?? (() => {}));
    cache.read();
    return cache;
  }

  private get indexPath(): string {
    return path.join(this.dir, `${this.name}.idx`);
  }

  private get logPath(): string {
    return path.join(this.dir, `${this.name}.log`);
  }

  private read(): void {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.indexPath);
    } catch {
      return; // no cache yet
    }
    let header: IndexHeader;
    let lines: string[];
    let stamps: Float64Array;
    try {
      const headerEnd = bytes.indexOf(10);
      header = JSON.parse(bytes.toString('utf8', 0, headerEnd < 0 ? bytes.length : headerEnd)) as IndexHeader;
      if (header.format !== FORMAT) return; // an older layout: start afresh, quietly
      if (typeof header.dataFile !== 'string' || !/^[0-9a-f]+$/.test(header.dataFile) || typeof header.files !== 'number' || typeof header.liveBytes !== 'number') throw new Error('unexpected layout');
      const textAt = headerEnd + 1 + header.files * 32;
      if (textAt > bytes.length) throw new Error(`expected ${header.files} stamps, found ${Math.max(0, Math.floor((bytes.length - headerEnd - 1) / 32))}`);
      if (header.sum !== checksum(bytes.subarray(headerEnd + 1))) throw new Error('its checksum does not match');
      // A copy: the block is not aligned for a Float64Array in the file's buffer (and this layout is little-endian, as every platform Node runs on).
      stamps = new Float64Array(bytes.buffer.slice(bytes.byteOffset + headerEnd + 1, bytes.byteOffset + textAt));
      lines = bytes.toString('utf8', textAt).split('\n');
      // The lookups, a row per file and the final line break: anything else is a truncated or damaged file.
      if (lines.length !== header.files + 2 || lines[lines.length - 1] !== '') throw new Error(`expected ${header.files} rows, found ${Math.max(0, lines.length - 2)}`);
    } catch (error) {
      this.note(`the cache ${this.indexPath} is unreadable (${(error as Error).message}); checking every file afresh.`);
      return;
    }
    if (header.key !== this.keys.key) return; // the schemas changed: every record is checked again
    const dataPath = this.dataPath(header.dataFile);
    let fd: number;
    try {
      fd = openSync(dataPath, 'r');
    } catch {
      this.note(`the cache's data file ${dataPath} is missing; checking every file afresh.`);
      return;
    }
    if (fstatSync(fd).size < header.dataBytes) {
      closeSync(fd);
      this.note(`the cache's data file ${dataPath} is truncated; checking every file afresh.`);
      return;
    }
    const sameCode = header.codeKey === this.keys.codeKey;
    this.rulesReusable = header.ruleKey === this.keys.ruleKey;
    try {
      const lookups = JSON.parse(lines[0]!) as [string, string][];
      if (!Array.isArray(lookups)) throw new Error('unexpected layout');
      const keys = this.rulesReusable ? lookups.map(([key]) => key) : [];
      const prefix = this.recordsDir + path.sep;
      for (let i = 1; i < lines.length - 1; i++) {
        const line = lines[i]!;
        const pathEnd = line.indexOf('\t');
        const row = new Row(line, pathEnd + 1, keys, stamps, i - 1);
        row.writtenAt = header.writtenAt;
        if (!sameCode && row.state !== 1) continue; // diagnostics were written by other code
        if (!this.rulesReusable) row.rules = undefined;
        const shown = line.slice(0, pathEnd);
        const relative = shown.startsWith('"') ? (JSON.parse(shown) as string) : shown;
        const file = relative.includes('..') || path.sep !== '/' ? path.join(this.recordsDir, relative) : prefix + relative;
        this.entries.set(file, row);
      }
      if (this.rulesReusable) {
        this.lookupKeys = keys;
        for (const [key, value] of lookups) this.lookups[key] = value;
      }
    } catch (error) {
      this.entries.clear();
      closeSync(fd);
      this.note(`the cache ${this.indexPath} is unreadable (${(error as Error).message}); checking every file afresh.`);
      return;
    }
    this.writtenAt = header.writtenAt;
    this.dataFd = fd;
    this.dataFile = header.dataFile;
    this.dataBytes = header.dataBytes;
    this.liveBytes = header.liveBytes;
    if (this.rulesReusable && Array.isArray(header.datasetFindings)) this.datasetFindings = header.datasetFindings;
    if (typeof header.log === 'string' && this.rulesReusable && sameCode) this.readLog(header.log);
  }

  /**
   * Applies the change log's records to the rows read from the index, in order. A record
   * that is damaged, torn (an interrupted append) or written without knowledge of the one
   * before it ends the log there, with a note: the rows are then what the index and the
   * records before it say (each record is a whole change), and the next write rewrites the
   * index and starts a new log.
   */
  private readLog(token: string): void {
    this.log = { token, bytes: 0, rows: 0 };
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.logPath);
    } catch {
      return; // no change since the index was written
    }
    const keys = this.lookupKeys;
    const prefix = this.recordsDir + path.sep;
    const dataSize = this.dataFd === undefined ? 0 : fstatSync(this.dataFd).size;
    let at = 0;
    while (at < bytes.length) {
      const end = bytes.indexOf(10, at);
      let record: LogRecord;
      try {
        const parsed = parseLogRecord(bytes, at, end, token, keys, dataSize);
        if (parsed === undefined) return; // the log of an older index (left by a run that stopped before removing it)
        record = parsed;
        const rows: [string, Row | undefined][] = record.rows.map((change) => {
          const relative = change[0];
          if (typeof relative !== 'string') throw new Error('unexpected layout');
          const file = relative.includes('..') || path.sep !== '/' ? path.join(this.recordsDir, relative) : prefix + relative;
          if (change.length === 1) return [file, undefined];
          const [, stamp, rest] = change;
          if (!Array.isArray(stamp) || stamp.length !== 4 || typeof rest !== 'string') throw new Error('unexpected layout');
          const shown = /[\t\n\r"\\]/.test(relative) ? JSON.stringify(relative) : relative;
          const row = new Row(`${shown}\t${rest}`, shown.length + 1, keys, Float64Array.from(stamp), 0);
          row.writtenAt = record.writtenAt;
          return [file, row];
        });
        for (const [n, key, value] of record.lookups) {
          if (n === keys.length) keys.push(key);
          this.lookups[key] = value;
        }
        for (const [file, row] of rows) {
          if (row) this.entries.set(file, row);
          else this.entries.delete(file);
        }
        if (record.dataset !== undefined) this.datasetFindings = Array.isArray(record.dataset) ? record.dataset : undefined;
      } catch (error) {
        this.note(`the cache's change log ${this.logPath} is damaged from byte ${at} (${(error as Error).message}); the changes before it are used.`);
        this.log = undefined;
        return;
      }
      this.dataBytes = record.dataBytes;
      this.liveBytes = record.liveBytes;
      this.log.rows += record.rows.length;
      at = end + 1;
      this.log.bytes = at;
    }
  }

  private dataPath(token: string): string {
    return path.join(this.dir, `${this.name}-${token}.data`);
  }

  /**
   * The entry of a file whose content is the one cached, or undefined. `stamps[i]` is the
   * file's lstat taken before anything reads it. Reads and hashes the file when its stamp
   * does not prove it unchanged; `read` is told the bytes so that a miss need not read again.
   */
  recall(file: string, kind: RecordKind, stamps: FileStamps, i: number, hashOf: (bytes: Uint8Array) => string, read: (bytes: Uint8Array | undefined) => void): CacheEntry | undefined {
    const entry = this.entries.get(file);
    if (!entry || entry.kind !== kind) return undefined;
    const trusted = entry.writtenAt - RACY_MS;
    const settled = stamps.values[4 * i + 1]! < trusted && stamps.values[4 * i + 2]! < trusted;
    if (settled && entry.sameStamp(stamps, i)) return this.keep(file, entry);
    const stamp = stampOf(stamps, i);
    let bytes: Uint8Array | undefined;
    try {
      bytes = readFileSync(file);
    } catch {
      bytes = undefined;
    }
    read(bytes);
    if (!bytes || hashOf(bytes) !== entry.hash) return undefined;
    return this.keep(file, entry.withStamp(stamp));
  }

  /**
   * How many of `files` (`stamps[i]` the lstat of file i) the cache cannot vouch for by
   * their stamps alone: no entry, or a stamp that does not prove the content unchanged
   * (recall would read and hash them, and most of them are then checked afresh).
   */
  unsettled(files: readonly string[], stamps: FileStamps): number {
    let count = 0;
    files.forEach((file, i) => {
      const entry = this.entries.get(file);
      const trusted = (entry?.writtenAt ?? 0) - RACY_MS;
      if (!entry || !(stamps.values[4 * i + 1]! < trusted && stamps.values[4 * i + 2]! < trusted && entry.sameStamp(stamps, i))) count++;
    });
    return count;
  }

  private keep(file: string, entry: CacheEntry): CacheEntry {
    this.fresh.set(file, entry);
    return entry;
  }

  /** Records what a file (read with `stamp`, its bytes hashing to `hash`) gave. `data`: a valid record's data. */
  remember(file: string, entry: Omit<CacheEntry, 'data' | 'rules' | 'names'>, data?: Record<string, unknown>): CacheEntry {
    const stored: CacheEntry = { ...entry };
    if (data && entry.kind !== 'engagement') {
      const { name, aliases, country } = data as { name: string; aliases?: string[]; country?: string };
      stored.names = { name, aliases: aliases ?? [], ...(country !== undefined ? { country } : {}) };
    }
    this.fresh.set(file, stored);
    if (data) {
      this.pendingData.set(file, data);
      this.spooled.delete(file);
    }
    return stored;
  }

  /** Forgets every spooled text (a check in workers that failed and was done again here). */
  unspool(): void {
    this.spooled.clear();
  }

  /**
   * Keeps `text`, a valid record's data as JSON text (what the data file holds), for the
   * next write, in the spool file rather than in memory; then `remember` the file (its
   * data need not be given). For records checked in other threads, whose data the main
   * thread does not hold. Throws when the spool cannot be written (the caller keeps no cache).
   */
  spool(file: string, text: string): void {
    if (this.spoolFd === undefined) {
      mkdirSync(this.dir, { recursive: true });
      this.spoolPath = path.join(this.dir, `${this.name}.spool-${process.pid}-${randomBytes(4).toString('hex')}`);
      this.spoolFd = openSync(this.spoolPath, 'w+');
    }
    const length = writeSync(this.spoolFd, text, this.spoolBytes, 'utf8');
    this.spooled.set(file, [this.spoolBytes, length]);
    this.spoolBytes += length;
  }

  /** Whether a file's data is to be written (read in this run, kept in memory or spooled). */
  private hasPending(file: string): boolean {
    return this.pendingData.has(file) || this.spooled.has(file);
  }

  /** The JSON text of a file's pending data, as bytes (undefined: none pending). Throws when the spool cannot be read back. */
  private pendingPiece(file: string): Buffer | undefined {
    const pending = this.pendingData.get(file);
    if (pending !== undefined) return Buffer.from(JSON.stringify(pending));
    const at = this.spooled.get(file);
    if (at === undefined) return undefined;
    const buffer = Buffer.allocUnsafe(at[1]);
    if (readSync(this.spoolFd!, buffer, 0, at[1], at[0]) !== at[1]) throw new Error('the spool file is shorter than written');
    return buffer;
  }

  /** The lookups table: the keys that kept rule findings depend on, with the values they had, in the index's numbering. */
  lookupTable(): readonly (readonly [string, string])[] {
    return this.lookupKeys.map((key) => [key, this.lookups[key]!] as const);
  }

  /**
   * The data of a valid record from the data file, or undefined when that piece is
   * damaged (its checksum does not match); the caller then parses the file itself.
   */
  readData(file: string): Record<string, unknown> | undefined {
    if (this.hasPending(file)) {
      try {
        return JSON.parse(this.pendingPiece(file)!.toString('utf8')) as Record<string, unknown>; // a copy, as from the file
      } catch {
        return undefined; // the spool could not be read back: the caller parses the file
      }
    }
    const ref = (this.fresh.get(file) ?? this.entries.get(file))?.data;
    const text = ref ? this.readPiece(ref) : undefined;
    if (text === undefined) {
      this.note(`a piece of the cache's data for ${path.relative(this.recordsDir, file)} is damaged; read the file instead.`);
      return undefined;
    }
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  private readPiece([offset, length, sum]: [number, number, string]): string | undefined {
    if (this.dataFd === undefined) return undefined;
    const buffer = Buffer.allocUnsafe(length);
    try {
      if (readSync(this.dataFd, buffer, 0, length, offset) !== length) return undefined;
    } catch {
      return undefined;
    }
    return checksum(buffer) === sum ? buffer.toString('utf8') : undefined;
  }

  /**
   * Writes what this run learned: the entries of the files seen in this run (files no
   * longer there are forgotten), their new data appended to the data file (or a new,
   * compacted data file when more than half of the old one is dead), then the index,
   * atomically. `lookups`: the values of the lookups that the rule findings depend on.
   * Failures to write are notes, never errors: the check's result does not depend on them.
   */
  save(lookups: Record<string, string> | undefined, datasetFindings?: Diagnostic[]): void {
    try {
      this.write(lookups, lookups ? datasetFindings : undefined);
    } catch (error) {
      this.note(`could not write the cache in ${this.dir} (${(error as Error).message}); the next run checks every file afresh.`);
    }
    // The spool's texts are in the data file now (or lost with the write); its descriptor
    // stays open for readData, its name goes.
    if (this.spoolFd !== undefined) rmSync(this.spoolPath, { force: true });
    // The data file stays open: records recalled in this run read their data when used,
    // which may be after this (an exporter, --changed). A compacted-away file stays
    // readable through the open descriptor; the process's end closes it.
  }

  /**
   * Writes this run's changes as one record of the change log (see LogRecord) instead of
   * rewriting the index, when they are few: rewriting 10,000 rows to change one cost a
   * tenth of a one-file rerun. False (nothing written) when the index must be rewritten:
   * no log to append to, too many changes, or another process appended since it was read.
   */
  private appendLog(lookups: Record<string, string>, live: number, datasetFindings: Diagnostic[] | undefined): boolean {
    const log = this.log;
    if (!log || this.dataFd === undefined) return false;
    const changed: string[] = [];
    for (const [file, entry] of this.fresh) if (!(entry instanceof Row && entry.unchanged && this.entries.get(file) === entry) || this.hasPending(file)) changed.push(file);
    // A file added or removed rewrites the index: its rows stay the listed files, in order (the header's listing hash).
    if (this.fresh.size !== this.entries.size || changed.some((file) => !this.entries.has(file))) return false;
    const count = changed.length;
    if (count > LOG_RECORD_ROWS || log.rows + count > LOG_ROWS) return false;
    const dataset = JSON.stringify(datasetFindings ?? null) === JSON.stringify(this.datasetFindings ?? null) ? undefined : datasetFindings ?? null;
    // The lookups table: values brought up to date, new keys numbered after the old ones.
    const table: [number, string, string][] = [];
    const numbers = new Map<string, number>();
    this.lookupKeys.forEach((key, n) => {
      numbers.set(key, n);
      const value = lookups[key] ?? '';
      if (value !== this.lookups[key]) table.push([n, key, value]);
    });
    const number = (key: string): number => {
      let n = numbers.get(key);
      if (n === undefined) {
        n = numbers.size;
        numbers.set(key, n);
        table.push([n, key, lookups[key] ?? '']);
      }
      return n;
    };
    for (const key of Object.keys(lookups)) number(key);
    if (count === 0 && table.length === 0 && dataset === undefined) return true; // nothing changed: nothing to write
    const rows: LogRecord['rows'] = [];
    let bytes = this.dataBytes;
    let appended = 0;
    const pieces: Buffer[] = [];
    for (const file of changed.sort()) {
      const entry = this.fresh.get(file)!;
      const piece = this.pendingPiece(file);
      let data = entry.data;
      if (piece !== undefined) {
        data = [bytes, piece.length, checksum(piece)];
        pieces.push(piece);
        bytes += piece.length;
        appended += piece.length;
      }
      const relative = path.relative(this.recordsDir, file).split(path.sep).join('/');
      const line = entry instanceof Row ? entry.text(data, number, false) : rowLine(relative, { ...entry, ...(data ? { data } : {}) }, number);
      const { size, mtimeMs, ctimeMs, ino } = entry.stamp;
      rows.push([relative, [size, mtimeMs, ctimeMs, ino], line.slice(line.indexOf('\t') + 1)]);
    }
    if (pieces.length > 0 && !appendAt(this.dataPath(this.dataFile), this.dataBytes, Buffer.concat(pieces))) return false;
    const record: LogRecord = { token: log.token, at: log.bytes, writtenAt: this.openedAt, dataBytes: bytes, liveBytes: live + appended, rows, lookups: table, ...(dataset !== undefined ? { dataset } : {}) };
    const json = JSON.stringify(record);
    return appendAt(this.logPath, log.bytes, `${checksum(Buffer.from(json))}\t${json}\n`);
  }

  private write(lookups: Record<string, string> | undefined, datasetFindings: Diagnostic[] | undefined): void {
    mkdirSync(this.dir, { recursive: true });
    // The bytes of the data file still used: what the index said, less the pieces of files
    // gone or changed (only their rows are parsed).
    let live = this.liveBytes;
    for (const [file, entry] of this.entries) if (this.fresh.get(file) !== entry || this.hasPending(file)) live -= entry.data?.[1] ?? 0;
    const compact = this.dataFd === undefined || live < this.dataBytes / 2;
    if (!compact && lookups && this.appendLog(lookups, live, datasetFindings)) return;
    let token = this.dataFile;
    let out: number;
    let bytes: number;
    if (compact) {
      token = randomBytes(8).toString('hex');
      out = openSync(this.dataPath(token), 'w');
      bytes = 0;
    } else {
      out = openSync(this.dataPath(token), 'a');
      bytes = fstatSync(out).size; // an interrupted run may have appended past what the index knows
    }
    // The lookups table keeps the numbers of the old one (rows written back verbatim use
    // them; its values are brought up to date) and numbers new keys after them. It starts
    // afresh when no findings were kept, and whenever "today" or the code changes.
    const current = lookups ?? {};
    const renumber = !lookups;
    const lookupKeys = renumber ? [] : [...this.lookupKeys, ...Object.keys(current).filter((key) => !(key in this.lookups))];
    const lookupIndexes = new Map(lookupKeys.map((key, i) => [key, i]));
    const number = (key: string): number => {
      let n = lookupIndexes.get(key);
      if (n === undefined) {
        n = lookupKeys.push(key) - 1; // a key of kept findings missing from `lookups`: cannot happen, but never a wrong number
        lookupIndexes.set(key, n);
      }
      return n;
    };
    const lines: string[] = [];
    const written: string[] = []; // the files of the rows, in row order
    const stampBlock = new Float64Array(this.fresh.size * 4);
    let appended = 0;
    try {
      let chunk: Buffer[] = [];
      let chunkBytes = 0;
      const append = (piece: Buffer): [number, number, string] => {
        const ref: [number, number, string] = [bytes, piece.length, checksum(piece)];
        chunk.push(piece);
        chunkBytes += piece.length;
        bytes += piece.length;
        if (chunkBytes > 1 << 20) flush();
        return ref;
      };
      const flush = () => {
        if (chunkBytes > 0) writeSync(out, Buffer.concat(chunk));
        chunk = [];
        chunkBytes = 0;
      };
      const sorted = [...this.fresh.keys()].sort();
      for (const file of sorted) {
        const entry = this.fresh.get(file)!;
        const piece = this.pendingPiece(file);
        let moved: [number, number, string] | undefined;
        if (piece !== undefined) moved = append(piece);
        else if (compact && entry.data) {
          const text = this.readPiece(entry.data);
          if (text === undefined) continue; // damaged: forget the entry
          moved = append(Buffer.from(text));
        }
        if (moved) appended += moved[1];
        if (renumber) entry.rules = undefined;
        written.push(file);
        if (entry instanceof Row) {
          // Nothing in the row changed: its text as read (without even splitting it).
          entry.copyStamp(stampBlock, lines.length);
          lines.push(entry.line !== undefined && !moved ? entry.line : entry.text(moved ?? entry.data, number, renumber));
          continue;
        }
        const relative = path.relative(this.recordsDir, file).split(path.sep).join('/');
        const data = moved ?? entry.data;
        stampBlock.set([entry.stamp.size, entry.stamp.mtimeMs, entry.stamp.ctimeMs, entry.stamp.ino], 4 * lines.length);
        lines.push(rowLine(relative, { ...entry, ...(data ? { data } : {}) }, number));
      }
      flush();
    } finally {
      closeSync(out);
    }
    const logToken = randomBytes(6).toString('hex');
    const header: IndexHeader = { format: FORMAT, ...this.keys, writtenAt: this.openedAt, dataFile: token, dataBytes: bytes, liveBytes: compact ? appended : live + appended, files: lines.length, log: logToken, list: listingHash(written), ...(datasetFindings ? { datasetFindings } : {}) };
    const table = lookupKeys.map((key) => [key, current[key] ?? '']);
    const tmp = `${this.indexPath}.${process.pid}.tmp`;
    // The body (the stamps, the lookups and the rows) is checksummed in the header: a
    // damaged byte anywhere, not only a truncation, makes the index ignored rather than believed.
    const body = Buffer.concat([Buffer.from(stampBlock.buffer, 0, lines.length * 32), Buffer.from(`${JSON.stringify(table)}\n${lines.join('\n')}${lines.length ? '\n' : ''}`)]);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, `${JSON.stringify({ ...header, sum: checksum(body) })}\n`);
      writeSync(fd, body);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.indexPath);
    rmSync(this.logPath, { force: true }); // the old index's log: its token is not the new index's, so it would be ignored anyway
    // Data files of older compactions (and of other processes' unfinished ones) are dead now.
    for (const name of readdirSync(this.dir)) {
      if (name.startsWith(`${this.name}-`) && name.endsWith('.data') && name !== `${this.name}-${token}.data`) rmSync(path.join(this.dir, name), { force: true });
    }
  }
}

/**
 * The change-log record in `bytes` from `at` to `end` (its line break), checked whole
 * before any of it is applied (a record is one change): its checksum, its index's token,
 * its place after the record before it, its layout and the numbering of its lookups
 * against `keys` (the table so far). Undefined for the first record of an older index's
 * log; throws, saying why, on a damaged or torn record.
 */
export function parseLogRecord(bytes: Buffer, at: number, end: number, token: string, keys: readonly string[], dataSize: number): LogRecord | undefined {
  if (end < 0) throw new Error('a record is cut short');
  const line = bytes.toString('utf8', at, end);
  const tab = line.indexOf('\t');
  const json = line.slice(tab + 1);
  if (tab < 0 || line.slice(0, tab) !== checksum(Buffer.from(json))) throw new Error('its checksum does not match');
  const record = JSON.parse(json) as LogRecord;
  if (record.token !== token) {
    if (at === 0) return undefined;
    throw new Error('a record of another index');
  }
  if (record.at !== at) throw new Error('a record written without the one before it');
  if (!Array.isArray(record.rows) || !Array.isArray(record.lookups) || typeof record.writtenAt !== 'number') throw new Error('unexpected layout');
  if (!(record.dataBytes <= dataSize)) throw new Error('the data file is shorter than it says');
  let known = keys.length;
  for (const [n, key, value] of record.lookups) {
    if (typeof n !== 'number' || n > known || typeof key !== 'string' || typeof value !== 'string') throw new Error('unexpected layout');
    if (n === known) known++;
    else if (n < keys.length && keys[n] !== key) throw new Error('a lookup numbered differently');
  }
  return record;
}

/** Appends `text` to the file at `file` if its length is `expected` (nothing else appended since it was read); false otherwise. */
export function appendAt(file: string, expected: number, text: string | Buffer): boolean {
  const fd = openSync(file, 'a');
  try {
    if (fstatSync(fd).size !== expected) return false;
    writeSync(fd, typeof text === 'string' ? Buffer.from(text) : text);
    return true;
  } finally {
    closeSync(fd);
  }
}

/** The cache's keys for a run: the cache format and schemas (valid data), this package's code and the working directory (diagnostics), "today" (rule findings). */
export function cacheKeys(options: { cwd: string; today: string }): { key: string; codeKey: string; ruleKey: string } {
  const key = sha256(`${FORMAT}\n${schemaSignature()}`);
  const codeKey = sha256(`${key}\n${codeSignature()}\n${options.cwd}`);
  const ruleKey = sha256(`${codeKey}\n${options.today}`);
  return { key, codeKey, ruleKey };
}

/** The name of a records folder's files in the cache folder. */
export function cacheName(recordsDir: string): string {
  return `records-${sha256(path.resolve(recordsDir))}`;
}

/** SHA-1 (base64) of absolute paths, in order, joined by NUL: the index's rows are the listed files exactly when the two agree. */
export function listingHash(files: readonly string[]): string {
  return createHash('sha1').update(files.join('\0')).digest('base64');
}

const KINDS: Record<string, RecordKind> = { engagement: 'engagement', person: 'person', organization: 'organization' };

let cachedSchemaSignature: string | undefined;

/** The schemas, as a key of the cache: valid data stays valid only under the same schemas. */
function schemaSignature(): string {
  return (cachedSchemaSignature ??= JSON.stringify(schemas));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export function checksum(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64').slice(0, 12);
}
