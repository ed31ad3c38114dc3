import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ageTree } from '../../../../tests/support/tree.js';
import { checkDataset } from '../check.js';

const records = path.resolve(import.meta.dirname, '../../../../records');
const PERSON = 'records/people/kono-taro.yaml';

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'engagements-cache-'));
  cpSync(records, path.join(dir, 'records'), { recursive: true });
  const past = new Date('2024-01-01T00:00:00Z');
  ageTree(path.join(dir, 'records'), past);
  const check = () => checkDataset({ cwd: dir, cacheDir: path.join(dir, '.cache'), today: '2026-01-01' });
  return { dir, check, past };
}

describe('the record cache', () => {
  it('gives the same result as an uncached check, cold and warm', async () => {
    const { dir, check } = setup();
    const uncached = await checkDataset({ cwd: dir, today: '2026-01-01' });
    const cold = await check();
    const warm = await check();
    expect(cold.diagnostics).toEqual(uncached.diagnostics);
    expect(warm.diagnostics).toEqual(uncached.diagnostics);
    expect(warm.dataset.people.map((p) => p.data)).toEqual(uncached.dataset.people.map((p) => p.data));
    expect(readdirSync(path.join(dir, '.cache')).filter((f) => f.startsWith('records-'))).toHaveLength(1);
  });

  it('does not read a file whose size and modification time are unchanged', async () => {
    const { dir, check, past } = setup();
    await check();
    const file = path.join(dir, PERSON);
    const text = readFileSync(file, 'utf8');
    // Same length, same mtime, different content: only a read would notice.
    writeFileSync(file, text.replace('name: Kono Taro', 'name: Kxno Taro'));
    utimesSync(file, past, past);
    const warm = await check();
    expect(warm.dataset.personById.get('kono-taro')!.data.name).toBe('Kono Taro');
  });

  it('re-reads a changed file and reports its errors at their location', async () => {
    const { dir, check } = setup();
    await check();
    const file = path.join(dir, PERSON);
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: Kono Taro', 'name: [Kono Taro'));
    const result = await check();
    expect(result.diagnostics.map((d) => [d.file, d.code, d.line])).toContainEqual([PERSON, 'YAML001', 3]);
  });

  it('is a hit when only the modification time changed (content hash)', async () => {
    const { dir, check } = setup();
    await check();
    const file = path.join(dir, PERSON);
    writeFileSync(file, readFileSync(file));
    const result = await check();
    expect(result.summary.errors).toBe(0);
    expect(result.dataset.personById.get('kono-taro')!.data.name).toBe('Kono Taro');
  });

  it('forgets deleted files', async () => {
    const { dir, check } = setup();
    await check();
    rmSync(path.join(dir, 'records/organizations/business-recorder.yaml'));
    const result = await check();
    expect(result.dataset.organizationById.has('business-recorder')).toBe(false);
    const cacheFile = readdirSync(path.join(dir, '.cache')).find((f) => f.startsWith('records-'))!;
    expect(readFileSync(path.join(dir, '.cache', cacheFile), 'utf8')).not.toContain('business-recorder.yaml');
  });
});
