import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ageTree } from '../../../../tests/support/tree.js';
import { checkDataset, findRecordFiles } from '../check.js';
import { reusableReport, statFiles } from './resultCache.js';

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

// Aged files keep a change time of now: a report is trusted only a second after it.
const settle = () => new Promise((resolve) => setTimeout(resolve, 1100));

describe('reusable reports', () => {
  it('reuse the last report exactly while nothing changed', async () => {
    const { dir, cacheDir, inputs } = setup();
    expect(reusableReport(await inputs())).toBeUndefined();
    await settle();
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
    // Setting the time back moved the change time to now: trusted a second later.
    await settle();
    await checkDataset({ cwd: dir, cacheDir, today: '2026-01-01' });
    expect(reusableReport(await inputs())).toBeDefined();
    writeFileSync(path.join(recordsDir, 'people/new-person.yaml'), 'id: new-person\n');
    utimesSync(path.join(recordsDir, 'people/new-person.yaml'), past, past);
    expect(reusableReport(await inputs())).toBeUndefined();
  });

  it('are not reused after an edit that keeps the size and the modification time', async () => {
    const { dir, recordsDir, cacheDir, inputs } = setup();
    await settle();
    await checkDataset({ cwd: dir, cacheDir, today: '2026-01-01' });
    expect(reusableReport(await inputs())).toBeDefined();
    const file = path.join(recordsDir, 'people/kono-taro.yaml');
    const before = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: Kono Taro', 'name: Kxno Taro'));
    utimesSync(file, before.atime, before.mtime);
    expect([statSync(file).size, statSync(file).mtimeMs]).toEqual([before.size, before.mtimeMs]);
    expect(reusableReport(await inputs())).toBeUndefined();
  });

  it('are not reused when a file may have changed in the clock tick of its read, however long the check went on after it', async () => {
    // Files changed just before the check (their change time: now), read, then changed
    // again in the same clock tick: on a file system with coarse timestamps their stamps
    // stay as they were, simulated by giving the check and the lookup the same stamps. The
    // check then took 1.5 s more before storing its report.
    const { dir, cacheDir, inputs } = setup();
    const given = await inputs();
    const stamps = statFiles(given.files);
    const t0 = Date.now();
    let calls = 0;
    const now = vi.spyOn(Date, 'now').mockImplementation(() => (calls++ === 0 ? t0 : t0 + 1500));
    try {
      await checkDataset({ cwd: dir, cacheDir, today: '2026-01-01', recordFiles: given.files, recordStats: stamps });
    } finally {
      now.mockRestore();
    }
    expect(reusableReport({ ...given, stats: stamps })).toBeUndefined();
  });

  it('ignore a corrupt report with a note', async () => {
    const { dir, cacheDir, inputs } = setup();
    await settle();
    await checkDataset({ cwd: dir, cacheDir, today: '2026-01-01' });
    const report = readdirSync(cacheDir).find((f) => f.startsWith('report-'))!;
    const text = readFileSync(path.join(cacheDir, report), 'utf8');
    writeFileSync(path.join(cacheDir, report), text.slice(0, text.length / 2));
    const notes: string[] = [];
    expect(reusableReport(await inputs(), (n) => notes.push(n))).toBeUndefined();
    expect(notes).toEqual([expect.stringMatching(/^the cached report .*report-[0-9a-f]+\.json is unreadable \(.*\); checking afresh\.$/)]);
  });
});
