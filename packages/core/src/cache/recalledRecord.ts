import { readFileSync } from 'node:fs';
import type { RecordKind } from '@engagements/schema';
import type { AnyRecord, RecordNames, SourceLocator } from '../dataset.js';
import { fastLoad } from '../load/fastParse.js';
import { createLazyLocator } from '../load/lazyLocator.js';
import { parseRecordBytes } from '../load/parseYaml.js';
import type { CacheEntry, RecordCache } from './recordCache.js';

type Parsed = ReturnType<typeof parseRecordBytes>;

/**
 * A record whose file's content is the one the cache holds: what a rule or an exporter
 * may ask of it (`data`, `source`, `names`) is read when first asked, from the cache's
 * data file (valid records) or the file itself, and kept. One small object per file and
 * nothing read for the thousands of records an incremental run never looks at: the
 * fields are on the prototype, not closures and property descriptors per record.
 */
class RecalledRecord {
  readonly #entry: CacheEntry;
  readonly #cache: RecordCache;
  #parsed: Parsed | undefined;

  constructor(
    readonly kind: RecordKind,
    readonly file: string,
    readonly absolutePath: string,
    readonly relativePath: string,
    readonly id: string | null,
    readonly valid: boolean,
    entry: CacheEntry,
    cache: RecordCache,
  ) {
    this.#entry = entry;
    this.#cache = cache;
  }

  get names(): RecordNames | undefined {
    return this.#entry.names;
  }

  get data(): unknown {
    const file = this.absolutePath;
    const value = this.valid ? (this.#cache.readData(file) ?? fastLoad(readFileSync(file), this.kind) ?? valueOf(this.#parse())) : valueOf(this.#parse());
    Object.defineProperty(this, 'data', { value, writable: true, enumerable: true, configurable: true });
    return value;
  }

  set data(value: unknown) {
    Object.defineProperty(this, 'data', { value, writable: true, enumerable: true, configurable: true });
  }

  get source(): SourceLocator {
    const file = this.absolutePath;
    // A valid record's positions come from its text alone; an invalid one's from the full parse (which the loader made too).
    const value: SourceLocator = this.valid ? createLazyLocator(() => readFileSync(file, 'utf8')) : { locate: (p, target, within) => locatorOf(this.#parse()).locate(p, target, within) };
    Object.defineProperty(this, 'source', { value, writable: true, enumerable: true, configurable: true });
    return value;
  }

  #parse(): Parsed {
    return (this.#parsed ??= parseRecordBytes(readFileSync(this.absolutePath)));
  }
}

/** The record of a file whose content is the one cached (undefined for a file that is not readable as a record). */
export function recalledRecord(file: string, kind: RecordKind, entry: CacheEntry, cache: RecordCache, display: string, relative: string): AnyRecord | undefined {
  if (entry.state === -1) return undefined;
  return new RecalledRecord(kind, display, file, relative, entry.id, entry.state === 1, entry, cache) as unknown as AnyRecord;
}

/** The value of a parse, or an empty mapping for text that did not parse (also for records loaded in a worker, parallel/). */
export function valueOf(parsed: Parsed): unknown {
  return parsed.ok ? parsed.value : {};
}

/** The locator of a parse, or one that points at the file's start. */
export function locatorOf(parsed: Parsed): SourceLocator {
  if (parsed.ok) return parsed.locator;
  return { locate: () => ({ line: 1, column: 1, endLine: 1, endColumn: 1 }) };
}
