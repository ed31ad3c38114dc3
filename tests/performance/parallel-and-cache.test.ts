import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ageTree } from '../support/tree.js';

// The speed-ups must never change an answer: worker threads, the main thread alone, a cold
// cache and a warm one all give byte-identical reports, also when records have errors.
const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'packages/cli/bin/engagements.js');

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'engagements-parallel-'));
  cpSync(path.join(root, 'records'), path.join(dir, 'records'), { recursive: true });
  const broken = path.join(dir, 'records/people/kono-taro.yaml');
  writeFileSync(broken, readFileSync(broken, 'utf8').replace('name: Kono Taro', 'name: [Kono Taro'));
  const org = path.join(dir, 'records/organizations/ispr.yaml');
  writeFileSync(org, readFileSync(org, 'utf8').replace('kind: media-wing', 'kind: media-wng'));
  return dir;
}

function validate(dir: string, env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'validate', '--format', 'json', '--today', '2026-01-01', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('parallel loading and the cache', () => {
  it('give the same report as one thread without a cache', () => {
    const dir = workspace();
    const single = validate(dir, { ENGAGEMENTS_WORKERS: '0' }, '--no-cache');
    expect(single.status).toBe(1);
    const diagnostics = JSON.parse(single.stdout).diagnostics as { code: string }[];
    expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['YAML001', 'SCH003']));
    const parallel = validate(dir, { ENGAGEMENTS_WORKERS: '1', ENGAGEMENTS_PARALLEL_THRESHOLD: '0' }, '--no-cache');
    expect(parallel).toEqual(single);
    const cacheDir = path.join(dir, '.cache');
    const cold = validate(dir, { ENGAGEMENTS_WORKERS: '1', ENGAGEMENTS_PARALLEL_THRESHOLD: '0' }, '--cache-dir', cacheDir);
    const warm = validate(dir, { ENGAGEMENTS_WORKERS: '1', ENGAGEMENTS_PARALLEL_THRESHOLD: '0' }, '--cache-dir', cacheDir);
    expect(cold).toEqual(single);
    expect(warm).toEqual(single);
  });

  it('reuse the last report when no file changed, and only then', () => {
    const dir = workspace();
    const past = new Date('2024-01-01T00:00:00Z');
    ageTree(path.join(dir, 'records'), past);
    const cacheDir = path.join(dir, '.cache');
    const first = validate(dir, {}, '--cache-dir', cacheDir);
    expect(first.status).toBe(1);
    // Ageing the files moved their change time to now: stamps are trusted a second later.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1100);
    expect(validate(dir, {}, '--cache-dir', cacheDir)).toEqual(first);
    const index = readdirSync(cacheDir).find((f) => /^records-[0-9a-f]+\.idx$/.test(f))!;
    const written = statSync(path.join(cacheDir, index)).mtimeMs;
    // Reused: the same report, and no check ran (the record cache's index was not rewritten).
    expect(validate(dir, {}, '--cache-dir', cacheDir)).toEqual(first);
    expect(statSync(path.join(cacheDir, index)).mtimeMs).toBe(written);
    // Same size, same modification time, new content: the change time gives it away.
    const file = path.join(dir, 'records/organizations/ispr.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('kind: media-wng', 'kind: media-wig'));
    utimesSync(file, past, past);
    const after = validate(dir, {}, '--cache-dir', cacheDir);
    expect(after.stdout).toContain('media-wig');
    expect(after.stdout).not.toContain('media-wng');
  });
});

