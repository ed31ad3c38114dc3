import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { hashOf } from '../load/fastLoadBatch.js';
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { schemas, type RecordKind } from '@engagements/schema';

/** Bump when the cache's layout or the meaning of a cached value changes. */
const FORMAT = 2; // 2: files holding invisible characters are no longer valid (YAML007)

interface Entry {
  size: number;
  mtimeMs: number;
  hash: string;
  kind: RecordKind;
  data: Record<string, unknown>;
}

interface CacheFile {
  key: string;
  writtenAt: number;
  entries: Record<string, Entry>;
}

/** What the cache says about one file: its cached valid data, or a miss. */
export type CacheLookup = { hit: true; data: Record<string, unknown> } | { hit: false };

/**
 * A content-hash cache of records that passed schema validation, so that a rerun parses
 * only files that changed. A file whose size and modification time match its entry is
 * not read at all (as git's index does); one that looks changed is read and hashed, and is
 * a hit when its content is the same. Files modified within a second of the cache being
 * written are always hashed, since a second edit in the same clock tick keeps the mtime.
 * The cache is keyed by the schemas and the cache format: any schema change empties it.
 * Rules are never cached: they look across records and run on every check.
 */
export class RecordCache {
  private entries: Record<string, Entry> = {};
  private writtenAt = 0;
  private dirty = false;
  private readonly seen = new Set<string>();

  private constructor(
    private readonly file: string,
    private readonly key: string,
  ) {}

  /** Opens (or starts) the cache for one records folder, in `cacheDir`. */
  static async open(cacheDir: string, recordsDir: string): Promise<RecordCache> {
    const key = createHash('sha256').update(`${FORMAT}\n${JSON.stringify(schemas)}`).digest('hex').slice(0, 16);
    const name = createHash('sha256').update(path.resolve(recordsDir)).digest('hex').slice(0, 16);
    const cache = new RecordCache(path.join(cacheDir, `records-${name}.json`), key);
    try {
      const parsed = JSON.parse(await readFile(cache.file, 'utf8')) as CacheFile;
      if (parsed.key === key && parsed.entries && typeof parsed.entries === 'object') {
        cache.entries = parsed.entries;
        cache.writtenAt = parsed.writtenAt;
      } else cache.dirty = true;
    } catch {
      cache.dirty = true; // no cache yet, or an unreadable one: start afresh
    }
    return cache;
  }

  lookup(absolutePath: string, kind: RecordKind): CacheLookup {
    this.seen.add(absolutePath);
    const entry = this.entries[absolutePath];
    if (!entry || entry.kind !== kind) return { hit: false };
    const info = statOrUndefined(absolutePath);
    if (!info) return { hit: false };
    if (info.size === entry.size && info.mtimeMs === entry.mtimeMs && info.mtimeMs < this.writtenAt - 1000) return { hit: true, data: entry.data };
    const bytes = readOrUndefined(absolutePath);
    if (bytes && hashOf(bytes) === entry.hash) {
      this.entries[absolutePath] = { ...entry, size: info.size, mtimeMs: info.mtimeMs };
      this.dirty = true;
      return { hit: true, data: entry.data };
    }
    return { hit: false };
  }

  /** Records the data of a file that passed schema validation, with the size, mtime and hash it was read with. */
  store(absolutePath: string, kind: RecordKind, data: Record<string, unknown>, file: { size: number; mtimeMs: number; hash: string }): void {
    this.entries[absolutePath] = { ...file, kind, data };
    this.dirty = true;
  }

  /** Writes the cache (atomically) when it changed, forgetting files that no longer exist. */
  async save(): Promise<void> {
    for (const file of Object.keys(this.entries)) {
      if (!this.seen.has(file)) {
        delete this.entries[file];
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    // Written entry by entry: one JSON.stringify of a large dataset's cache would hold
    // hundreds of megabytes in a single string.
    const fd = openSync(tmp, 'w');
    try {
      let chunk = `{"key":${JSON.stringify(this.key)},"writtenAt":${Date.now()},"entries":{`;
      let first = true;
      for (const [file, entry] of Object.entries(this.entries)) {
        chunk += `${first ? '' : ','}${JSON.stringify(file)}:${JSON.stringify(entry)}`;
        first = false;
        if (chunk.length > 1 << 20) {
          writeSync(fd, chunk);
          chunk = '';
        }
      }
      writeSync(fd, `${chunk}}}`);
    } finally {
      closeSync(fd);
    }
    await rename(tmp, this.file);
  }
}


// Synchronous file system calls: for thousands of small files they are much cheaper than
// the promise API's round trips through the thread pool.
function statOrUndefined(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function readOrUndefined(file: string): Uint8Array | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
