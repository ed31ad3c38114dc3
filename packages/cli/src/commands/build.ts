import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { buildOutputs } from '@engagements/core';
import type { Command } from 'commander';
import { Option } from 'commander';
import { EXIT } from '../errors.js';
import type { FormatName } from '../format/index.js';
import { writeReport } from '../report.js';
import { progressBar, showsProgress } from '../progress.js';
import type { CliCommand, CommandContext } from './command.js';
import { cacheDirOption, formatOption, noCacheOption, recordsOption, resolveCacheDir, resolveRecordsDir, todayOption } from './options.js';

interface BuildOptions {
  records: string;
  out: string;
  format: FormatName;
  today?: string;
  cache?: boolean;
  cacheDir?: string;
}

export const buildCommand: CliCommand = {
  name: 'build',
  register(program: Command, context: CommandContext) {
    program
      .command('build')
      .summary('validate the records and build every output')
      .description(
        'Validate every record, then build every output (CSV tables with a data package, JSON-LD, the SDK package, the codebook, the site) ' +
          'into the output folder. Refuses to build from invalid records. The outputs are staged and swapped into place at once: ' +
          'a failed or interrupted build leaves the previous outputs as they were.\n\n' +
          'Exit codes: 0 built, 1 the data has errors (nothing written), 2 usage or internal error.',
      )
      .addOption(recordsOption())
      .addOption(new Option('--out <dir>', 'the output folder').default('dist'))
      .addOption(formatOption())
      .addOption(todayOption())
      .addOption(cacheDirOption())
      .addOption(noCacheOption())
      .action(async (options: BuildOptions) => {
        context.exitCode = await build(options, context);
      });
  },
};

/**
 * How much V8 lets the heap grow past what the last full collection found alive, in
 * percent, while a build runs (V8's own factor is up to 300%). A build allocates far more
 * than it keeps (every output is made as strings and dropped once written), so with V8's
 * default the old generation grows to about twice the live data before it is collected:
 * at 100k engagements the resident set reached 1.97 GiB with about 0.9 GiB alive. This is
 * the trade of memory for collection time; the figures are in PERFORMANCE.md.
 * `ENGAGEMENTS_HEAP_GROWING_PERCENT` overrides it (0: V8's default), for measuring.
 */
export const HEAP_GROWING_PERCENT = 50;

/** Sets V8's heap growing factor for the rest of this process (a build is the whole process's work). */
export function limitHeapGrowth(env: Readonly<Record<string, string | undefined>>): void {
  const percent = Number(env.ENGAGEMENTS_HEAP_GROWING_PERCENT ?? HEAP_GROWING_PERCENT);
  if (Number.isInteger(percent) && percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}

export async function build(options: BuildOptions, context: CommandContext): Promise<number> {
  const { io } = context;
  limitHeapGrowth(io.env);
  const recordsDir = await resolveRecordsDir(options.records, io.cwd);
  const outDir = path.resolve(io.cwd, options.out);
  const cacheDir = await resolveCacheDir(options, io.cwd);
  const progress = showsProgress(io);
  const bar = progressBar(io, 'checking records');
  // The exporters are loaded only when a build runs, so that other commands start fast.
  const { exporters } = await import('../exporters.js');
  const result = await buildOutputs({
    onProgress: (done, total) => bar.update(done, total),
    recordsDir,
    cwd: io.cwd,
    outDir,
    exporters,
    ...(options.today ? { today: options.today } : {}),
    ...(cacheDir ? { cacheDir } : {}),
    onNote: (note) => void io.stderr.write(`engagements: note: ${note}\n`),
    onExporter: progress
      ? (name) => {
          bar.done();
          io.stderr.write(`\r\u001b[2Kbuilding ${name}…`);
        }
      : undefined,
  });
  bar.done();
  if (progress) io.stderr.write('\r\u001b[2K');
  if (!result.built) {
    await writeReport(result.check.diagnostics, result.check.summary, options.format, context);
    io.stderr.write('Nothing was built: fix the errors above first.\n');
    return EXIT.dataErrors;
  }
  if (result.check.diagnostics.length > 0) await writeReport(result.check.diagnostics, result.check.summary, options.format, context);
  const shown = path.relative(io.cwd, outDir) || '.';
  const counts = new Map<string, number>();
  for (const file of result.files) counts.set(file.split('/')[0]!, (counts.get(file.split('/')[0]!) ?? 0) + 1);
  const parts = [...counts].map(([folder, n]) => `${folder}: ${n}`).join(', ');
  io.stdout.write(`Built ${result.files.length} files from ${result.check.summary.records} records into ${shown}/ (${parts}).\n`);
  return EXIT.ok;
}
