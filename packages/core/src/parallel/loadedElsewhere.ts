import type { RecordKind } from '@engagements/schema';
import type { AnyRecord } from '../dataset.js';
import { LazyRecord } from '../load/lazyRecord.js';
import type { PathNames } from '../load/loadMany.js';

/**
 * A record loaded in another thread: its id and validity came with the answer (and the
 * data of a person or organization); anything else (`data`, `source`) is read from the
 * file when first asked, and kept.
 */
class LoadedElsewhere extends LazyRecord {
  readonly #stored: unknown;

  constructor(kind: RecordKind, file: string, absolutePath: string, relativePath: string, id: string | null, valid: boolean, stored: unknown) {
    super(kind, file, absolutePath, relativePath, id, valid);
    this.#stored = stored;
  }

  protected knownData(): unknown {
    return this.#stored;
  }
}

/** The main thread's (or another worker's) record of a file loaded elsewhere, with the data that came with it, if any. */
export function loadedElsewhere(file: string, kind: RecordKind, known: { id: string | null; valid: boolean }, paths: PathNames, data?: unknown): AnyRecord {
  return new LoadedElsewhere(kind, paths.display(file), file, paths.relative(file), known.id, known.valid, data) as unknown as AnyRecord;
}
