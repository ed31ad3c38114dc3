import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ageTree, digestTree } from '../support/tree.js';

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

  it('fill the same record cache in worker threads as on one thread, which later runs then use', () => {
    // A cold cache is filled from what the workers send back (hashes, the data as text, the
    // rules' findings and the lookups they made), not from records held on the main thread:
    // the index and the data file must be those a check on one thread writes, byte for byte.
    const dir = workspace();
    const anchored = path.join(dir, 'records/people/ahmad-vahidi.yaml'); // valid, left by the fast path to the main thread
    writeFileSync(anchored, readFileSync(anchored, 'utf8').replace('name: Ahmad Vahidi', 'name: &name Ahmad Vahidi'));
    const inWorkers = { ENGAGEMENTS_WORKERS: '2', ENGAGEMENTS_PARALLEL_THRESHOLD: '0' };
    const oneThread = { ENGAGEMENTS_WORKERS: '0' };
    const single = validate(dir, oneThread, '--no-cache');
    expect(single.status).toBe(1);
    const filledInWorkers = path.join(dir, '.cache-workers');
    const filledHere = path.join(dir, '.cache-one-thread');
    expect(validate(dir, inWorkers, '--cache-dir', filledInWorkers)).toEqual(single);
    expect(validate(dir, oneThread, '--cache-dir', filledHere)).toEqual(single);
    // That path was taken (ENGAGEMENTS_TIMELINE prints each step), and only with workers.
    const steps = (env: Record<string, string>, cacheDir: string) => validate(dir, { ...env, ENGAGEMENTS_TIMELINE: '1' }, '--cache-dir', path.join(dir, cacheDir)).stderr;
    expect(steps(inWorkers, '.cache-steps')).toContain('check: the cache filled from worker threads');
    expect(steps(oneThread, '.cache-steps-one')).not.toContain('check: the cache filled from worker threads');
    const cacheFiles = (cacheDir: string) => {
      const names = readdirSync(cacheDir).sort();
      const index = readFileSync(path.join(cacheDir, names.find((n) => n.endsWith('.idx'))!));
      const headerEnd = index.indexOf(10);
      const { writtenAt, dataFile, log, sum, ...header } = JSON.parse(index.toString('utf8', 0, headerEnd)) as Record<string, unknown>;
      expect([typeof writtenAt, typeof dataFile, typeof log, typeof sum]).toEqual(['number', 'string', 'string', 'string']);
      const data = readFileSync(path.join(cacheDir, names.find((n) => n.endsWith('.data'))!));
      return { names: names.map((n) => n.replace(/-[0-9a-f]{16}\.data$/, '-TOKEN.data')), header, body: index.subarray(headerEnd + 1), data };
    };
    const theirs = cacheFiles(filledInWorkers);
    const mine = cacheFiles(filledHere);
    expect(theirs.names).toEqual(mine.names); // no spool file left behind
    expect(theirs.header).toEqual(mine.header);
    expect(theirs.header.files).toBeGreaterThan(50);
    expect(theirs.data.length).toBeGreaterThan(10_000);
    expect(theirs.data.equals(mine.data)).toBe(true);
    expect(theirs.body.equals(mine.body)).toBe(true);
    // Later runs answer from it as from the other: unchanged, then after edits a lookup sees.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1100);
    expect(validate(dir, oneThread, '--cache-dir', filledInWorkers)).toEqual(single);
    const person = path.join(dir, 'records/people/matsuda-kuninori.yaml');
    writeFileSync(person, readFileSync(person, 'utf8').replace('id: matsuda-kuninori', 'id: matsuda-kuninori-2'));
    const after = validate(dir, oneThread, '--no-cache');
    expect(after.stdout).not.toEqual(single.stdout);
    expect(validate(dir, oneThread, '--cache-dir', filledInWorkers)).toEqual(after);
    expect(validate(dir, oneThread, '--cache-dir', filledHere)).toEqual(after);
  });

  it('build the same outputs with a cache filled in worker threads, then read, as without a cache', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'engagements-parallel-build-'));
    cpSync(path.join(root, 'records'), path.join(dir, 'records'), { recursive: true });
    const build = (out: string, env: Record<string, string>, ...args: string[]) => {
      const result = spawnSync(process.execPath, [cli, 'build', '--today', '2026-01-01', '--out', out, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      return digestTree(path.join(dir, out));
    };
    const inWorkers = { ENGAGEMENTS_WORKERS: '2', ENGAGEMENTS_PARALLEL_THRESHOLD: '0' };
    const uncached = build('uncached', { ENGAGEMENTS_WORKERS: '0' }, '--no-cache');
    expect(Object.keys(uncached).length).toBeGreaterThan(20);
    expect(build('cold', inWorkers, '--cache-dir', '.cache')).toEqual(uncached);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1100);
    expect(build('warm', inWorkers, '--cache-dir', '.cache')).toEqual(uncached);
  });
});
