import {
  bumpReasons,
  bumpVersion,
  diffDatasets,
  diffSchemas,
  proposeBump,
  renderDiffMarkdown,
  type Bump,
  type BumpReason,
  type DatasetDiff,
  type PublishedDataset,
  type Redirect,
  type SchemaDiff,
  type SchemaSet,
} from '@engagements/core';

/** What `npm run release` records in releases/latest.json: the published state the next build compares with. */
export interface ReleaseSnapshot {
  /** The released version, `MAJOR.MINOR.PATCH`. */
  version: string;
  /** The release date, `YYYY-MM-DD` (written by the release script, never by a build). */
  released: string;
  /** The JSON Schemas as released, keyed by file name. */
  schemas: SchemaSet;
  /** The published data as released. */
  data: PublishedDataset;
  /**
   * What changed in this release (its changes.json), kept so that a build of the released
   * data ships the changes that made the release rather than an empty list.
   */
  changes?: ChangesDocument;
}

/** The machine-readable list of changes shipped as `changes.json` in the package. */
export interface ChangesDocument {
  package: string;
  version: string;
  previousVersion: string | null;
  bump: Bump;
  reasons: BumpReason[];
  summary: { added: number; removed: number; moved: number; modified: number };
  added: DatasetDiff['added'];
  removed: DatasetDiff['removed'];
  moved: DatasetDiff['moved'];
  /** Each changed field as a JSON pointer; a field that was added has no `before`, one that was removed no `after`. */
  modified: DatasetDiff['modified'];
  schema: SchemaDiff;
}

/** The version of the first release when there is none to compare with. */
export const FIRST_VERSION = '0.1.0';

/** What the next release would be: the diff with the last release and the version the policy asks for. */
export interface ReleasePlan {
  /** The last release, or null before the first one. */
  previous: ReleaseSnapshot | null;
  diff: DatasetDiff;
  schemaDiff: SchemaDiff;
  /** The bump the policy asks for (VERSIONING.md). */
  bump: Bump;
  reasons: BumpReason[];
  /** The proposed version: the last release bumped, the same version when nothing changed, 0.1.0 for the first release. */
  version: string;
}

export const EMPTY_DATASET: PublishedDataset = { engagements: [], people: [], organizations: [] };

/** Compares the dataset with the last release and proposes the next version from the versioning policy. */
export function planRelease(dataset: PublishedDataset, schemas: SchemaSet, previous: ReleaseSnapshot | null, redirects: readonly Redirect[]): ReleasePlan {
  const diff = diffDatasets(previous?.data ?? EMPTY_DATASET, dataset, { redirects });
  const schemaDiff = previous ? diffSchemas(previous.schemas, schemas) : { change: 'none' as const, differences: [] };
  const bump = proposeBump(diff, schemaDiff.change);
  return {
    previous,
    diff,
    schemaDiff,
    bump,
    reasons: bumpReasons(diff, schemaDiff.change),
    version: previous ? bumpVersion(previous.version, bump) : FIRST_VERSION,
  };
}

/**
 * The package's changes.json: the changes since the last release when the data differs
 * from it, or, for the released data itself, the changes recorded with that release.
 */
export function packageChanges(plan: ReleasePlan, packageName: string): ChangesDocument {
  if (plan.previous && plan.version === plan.previous.version && plan.previous.changes) return plan.previous.changes;
  return changesDocument(plan, packageName);
}

/** The changes of a plan as shipped in changes.json. */
export function changesDocument(plan: ReleasePlan, packageName: string): ChangesDocument {
  const { diff } = plan;
  // JSON round trip: `undefined` before/after values become absent keys, as in the file.
  return JSON.parse(JSON.stringify({
    package: packageName,
    version: plan.version,
    previousVersion: plan.previous?.version ?? null,
    bump: plan.bump,
    reasons: plan.reasons,
    summary: { added: diff.added.length, removed: diff.removed.length, moved: diff.moved.length, modified: diff.modified.length },
    added: diff.added,
    removed: diff.removed,
    moved: diff.moved,
    modified: diff.modified,
    schema: plan.schemaDiff,
  }));
}

/** The changelog section of a plan, labelled with a date (released) or `unreleased`. */
export function changelogSection(plan: ReleasePlan, label: string): string {
  return renderDiffMarkdown(plan.diff, {
    version: plan.version,
    ...(plan.previous ? { previousVersion: plan.previous.version, bump: plan.bump } : {}),
    schemaChange: plan.schemaDiff.change,
    schemaDifferences: plan.schemaDiff.differences,
    label,
  });
}

export const CHANGELOG_TITLE = '# Changelog\n';

/**
 * The package's CHANGELOG.md: the section of the version being built when it is not
 * released yet, then the sections of past releases (releases/CHANGELOG.md).
 */
export function packageChangelog(plan: ReleasePlan, pastReleases: string): string {
  const past = stripTitle(pastReleases);
  const unreleased = plan.previous && plan.version === plan.previous.version ? '' : changelogSection(plan, 'unreleased');
  const parts = [CHANGELOG_TITLE, 'Changes to the data of `@engagements/sdk`, per release; see the versioning policy in the README.\n'];
  if (unreleased) parts.push(unreleased);
  if (past) parts.push(past);
  return `${parts.join('\n').trimEnd()}\n`;
}

/** releases/CHANGELOG.md with a new release's section on top. */
export function prependRelease(pastReleases: string, section: string): string {
  const past = stripTitle(pastReleases);
  return `${[CHANGELOG_TITLE, section.trimEnd(), past].filter(Boolean).join('\n').trimEnd()}\n`;
}

/** The snapshot file for a new release (stable key order, two-space indentation). */
export function snapshotText(snapshot: ReleaseSnapshot): string {
  const { version, released, changes, schemas, data } = snapshot;
  return `${JSON.stringify({ version, released, changes, schemas, data: { engagements: data.engagements, people: data.people, organizations: data.organizations } }, null, 2)}\n`;
}

/** Reads and checks the shape of releases/latest.json. */
export function parseSnapshot(text: string, file = 'releases/latest.json'): ReleaseSnapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const v = value as Partial<ReleaseSnapshot> | null;
  const fail = (what: string) => new Error(`${file}: ${what}; write it with \`npm run release\`.`);
  if (!v || typeof v !== 'object') throw fail('not an object');
  if (typeof v.version !== 'string' || !/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(v.version)) throw fail('`version` must be MAJOR.MINOR.PATCH');
  if (typeof v.released !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v.released)) throw fail('`released` must be a YYYY-MM-DD date');
  if (!v.schemas || typeof v.schemas !== 'object') throw fail('`schemas` is missing');
  const data = v.data as Partial<PublishedDataset> | undefined;
  if (!data || !Array.isArray(data.engagements) || !Array.isArray(data.people) || !Array.isArray(data.organizations)) throw fail('`data` must hold engagements, people and organizations');
  return v as ReleaseSnapshot;
}

function stripTitle(changelog: string): string {
  return changelog.replace(/^# Changelog\s*\n/, '').replace(/^Changes to the data[^\n]*\n/, '').trim();
}
