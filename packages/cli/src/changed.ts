// `engagements validate --changed [BASE]`: which records a change touches, found with git,
// and the records that reference them.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { checkDataset, displayPath, parseRecordBytes, recordKindOf, type AnyRecord, type CheckResult, type Dataset } from '@engagements/core';
import type { RecordKind } from '@engagements/schema';
import type { CommandContext } from './commands/command.js';
import { EXIT, UsageError } from './errors.js';
import type { FormatName } from './format/index.js';
import { plural } from './format/summary.js';
import { writeReport } from './report.js';
import { EMPTY_TREE, git, readBlobs, repositoryOf, resolveCommit, splitNul } from './git.js';
import { ciBase, inCi } from './ciBase.js';

export { changedOption } from './changedOption.js';

/** `engagements validate --changed [BASE]`: reports on the changed records and their dependents; resolves to the exit code. */
export async function validateChanged(
  paths: readonly string[],
  options: { changed: string | true; format: FormatName; today?: string; cacheDir?: string | undefined },
  recordsDir: string,
  context: CommandContext,
): Promise<number> {
  if (paths.length > 0) throw new UsageError(`--changed checks the records git finds changed; it takes no paths (got ${JSON.stringify(paths[0])}). To check files, leave out --changed.`);
  const result = await checkChanged({
    recordsDir,
    cwd: context.io.cwd,
    base: options.changed,
    env: context.io.env,
    ...(options.today ? { today: options.today } : {}),
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
  });
  const parts = [`${plural(result.changed.length, 'record')} changed`];
  if (result.deleted.length > 0) parts.push(`${result.deleted.length} deleted`);
  parts.push(`${plural(result.dependents.length, 'record')} referencing them`);
  context.io.stderr.write(`Checking the records changed since ${result.base}: ${parts.join(', ')}.\n`);
  if (result.note) context.io.stderr.write(`${result.note}\n`);
  await writeReport(result.diagnostics, result.summary, options.format, context);
  return result.summary.errors > 0 ? EXIT.dataErrors : EXIT.ok;
}

export interface ChangedOptions {
  recordsDir: string;
  cwd: string;
  /** The revision given with --changed, or true for the default. */
  base: string | true;
  /** The environment: in CI (`CI` or `GITHUB_ACTIONS` set) the default base comes from the pull request or push (see ciBase.ts). */
  env?: Readonly<Record<string, string | undefined>>;
  today?: string;
  cacheDir?: string;
}

export interface ChangedResult extends CheckResult {
  /** The revision compared with, as given or chosen (`origin/main`, `HEAD`, or the empty tree when there is no commit). */
  base: string;
  /** Said on stderr after what was checked: why the comparison may have missed changes (the fallback to HEAD). */
  note?: string;
  /** Record files changed since the base that still exist (absolute paths). */
  changed: string[];
  /** Record files deleted since the base (absolute paths). */
  deleted: string[];
  /** Other records that reference a changed or deleted record (absolute paths). */
  dependents: string[];
}

/**
 * Checks the whole dataset and keeps the diagnostics of the records changed since `base`
 * (committed, staged, unstaged or untracked), and of the records that reference them:
 * engagements that name a changed person or organization (or relate to a changed
 * engagement), people whose positions name a changed organization, organizations whose
 * parents lead to one, and any record sharing a changed record's id. A deleted record
 * is represented by the records that referenced it.
 */
export async function checkChanged(options: ChangedOptions): Promise<ChangedResult> {
  const { recordsDir, cwd } = options;
  const repo = await repositoryOf(recordsDir, '`engagements validate --changed`');
  const base = await chooseBase(options.base, repo.top, options.env ?? {});
  const prefix = repo.relative;

  const [diffOut, untrackedOut] = await Promise.all([
    git(['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', base.revision, '--', prefix || '.'], repo.top),
    git(['ls-files', '--others', '--exclude-standard', '-z', '--', prefix || '.'], repo.top),
  ]);
  // Paths from the top of the repository, turned into paths under the records folder as given.
  const touched = [...new Set([...splitNul(diffOut), ...splitNul(untrackedOut)])]
    .map((p) => (prefix ? p.slice(prefix.length + 1) : p))
    .filter((p) => /\.ya?ml$/.test(p) && !p.split('/').some((part) => part.startsWith('.')))
    .sort();
  const files = await Promise.all(
    touched.map(async (relative) => {
      const absolute = path.join(recordsDir, ...relative.split('/'));
      return { relative, absolute, exists: (await stat(absolute).catch(() => undefined)) !== undefined };
    }),
  );
  const changed = files.filter((f) => f.exists).map((f) => f.absolute);
  const deleted = files.filter((f) => !f.exists).map((f) => f.absolute);

  const result = await checkDataset({ recordsDir, cwd, ...(options.today ? { today: options.today } : {}), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) });

  // The ids each touched file stands for: as it is now, as it was at the base, and its file name.
  const ids = new Map<RecordKind, Set<string>>([['engagement', new Set()], ['person', new Set()], ['organization', new Set()]]);
  const byPath = new Map(allRecords(result.dataset).map((r) => [r.absolutePath, r]));
  const atBase = (relative: string) => `${base.revision}:${prefix ? `${prefix}/` : ''}${relative}`;
  const previous = await readBlobs(files.map((f) => atBase(f.relative)), repo.top).catch(() => new Map<string, Buffer>());
  for (const { relative, absolute } of files) {
    const kind = recordKindOf(absolute);
    if (!kind) continue;
    const set = ids.get(kind)!;
    set.add(path.basename(relative).replace(/\.ya?ml$/, ''));
    const now = byPath.get(absolute)?.data as { id?: unknown } | undefined;
    if (typeof now?.id === 'string') set.add(now.id);
    const old = previous.get(atBase(relative));
    if (old) {
      const parsed = parseRecordBytes(old);
      if (parsed.ok && typeof parsed.value.id === 'string') set.add(parsed.value.id);
    }
  }

  const changedSet = new Set(changed);
  const dependents = allRecords(result.dataset)
    .filter((r) => !changedSet.has(r.absolutePath) && references(r, ids, result.dataset))
    .map((r) => r.absolutePath)
    .sort();
  const selected = new Set([...changedSet, ...dependents].map((f) => displayPath(f, cwd)));
  const diagnostics = result.diagnostics.filter((d) => selected.has(d.file));
  return {
    dataset: result.dataset,
    diagnostics,
    summary: {
      files: selected.size,
      records: allRecords(result.dataset).filter((r) => selected.has(r.file)).length,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    },
    base: base.label,
    ...(base.note ? { note: base.note } : {}),
    changed: [...changedSet].sort(),
    deleted,
    dependents,
  };
}

/**
 * The base to compare with: the one given (which must exist); in CI, the pull request's
 * or push's base (ciBase.ts), never HEAD; otherwise `origin/main`, else HEAD with a note
 * that no commit was compared, else the empty tree.
 */
async function chooseBase(given: string | true, top: string, env: Readonly<Record<string, string | undefined>>): Promise<{ revision: string; label: string; note?: string }> {
  if (given !== true) {
    if (!(await resolveCommit(given, top))) {
      throw new UsageError(`--changed: unknown revision ${JSON.stringify(given)}; give a branch, tag or commit that exists (in a shallow clone, fetch it first: git fetch --depth=1 origin <branch>).`);
    }
    return { revision: given, label: given };
  }
  if (inCi(env)) return ciBase(top, env);
  if (await resolveCommit('origin/main', top)) return { revision: 'origin/main', label: 'origin/main' };
  if (await resolveCommit('HEAD', top)) {
    return {
      revision: 'HEAD',
      label: 'HEAD',
      note: 'There is no origin/main here, so --changed compared with HEAD: only changes not yet committed were looked at, and no commit was compared. To check committed changes, name the base: --changed <branch or commit>.',
    };
  }
  return { revision: EMPTY_TREE, label: 'the empty repository (no commit yet)' };
}

function allRecords(dataset: Dataset): AnyRecord[] {
  return [...dataset.engagements, ...dataset.people, ...dataset.organizations];
}

/** Whether a record names one of the ids (per kind) or shares one of them as its own id. */
function references(record: AnyRecord, ids: ReadonlyMap<RecordKind, ReadonlySet<string>>, dataset: Dataset): boolean {
  const has = (kind: RecordKind, id: unknown) => typeof id === 'string' && ids.get(kind)!.has(id);
  // Records that failed the schema are read defensively: any field may be missing or of another type.
  const data = record.data as unknown as Record<string, unknown>;
  const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : []);
  if ((['engagement', 'person', 'organization'] as const).some((kind) => has(kind, data.id))) return true; // a duplicate id
  switch (record.kind) {
    case 'engagement': {
      const initiator = typeof data.initiator === 'object' && data.initiator !== null ? (data.initiator as Record<string, unknown>) : {};
      return (
        list(data.participants).some((p) => has('person', p.person) || has('organization', p.organization)) ||
        has('person', initiator.person) ||
        list(data.sources).some((s) => has('organization', s.publisher)) ||
        list(data.related).some((r) => has('engagement', r.engagement))
      );
    }
    case 'person':
      return list(data.positions).some((p) => has('organization', p.organization));
    case 'organization': {
      // Up the chain of parents: a loop or a broken link anywhere above concerns this record too.
      const seen = new Set<unknown>([data.id]);
      let parent = data.parent;
      while (typeof parent === 'string' && !seen.has(parent)) {
        if (has('organization', parent)) return true;
        seen.add(parent);
        parent = (dataset.organizationById.get(parent)?.data as { parent?: unknown } | undefined)?.parent;
      }
      return false;
    }
  }
}
