import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { looksLikeRecordFile, mark } from '@engagements/core/quick';
import { EXIT, UsageError } from '../errors.js';
import type { FormatName } from '../format/index.js';
import { writeReport } from '../report.js';
import { progressBar } from '../progress.js';
import { changedOption } from '../changedOption.js';
import type { CliCommand, CommandContext } from './command.js';
import { cacheDirOption, formatOption, noCacheOption, recordsOption, resolveCacheDir, resolveRecordsDir, todayOption } from './options.js';

interface ValidateOptions {
  records: string;
  format: FormatName;
  today?: string;
  cache?: boolean;
  cacheDir?: string;
  changed?: string | true;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  register(program: Command, context: CommandContext) {
    program
      .command('validate')
      .summary('check records against the schemas and the rules')
      .description(
        'Check records against the schemas and the rules. Without paths, checks every record in the records folder; ' +
          'with paths (files, or folders of .yaml files), reports on those files only, checked against the whole dataset ' +
          'so that references still resolve. With --changed, checks the records changed since a git revision (committed or ' +
          'not, untracked too) and the records that reference them.\n\nExit codes: 0 no errors (warnings allowed), 1 the data has errors, 2 usage or internal error.',
      )
      .argument('[paths...]', 'record files or folders to check (default: every record)')
      .addOption(recordsOption())
      .addOption(formatOption())
      .addOption(todayOption())
      .addOption(cacheDirOption())
      .addOption(noCacheOption())
      .addOption(changedOption())
      .action(async (paths: string[], options: ValidateOptions) => {
        context.exitCode = await validate(paths, options, context);
      });
  },
};

/** Runs `engagements validate`; resolves to the exit code. */
export async function validate(paths: readonly string[], options: ValidateOptions, context: CommandContext): Promise<number> {
  mark('validate: start');
  const { cwd } = context.io;
  const recordsDir = await resolveRecordsDir(options.records, cwd);
  if (options.changed !== undefined) {
    const { validateChanged } = await import('../changed.js');
    return validateChanged(paths, { ...options, changed: options.changed, cacheDir: await resolveCacheDir(options, cwd) }, recordsDir, context);
  }
  const files = paths.length > 0 ? await expandPaths(paths, cwd) : undefined;
  // A cache file that could not be used is a note on stderr: the run is slower, never different.
  const note = (message: string) => void context.io.stderr.write(`engagements: note: ${message}\n`);
  const cacheDir = await resolveCacheDir(options, cwd);
  let recordFiles: string[] | undefined;
  let recordStats: ReturnType<typeof import('@engagements/core/quick').statFiles> | undefined;
  let signature: string | undefined;
  let today = options.today;
  if (cacheDir) {
    // A rerun with nothing changed reuses the last report without loading the parsers,
    // the validators or the rules (see @engagements/core/quick).
    const quick = await import('@engagements/core/quick');
    const all = (recordFiles = await quick.findRecordFiles(recordsDir, { links: true }));
    recordStats = quick.statFiles(all); // one pass serves this check and, on a miss, the record cache
    today ??= quick.todayUtc(); // one day for both: the signature is the check's too
    if (!files) {
      const inputs = { cacheDir, recordsDir, files: all, stats: recordStats, today, cwd };
      signature = quick.reportSignature(inputs);
      const report = quick.reusableReport(inputs, note, signature);
      if (report) {
        await writeReport(report.diagnostics, report.summary, options.format, context);
        return report.summary.errors > 0 ? EXIT.dataErrors : EXIT.ok;
      }
    }
  }
  if (!cacheDir && !files) {
    // A cold check of every record: its worker threads start now, while the check loads.
    const quick = await import('@engagements/core/quick');
    recordFiles = await quick.findRecordFiles(recordsDir, { links: true });
    mark(`validate: ${recordFiles.length} files listed`);
    quick.startCheckWorkersEarly(recordFiles.length);
    mark('validate: workers started');
  }
  // Only the check and what it needs: the exporters, formatters and diff of the core's main entry are not loaded.
  const { checkReport } = await import('@engagements/core/check');
  mark('validate: check loaded');
  const progress = progressBar(context.io, 'checking records');
  const result = await checkReport({
    recordsDir,
    cwd,
    ...(files ? { files } : {}),
    ...(today ? { today } : {}),
    ...(cacheDir ? { cacheDir } : {}),
    ...(recordFiles ? { recordFiles } : {}),
    ...(recordStats ? { recordStats } : {}),
    ...(signature ? { reportSignature: signature } : {}),
    onNote: note,
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.done();
  mark('validate: checked');
  await writeReport(result.diagnostics, result.summary, options.format, context);
  mark('validate: report written');
  return result.summary.errors > 0 ? EXIT.dataErrors : EXIT.ok;
}

/** Files named on the command line, with folders expanded to the .yaml/.yml files under them; sorted, without repeats. */
export async function expandPaths(paths: readonly string[], cwd: string): Promise<string[]> {
  const files = new Set<string>();
  for (const p of paths) {
    const absolute = path.resolve(cwd, p);
    const info = await lstat(absolute).catch(() => undefined);
    if (!info) throw new UsageError(`No such file or folder: ${p}`);
    // Links are never followed: fmt would write through one, and records are never links.
    if (info.isSymbolicLink()) throw new UsageError(`Not a record file but a symbolic link: ${p}`);
    if (info.isFile()) {
      files.add(absolute);
      continue;
    }
    // A FIFO or device would block the read or never end.
    if (!info.isDirectory()) throw new UsageError(`Not a file or folder: ${p}`);
    const found = await yamlFilesUnder(absolute);
    if (found.length === 0) throw new UsageError(`The folder ${p} holds no .yaml files.`);
    for (const f of found) files.add(f);
  }
  return [...files].sort();
}

async function yamlFilesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue; // like the records search: hidden files and folders are not records
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await yamlFilesUnder(full)));
    else if (entry.isFile() && looksLikeRecordFile(entry.name)) out.push(full); // near misses too: the check reports them
  }
  return out;
}
