import path from 'node:path';
import { bumpVersion, checkDataset, publishedDataset, renderDiffText, type Bump, type PublishedDataset } from '@engagements/core';
import { schemas as currentSchemas } from '@engagements/schema';
import { planSdkRelease, readSdkInputs, type SdkInputs } from './exporter.js';
import { INPUT_FILES } from './paths.js';
import { changelogSection, changesDocument, FIRST_VERSION, prependRelease, snapshotText, type ReleasePlan } from './release.js';
import { PACKAGE_NAME } from './generate/manifest.js';

export interface ReleaseOptions {
  /** The repository root: inputs are read from it and the files written are relative to it. */
  root: string;
  /** The records folder, relative to the root (default `records`); ignored when `dataset` is given. */
  recordsDir?: string;
  /** The dataset to release (default: the records, which must have no error). */
  dataset?: PublishedDataset;
  /** Inputs to use instead of reading them from the root. */
  inputs?: Partial<SdkInputs>;
  /** An explicit version instead of the proposed one. */
  version?: string;
  /** A bump instead of the proposed one. */
  bump?: Exclude<Bump, 'none'>;
  /** The release date, YYYY-MM-DD. */
  date: string;
  /** Release even though the data did not change (needs `version` or `bump`). */
  allowEmpty?: boolean;
  /** Allow a smaller bump than the policy asks for. */
  force?: boolean;
}

export type ReleaseOutcome =
  | { ok: true; version: string; bump: Bump; plan: ReleasePlan; summary: string; files: { path: string; content: string }[] }
  | { ok: false; error: string; summary?: string };

const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/**
 * What `npm run release` does, without writing: checks the records, compares them with
 * the last release, applies the versioning policy (or the version asked for, never a
 * smaller bump than the policy unless forced) and returns the new releases/latest.json
 * and releases/CHANGELOG.md.
 */
export async function prepareRelease(options: ReleaseOptions): Promise<ReleaseOutcome> {
  let dataset = options.dataset;
  if (!dataset) {
    const check = await checkDataset({ recordsDir: path.resolve(options.root, options.recordsDir ?? 'records'), cwd: options.root });
    if (check.summary.errors > 0) {
      const shown = check.diagnostics.filter((d) => d.severity === 'error').slice(0, 20).map((d) => `${d.file}:${d.line}:${d.column}: ${d.code} ${d.message}`);
      return { ok: false, error: `the records have ${check.summary.errors} error(s); fix them before releasing:\n${shown.join('\n')}` };
    }
    dataset = publishedDataset(check.dataset);
  }
  const given = options.inputs ?? {};
  const inputs = { ...readSdkInputsIfNeeded(options.root, given), ...given } as SdkInputs;
  const schemas = inputs.schemas ?? currentSchemas;
  let plan: ReleasePlan;
  try {
    plan = planSdkRelease(dataset, { ...inputs, schemas });
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const summary = renderDiffText(plan.diff);
  const previous = plan.previous?.version;
  const version = options.version ?? (options.bump ? (previous ? bumpVersion(previous, options.bump) : FIRST_VERSION) : plan.version);
  if (!/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(version)) return { ok: false, error: `not a MAJOR.MINOR.PATCH version: ${version}`, summary };
  const bump = previous ? bumpBetween(previous, version) : plan.bump;
  if (previous) {
    if (plan.bump === 'none') {
      if (!options.allowEmpty) return { ok: false, error: `nothing changed since ${previous}: nothing to release (--allow-empty with --bump to release anyway)`, summary };
      if (!options.version && !options.bump) return { ok: false, error: '--allow-empty needs --bump or --version', summary };
    }
    if (compareVersions(version, previous) <= 0) return { ok: false, error: `version ${version} is not after the last release ${previous}`, summary };
    if (RANK[bump] < RANK[plan.bump] && !options.force) {
      return { ok: false, error: `the versioning policy asks for a ${plan.bump} release (${plan.reasons.map((r) => r.reason).join('; ')}), but ${version} is a ${bump} bump from ${previous}; use --force to override`, summary };
    }
  }
  const released: ReleasePlan = { ...plan, version, bump };
  const snapshot = snapshotText({ version, released: options.date, changes: changesDocument(released, PACKAGE_NAME), schemas, data: dataset });
  const changelog = prependRelease(inputs.changelog, changelogSection(released, options.date));
  return {
    ok: true,
    version,
    bump,
    plan,
    summary,
    files: [
      { path: INPUT_FILES.release, content: snapshot },
      { path: INPUT_FILES.changelog, content: changelog },
    ],
  };
}

function readSdkInputsIfNeeded(root: string, given: Partial<SdkInputs>): Partial<SdkInputs> {
  const keys: (keyof SdkInputs)[] = ['release', 'changelog', 'redirectsText', 'typesSource', 'validatorsSource'];
  return keys.every((k) => k in given) ? {} : readSdkInputs(root);
}

function parse(version: string): number[] {
  return version.split('.').map(Number);
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** The bump that leads from one version to another (`none` when it does not go up). */
export function bumpBetween(from: string, to: string): Bump {
  const [a, b] = [parse(from), parse(to)];
  if (b[0]! > a[0]!) return 'major';
  if (b[0] === a[0] && b[1]! > a[1]!) return 'minor';
  if (b[0] === a[0] && b[1] === a[1] && b[2]! > a[2]!) return 'patch';
  return 'none';
}
