// Hostile files rather than hostile text: symbolic links committed into records/ (to a
// secret outside the repository, to /dev/zero, to a folder), a named pipe, a folder named
// like a record. None may be followed, read, quoted or waited on.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkDataset } from '@engagements/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyBase, TODAY } from './harness.js';

const SECRET = 'npm-token-0123456789abcdef';
let cwd = '';
let records = '';
let outside = '';

beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'engagements-fs-'));
  records = copyBase(cwd);
  outside = mkdtempSync(path.join(tmpdir(), 'engagements-outside-'));
  // A secret in YAML shape: were it read, its key and value would appear in SCH001/SCH003 messages.
  writeFileSync(path.join(outside, 'secret.yaml'), `id: leaked\nname: Leaked\nkind: ${SECRET}\ntoken: ${SECRET}\n`);
  mkdirSync(path.join(outside, 'organizations'), { recursive: true });
  writeFileSync(path.join(outside, 'organizations', 'walked.yaml'), `id: walked\nname: ${SECRET}\n`);
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

async function check(files?: string[], cacheDir?: string) {
  const started = performance.now();
  const result = await checkDataset({ recordsDir: 'records', cwd, today: TODAY, ...(files ? { files } : {}), ...(cacheDir ? { cacheDir } : {}) });
  const text = JSON.stringify(result.diagnostics);
  expect(text).not.toContain(SECRET);
  expect(performance.now() - started).toBeLessThan(10_000);
  return result.diagnostics.map((d) => `${d.file} ${d.code} ${d.line}:${d.column} ${d.message}`);
}

describe('hostile files in the records folder', () => {
  it('a symbolic link to a file outside is not followed, read or quoted: LOAD001 in a full run and named explicitly', async () => {
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(records, 'organizations', 'leaked.yaml'));
    // Listed and refused, never skipped without a word: a run that passes has checked every file named like a record.
    expect(await check()).toEqual(['records/organizations/leaked.yaml LOAD001 1:1 Cannot read the file: it is a symbolic link.']);
    expect(await check(undefined, path.join(cwd, '.cache'))).toEqual(['records/organizations/leaked.yaml LOAD001 1:1 Cannot read the file: it is a symbolic link.']);
    // The worker threads of `validate --no-cache` too.
    const inWorkers = await checkDataset({ recordsDir: 'records', cwd, today: TODAY, lazyRecords: true });
    expect(inWorkers.diagnostics.map((d) => `${d.file} ${d.code} ${d.line}:${d.column} ${d.message}`)).toEqual(['records/organizations/leaked.yaml LOAD001 1:1 Cannot read the file: it is a symbolic link.']);
    expect(JSON.stringify(inWorkers.diagnostics)).not.toContain(SECRET);
    expect(await check(['records/organizations/leaked.yaml'])).toEqual(['records/organizations/leaked.yaml LOAD001 1:1 Cannot read the file: it is a symbolic link.']);
  });

  it('a symbolic link to /dev/zero is never read (it would never end)', async () => {
    symlinkSync('/dev/zero', path.join(records, 'organizations', 'zero.yaml'));
    expect(await check()).toEqual(['records/organizations/zero.yaml LOAD001 1:1 Cannot read the file: it is a symbolic link.']);
    expect(await check(['records/organizations/zero.yaml'])).toEqual(['records/organizations/zero.yaml LOAD001 1:1 Cannot read the file: it is a symbolic link.']);
  });

  it('not with the record cache either', async () => {
    const cacheDir = path.join(cwd, '.cache');
    await check(undefined, cacheDir); // fill the cache with the real records
    const file = path.join(records, 'organizations', 'ispr.yaml');
    rmSync(file);
    symlinkSync('/dev/zero', file);
    const found = await check(['records/organizations/ispr.yaml'], cacheDir);
    expect(found).toEqual(['records/organizations/ispr.yaml LOAD001 1:1 Cannot read the file: it is a symbolic link.']);
  });

  it('a symbolic link to a folder is not walked', async () => {
    symlinkSync(outside, path.join(records, 'organizations', 'elsewhere'));
    symlinkSync('/', path.join(records, 'people', 'root'));
    expect(await check()).toEqual([]);
  });

  it('a named pipe named explicitly is LOAD001 at once, not waited on', async () => {
    const fifo = path.join(records, 'organizations', 'pipe.yaml');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // no mkfifo on this system
    }
    expect(await check()).toEqual([]);
    expect(await check(['records/organizations/pipe.yaml'])).toEqual(['records/organizations/pipe.yaml LOAD001 1:1 Cannot read the file: it is not a regular file.']);
  });

  it('a folder named like a record is not a record; named explicitly it is LOAD001', async () => {
    mkdirSync(path.join(records, 'organizations', 'folder.yaml'));
    expect(await check()).toEqual([]);
    expect(await check(['records/organizations/folder.yaml'])).toEqual(['records/organizations/folder.yaml LOAD001 1:1 Cannot read the file: it is not a regular file.']);
  });
});
