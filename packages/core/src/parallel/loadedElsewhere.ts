import { readFileSync } from 'node:fs';
import type { RecordKind } from '@engagements/schema';
import { locatorOf, valueOf } from '../cache/recalledRecord.js';
import type { AnyRecord, SourceLocator } from '../dataset.js';
import { fastLoad } from '../load/fastParse.js';
import { createLazyLocator } from '../load/lazyLocator.js';
import type { PathNames } from '../load/loadMany.js';
import { parseRecordBytes } from '../load/parseYaml.js';

type Parsed = ReturnType<typeof parseRecordBytes>;

/**
 * A record loaded in another thread: its id and validity came with the answer (and the
 * data of a person or organization); anything else (`data`, `source`) is read from the
 * file when first asked, and kept. One small object per file, fields on the prototype.
 */
class LoadedElsewhere {
  #stored: unknown;
  #parsed: Parsed | undefined;

  constructor(
    readonly kind: RecordKind,
    readonly file: string,
    readonly absolutePath: string,
    readonly relativePath: string,
    readonly id: string | null,
    readonly valid: boolean,
    stored: unknown,
  ) {
    this.#stored = stored;
  }

  get data(): unknown {
    const file = this.absolutePath;
    const value = this.#stored ?? (this.valid ? (fastLoad(readFileSync(file), this.kind) ?? valueOf(this.#parse())) : valueOf(this.#parse()));
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

/** The main thread's (or another worker's) record of a file loaded elsewhere, with the data that came with it, if any. */
export function loadedElsewhere(file: string, kind: RecordKind, known: { id: string | null; valid: boolean }, paths: PathNames, data?: unknown): AnyRecord {
  return new LoadedElsewhere(kind, paths.display(file), file, paths.relative(file), known.id, known.valid, data) as unknown as AnyRecord;
}
