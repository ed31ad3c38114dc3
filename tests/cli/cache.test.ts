// The cache seen from the command line: a damaged cache file is a note on stderr, never a
// different result; an edit that keeps a file's size and modification time is seen.
import { readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FOUNDING, TODAY, Workspace } from './helpers.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 1100));

describe('engagements validate with its cache', () => {
  it('notes a corrupt or truncated cache file on stderr and gives the same result', async () => {
    const ws = new Workspace();
    const args = ['validate', '--cache-dir', '.cache', '--today', TODAY, '--format', 'json'];
    const first = ws.run(args);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    const cacheDir = ws.path('.cache');
    const index = readdirSync(cacheDir).find((f) => /^records-[0-9a-f]+\.idx$/.test(f))!;
    const report = readdirSync(cacheDir).find((f) => f.startsWith('report-'))!;
    truncateSync(path.join(cacheDir, index), 40);
    writeFileSync(path.join(cacheDir, report), '{"signature":');
    const second = ws.run(args);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toMatch(/^engagements: note: the cached report .*report-[0-9a-f]+\.json is unreadable \(.*\); checking afresh\.$/m);
    expect(second.stderr).toMatch(/^engagements: note: the cache .*records-[0-9a-f]+\.idx is unreadable \(.*\); checking every file afresh\.$/m);
    expect(second.stderr).not.toMatch(/\n\s+at /); // no stack trace
    // The cache was rewritten whole: the next run has nothing to note.
    await settle();
    expect(ws.run(args).stderr).toBe('');
  });

  it('sees an edit that keeps the size and the modification time, in a rerun and in validate FILE', async () => {
    const ws = new Workspace();
    const file = ws.path(FOUNDING);
    const past = new Date('2024-01-01T00:00:00Z'); // whole milliseconds: set back exactly below
    utimesSync(file, past, past);
    const args = ['validate', '--cache-dir', '.cache', '--today', TODAY, '--format', 'json'];
    expect(ws.run(args).status).toBe(0);
    await settle();
    expect(ws.run(args).status).toBe(0); // every stamp trusted now
    const before = statSync(file);
    // `medium: video` -> `medium: vidoe`: same size, an invalid value.
    writeFileSync(file, readFileSync(file, 'utf8').replace('medium: video', 'medium: vidoe'));
    utimesSync(file, past, past);
    expect([statSync(file).size, statSync(file).mtimeMs]).toEqual([before.size, before.mtimeMs]);
    const rerun = ws.run(args);
    expect(rerun.status).toBe(1);
    expect(JSON.parse(rerun.stdout).diagnostics.map((d: { file: string; code: string }) => [d.file, d.code])).toEqual([[FOUNDING, 'SCH003']]);
    const single = ws.run([...args, FOUNDING]);
    expect(single.status).toBe(1);
    expect(JSON.parse(single.stdout).diagnostics).toEqual(JSON.parse(rerun.stdout).diagnostics);
  });
});

describe('an incremental run prints exactly what a run without the cache prints', () => {
  const PERSON = 'records/people/qamar-javed-bajwa.yaml';
  const ORGANIZATION = 'records/organizations/japan-ministry-of-defense.yaml';
  const SECOND = 'records/engagements/2020/2020-08-07-pk-jp-second-call.yaml';

  /** A workspace with errors and warnings across files: an invalid engagement (SCH003) and a country as an alias (RULE020). */
  function workspace(): Workspace {
    const ws = new Workspace();
    ws.write(SECOND, ws.read(FOUNDING).replace(/^id: .*$/m, 'id: 2020-08-07-pk-jp-second-call').replace('medium: video', 'medium: vidoe'));
    ws.replace(ORGANIZATION, /^aliases:\n/m, 'aliases:\n  - Japan\n');
    return ws;
  }

  /** Runs validate with the cache and without it, as JSON and for people (code frames: positions), and expects the same bytes and exit code. */
  function expectSameAsUncached(ws: Workspace, files: string[] = []): string {
    let json = '';
    for (const format of ['json', 'pretty']) {
      const args = ['validate', '--today', TODAY, '--format', format, ...files];
      const cached = ws.run([...args, '--cache-dir', '.cache']);
      const uncached = ws.run([...args, '--no-cache']);
      expect(cached.stderr).toBe('');
      expect(cached.stdout).toBe(uncached.stdout);
      expect(cached.status).toBe(uncached.status);
      if (format === 'json') json = cached.stdout;
    }
    return json;
  }
  const codes = (json: string) => (JSON.parse(json) as { diagnostics: { file: string; code: string }[] }).diagnostics.map((d) => `${d.file} ${d.code}`);

  it('after edits that add and remove cross-record findings (a shared alias, a duplicated id), rerun and validate FILE', async () => {
    const ws = workspace();
    const before = expectSameAsUncached(ws);
    expect(codes(before)).toEqual([`${SECOND} SCH003`, `${ORGANIZATION} RULE020`]);
    await settle(); // stamps trusted from now on: only the edited files are read again

    // Bajwa takes one of Kono's aliases: RULE013 on the later of the two people (in id order).
    ws.replace(PERSON, '  - COAS Bajwa\n', '  - COAS Bajwa\n  - Taro Kono\n');
    const shared = expectSameAsUncached(ws);
    expect(codes(shared)).toContain(`${PERSON} RULE013`);
    expectSameAsUncached(ws, [PERSON]);
    expectSameAsUncached(ws, ['records/people/kono-taro.yaml']);

    // A second organization with the same id: RULE001 on the later file; then the alias goes away again.
    ws.write('records/organizations/japan-mod.yaml', ws.read(ORGANIZATION));
    ws.replace(PERSON, '  - Taro Kono\n', '');
    const duplicated = expectSameAsUncached(ws);
    expect(codes(duplicated)).toContain('records/organizations/japan-mod.yaml RULE001');
    expect(codes(duplicated)).not.toContain(`${PERSON} RULE013`);
    await settle();

    // The invalid engagement fixed, the duplicate removed.
    ws.replace(SECOND, 'medium: vidoe', 'medium: video');
    rmSync(ws.path('records/organizations/japan-mod.yaml'));
    const fixed = expectSameAsUncached(ws);
    expect(codes(fixed)).toEqual([`${SECOND} RULE002`, `${ORGANIZATION} RULE020`]); // valid now, so its id is checked against its date
    expectSameAsUncached(ws, [SECOND]);
  });

  it('in a records folder whose name begins with two dots (`..records`): the same paths cached and not, and validate FILE keeps the file\'s findings', async () => {
    const ws = workspace();
    renameSync(ws.path('records'), ws.path('..records'));
    const organization = ORGANIZATION.replace('records/', '..records/');
    // A document marker: the fast reader declines the file, so the full parser loads it (without a cache, and the first time with one).
    ws.replace(organization, /^id: /m, '---\nid: ');
    const args = ['validate', '--records', '..records', '--today', TODAY, '--format', 'json'];
    const expected = ws.run([...args, '--no-cache']);
    // Inside the working directory, so shown relative to it, whichever loader read the file.
    expect(JSON.parse(expected.stdout).diagnostics.map((d: { file: string; code: string }) => `${d.file} ${d.code}`)).toEqual([`${SECOND.replace('records/', '..records/')} SCH003`, `${organization} RULE020`]);
    expect(ws.run([...args, '--cache-dir', '.cache']).stdout).toBe(expected.stdout);
    await settle();
    ws.replace(FOUNDING.replace('records/', '..records/'), 'medium: video', 'medium: video '); // the rerun reads it again and recalls the others from the cache
    const rerun = ws.run([...args, '--cache-dir', '.cache']);
    expect(rerun.stdout).toBe(ws.run([...args, '--no-cache']).stdout);
    expect(rerun.stdout).toBe(expected.stdout);
    for (const cache of [['--no-cache'], ['--cache-dir', '.cache']]) {
      const single = ws.run([...args, ...cache, organization]);
      expect(single.status).toBe(0);
      expect(JSON.parse(single.stdout)).toMatchObject({ diagnostics: [{ file: organization, code: 'RULE020' }], summary: { files: 1, records: 1, warnings: 1 } });
    }
  });
});
