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

  it('give the same report in worker threads as on one thread, for every kind of finding', () => {
    // Findings of loading, of the schema, of record-scoped rules with and without lookups
    // (an engagement whose rule looks engagements up is checked again once all are known),
    // of dataset-scoped rules, and of file names.
    const dir = workspace();
    const edit = (file: string, from: string, to: string) => {
      const full = path.join(dir, 'records', file);
      const text = readFileSync(full, 'utf8');
      expect(text).toContain(from);
      writeFileSync(full, text.replace(from, to));
    };
    const ambassador = 'engagements/2019/2019-05-14-jp-pk-ambassador-meets-naval-chief.yaml';
    edit('engagements/2019/2019-06-18-pk-jp-defence-cooperation-mou-signing.yaml', 'engagement: 2019-06-18-pk-jp-security-dialogue-seventh-round', 'engagement: 2019-06-18-pk-jp-security-dialogue-seventh-rond');
    cpSync(path.join(dir, 'records', ambassador), path.join(dir, 'records/engagements/2019/2019-05-14-copy.yaml'));
    cpSync(path.join(dir, 'records', ambassador), path.join(dir, 'records/engagements/2019/2019-05-15-copy.yml'));
    edit(ambassador, 'person: matsuda-kuninori', 'person: matsuda-kuninor');
    edit(ambassador, 'date: 2019-05-14', 'date: 2027-05-14');
    // Valid records that the fast path leaves to the full parser (an anchor), which the
    // main thread then loads and checks: a person (known to the workers' lookups) and an
    // engagement, each with a finding of a record-scoped rule.
    edit('people/ahmad-vahidi.yaml', 'name: Ahmad Vahidi', 'name: &name Ahmad Vahidi');
    edit('people/ahmad-vahidi.yaml', 'organization: iran-ministry-of-interior', 'organization: iran-ministry-of-interiour');
    const sonoura = 'engagements/2019/2019-12-23-jp-pk-sonoura-meets-army-chief.yaml';
    edit(sonoura, 'date_precision: day', 'date_precision: &precision day');
    edit(sonoura, 'date: 2019-12-23', 'date: 2028-12-23');
    const single = validate(dir, { ENGAGEMENTS_WORKERS: '0' }, '--no-cache');
    expect(single.status).toBe(1);
    const found = JSON.parse(single.stdout).diagnostics as { code: string; file: string }[];
    const codes = new Set(found.map((d) => d.code));
    expect([...codes].sort()).toEqual(expect.arrayContaining(['LOAD009', 'RULE001', 'RULE002', 'RULE003', 'RULE007', 'RULE018', 'SCH003', 'YAML001']));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'records/people/ahmad-vahidi.yaml', code: 'RULE003' }),
        expect.objectContaining({ file: `records/${sonoura}`, code: 'RULE007' }),
      ]),
    );
    for (const workers of ['1', '2', '3']) {
      const env = { ENGAGEMENTS_WORKERS: workers, ENGAGEMENTS_PARALLEL_THRESHOLD: '0' };
      expect(validate(dir, env, '--no-cache')).toEqual(single);
    }
    const env = { ENGAGEMENTS_WORKERS: '2', ENGAGEMENTS_PARALLEL_THRESHOLD: '0' };
    const asText = (e: Record<string, string>) => spawnSync(process.execPath, [cli, 'validate', '--no-cache', '--today', '2026-01-01'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...e } }).stdout;
    expect(asText(env)).toBe(asText({ ENGAGEMENTS_WORKERS: '0' }));
    const one = path.join('records', ambassador);
    expect(validate(dir, env, '--no-cache', one)).toEqual(validate(dir, { ENGAGEMENTS_WORKERS: '0' }, '--no-cache', one));
  });

  it('find their worker scripts in the bundled command line (a missing one would silently check on one thread)', () => {
    const bundle = path.join(root, 'packages/cli/dist/bundle');
    const started = new Set<string>();
    for (const file of readdirSync(bundle).filter((f) => f.endsWith('.js'))) {
      for (const m of readFileSync(path.join(bundle, file), 'utf8').matchAll(/new URL\("\.\/([\w-]+\.js)", import\.meta\.url\)/g)) started.add(m[1]!);
    }
    expect([...started].sort()).toEqual(['checkWorker.js', 'fastLoadWorker.js']);
    for (const worker of started) expect(readdirSync(bundle)).toContain(worker);
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

