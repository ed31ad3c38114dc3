import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deepEqual, displayPath, extensionDiagnostic, nearMissExtension, findRecordFiles, formatRecord, LIMITS, parseRecordBytes, parseRecordText, recordKindOf } from '@engagements/core';
import type { Command } from 'commander';
import pc from 'picocolors';
import { EXIT } from '../errors.js';
import { plural } from '../format/summary.js';
import { visible } from '../format/pretty.js';
import type { CliCommand, CommandContext } from './command.js';
import { recordsOption, resolveRecordsDir } from './options.js';
import { expandPaths } from './validate.js';

interface FmtOptions {
  records: string;
  check?: boolean;
}

export const fmtCommand: CliCommand = {
  name: 'fmt',
  register(program: Command, context: CommandContext) {
    program
      .command('fmt')
      .summary('write records in their one canonical form')
      .description(
        'Rewrite record files in their one canonical form: the schema line first, keys in the schema\'s order, two-space ' +
          'indentation, short lists on one line, long text folded, quotes only where needed, LF line endings. Comments and ' +
          'data are kept. Without paths, formats every record in the records folder; only files that change are written.\n\n' +
          'With --check, writes nothing and names each file that would change.\n\n' +
          'Exit codes: 0 every file is formatted (or was rewritten), 1 with --check some file would change, or some file is ' +
          'not valid YAML (it is left alone), 2 usage or internal error.',
      )
      .argument('[paths...]', 'record files or folders to format (default: every record)')
      .addOption(recordsOption())
      .option('--check', 'write nothing; exit 1 and name each file that would change')
      .action(async (paths: string[], options: FmtOptions) => {
        context.exitCode = await fmt(paths, options, context);
      });
  },
};

/** What happened to one file. */
type Outcome =
  | { file: string; status: 'unchanged' | 'changed'; line?: number }
  | { file: string; status: 'problem'; message: string; at?: { line: number; column: number; code: string } };

/** Runs `engagements fmt`; resolves to the exit code. */
export async function fmt(paths: readonly string[], options: FmtOptions, context: CommandContext): Promise<number> {
  const { io } = context;
  const c = pc.createColors(context.color.stdout);
  const recordsDir = await resolveRecordsDir(options.records, io.cwd);
  const files = paths.length > 0 ? await expandPaths(paths, io.cwd) : await findRecordFiles(recordsDir);
  const outcomes: Outcome[] = [];
  for (const file of files) outcomes.push(await formatFile(file, io.cwd, options.check === true));

  const lines: string[] = [];
  for (const o of outcomes) {
    if (o.status === 'problem') {
      const where = o.at ? `${o.file}:${o.at.line}:${o.at.column}` : o.file;
      lines.push(`${c.bold(visible(where))}  ${c.red('error')}  ${o.at ? `${c.dim(o.at.code)}  ` : ''}${visible(o.message)}`);
    }
    else if (o.status === 'changed' && options.check) lines.push(`${c.bold(visible(o.file))}  would be reformatted (first difference at line ${o.line})`);
    else if (o.status === 'changed') lines.push(`${visible(o.file)}  formatted`);
  }
  const changed = outcomes.filter((o) => o.status === 'changed').length;
  const problems = outcomes.filter((o) => o.status === 'problem').length;
  const total = plural(outcomes.length, 'file');
  const parts: string[] = [];
  if (options.check) {
    if (changed > 0) parts.push(`${changed} of ${total} would be reformatted: run \`npx engagements fmt\``);
  } else if (changed > 0) parts.push(`${changed} of ${total} reformatted`);
  if (problems > 0) parts.push(`${plural(problems, 'file')} could not be formatted (left alone)`);
  const failed = problems > 0 || (options.check === true && changed > 0);
  if (parts.length === 0) lines.push(c.green(`✔ ${total} in canonical form`));
  else lines.push((failed ? (s: string) => c.bold(c.red(s)) : c.green)(`${failed ? '✖' : '✔'} ${parts.join('; ')}`));
  io.stdout.write(lines.join('\n') + '\n');
  return failed ? EXIT.dataErrors : EXIT.ok;
}

/** Formats one file: reads it, checks it is a record that parses, and writes the canonical form unless `check`. */
export async function formatFile(file: string, cwd: string, check: boolean): Promise<Outcome> {
  const shown = displayPath(file, cwd);
  const kind = recordKindOf(file);
  if (!kind) return { file: shown, status: 'problem', message: 'not in an engagements/, people/ or organizations/ folder, so its schema is unknown' };
  const extension = nearMissExtension(file);
  if (extension) {
    // Listed so that it is not skipped in silence; renamed, it is formatted like any record.
    const d = extensionDiagnostic(file, extension, cwd);
    return { file: shown, status: 'problem', message: `${d.message} ${d.hint} Not formatted: fix this first.`, at: { line: d.line, column: d.column, code: d.code } };
  }
  const info = await stat(file);
  if (info.size > LIMITS.maxFileBytes) return { file: shown, status: 'problem', message: `larger than ${LIMITS.maxFileBytes} bytes` };
  const bytes = await readFile(file);
  // The loader's own parse first: what it rejects, the formatter leaves alone.
  const parsed = parseRecordBytes(bytes);
  if (!parsed.ok) {
    const p = parsed.problems[0]!;
    // With the hint, as validate gives it: fmt is the first hook pre-commit runs, and its
    // output may be all a contributor reads.
    return { file: shown, status: 'problem', message: `${p.message}${p.hint ? ` ${p.hint}` : ''} Not formatted: fix this first.`, at: { line: p.line, column: p.column, code: p.code } };
  }
  const original = bytes.toString('utf8');
  const result = formatRecord(original, kind);
  if (!result.ok) return { file: shown, status: 'problem', message: `not formatted: ${result.reason}` };
  if (result.text === original) return { file: shown, status: 'unchanged' };
  // Belt and braces: the canonical form must hold exactly the same data.
  const again = parseRecordText(result.text);
  if (!again.ok || !deepEqual(again.value, parsed.value)) {
    return { file: shown, status: 'problem', message: 'formatting would change the data, so the file is left alone (please report this as a bug)' };
  }
  if (!check) await writeAtomically(file, result.text, info.mode);
  return { file: shown, status: 'changed', line: firstDifferentLine(original, result.text) };
}

/** 1-based number of the first line that differs between two texts. */
export function firstDifferentLine(a: string, b: string): number {
  const la = a.replace(/^\uFEFF/, '').split('\n');
  const lb = b.split('\n');
  let i = 0;
  while (i < la.length && i < lb.length && la[i] === lb[i]) i++;
  return i + 1;
}

/** Writes next to the file, then renames over it: an interrupted run never leaves half a record. */
async function writeAtomically(file: string, text: string, mode: number): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { mode: mode & 0o777 });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
