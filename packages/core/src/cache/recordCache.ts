import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import { schemas, type RecordKind } from '@engagements/schema';
import type { Diagnostic } from '../diagnostics.js';
import { codeSignature } from './resultCache.js';

/** Bump when the cache's layout or the meaning of a cached value changes. */
const FORMAT = 3; // 3: index and data files (2: one JSON file; files holding invisible characters are not valid, YAML007)

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

export function stampOf(info: Stats): FileStamp {
  return { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
}

/**
 * A stamp is trusted only when the file's times are at least this much older than the
 * moment the cache was written: a second edit within the same clock tick as the first
 * would leave the times unchanged, so such files are always read and hashed.
 */
const RACY_MS = 1000;

/** The record-scoped rules' findings on one record and the lookups (ids of other records) they made. */
export interface RuleResult {
  diagnostics: Diagnostic[];
  /** Lookups, as keys of `RuleLookups` (see incremental.ts). */
  lookups: string[];
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
  rules?: RuleResult;
}

interface IndexFile {
  format: number;
  key: string;
  codeKey: string;
  ruleKey: string;
  writtenAt: number;
  dataFile: string;
  dataBytes: number;
  /** The lookups rule findings depend on, with the value each had when they were computed. */
  lookups: [string, string][];
  /** One row per file (arrays, not objects: the index of 100,000 files parses in a fraction of the time). */
  files: Row[];
}

/**
 * [path relative to the records folder, size, mtimeMs, ctimeMs, ino, hash, kind, id,
 * state, diagnostics or 0, data offset, data length, data checksum, rule diagnostics
 * (0: none, null: no findings kept), indexes into `lookups`].
 */
type Row = [string, number, number, number, number, string, RecordKind, string | null, 1 | 0 | -1, Diagnostic[] | 0, number, number, string, Diagnostic[] | 0 | null, number[]];

function toRow(relative: string, e: CacheEntry, lookupIndex: (key: string) => number): Row {
  const { stamp: st } = e;
  return [relative, st.size, st.mtimeMs, st.ctimeMs, st.ino, e.hash, e.kind, e.id, e.state, e.diagnostics.length ? e.diagnostics : 0, e.data?.[0] ?? -1, e.data?.[1] ?? 0, e.data?.[2] ?? '', e.rules ? (e.rules.diagnostics.length ? e.rules.diagnostics : 0) : null, e.rules ? e.rules.lookups.map(lookupIndex) : []];
}

function fromRow(r: Row, keys: readonly string[]): CacheEntry {
  const entry: CacheEntry = { stamp: { size: r[1], mtimeMs: r[2], ctimeMs: r[3], ino: r[4] }, hash: r[5], kind: r[6], id: r[7], state: r[8], diagnostics: r[9] || [] };
  if (r[10] >= 0) entry.data = [r[10], r[11], r[12]];
  if (r[13] !== null) entry.rules = { diagnostics: r[13] || [], lookups: r[14].map((k) => keys[k]!) };
  return entry;
}

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
  private entries = new Map<string, CacheEntry>();
  private readonly lookups: Record<string, string> = {};
  private readonly fresh = new Map<string, CacheEntry>();
  private pendingData = new Map<string, string>();
  private dataFd: number | undefined;
  private dataFile = '';
  private dataBytes = 0;
  /** False when the rule findings of the index cannot be reused (another day, other code). */
  rulesReusable = false;

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
    const key = sha256(`${FORMAT}\n${JSON.stringify(schemas)}`);
    const codeKey = sha256(`${key}\n${codeSignature()}\n${options.cwd}`);
    const ruleKey = sha256(`${codeKey}\n${options.today}`);
    const name = `records-${sha256(path.resolve(recordsDir))}`;
    const cache = new RecordCache(cacheDir, name, path.resolve(recordsDir), { key, codeKey, ruleKey }, options.onNote ?? (() => {}));
    cache.read();
    return cache;
  }

  private get indexPath(): string {
    return path.join(this.dir, `${this.name}.json`);
  }

  private read(): void {
    let text: string;
    try {
      text = readFileSync(this.indexPath, 'utf8');
    } catch {
      return; // no cache yet
    }
    let index: IndexFile;
    try {
      index = JSON.parse(text) as IndexFile;
      if (index.format !== FORMAT) return; // an older layout: start afresh, quietly
      if (!Array.isArray(index.files) || !Array.isArray(index.lookups) || typeof index.dataFile !== 'string' || !/^[0-9a-f]+$/.test(index.dataFile)) throw new Error('unexpected layout');
    } catch (error) {
      this.note(`the cache ${this.indexPath} is unreadable (${(error as Error).message}); checking every file afresh.`);
      return;
    }
    if (index.key !== this.keys.key) return; // the schemas changed: every record is checked again
    const dataPath = this.dataPath(index.dataFile);
    let fd: number;
    try {
      fd = openSync(dataPath, 'r');
    } catch {
      this.note(`the cache's data file ${dataPath} is missing; checking every file afresh.`);
      return;
    }
    if (fstatSync(fd).size < index.dataBytes) {
      closeSync(fd);
      this.note(`the cache's data file ${dataPath} is truncated; checking every file afresh.`);
      return;
    }
    const sameCode = index.codeKey === this.keys.codeKey;
    this.rulesReusable = index.ruleKey === this.keys.ruleKey;
    try {
      const keys = this.rulesReusable ? index.lookups.map(([key]) => key) : [];
      const prefix = this.recordsDir + path.sep;
      for (const row of index.files) {
        if (!sameCode && row[8] !== 1) continue; // diagnostics were written by other code
        if (!this.rulesReusable) row[13] = null;
        if (row[10] >= 0 && row[10] + row[11] > index.dataBytes) continue;
        const file = row[0].includes('..') || path.sep !== '/' ? path.join(this.recordsDir, row[0]) : prefix + row[0];
        this.entries.set(file, fromRow(row, keys));
      }
      if (this.rulesReusable) for (const [key, value] of index.lookups) this.lookups[key] = value;
    } catch (error) {
      this.entries.clear();
      closeSync(fd);
      this.note(`the cache ${this.indexPath} is unreadable (${(error as Error).message}); checking every file afresh.`);
      return;
    }
    this.writtenAt = index.writtenAt;
    this.dataFd = fd;
    this.dataFile = index.dataFile;
    this.dataBytes = index.dataBytes;
  }

  private dataPath(token: string): string {
    return path.join(this.dir, `${this.name}-${token}.data`);
  }

  /**
   * The entry of a file whose content is the one cached, or undefined. `info` is the
   * file's lstat taken before anything reads it. Reads and hashes the file when its stamp
   * does not prove it unchanged; `read` is told the bytes so that a miss need not read again.
   */
  recall(file: string, kind: RecordKind, info: Stats, hashOf: (bytes: Uint8Array) => string, read: (bytes: Uint8Array | undefined) => void): CacheEntry | undefined {
    const entry = this.entries.get(file);
    if (!entry || entry.kind !== kind) return undefined;
    const old = entry.stamp;
    const settled = info.mtimeMs < this.writtenAt - RACY_MS && info.ctimeMs < this.writtenAt - RACY_MS;
    if (settled && info.size === old.size && info.mtimeMs === old.mtimeMs && info.ctimeMs === old.ctimeMs && info.ino === old.ino) return this.keep(file, entry);
    const stamp = stampOf(info);
    let bytes: Uint8Array | undefined;
    try {
      bytes = readFileSync(file);
    } catch {
      bytes = undefined;
    }
    read(bytes);
    if (!bytes || hashOf(bytes) !== entry.hash) return undefined;
    return this.keep(file, { ...entry, stamp });
  }

  private keep(file: string, entry: CacheEntry): CacheEntry {
    this.fresh.set(file, entry);
    return entry;
  }

  /** Records what a file (read with `stamp`, its bytes hashing to `hash`) gave. `data`: a valid record's data. */
  remember(file: string, entry: Omit<CacheEntry, 'data' | 'rules'>, data?: Record<string, unknown>): CacheEntry {
    const stored: CacheEntry = { ...entry };
    this.fresh.set(file, stored);
    if (data) this.pendingData.set(file, JSON.stringify(data));
    return stored;
  }

  /** The lookup values the cached rule findings were computed with. */
  lookupValues(): Readonly<Record<string, string>> {
    return this.lookups;
  }

  /**
   * The data of a valid record from the data file, or undefined when that piece is
   * damaged (its checksum does not match); the caller then parses the file itself.
   */
  readData(file: string): Record<string, unknown> | undefined {
    const pending = this.pendingData.get(file);
    if (pending !== undefined) return JSON.parse(pending) as Record<string, unknown>;
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
  save(lookups: Record<string, string> | undefined): void {
    try {
      this.write(lookups);
    } catch (error) {
      this.note(`could not write the cache in ${this.dir} (${(error as Error).message}); the next run checks every file afresh.`);
    }
    // The data file stays open: records recalled in this run read their data when used,
    // which may be after this (an exporter, --changed). A compacted-away file stays
    // readable through the open descriptor; the process's end closes it.
  }

  private write(lookups: Record<string, string> | undefined): void {
    mkdirSync(this.dir, { recursive: true });
    let live = 0;
    for (const [file, entry] of this.fresh) if (entry.data && !this.pendingData.has(file)) live += entry.data[1];
    const compact = this.dataFd === undefined || live < this.dataBytes / 2;
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
    const files: Row[] = [];
    const lookupKeys = Object.keys(lookups ?? {});
    const lookupIndexes = new Map(lookupKeys.map((key, i) => [key, i]));
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
        const entry = { ...this.fresh.get(file)! };
        const pending = this.pendingData.get(file);
        if (pending !== undefined) entry.data = append(Buffer.from(pending));
        else if (entry.data && compact) {
          const text = this.readPiece(entry.data);
          if (text === undefined) continue; // damaged: forget the entry
          entry.data = append(Buffer.from(text));
        }
        if (!lookups) delete entry.rules;
        files.push(toRow(path.relative(this.recordsDir, file).split(path.sep).join('/'), entry, (key) => lookupIndexes.get(key)!));
      }
      flush();
    } finally {
      closeSync(out);
    }
    const index: IndexFile = { format: FORMAT, ...this.keys, writtenAt: Date.now(), dataFile: token, dataBytes: bytes, lookups: lookupKeys.map((key) => [key, lookups![key]!]), files };
    const tmp = `${this.indexPath}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      // Entry by entry: one JSON.stringify of a large index would hold it all in one string.
      writeSync(fd, `{"format":${index.format},"key":"${index.key}","codeKey":"${index.codeKey}","ruleKey":"${index.ruleKey}","writtenAt":${index.writtenAt},"dataFile":"${token}","dataBytes":${bytes},"lookups":${JSON.stringify(index.lookups)},"files":[`);
      let text = '';
      files.forEach((item, i) => {
        text += (i ? ',' : '') + JSON.stringify(item);
        if (text.length > 1 << 20) {
          writeSync(fd, text);
          text = '';
        }
      });
      writeSync(fd, `${text}]}`);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.indexPath);
    // Data files of older compactions (and of other processes' unfinished ones) are dead now.
    for (const name of readdirSync(this.dir)) {
      if (name.startsWith(`${this.name}-`) && name.endsWith('.data') && name !== `${this.name}-${token}.data`) rmSync(path.join(this.dir, name), { force: true });
    }
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function checksum(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64').slice(0, 12);
}
