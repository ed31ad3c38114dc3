import type { RecordKind } from '@engagements/schema';
import type { AnyRecord, RecordNames } from '../dataset.js';
import { LazyRecord } from '../load/lazyRecord.js';
import type { CacheEntry, RecordCache } from './recordCache.js';

/**
 * A record whose file's content is the one the cache holds: its data is read when first
 * asked, from the cache's data file (valid records) or the file itself, and its names
 * (for the dataset-scoped rules) come from the cache's index. Nothing is read for the
 * thousands of records an incremental run never looks at.
 */
class RecalledRecord extends LazyRecord {
  readonly #entry: CacheEntry;
  readonly #cache: RecordCache;

  constructor(kind: RecordKind, file: string, absolutePath: string, relativePath: string, id: string | null, valid: boolean, entry: CacheEntry, cache: RecordCache) {
    super(kind, file, absolutePath, relativePath, id, valid);
    this.#entry = entry;
    this.#cache = cache;
  }

  get names(): RecordNames | undefined {
    return this.#entry.names;
  }

  protected knownData(): unknown {
    return this.valid ? this.#cache.readData(this.absolutePath) : undefined;
  }
}

/** The record of a file whose content is the one cached (undefined for a file that is not readable as a record). */
export function recalledRecord(file: string, kind: RecordKind, entry: CacheEntry, cache: RecordCache, display: string, relative: string): AnyRecord | undefined {
  if (entry.state === -1) return undefined;
  return new RecalledRecord(kind, display, file, relative, entry.id, entry.state === 1, entry, cache) as unknown as AnyRecord;
}
