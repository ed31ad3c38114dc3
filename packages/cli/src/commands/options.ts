// Options shared by several commands, so that they read the same everywhere.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { FORMAT_NAMES, type FormatName } from '../format/index.js';
import { UsageError } from '../errors.js';

export const recordsOption = () => new Option('--records <dir>', 'the records folder').default('records');

export const formatOption = () => new Option('--format <format>', 'output format').choices(FORMAT_NAMES).default('pretty' satisfies FormatName);

export const todayOption = () =>
  new Option('--today <date>', 'the date that date rules take as today, YYYY-MM-DD (default: the current UTC date)').argParser(parseDateArgument);

/** Parses a YYYY-MM-DD option value, refusing dates that do not exist. */
export function parseDateArgument(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new InvalidArgumentError('Expected a date as YYYY-MM-DD, such as 2020-08-06.');
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // The form is right: say which part names no day, rather than repeat the form.
  if (month < 1 || month > 12) throw new InvalidArgumentError(`There is no month ${m[2]}: the month is 01 to 12.`);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) {
    const name = new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
    throw new InvalidArgumentError(`The day ${m[3]} does not exist: ${name} ${m[1]} has ${days} days.`);
  }
  return value;
}

/** The absolute records folder; a usage error when it does not exist. */
export async function resolveRecordsDir(dir: string, cwd: string): Promise<string> {
  const absolute = path.resolve(cwd, dir);
  const info = await stat(absolute).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UsageError(`The records folder ${JSON.stringify(dir)} does not exist${info ? ' (it is not a folder)' : ''}; run from the repository root or pass --records <dir>.`);
  }
  return absolute;
}

export const cacheDirOption = () =>
  new Option('--cache-dir <dir>', 'folder of the cache of valid records (default: node_modules/.cache/engagements when node_modules exists)');
export const noCacheOption = () => new Option('--no-cache', 'parse and validate every file afresh, without reading or writing the cache');

/**
 * The cache folder to use: the one given, or node_modules/.cache/engagements (the usual
 * place for tools' caches, ignored by git) when the current folder has node_modules.
 */
export async function resolveCacheDir(options: { cache?: boolean; cacheDir?: string }, cwd: string): Promise<string | undefined> {
  if (options.cache === false) return undefined;
  if (options.cacheDir) return path.resolve(cwd, options.cacheDir);
  const modules = path.join(cwd, 'node_modules');
  const info = await stat(modules).catch(() => undefined);
  return info?.isDirectory() ? path.join(modules, '.cache', 'engagements') : undefined;
}
