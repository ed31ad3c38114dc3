// The messages between checkInWorkers (main thread) and checkWorker (worker threads).
// Records stay in the worker that loaded them, and most are dropped as soon as their
// rules have run; only what the main thread needs crosses: diagnostics, and for each
// record its id and validity (and the data of people and organizations, which the rules
// look up from every engagement).
import type { RecordKind } from '@engagements/schema';
import type { Diagnostic } from '../diagnostics.js';
import type { Dataset } from '../dataset.js';
import type { RuleResult } from '../cache/recordCache.js';

/** What a worker is set up with (its first message). */
export interface WorkerSetup {
  recordsDir: string;
  cwd: string;
  /** "Today" for the date rules. */
  today: string;
  /**
   * For the record cache (a build or validate with a cache to fill): each accepted
   * record's hash and data text come back (`cached`), and the rules' findings with the
   * lookups they made (`rules`).
   */
  cache?: boolean;
}

/** Records the fast path accepted, for the record cache: their indexes, the SHA-1 of the bytes parsed (base64) and their data as JSON text. */
export interface CachedRecords {
  indexes: number[];
  hashes: string[];
  texts: string[];
}

/** The record-scoped rules' findings on records, with the lookups they made (null: the rules read a list of records, nothing to keep). */
export interface RuleResults {
  indexes: number[];
  results: (RuleResult | null)[];
}

/** One file loaded by a worker. */
export interface LoadedSummary {
  /** The file's index in the list the main thread has. */
  index: number;
  /** Loading and schema diagnostics of the file. */
  diagnostics: Diagnostic[];
  /** Absent when the file gave no record (unreadable, not YAML). */
  record?: {
    kind: RecordKind;
    id: string | null;
    valid: boolean;
    /** People and organizations only: the data, for the lookups of every other thread. */
    data?: unknown;
  };
}

/** One record of the dataset, as the workers need it for lookups. */
export interface LookupRecord {
  kind: RecordKind;
  absolutePath: string;
  id: string | null;
  valid: boolean;
  /** People and organizations only. */
  data?: unknown;
}

export type ToWorker =
  /** The first message: what the checks need to know. */
  | { type: 'setup'; setup: WorkerSetup }
  /** Load these files (`indexes`: their places in the main thread's list); once `people` has come, run the record-scoped rules on each record at once (those loaded before wait for it). */
  | { type: 'load'; files: string[]; indexes: number[] }
  /** Every person and organization: the lookups the rules make, but those of engagements. */
  | { type: 'people'; records: LookupRecord[]; unreadableIds: Dataset['unreadableIds'] }
  /** Every record: run the rules on the records kept because they looked engagements up. */
  | { type: 'all'; records: LookupRecord[]; unreadableIds: Dataset['unreadableIds'] };

export type FromWorker =
  /**
   * Answers a `load`, or a `people` or an `all` (no files): findings of the rules run
   * meanwhile, and how many records wait for `all`. `declined`: the indexes of the files
   * the fast path declined (invalid, written with a YAML feature it leaves to the full
   * parser, or not read: about 1% of files), which the main thread loads with the full
   * loader, so that the full parser and the schema's messages are compiled and warmed up
   * once, not in every worker. `engagements`: the engagements the fast path accepted
   * (valid, no diagnostics), nine in ten files, as two lists rather than an object per
   * file (cheaper to copy between threads); `files` has the other files it accepted.
   */
  { type: 'done'; to: 'load' | 'people' | 'all'; files: LoadedSummary[]; engagements: ValidEngagements; declined: number[]; findings: Diagnostic[]; waiting: number; cached?: CachedRecords; rules?: RuleResults };

/** Valid engagements without diagnostics: their indexes in the main thread's list, and their ids. */
export interface ValidEngagements {
  indexes: number[];
  ids: (string | null)[];
}
