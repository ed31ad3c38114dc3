import type { Bump, DatasetDiff, SchemaChange } from './types.js';

/** One reason for a bump, for changelogs and the `diff` command. */
export interface BumpReason {
  bump: Exclude<Bump, 'none'>;
  reason: string;
}

const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/**
 * Why a release with this diff needs the bump it needs, per VERSIONING.md:
 * - major: an id removed without a redirect, or the schema narrowed (fewer records are valid);
 * - minor: records added, ids moved with a redirect, or the schema widened (e.g. a new optional field or term);
 * - patch: changed field values (corrections), or schema documentation changed.
 *
 * `schemaChanged` is what `diffSchemas` found; `true` means "changed, not classified"
 * and is treated as narrowed, `false`/omitted as no change.
 */
export function bumpReasons(diff: DatasetDiff, schemaChanged?: boolean | SchemaChange): BumpReason[] {
  const schema: SchemaChange = schemaChanged === true ? 'narrowed' : schemaChanged === false || schemaChanged === undefined ? 'none' : schemaChanged;
  const reasons: BumpReason[] = [];
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (diff.removed.length > 0) reasons.push({ bump: 'major', reason: `${count(diff.removed.length, 'id', 'ids')} removed without a redirect` });
  if (schema === 'narrowed') reasons.push({ bump: 'major', reason: 'the schema narrowed: data valid before may be invalid now' });
  if (diff.added.length > 0) reasons.push({ bump: 'minor', reason: `${count(diff.added.length, 'record', 'records')} added` });
  if (diff.moved.length > 0) reasons.push({ bump: 'minor', reason: `${count(diff.moved.length, 'id', 'ids')} moved with a redirect` });
  if (schema === 'widened') reasons.push({ bump: 'minor', reason: 'the schema widened (new optional fields or vocabulary terms)' });
  if (diff.modified.length > 0) reasons.push({ bump: 'patch', reason: `${count(diff.modified.length, 'record', 'records')} corrected` });
  if (schema === 'documentation') reasons.push({ bump: 'patch', reason: 'schema documentation (titles, descriptions) changed' });
  return reasons;
}

/** The semver bump the versioning policy asks for: the largest of `bumpReasons`. */
export function proposeBump(diff: DatasetDiff, schemaChanged?: boolean | SchemaChange): Bump {
  return maxBump(bumpReasons(diff, schemaChanged).map((r) => r.bump));
}

/** The largest of some bumps (`none` for none). */
export function maxBump(bumps: readonly Bump[]): Bump {
  return bumps.reduce<Bump>((max, b) => (RANK[b] > RANK[max] ? b : max), 'none');
}

/** Applies a bump to a `MAJOR.MINOR.PATCH` version; `none` keeps it. Pre-1.0 versions are bumped literally (a major change gives 1.0.0). */
export function bumpVersion(version: string, bump: Bump): string {
  const match = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(version);
  if (!match) throw new Error(`Not a MAJOR.MINOR.PATCH version: ${JSON.stringify(version)}`);
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  switch (bump) {
    case 'major':
      return `${major + 1}.0.0`;
    case 'minor':
      return `${major}.${minor + 1}.0`;
    case 'patch':
      return `${major}.${minor}.${patch + 1}`;
    case 'none':
      return version;
  }
}
