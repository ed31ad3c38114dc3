// The release step (prepareRelease, behind `npm run release`): it records the data as a
// new release in releases/, and a build of the released data ships that release's changes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diffDatasets, isEmptyDiff, type PublishedDataset } from '@engagements/core';
import { createSdkExporter, parseSnapshot, prepareRelease, type ReleaseSnapshot } from '@engagements/export-sdk';
import { schemas } from '@engagements/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOUNDING, loadDataset, root, text } from './helpers.js';

let dataset: PublishedDataset;
let current: ReleaseSnapshot;
const changelog = () => readFileSync(path.join(root, 'releases/CHANGELOG.md'), 'utf8');

beforeAll(async () => {
  dataset = await loadDataset();
  current = parseSnapshot(readFileSync(path.join(root, 'releases/latest.json'), 'utf8'));
});

describe('prepareRelease', () => {
  it('records the data, the schemas and the changes as the next version', async () => {
    const outcome = await prepareRelease({ root, dataset, date: '2030-01-02' });
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.files.map((f) => f.path)).toEqual(['releases/latest.json', 'releases/CHANGELOG.md']);
    const snapshot = parseSnapshot(outcome.files[0]!.content);
    expect(snapshot.version).toBe(outcome.version);
    expect(snapshot.released).toBe('2030-01-02');
    expect(isEmptyDiff(diffDatasets(snapshot.data, dataset))).toBe(true);
    expect(snapshot.changes).toMatchObject({ version: outcome.version, previousVersion: current.version, bump: outcome.bump });
    const log = outcome.files[1]!.content;
    expect(log.startsWith(`# Changelog\n\n## ${outcome.version} (2030-01-02)\n`)).toBe(true);
    // Past releases stay below.
    expect(log).toContain(`## ${current.version} (${current.released})`);
    // The build of the same data before the release proposes that version.
    const built = await createSdkExporter().export(dataset, {});
    expect(JSON.parse(text(built.find((f) => f.path === 'sdk/package.json'))).version).toBe(outcome.version);
  });

  it('after the release, the build ships the released version with the changes that made it', async () => {
    const outcome = await prepareRelease({ root, dataset, date: '2030-01-02' });
    if (!outcome.ok) throw new Error(outcome.error);
    const release = parseSnapshot(outcome.files[0]!.content);
    const built = await createSdkExporter({ inputs: { release, changelog: outcome.files[1]!.content } }).export(dataset, {});
    const file = (p: string) => text(built.find((f) => f.path === `sdk/${p}`));
    expect(JSON.parse(file('package.json')).version).toBe(outcome.version);
    expect(JSON.parse(file('changes.json'))).toEqual(release.changes);
    expect(file('CHANGELOG.md')).not.toContain('unreleased');
    expect(file('CHANGELOG.md')).toContain(`## ${outcome.version} (2030-01-02)`);
    // Nothing left to release.
    const again = await prepareRelease({ root, dataset, inputs: { release, changelog: outcome.files[1]!.content }, date: '2030-01-03' });
    expect(again).toMatchObject({ ok: false, error: expect.stringContaining('nothing to release') });
    const empty = await prepareRelease({ root, dataset, inputs: { release }, date: '2030-01-03', allowEmpty: true, bump: 'patch' });
    expect(empty).toMatchObject({ ok: true, bump: 'patch' });
  });

  it('never releases a smaller bump than the policy asks, unless forced', async () => {
    const removed: PublishedDataset = { ...dataset, people: dataset.people.filter((p) => p.id !== 'kono-taro') };
    const release: ReleaseSnapshot = { ...current, version: '1.4.2', schemas, data: dataset };
    const minor = await prepareRelease({ root, dataset: removed, inputs: { release }, date: '2030-01-02', bump: 'minor' });
    expect(minor).toMatchObject({ ok: false, error: expect.stringMatching(/policy asks for a major release \(1 id removed without a redirect\)/) });
    const forced = await prepareRelease({ root, dataset: removed, inputs: { release }, date: '2030-01-02', bump: 'minor', force: true });
    expect(forced).toMatchObject({ ok: true, version: '1.5.0', bump: 'minor' });
    const proposed = await prepareRelease({ root, dataset: removed, inputs: { release }, date: '2030-01-02' });
    expect(proposed).toMatchObject({ ok: true, version: '2.0.0', bump: 'major' });
    const backwards = await prepareRelease({ root, dataset: removed, inputs: { release }, date: '2030-01-02', version: '1.4.2' });
    expect(backwards).toMatchObject({ ok: false, error: expect.stringContaining('not after the last release') });
  });

  it('stops on a wrong redirects file', async () => {
    const outcome = await prepareRelease({ root, dataset, inputs: { redirectsText: `engagements:\n  ${FOUNDING}:\n    moved_to: 2020-08-06-x\n` }, date: '2030-01-02' });
    expect(outcome).toMatchObject({ ok: false, error: expect.stringContaining('REDIRECT002') });
  });

  it('the committed changelog matches the committed release', () => {
    expect(changelog()).toContain(`## ${current.version} (${current.released})`);
    expect(current.changes?.version).toBe(current.version);
  });
});

describe('npm run release', () => {
  it('is the release script, and --dry-run writes nothing', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(manifest.scripts.release).toBe('node packages/export-sdk/scripts/release.mjs');
    const before = readFileSync(path.join(root, 'releases/latest.json'), 'utf8');
    // --skip-build: the script imports the packages' dist/, which the test runner builds first.
    const dist = path.join(root, 'packages/export-sdk/dist/releaseCommand.js');
    try {
      readFileSync(dist);
    } catch {
      return; // not built: nothing to run
    }
    const result = spawnSync(process.execPath, ['packages/export-sdk/scripts/release.mjs', '--dry-run', '--skip-build', '--date', '2030-01-02'], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/added, \d+ removed, \d+ moved, \d+ modified/);
    expect(result.stdout).toContain('--dry-run: nothing written.');
    expect(readFileSync(path.join(root, 'releases/latest.json'), 'utf8')).toBe(before);
  });
});
