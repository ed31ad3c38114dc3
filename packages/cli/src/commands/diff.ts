import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  bumpReasons,
  compareText,
  diffDatasets,
  diffSchemas,
  findRecordFiles,
  parseRecordBytes,
  parseRedirects,
  proposeBump,
  recordKindOf,
  renderDiffMarkdown,
  renderDiffText,
  type Bump,
  type BumpReason,
  type DatasetDiff,
  type PublishedDataset,
  type Redirect,
  type SchemaDiff,
  type SchemaSet,
} from '@engagements/core';
import { publishedSchema, type Engagement, type Organization, type Person } from '@engagements/schema';
import type { Command } from 'commander';
import { Option } from 'commander';
import { EXIT, UsageError } from '../errors.js';
import { listTree, readBlobs, repositoryOf, resolveCommit } from '../git.js';
import type { CliCommand, CommandContext } from './command.js';
import { recordsOption } from './options.js';
import { leavesFolder } from '@engagements/core/quick';

export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

interface DiffOptions {
  records: string;
  format: DiffFormat;
}

/** Where the schemas and the redirects file live, relative to the repository's top folder. */
const SCHEMAS_DIR = 'schemas';
const REDIRECTS_FILE = 'releases/redirects.yaml';

export const diffCommand: CliCommand = {
  name: 'diff',
  register(program: Command, context: CommandContext) {
    program
      .command('diff')
      .summary('show what a change does to the data, and the version bump it implies')
      .description(
        'Compare the records at two git revisions: which records were added, removed or moved (with a redirect), and which ' +
          'fields of which records changed, then the version bump the versioning policy asks for (the same comparison the ' +
          'SDK changelog uses). Without HEAD, compares with the working tree, including files not committed yet.\n\n' +
          'Exit codes: 0 compared (whatever the differences), 2 usage error (not a git repository, unknown revision) or internal error.',
      )
      .argument('<base>', 'the revision to compare from, such as origin/main or a commit')
      .argument('[head]', 'the revision to compare to (default: the working tree)')
      .addOption(recordsOption())
      .addOption(new Option('--format <format>', 'output format').choices(DIFF_FORMATS).default('text' satisfies DiffFormat))
      .action(async (base: string, head: string | undefined, options: DiffOptions) => {
        context.exitCode = await diff(base, head, options, context);
      });
  },
};

/** One side of the comparison: the records, schemas and redirects at a commit or in the working tree. */
interface Side {
  data: PublishedDataset;
  schemas: SchemaSet;
  redirectsText: string | undefined;
}

/** Everything `engagements diff` reports, as the JSON format writes it. */
export interface DiffReport {
  base: { revision: string; commit: string };
  /** `revision` and `commit` are null for the working tree. */
  head: { revision: string | null; commit: string | null };
  summary: { added: number; removed: number; moved: number; modified: number };
  bump: Bump;
  reasons: BumpReason[];
  added: DatasetDiff['added'];
  removed: DatasetDiff['removed'];
  moved: DatasetDiff['moved'];
  modified: DatasetDiff['modified'];
  schema: SchemaDiff;
}

/** Runs `engagements diff`; resolves to the exit code. */
export async function diff(base: string, head: string | undefined, options: DiffOptions, context: CommandContext): Promise<number> {
  const { io } = context;
  const repo = await repositoryOf(io.cwd, '`engagements diff`');
  const recordsDir = path.resolve(repo.top, repo.relative, options.records);
  const inside = path.relative(repo.top, recordsDir);
  if (leavesFolder(inside)) throw new UsageError(`The records folder ${JSON.stringify(options.records)} is outside the git repository ${repo.top}.`);
  const recordsPrefix = inside.split(path.sep).join('/');
  const baseCommit = await resolveCommit(base, repo.top);
  if (!baseCommit) throw new UsageError(`Unknown revision ${JSON.stringify(base)}: give a branch, tag or commit that exists (for a pull request, fetch the base branch first).`);
  const headCommit = head === undefined ? undefined : await resolveCommit(head, repo.top);
  if (head !== undefined && !headCommit) throw new UsageError(`Unknown revision ${JSON.stringify(head)}: give a branch, tag or commit that exists, or leave it out to compare with the working tree.`);

  const warn = (message: string) => void io.stderr.write(`warning: ${message}\n`);
  const before = await sideAtCommit(baseCommit, base, recordsPrefix, repo.top, warn);
  const after = headCommit ? await sideAtCommit(headCommit, head!, recordsPrefix, repo.top, warn) : await workingTreeSide(recordsDir, repo.top, warn);

  let redirects: Redirect[] = [];
  if (after.redirectsText !== undefined) {
    const parsed = parseRedirects(after.redirectsText, { file: REDIRECTS_FILE });
    redirects = parsed.redirects;
    for (const d of parsed.diagnostics) warn(`${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`);
  }
  const dataDiff = diffDatasets(before.data, after.data, { redirects });
  const schema = diffSchemas(before.schemas, after.schemas);
  const report: DiffReport = {
    base: { revision: base, commit: baseCommit },
    head: { revision: head ?? null, commit: headCommit ?? null },
    summary: { added: dataDiff.added.length, removed: dataDiff.removed.length, moved: dataDiff.moved.length, modified: dataDiff.modified.length },
    bump: proposeBump(dataDiff, schema.change),
    reasons: bumpReasons(dataDiff, schema.change),
    added: dataDiff.added,
    removed: dataDiff.removed,
    moved: dataDiff.moved,
    modified: dataDiff.modified,
    schema,
  };
  io.stdout.write(renderReport(report, dataDiff, options.format));
  return EXIT.ok;
}

/** The report in one of the output formats; ends with a newline. */
export function renderReport(report: DiffReport, dataDiff: DatasetDiff, format: DiffFormat): string {
  const headLabel = report.head.revision ?? 'the working tree';
  switch (format) {
    case 'json':
      // JSON drops `undefined`: a field that was added has no `before`, one that was removed no `after`.
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown':
      return renderDiffMarkdown(dataDiff, {
        version: 'Data changes',
        label: `${report.base.revision} → ${headLabel}`,
        previousVersion: report.base.revision,
        bump: report.bump,
        schemaChange: report.schema.change,
        schemaDifferences: report.schema.differences,
      });
    case 'text': {
      const lines = [`Comparing ${report.base.revision} (${report.base.commit.slice(0, 12)}) with ${report.head.commit ? `${headLabel} (${report.head.commit.slice(0, 12)})` : headLabel}`, ''];
      lines.push(renderDiffText(dataDiff).trimEnd());
      if (report.schema.differences.length > 0) {
        lines.push('', `Schema (${report.schema.change}):`);
        for (const d of report.schema.differences) lines.push(`  ${d.file}${d.path ? `#${d.path}` : ''} (${d.effect}): ${d.message}`);
      }
      lines.push('', `Version bump: ${report.bump}${report.reasons.length === 0 ? ' (nothing changed)' : ''}`);
      for (const r of report.reasons) lines.push(`  ${r.bump}: ${r.reason}`);
      return `${lines.join('\n')}\n`;
    }
  }
}

type Warn = (message: string) => void;

/** The records, schemas and redirects file at a commit, read with one `git cat-file` process. */
async function sideAtCommit(commit: string, label: string, recordsPrefix: string, top: string, warn: Warn): Promise<Side> {
  const records = [...(await listTree(commit, recordsPrefix, top))].filter(([file]) => isRecordPath(file, recordsPrefix));
  const schemaFiles = [...(await listTree(commit, SCHEMAS_DIR, top))].filter(([file]) => file.endsWith('.schema.json'));
  const redirects = await listTree(commit, REDIRECTS_FILE, top);
  const blobs = await readBlobs([...records.map(([, b]) => b), ...schemaFiles.map(([, b]) => b), ...redirects.values()], top);
  const entries = records.map(([file, blob]) => ({ file, bytes: blobs.get(blob) }));
  const schemas: Record<string, unknown> = {};
  for (const [file, blob] of schemaFiles) {
    const bytes = blobs.get(blob);
    const key = file.slice(SCHEMAS_DIR.length + 1);
    try {
      // Compared in their published form, so that the $id the files dropped is no change.
      if (bytes) schemas[key] = publishedSchema(key, JSON.parse(bytes.toString('utf8')));
    } catch {
      warn(`${file} at ${label} is not valid JSON; left out of the schema comparison.`);
    }
  }
  const redirectsBlob = redirects.get(REDIRECTS_FILE);
  return {
    data: publishedFrom(entries, top, `at ${label}`, warn),
    schemas,
    redirectsText: redirectsBlob ? blobs.get(redirectsBlob)?.toString('utf8') : undefined,
  };
}

/** The records, schemas and redirects file as they are on disk. */
async function workingTreeSide(recordsDir: string, top: string, warn: Warn): Promise<Side> {
  const files = await findRecordFiles(recordsDir).catch(() => [] as string[]);
  const entries = await Promise.all(files.map(async (file) => ({ file: path.relative(top, file).split(path.sep).join('/'), bytes: await readFile(file).catch(() => undefined) })));
  const schemaFiles = (await findSchemaFiles(path.join(top, SCHEMAS_DIR))).sort(compareText);
  const schemas: Record<string, unknown> = {};
  for (const file of schemaFiles) {
    try {
      schemas[file] = publishedSchema(file, JSON.parse(await readFile(path.join(top, SCHEMAS_DIR, file), 'utf8')));
    } catch {
      warn(`${SCHEMAS_DIR}/${file} is not valid JSON; left out of the schema comparison.`);
    }
  }
  return {
    data: publishedFrom(entries, top, 'in the working tree', warn),
    schemas,
    redirectsText: await readFile(path.join(top, REDIRECTS_FILE), 'utf8').catch(() => undefined),
  };
}

async function findSchemaFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.schema.json'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** Like the records search: `.yaml`/`.yml` files, none hidden. */
function isRecordPath(file: string, prefix: string): boolean {
  const inside = prefix ? file.slice(prefix.length + 1) : file;
  return /\.ya?ml$/.test(file) && !inside.split('/').some((part) => part.startsWith('.'));
}

/** Parses record files with the loader's parser into a published dataset (each list sorted by id); unreadable files are skipped with a warning. */
function publishedFrom(entries: ReadonlyArray<{ file: string; bytes: Uint8Array | undefined }>, top: string, where: string, warn: Warn): PublishedDataset {
  const lists = { engagement: [] as Engagement[], person: [] as Person[], organization: [] as Organization[] };
  for (const { file, bytes } of [...entries].sort((a, b) => compareText(a.file, b.file))) {
    const kind = recordKindOf(path.join(top, file));
    if (!kind) continue; // not in an engagements/, people/ or organizations/ folder: not a record
    if (!bytes) {
      warn(`${file} ${where} could not be read; left out.`);
      continue;
    }
    const parsed = parseRecordBytes(bytes);
    if (!parsed.ok) {
      const p = parsed.problems[0]!;
      warn(`${file}:${p.line}:${p.column} ${where}: ${p.code} ${p.message} Left out of the comparison.`);
      continue;
    }
    if (typeof parsed.value.id !== 'string') {
      warn(`${file} ${where} has no \`id\`; left out of the comparison.`);
      continue;
    }
    (lists[kind] as unknown[]).push(parsed.value);
  }
  const byId = <T extends { id: string }>(list: T[]) => list.sort((a, b) => compareText(a.id, b.id));
  return { engagements: byId(lists.engagement), people: byId(lists.person), organizations: byId(lists.organization) };
}
