import type { RecordKind } from '@engagements/schema';

/** One record named by kind and id. */
export interface RecordRef {
  kind: RecordKind;
  id: string;
}

/** One changed value inside a record: `path` is a JSON pointer (`/participants/0/role`, `''` for the whole record). */
export interface FieldChange {
  path: string;
  /** The old value; `undefined` when the field was added. */
  before: unknown;
  /** The new value; `undefined` when the field was removed. */
  after: unknown;
}

/** A record present on both sides whose content differs. */
export interface RecordChange extends RecordRef {
  /** For a record that was renamed (see `moved`), its old id. */
  previousId?: string;
  fields: FieldChange[];
}

/** A record whose id disappeared with a redirect to another id (a rename or a merge). */
export interface Move {
  kind: RecordKind;
  from: string;
  to: string;
}

/** A redirect kept for an id that no longer exists: lookups of `from` answer with `to`. */
export interface Redirect {
  kind: RecordKind;
  from: string;
  to: string;
  /** Why the id moved, for people reading the redirects file and the changelog. */
  reason?: string;
}

/**
 * The difference between two published datasets. Every list is sorted by kind
 * (engagement, person, organization) and then id, so that equal inputs give equal output.
 */
export interface DatasetDiff {
  /** Ids that exist only after (not counting the new ids of moved records). */
  added: RecordRef[];
  /** Ids that exist only before and have no redirect: a breaking change. */
  removed: RecordRef[];
  /** Records on both sides (or renamed) whose content differs, field by field. */
  modified: RecordChange[];
  /** Ids that exist only before and redirect to an id that exists after. */
  moved: Move[];
}

/**
 * What a schema change means for data consumers: `narrowed` (some valid data is now
 * invalid), `widened` (more data is valid: new optional fields, new terms),
 * `documentation` (titles and descriptions only), or `none`.
 */
export type SchemaChange = 'none' | 'documentation' | 'widened' | 'narrowed';

/** A semver bump; `none` when nothing changed. */
export type Bump = 'major' | 'minor' | 'patch' | 'none';
