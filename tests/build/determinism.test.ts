import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestTree } from '../support/tree.js';

// The same records give byte-identical outputs, whatever the time zone, the locale or
// the order in which the file system lists the files.
const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'packages/cli/bin/engagements.js');

function build(recordsDir: string, out: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [cli, 'build', '--records', recordsDir, '--out', out, '--today', '2026-01-01', '--no-cache'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.status, result.stdout + result.stderr).toBe(0);
  return digestTree(out);
}


describe('deterministic builds', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'engagements-determinism-'));
  const records = path.join(work, 'records');
  cpSync(path.join(root, 'records'), records, { recursive: true });
  let first: Record<string, string>;

  it('give byte-identical outputs twice in a row', () => {
    first = build(records, path.join(work, 'a'), { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' });
    expect(Object.keys(first).length).toBeGreaterThan(20);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['csv/engagements.csv', 'jsonld/engagements.jsonld', 'jsonld/engagements.nq', 'sdk/package.json', 'sqlite/engagements.sqlite', 'sqlite/metadata.json', 'codebook.md', 'site/index.html', 'site/downloads/sqlite/engagements.sqlite', 'site/assets/search-index.js', 'site/engagements/2020-08-06-pk-jp-army-chief-defence-minister-video-call.html']));
    expect(build(records, path.join(work, 'b'), { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' })).toEqual(first);
  });

  it('give the same bytes under other time zones and locales', () => {
    expect(build(records, path.join(work, 'c'), { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' })).toEqual(first);
    expect(build(records, path.join(work, 'd'), { TZ: 'America/Adak', LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8' })).toEqual(first);
  });

  it('give the same bytes whatever order the file system lists the records in', () => {
    // Recreate every folder with its files written in reverse order: directory listing
    // order follows creation order on common file systems.
    const shuffled = path.join(work, 'shuffled');
    const copyReversed = (from: string, to: string) => {
      const entries = readdirSync(from, { withFileTypes: true }).reverse();
      for (const e of entries) {
        const src = path.join(from, e.name);
        const dest = path.join(to, e.name);
        if (e.isDirectory()) copyReversed(src, dest);
        else cpSync(src, dest);
      }
    };
    copyReversed(records, shuffled);
    const renamed = path.join(work, 'records-moved');
    renameSync(records, renamed);
    renameSync(shuffled, records);
    try {
      expect(build(records, path.join(work, 'e'), { TZ: 'UTC' })).toEqual(first);
    } finally {
      rmSync(records, { recursive: true, force: true });
      renameSync(renamed, records);
    }
  });
});
