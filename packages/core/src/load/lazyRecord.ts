import { readFileSync } from 'node:fs';
import type { RecordKind } from '@engagements/schema';
import type { SourceLocator } from '../dataset.js';
import { fastLoad } from './fastParse.js';
import { createLazyLocator } from './lazyLocator.js';
import { parseRecordBytes } from './parseYaml.js';

type Parsed = ReturnType<typeof parseRecordBytes>;

/**
 * A record whose id and validity are known without its data: what a rule or an exporter
 * may ask of it (`data`, `source`) is read when first asked and kept, from what the
 * subclass already holds (`knownData`: the cache's copy, or what another thread sent) or
 * else from the file. One small object per file, the fields on the prototype rather than
 * closures per record: incremental and parallel runs make thousands and read few.
 */
export abstract class LazyRecord {
  #parsed: Parsed | undefined;

  constructor(
    readonly kind: RecordKind,
    readonly file: string,
    readonly absolutePath: string,
    readonly relativePath: string,
    readonly id: string | null,
    readonly valid: boolean,
  ) {}

  /** The record's data when it is at hand without reading the file, else undefined. */
  protected abstract knownData(): unknown;

  get data(): unknown {
    const value = this.knownData() ?? (this.valid ? (fastLoad(readFileSync(this.absolutePath), this.kind) ?? valueOf(this.#parse())) : valueOf(this.#parse()));
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

/** The value of a parse, or an empty mapping for text that did not parse. */
function valueOf(parsed: Parsed): unknown {
  return parsed.ok ? parsed.value : {};
}

/** The locator of a parse, or one that points at the file's start. */
function locatorOf(parsed: Parsed): SourceLocator {
  if (parsed.ok) return parsed.locator;
  return { locate: () => ({ line: 1, column: 1, endLine: 1, endColumn: 1 }) };
}
