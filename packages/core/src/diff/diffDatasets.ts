import type { RecordKind } from '@engagements/schema';
import type { PublishedDataset } from '../build/exporter.js';
import type { DatasetDiff, FieldChange, Move, RecordChange, RecordRef, Redirect } from './types.js';

/** The record kinds in the order every diff lists them. */
export const RECORD_KINDS: readonly RecordKind[] = ['engagement', 'person', 'organization'];

/** The list of a published dataset that holds each kind. */
export const DATASET_LISTS = { engagement: 'engagements', person: 'people', organization: 'organizations' } as const satisfies Record<RecordKind, keyof PublishedDataset>;

export interface DiffOptions {
  /**
   * Redirects in force after the change (old id -> new id). An id that disappears and
   * has a redirect to an id that exists after is reported as `moved`, not `removed`.
   */
  redirects?: readonly Redirect[];
}

/**
 * Compares two published datasets record by record: which ids were added, removed or
 * moved, and for records on both sides, which fields changed (JSON pointers with the old
 * and new values). Works on any `PublishedDataset`, e.g. two releases, or the last
 * release and the working tree.
 */
export function diffDatasets(before: PublishedDataset, after: PublishedDataset, options: DiffOptions = {}): DatasetDiff {
  const added: RecordRef[] = [];
  const removed: RecordRef[] = [];
  const modified: RecordChange[] = [];
  const moved: Move[] = [];
  const redirects = redirectTable(options.redirects ?? []);
  for (const kind of RECORD_KINDS) {
    const list = DATASET_LISTS[kind];
    const old = byId<{ id: string }>(before[list]);
    const now = byId<{ id: string }>(after[list]);
    // New id -> old id, for records that were renamed (the new id did not exist before).
    const renamedFrom = new Map<string, string>();
    for (const [id, record] of old) {
      const current = now.get(id);
      if (current !== undefined) {
        const fields = diffValues(record, current);
        if (fields.length > 0) modified.push({ kind, id, fields });
        continue;
      }
      const target = followRedirect(redirects.get(kind), id);
      if (target !== undefined && now.has(target)) {
        moved.push({ kind, from: id, to: target });
        if (!old.has(target) && !renamedFrom.has(target)) renamedFrom.set(target, id);
      } else {
        removed.push({ kind, id });
      }
    }
    for (const [id, record] of now) {
      if (old.has(id)) continue;
      const previousId = renamedFrom.get(id);
      if (previousId === undefined) {
        added.push({ kind, id });
        continue;
      }
      // A renamed record: its content is compared with the record under its old id (the id itself is the move).
      const fields = diffValues(old.get(previousId), record).filter((f) => f.path !== '/id');
      if (fields.length > 0) modified.push({ kind, id, previousId, fields });
    }
  }
  return {
    added: added.sort(compareRefs),
    removed: removed.sort(compareRefs),
    modified: modified.sort(compareRefs),
    moved: moved.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || compareText(a.from, b.from)),
  };
}

/** True when the diff holds no change at all. */
export function isEmptyDiff(diff: DatasetDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.modified.length === 0 && diff.moved.length === 0;
}

/**
 * The changes between two JSON values as JSON pointers below `path`. Objects are compared
 * key by key (in sorted key order, so key order never matters) and arrays of objects item
 * by item; a list of plain values (such as `topics`) changes as one field.
 */
export function diffValues(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (deepEqual(before, after)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareText);
    return keys.flatMap((key) => diffValues(before[key], after[key], `${path}/${escapePointer(key)}`));
  }
  if (Array.isArray(before) && Array.isArray(after) && (before.some(isStructured) || after.some(isStructured))) {
    const changes: FieldChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) changes.push(...diffValues(before[i], after[i], `${path}/${i}`));
    return changes;
  }
  return [{ path, before, after }];
}

/** Structural equality of JSON values; object key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Follows a chain of redirects (a -> b -> c) to its end; undefined when `id` has none or the chain loops. */
export function followRedirect(table: ReadonlyMap<string, string> | undefined, id: string): string | undefined {
  if (!table) return undefined;
  let current = id;
  const seen = new Set<string>([id]);
  for (;;) {
    const next = table.get(current);
    if (next === undefined) return current === id ? undefined : current;
    if (seen.has(next)) return undefined;
    seen.add(next);
    current = next;
  }
}

/** Redirects as one table per kind: old id -> new id. */
export function redirectTable(redirects: readonly Redirect[]): Map<RecordKind, Map<string, string>> {
  const table = new Map<RecordKind, Map<string, string>>();
  for (const r of redirects) {
    let forKind = table.get(r.kind);
    if (!forKind) table.set(r.kind, (forKind = new Map()));
    if (!forKind.has(r.from)) forKind.set(r.from, r.to);
  }
  return table;
}

export function compareRefs(a: RecordRef, b: RecordRef): number {
  return kindOrder(a.kind) - kindOrder(b.kind) || compareText(a.id, b.id);
}

function kindOrder(kind: RecordKind): number {
  return RECORD_KINDS.indexOf(kind);
}

/** Code-unit order, independent of locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byId<T extends { id: string }>(records: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const record of records) if (!map.has(record.id)) map.set(record.id, record);
  return map;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStructured(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
