// Shared by the client tests (tests-clients/csv, tests-clients/sqlite): build a records
// folder with the real CLI into a temporary output folder, and load the same records as
// plain data (what the outputs must hold).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkDataset, publishedDataset, type PublishedDataset } from '@engagements/core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const REAL_RECORDS = path.join(ROOT, 'records');
export const FOUNDING_RECORDS = path.join(ROOT, 'tests/fixtures/founding/records');
/** A synthetic exercise hosted by a Namibian service (country `NA`, CAMEO `062`), added to the founding records. */
export const NAMIBIA_EXTRA = path.join(ROOT, 'tests/fixtures/namibia/records');
export const NAMIBIAN_ENGAGEMENT = '2021-03-01-na-pk-synthetic-exercise';
export const FOUNDING_ID = '2020-08-06-pk-jp-army-chief-defence-minister-video-call';

/** A records folder in a temporary folder: the founding records plus the Namibian exercise. */
export function namibiaRecords(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'engagements-namibia-')), 'records');
  cpSync(FOUNDING_RECORDS, dir, { recursive: true });
  cpSync(NAMIBIA_EXTRA, dir, { recursive: true });
  return dir;
}

/** Runs `engagements build` on a records folder; returns the output folder. */
export function buildWithCli(recordsDir: string, prefix: string): string {
  const out = path.join(mkdtempSync(path.join(tmpdir(), `engagements-${prefix}-`)), 'dist');
  const cli = path.join(ROOT, 'packages/cli/bin/engagements.js');
  const result = spawnSync(process.execPath, [cli, 'build', '--records', recordsDir, '--out', out, '--today', '2026-01-01', '--no-cache'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`engagements build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return out;
}

/** The records of a folder as plain data, as the exporters get them. */
export async function loadRecords(recordsDir: string): Promise<PublishedDataset> {
  const result = await checkDataset({ recordsDir, cwd: ROOT, today: '2026-01-01' });
  if (result.summary.errors > 0) throw new Error(`${recordsDir} has errors`);
  return publishedDataset(result.dataset);
}

/** Runs a program with a time limit; throws with its output when it fails. */
export function run(command: string, args: string[], options: { input?: string; cwd?: string } = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28, env: { ...process.env, LC_ALL: 'C.UTF-8' }, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  return result.stdout;
}
