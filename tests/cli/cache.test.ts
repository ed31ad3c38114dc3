// The cache seen from the command line: a damaged cache file is a note on stderr, never a
// different result; an edit that keeps a file's size and modification time is seen.
import { readdirSync, readFileSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
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
