import type { Engagement, Organization, Person, RecordKind } from '@engagements/schema';
import type { Span } from './diagnostics.js';

/** Where in the source a key or value stands: computed by the loader, never by a rule. */
export interface SourceLocator {
  /**
   * The span of the node at `path` (`key` for the key of a mapping pair, `value` for its value). Falls back to the nearest existing ancestor.
   * With `within`, the span of the first place that text is written inside the node's source (a character inside a value), or the node's span when it is not written literally there (an escape).
   */
  locate(path: readonly (string | number)[], target?: 'key' | 'value', within?: string): Span;
}

/** The record data for each kind. */
export interface RecordData {
  engagement: Engagement;
  person: Person;
  organization: Organization;
}

/** One record as loaded from its file, with a way to find its nodes in the source. */
export interface LoadedRecord<K extends RecordKind = RecordKind> {
  kind: K;
  /** Path as shown to people: relative to the current directory when inside it. */
  file: string;
  /** Absolute path of the file. */
  absolutePath: string;
  /** The file's path relative to the records folder, with `/` separators. */
  relativePath: string;
  data: RecordData[K];
  /** True when the record passed schema validation; rules only see valid records. */
  valid: boolean;
  source: SourceLocator;
  /**
   * The record's id when it is known without reading `data` (records recalled from the
   * cache, whose data is read only when used): a string, or null when the record has no
   * string id. Absent otherwise; use `recordId`.
   */
  readonly id?: string | null;
  /**
   * A person's or organization's name, aliases and country, when known without reading
   * `data` (records recalled from the cache): what the dataset-scoped rules compare
   * across records. Absent otherwise; use `recordNames`.
   */
  readonly names?: RecordNames;
}

/** What RULE013 (alias-unique) compares across people and organizations. */
export interface RecordNames {
  name: string;
  aliases: string[];
  /** An organization's country (absent for people and organizations without one). */
  country?: string;
}

/** A valid person's or organization's names (undefined for engagements), without reading a cached record's data. */
export function recordNames(record: LoadedRecord): RecordNames | undefined {
  if (record.kind === 'engagement') return undefined;
  if (record.names) return record.names;
  const data = record.data as { name: string; aliases?: string[]; country?: string };
  return { name: data.name, aliases: data.aliases ?? [], ...(data.country !== undefined ? { country: data.country } : {}) };
}

/** A record's id (a string), or undefined when it has none, without reading a cached record's data. */
export function recordId(record: LoadedRecord): string | undefined {
  if (record.id !== undefined) return record.id ?? undefined;
  const id = (record.data as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

export type AnyRecord = LoadedRecord<'engagement'> | LoadedRecord<'person'> | LoadedRecord<'organization'>;

/** The loaded dataset: records of each kind sorted by id, with indexes by id. */
export interface Dataset {
  recordsDir: string;
  engagements: LoadedRecord<'engagement'>[];
  people: LoadedRecord<'person'>[];
  organizations: LoadedRecord<'organization'>[];
  /** First record with each id, per kind. */
  engagementById: Map<string, LoadedRecord<'engagement'>>;
  personById: Map<string, LoadedRecord<'person'>>;
  organizationById: Map<string, LoadedRecord<'organization'>>;
  /**
   * Ids, taken from file names, of record files that could not be read as YAML. A
   * reference to one of them is not reported again: the file's own error explains it.
   */
  unreadableIds: Record<'engagement' | 'person' | 'organization', Set<string>>;
}

/** Builds the indexes of a dataset from its records (sorted by id, then file). */
export function createDataset(recordsDir: string, records: AnyRecord[], unreadableIds?: Dataset['unreadableIds']): Dataset {
  // Each kind sorted on its own, with its keys taken once: records come in file order,
  // which within a kind is nearly id order (a file is named by its id), so the sort has
  // little to do; all kinds together, it interleaved them.
  const byKind = <K extends RecordKind>(kind: K): LoadedRecord<K>[] => sortById(records.filter((r): r is LoadedRecord<K> & AnyRecord => r.kind === kind));
  const engagements = byKind('engagement');
  const people = byKind('person');
  const organizations = byKind('organization');
  return {
    recordsDir,
    engagements,
    people,
    organizations,
    engagementById: indexById(engagements),
    personById: indexById(people),
    organizationById: indexById(organizations),
    unreadableIds: unreadableIds ?? { engagement: new Set(), person: new Set(), organization: new Set() },
  };
}

/** Sorts records of one kind (in place) as a dataset holds them: by id, then by path in the records folder. */
export function sortById<R extends AnyRecord>(records: R[]): R[] {
  const keys = new Map<AnyRecord, string>(records.map((r) => [r, sortKey(r)]));
  return records.sort((a, b) => {
    const ia = keys.get(a)!;
    const ib = keys.get(b)!;
    return ia < ib ? -1 : ia > ib ? 1 : a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0;
  });
}

function sortKey(record: AnyRecord): string {
  if (record.id !== undefined) return record.id ?? '';
  return String((record.data as { id?: unknown }).id ?? '');
}

/** The first record of each id, in the records' order. */
export function indexById<R extends AnyRecord>(records: R[]): Map<string, R> {
  const map = new Map<string, R>();
  for (const record of records) {
    const id = recordId(record);
    if (id !== undefined && !map.has(id)) map.set(id, record);
  }
  return map;
}
