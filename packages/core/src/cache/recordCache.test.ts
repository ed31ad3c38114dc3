import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ageTree } from '../../../../tests/support/tree.js';
import { checkDataset } from '../check.js';
import { stampFiles } from '../load/fileStamps.js';
import { RecordCache, stampOf } from './recordCache.js';

const records = path.resolve(import.meta.dirname, '../../../../records');
const PERSON = 'records/people/kono-taro.yaml';
const ENGAGEMENT = 'records/engagements/2019/2019-10-29-in-jp-defence-ministers-phone-call.yaml';

// Files aged into the past keep a change time of now: the cache trusts a stamp only a
// second after it, so tests that want stamps trusted wait that second out.
const settle = () => new Promise((resolve) => setTimeout(resolve, 1100));

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'engagements-cache-'));
  cpSync(records, path.join(dir, 'records'), { recursive: true });
  const past = new Date('2024-01-01T00:00:00Z');
  ageTree(path.join(dir, 'records'), past);
  const cacheDir = path.join(dir, '.cache');
  const notes: string[] = [];
  const check = () => checkDataset({ cwd: dir, cacheDir, today: '2026-01-01', onNote: (n) => notes.push(n) });
  const uncached = () => checkDataset({ cwd: dir, today: '2026-01-01' });
  const cacheFiles = () => readdirSync(cacheDir).filter((f) => f.startsWith('records-')).sort();
  return { dir, cacheDir, check, uncached, past, notes, cacheFiles };
}

/** The same-size, same-modification-time edit: only the change time (or a read) can tell. */
function sneakyEdit(file: string, from: string, to: string, past: Date): void {
  const before = statSync(file);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  expect(to.length).toBe(from.length);
  writeFileSync(file, text.replace(from, to));
  utimesSync(file, past, past);
  const after = statSync(file);
  expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
}

describe('the record cache', () => {
  it('gives the same result as an uncached check, cold and warm, in an index and one data file', async () => {
    const { check, uncached, cacheFiles, notes } = setup();
    const reference = await uncached();
    const cold = await check();
    await settle();
    const warm = await check();
    expect(cold.diagnostics).toEqual(reference.diagnostics);
    expect(warm.diagnostics).toEqual(reference.diagnostics);
    expect(warm.summary).toEqual(reference.summary);
    expect(warm.dataset.people.map((p) => p.data)).toEqual(reference.dataset.people.map((p) => p.data));
    expect(warm.dataset.engagements.map((p) => p.data)).toEqual(reference.dataset.engagements.map((p) => p.data));
    expect(notes).toEqual([]); // data read after the check (as exporters do) comes from the cache, not from a fallback
    expect(cacheFiles()).toEqual([expect.stringMatching(/^records-[0-9a-f]+-[0-9a-f]+\.data$/), expect.stringMatching(/^records-[0-9a-f]+\.idx$/)]);
  });

  it('sees an edit that keeps the size and the modification time (settled stamps)', async () => {
    const { dir, check, past } = setup();
    await check();
    await settle();
    await check(); // stamps now trusted
    sneakyEdit(path.join(dir, PERSON), 'name: Kono Taro', 'name: Kxno Taro', past);
    const warm = await check();
    expect(warm.dataset.personById.get('kono-taro')!.data.name).toBe('Kxno Taro');
  });

  it('sees such an edit right after the cache was written (racy stamps are hashed)', async () => {
    const { dir, check, past } = setup();
    await check();
    sneakyEdit(path.join(dir, PERSON), 'name: Kono Taro', 'name: Kxno Taro', past);
    const warm = await check();
    expect(warm.dataset.personById.get('kono-taro')!.data.name).toBe('Kxno Taro');
  });

  it('re-checks an unchanged engagement when a person it names changes (rule findings follow their lookups)', async () => {
    const { dir, check, uncached, past, notes } = setup();
    const first = await check();
    expect(first.diagnostics.filter((d) => d.file === ENGAGEMENT)).toEqual([]);
    await settle();
    // Kono's term now starts after the call of 2019-10-29: RULE005 on an engagement file that did not change.
    sneakyEdit(path.join(dir, PERSON), 'start: 2019-09-11', 'start: 2019-11-11', past);
    const warm = await check();
    expect(warm.diagnostics.filter((d) => d.file === ENGAGEMENT).map((d) => d.code)).toContain('RULE005');
    expect(warm.diagnostics).toEqual((await uncached()).diagnostics);
    // And back: the finding goes away again.
    sneakyEdit(path.join(dir, PERSON), 'start: 2019-11-11', 'start: 2019-09-11', past);
    expect((await check()).diagnostics.filter((d) => d.file === ENGAGEMENT)).toEqual([]);
    expect(notes).toEqual([]); // the rows of re-checked records were rewritten, not the cache given up
    expect((await check()).diagnostics).toEqual((await uncached()).diagnostics);
  });

  it('runs the rules afresh on another day and rewrites the rows they kept findings in', async () => {
    const { dir, cacheDir, notes } = setup();
    const on = (today: string, cache = true) => checkDataset({ cwd: dir, ...(cache ? { cacheDir } : {}), today, onNote: (n) => notes.push(n) });
    await on('2026-01-01');
    await settle();
    const later = await on('2019-10-30'); // the call of 2019-10-29 was yesterday: other date findings
    expect(later.diagnostics).toEqual((await on('2019-10-30', false)).diagnostics);
    expect((await on('2019-10-30')).diagnostics).toEqual(later.diagnostics);
    expect(notes).toEqual([]);
  });

  it('follows deleted, added and duplicated records across the dataset', async () => {
    const { dir, check, uncached } = setup();
    await check();
    rmSync(path.join(dir, 'records/organizations/japan-ministry-of-defense.yaml'));
    const afterDelete = await check();
    expect(afterDelete.diagnostics).toEqual((await uncached()).diagnostics);
    expect(afterDelete.diagnostics.some((d) => d.code === 'RULE003' && d.message.includes('japan-ministry-of-defense'))).toBe(true);
    expect(afterDelete.diagnostics).toEqual((await uncached()).diagnostics);
    writeFileSync(path.join(dir, 'records/people/kono-taro-again.yaml'), readFileSync(path.join(dir, PERSON)));
    const afterCopy = await check();
    expect(afterCopy.diagnostics.some((d) => d.code === 'RULE001' && d.file === PERSON)).toBe(true);
    expect(afterCopy.diagnostics).toEqual((await uncached()).diagnostics);
    expect(afterCopy.dataset.organizationById.has('japan-ministry-of-defense')).toBe(false);
  });

  it('reuses the findings on an invalid file and re-reads it when it changes', async () => {
    const { dir, check, uncached } = setup();
    const file = path.join(dir, PERSON);
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: Kono Taro', 'name: [Kono Taro'));
    const cold = await check();
    expect(cold.diagnostics.map((d) => [d.file, d.code, d.line])).toContainEqual([PERSON, 'YAML001', 3]);
    const warm = await check();
    expect(warm.diagnostics).toEqual(cold.diagnostics);
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: [Kono Taro', 'name: Kono Taro'));
    const fixed = await check();
    expect(fixed.diagnostics).toEqual((await uncached()).diagnostics);
  });

  it('ignores a corrupt or truncated index with a note, and gives the same result', async () => {
    const { cacheDir, check, uncached, notes, cacheFiles } = setup();
    const reference = (await uncached()).diagnostics;
    await check();
    const index = path.join(cacheDir, cacheFiles()[1]!);
    truncateSync(index, Math.floor(statSync(index).size / 2));
    expect((await check()).diagnostics).toEqual(reference);
    expect(notes.join('\n')).toMatch(/the cache .*records-[0-9a-f]+\.idx is unreadable .*checking every file afresh/);
    notes.length = 0;
    writeFileSync(path.join(cacheDir, cacheFiles()[1]!), '{"format":7,"files":"nonsense"}\n[]\n');
    expect((await check()).diagnostics).toEqual(reference);
    expect(notes.join('\n')).toMatch(/unreadable \(unexpected layout\)/);
    // One byte changed inside a row (an id a letter off), the file's length kept: the checksum sees it.
    notes.length = 0;
    await check();
    const file = path.join(cacheDir, cacheFiles()[1]!);
    const text = readFileSync(file, 'latin1'); // byte for byte: the index holds a binary block of stamps
    expect(text).toContain('"kono-taro"');
    writeFileSync(file, text.replace('"kono-taro"', '"kono-tara"'), 'latin1');
    expect((await check()).diagnostics).toEqual(reference);
    expect(notes.join('\n')).toMatch(/the cache .*records-[0-9a-f]+\.idx is unreadable \(its checksum does not match\)/);
  });

  it('ignores a truncated data file with a note, and a damaged piece of it too', async () => {
    const { cacheDir, check, uncached, notes, cacheFiles } = setup();
    const reference = await uncached();
    await check();
    await settle();
    let data = path.join(cacheDir, cacheFiles()[0]!);
    truncateSync(data, statSync(data).size - 10);
    expect((await check()).diagnostics).toEqual(reference.diagnostics);
    expect(notes.join('\n')).toMatch(/data file .* is truncated; checking every file afresh/);
    notes.length = 0;
    await settle();
    // Flip bytes inside one record's data (same length): its checksum no longer matches.
    data = path.join(cacheDir, cacheFiles()[0]!);
    const bytes = readFileSync(data);
    const at = bytes.indexOf('Kono Taro', bytes.indexOf('"id":"kono-taro"'));
    expect(at).toBeGreaterThan(0);
    bytes.write('Kxxx Taro', at);
    writeFileSync(data, bytes);
    const warm = await check();
    expect(warm.dataset.personById.get('kono-taro')!.data.name).toBe('Kono Taro');
    expect(warm.dataset.people.map((p) => p.data)).toEqual(reference.dataset.people.map((p) => p.data));
    expect(notes.join('\n')).toMatch(/the cache's data for people\/kono-taro\.yaml is damaged; read the file instead/);
  });

  it('is written atomically: a leftover temporary file or an interrupted append changes nothing', async () => {
    const { cacheDir, check, uncached, cacheFiles, notes } = setup();
    const reference = (await uncached()).diagnostics;
    await check();
    const [data, index] = cacheFiles();
    // What a writer killed half-way leaves: a partial temporary index, bytes appended past the index's end.
    writeFileSync(path.join(cacheDir, `${index}.99999.tmp`), '{"format":5,"key":"');
    appendFileSync(path.join(cacheDir, data!), '{"id":"half-writ');
    const warm = await check();
    expect(warm.diagnostics).toEqual(reference);
    expect(notes).toEqual([]);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.tmp') && !f.includes('99999'))).toEqual([]);
  });

  it('writes a run that changed few files as a record of its change log, not a new index, with the same results', async () => {
    const { dir, cacheDir, check, uncached, past, notes } = setup();
    await check();
    await settle();
    await check(); // every stamp trusted from now on
    await settle();
    const index = () => readdirSync(cacheDir).find((f) => f.endsWith('.idx'))!;
    const log = () => path.join(cacheDir, index().replace(/\.idx$/, '.log'));
    const { mtimeMs, ino } = statSync(path.join(cacheDir, index()));
    const same = async () => expect((await check()).diagnostics).toEqual((await uncached()).diagnostics);
    // Edits of files that stay, each a record: a person's term (an engagement's finding
    // follows), a same-size same-time edit, a schema error, the error fixed.
    sneakyEdit(path.join(dir, PERSON), 'start: 2019-09-11', 'start: 2019-11-11', past);
    const edited = await check();
    expect(edited.diagnostics.filter((d) => d.file === ENGAGEMENT).map((d) => d.code)).toContain('RULE005');
    expect(edited.diagnostics).toEqual((await uncached()).diagnostics);
    const file = path.join(dir, ENGAGEMENT);
    expect(readFileSync(file, 'utf8')).toContain('medium: telephone');
    writeFileSync(file, readFileSync(file, 'utf8').replace('medium: telephone', 'medium: telephnoe'));
    await same();
    writeFileSync(file, readFileSync(file, 'utf8').replace('medium: telephnoe', 'medium: telephone'));
    await same();
    expect(readFileSync(log(), 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(3);
    expect(statSync(path.join(cacheDir, index()))).toMatchObject({ mtimeMs, ino }); // the index was not rewritten
    // A file removed, added or renamed rewrites the index (its rows are the listed files, in
    // order, which is what lets a rerun take row i as file i): a removed organization
    // (references break), a duplicate id, a file renamed.
    rmSync(path.join(dir, 'records/organizations/japan-ministry-of-defense.yaml'));
    await same();
    expect(statSync(path.join(cacheDir, index())).ino).not.toBe(ino);
    writeFileSync(path.join(dir, 'records/people/kono-taro-again.yaml'), readFileSync(path.join(dir, PERSON)));
    await same();
    renameSync(path.join(dir, 'records/people/kono-taro-again.yaml'), path.join(dir, 'records/people/kono-taro-copy.yaml'));
    await same();
    expect(notes).toEqual([]);
    // Records read back by a later run give the same result again (each check opens the cache anew).
    await settle();
    await same();
    expect(notes).toEqual([]);
  });

  it('ignores a damaged or cut change log from the damage on, with a note, and gives the same result', async () => {
    const { dir, cacheDir, check, uncached, past, notes } = setup();
    await check();
    await settle();
    await check();
    await settle();
    const log = path.join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith('.idx'))!.replace(/\.idx$/, '.log'));
    sneakyEdit(path.join(dir, PERSON), 'start: 2019-09-11', 'start: 2019-11-11', past);
    await check();
    const reference = (await uncached()).diagnostics;
    // An interrupted append: half a record at the end.
    const text = readFileSync(log, 'utf8');
    appendFileSync(log, text.slice(0, Math.floor(text.length / 2)));
    expect((await check()).diagnostics).toEqual(reference);
    expect(notes.join('\n')).toMatch(/the cache's change log .*records-[0-9a-f]+\.log is damaged from byte \d+ \(a record is cut short\); the changes before it are used\./);
    // That run rewrote the index (a new log); one byte changed inside a record is seen too.
    notes.length = 0;
    sneakyEdit(path.join(dir, PERSON), 'start: 2019-11-11', 'start: 2019-09-11', past);
    await settle();
    expect((await check()).diagnostics).toEqual((await uncached()).diagnostics);
    const record = readFileSync(log, 'utf8');
    expect(record).toContain('"rows":');
    writeFileSync(log, record.replace('"rows":', '"rowz":')); // the same length: only the checksum tells
    expect((await check()).diagnostics).toEqual((await uncached()).diagnostics);
    expect(notes.join('\n')).toMatch(/change log .* is damaged from byte 0 \(its checksum does not match\)/);
  });

  it('does not trust a stamp from the clock tick of its read, however long the run went on after it (coarse file system clocks)', () => {
    // A file changed, then stamped and read, then changed again in the same clock tick: on
    // a file system whose timestamps are coarse (a jiffy on many kernels), the second
    // change leaves size, times and inode as they were. Simulated here by giving the next
    // run the first run's stamps. The run then took 1.5 s more before writing the cache.
    const dir = mkdtempSync(path.join(tmpdir(), 'engagements-cache-tick-'));
    const recordsDir = path.join(dir, 'records');
    mkdirSync(path.join(recordsDir, 'people'), { recursive: true });
    const file = path.join(recordsDir, 'people', 'a.yaml');
    const cacheDir = path.join(dir, '.cache');
    const hash = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('base64');
    writeFileSync(file, 'id: a\n');
    const t0 = Date.now();
    const stamps = stampFiles([file]);
    const now = vi.spyOn(Date, 'now').mockReturnValue(t0);
    try {
      const first = RecordCache.open(cacheDir, recordsDir, { cwd: dir, today: '2026-01-01' });
      expect(first.recall(file, 'person', stamps, 0, hash, () => {})).toBeUndefined();
      first.remember(file, { stamp: stampOf(stamps, 0), hash: hash(readFileSync(file)), kind: 'person', id: 'a', state: -1, diagnostics: [] });
      writeFileSync(file, 'id: b\n'); // same size, same tick: the same stamp (`stamps`)
      now.mockReturnValue(t0 + 1500);
      first.save(undefined);
      now.mockReturnValue(t0 + 3000);
      const second = RecordCache.open(cacheDir, recordsDir, { cwd: dir, today: '2026-01-01' });
      let read: Uint8Array | undefined;
      const recalled = second.recall(file, 'person', stamps, 0, hash, (bytes) => (read = bytes));
      expect(Buffer.from(read ?? []).toString()).toBe('id: b\n'); // read and hashed, not trusted
      expect(recalled).toBeUndefined();
    } finally {
      now.mockRestore();
    }
  });

  it('forgets deleted files', async () => {
    const { dir, cacheDir, check, cacheFiles } = setup();
    await check();
    rmSync(path.join(dir, 'records/organizations/business-recorder.yaml'));
    const result = await check();
    expect(result.dataset.organizationById.has('business-recorder')).toBe(false);
    // The index's rows (the lines after its header, binary stamps and lookups line) begin with the file's path.
    const rows = readFileSync(path.join(cacheDir, cacheFiles()[1]!), 'latin1').split('\n').map((row) => row.split('\t')[0]);
    expect(rows).toContain('organizations/ispr.yaml');
    expect(rows).not.toContain('organizations/business-recorder.yaml');
  });
});
