import { cpSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ageTree } from '../../../../tests/support/tree.js';
import { checkDataset, findRecordFiles } from '../check.js';
import { reusableReport } from './resultCache.js';

const records = path.resolve(import.meta.dirname, '../../../../records');

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'engagements-report-'));
  cpSync(records, path.join(dir, 'records'), { recursive: true });
  const past = new Date('2024-01-01T00:00:00Z');
  ageTree(path.join(dir, 'records'), past);
  const recordsDir = path.join(dir, 'records');
  const cacheDir = path.join(dir, '.cache');
  const inputs = async (today = '2026-01-01') => ({ cacheDir, recordsDir, files: await findRecordFiles(recordsDir), today, cwd: dir });
  return { dir, recordsDir, cacheDir, inputs };
}

describe('reusable reports', () => {
  it('reuse the last report exactly while nothing changed', async () => {
    const { dir, cacheDir, inputs } = setup();
    expect(reusableReport(await inputs())).toBeUndefined();
    const full = await checkDataset({ cwd: dir, cacheDir, today: '2026-01-01' });
    const reused = reusableReport(await inputs());
    expect(reused).toEqual({ diagnostics: full.diagnostics, summary: full.summary });
  });

  it('are not reused after a file changes, another day, or a new file', async () => {
    const { dir, recordsDir, cacheDir, inputs } = setup();
    await checkDataset({ cwd: dir, cacheDir, today: '2026-01-01' });
    expect(reusableReport(await inputs('2026-01-02'))).toBeUndefined();
    const file = path.join(recordsDir, 'people/kono-taro.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: Kono Taro', 'name: Kono  Taro'));
    expect(reusableReport(await inputs())).toBeUndefined();
    await checkDataset({ cwd: dir, cacheDir, today: '2026-01-01' });
    // Just written: inside the racy second, so still not trusted.
    expect(reusableReport(await inputs())).toBeUndefined();
    const past = new Date('2024-01-02T00:00:00Z');
    utimesSync(file, past, past);
    await checkDataset({ cwd: dir, cacheDir, today: '2026-01-01' });
    expect(reusableReport(await inputs())).toBeDefined();
    writeFileSync(path.join(recordsDir, 'people/new-person.yaml'), 'id: new-person\n');
    utimesSync(path.join(recordsDir, 'people/new-person.yaml'), past, past);
    expect(reusableReport(await inputs())).toBeUndefined();
  });
});
