import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ageTree } from '../../../../tests/support/tree.js';
import { checkDataset, checkReport } from '../check.js';
import { stampFiles } from '../load/fileStamps.js';
import { findRecordFiles } from '../load/findFiles.js';
import { checkFromIndex } from './indexCheck.js';
import { reportSignature } from './resultCache.js';

const records = path.resolve(import.meta.dirname, '../../../../records');
const PERSON = 'records/people/kono-taro.yaml';
const ENGAGEMENT = 'records/engagements/2019/2019-10-29-in-jp-defence-ministers-phone-call.yaml';
const TODAY = '2026-01-01';

const settle = () => new Promise((resolve) => setTimeout(resolve, 1100));

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'engagements-index-'));
  cpSync(records, path.join(dir, 'records'), { recursive: true });
  const past = new Date('2024-01-01T00:00:00Z');
  ageTree(path.join(dir, 'records'), past);
  const cacheDir = path.join(dir, '.cache');
  const recordsDir = path.join(dir, 'records');
  const notes: string[] = [];
  const onNote = (n: string) => notes.push(n);
  /** A full check with the cache: what writes the index. */
  const check = () => checkDataset({ cwd: dir, cacheDir, today: TODAY, onNote });
  /** The cache written twice, a second apart: every stamp trusted (the copied files' change times are now). */
  const warmUp = async () => {
    await check();
    await settle();
    const second = await check();
    await settle();
    return second;
  };
  /** The check without a cache: the reference. */
  const uncached = async (files?: string[]) => {
    const { diagnostics, summary } = await checkDataset({ cwd: dir, today: TODAY, ...(files ? { files } : {}) });
    return { diagnostics, summary };
  };
  /** The index's answer alone (undefined: it declined). */
  const fromIndex = async (requested?: string[]) => {
    const files = await findRecordFiles(recordsDir, { links: true });
    const stats = stampFiles(files);
    const inputs = { cacheDir, recordsDir, files, stats, today: TODAY, cwd: dir, ...(requested ? { requested: requested.map((f) => path.join(dir, f)) } : {}) };
    return checkFromIndex({ ...inputs, signature: reportSignature(inputs), onNote });
  };
  /** What validate runs: the index's answer or the full check. */
  const report = async (files?: string[]) => {
    const all = await findRecordFiles(recordsDir, { links: true });
    return checkReport({ cwd: dir, cacheDir, today: TODAY, recordFiles: all, recordStats: stampFiles(all), onNote, ...(files ? { files } : {}) });
  };
  const edit = (file: string, from: string, to: string) => {
    const full = path.join(dir, file);
    const text = readFileSync(full, 'utf8');
    expect(text).toContain(from);
    writeFileSync(full, text.replace(from, to));
  };
  return { dir, cacheDir, check, warmUp, uncached, fromIndex, report, edit, past, notes };
}

describe('a rerun answered from the cache index', () => {
  it('after an edit that keeps ids and names: the same report as without a cache, for the dataset and for the file, and again after it', async () => {
    const { check, warmUp, uncached, fromIndex, edit, notes } = setup();
    await warmUp();
    edit(ENGAGEMENT, 'medium: telephone', 'medium: video');
    const rerun = await fromIndex();
    expect(rerun).toBeDefined();
    expect(rerun).toEqual(await uncached());
    edit(ENGAGEMENT, 'medium: video', 'medium: telephone');
    const single = await fromIndex([ENGAGEMENT]);
    expect(single).toBeDefined();
    expect(single).toEqual(await uncached([ENGAGEMENT]));
    // The change log the index path wrote is read back by the full check and by the index path.
    await settle();
    expect(await fromIndex()).toEqual(await uncached());
    const full = await check();
    expect({ diagnostics: full.diagnostics, summary: full.summary }).toEqual(await uncached());
    expect(notes).toEqual([]);
  });

  it('sees an edit that keeps the size and the modification time', async () => {
    const { dir, check, warmUp, uncached, fromIndex, past } = setup();
    await warmUp();
    const file = path.join(dir, ENGAGEMENT);
    const before = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('medium: telephone', 'medium: telephnoe'));
    utimesSync(file, past, past);
    expect([statSync(file).size, statSync(file).mtimeMs]).toEqual([before.size, before.mtimeMs]);
    // A schema error changes the record's validity: the full check answers, and sees it.
    expect(await fromIndex()).toBeUndefined();
    const { diagnostics } = await check();
    expect(diagnostics.some((d) => d.file === ENGAGEMENT && d.code.startsWith('SCH'))).toBe(true);
    expect({ diagnostics }).toEqual({ diagnostics: (await uncached()).diagnostics });
  });

  it('re-checks an unchanged engagement when a person it names changes, from the lookups the index kept', async () => {
    const { warmUp, uncached, fromIndex, edit } = setup();
    const first = await warmUp();
    expect(first.diagnostics.filter((d) => d.file === ENGAGEMENT)).toEqual([]);
    // Kono's term now starts after the call of 2019-10-29: RULE005 on an engagement file that did not change.
    edit(PERSON, 'start: 2019-09-11', 'start: 2019-11-11');
    const rerun = await fromIndex();
    expect(rerun?.diagnostics.filter((d) => d.file === ENGAGEMENT).map((d) => d.code)).toContain('RULE005');
    expect(rerun).toEqual(await uncached());
    edit(PERSON, 'start: 2019-11-11', 'start: 2019-09-11');
    const back = await fromIndex();
    expect(back?.diagnostics.filter((d) => d.file === ENGAGEMENT)).toEqual([]);
    expect(back).toEqual(await uncached());
  });

  it('declines changes that the dataset-scoped rules read (an id, a name, an alias), a new file and a removed one; the full check answers', async () => {
    const { dir, check, warmUp, uncached, fromIndex, report, edit, notes } = setup();
    await warmUp();
    const declined = async () => {
      expect(await fromIndex()).toBeUndefined();
      expect(await report()).toEqual(await uncached());
      await settle();
    };
    edit(PERSON, 'aliases: [Taro Kono,', 'aliases: [Kono Taro-san,');
    await declined();
    edit(PERSON, 'name: Kono Taro', 'name: Kono Tarō');
    await declined();
    edit(PERSON, 'id: kono-taro', 'id: kono-taro-2');
    await declined(); // references to kono-taro break
    writeFileSync(path.join(dir, 'records/people/kono-taro-copy.yaml'), readFileSync(path.join(dir, PERSON)));
    await declined();
    const copies = readdirSync(path.join(dir, 'records/people')).filter((f) => f.startsWith('kono-taro'));
    expect(copies).toHaveLength(2);
    edit('records/people/kono-taro-copy.yaml', 'name: Kono Tarō', 'name: Kono Taro');
    await declined();
    // After each full check, an edit that keeps ids and names is answered from the index again.
    edit(ENGAGEMENT, 'medium: telephone', 'medium: video');
    const again = await fromIndex();
    expect(again).toBeDefined();
    expect(again).toEqual(await uncached());
    expect(notes).toEqual([]);
  });

  it('declines a damaged index or change log, writing nothing; the full check notes it and answers', async () => {
    const { cacheDir, warmUp, uncached, fromIndex, report, edit, notes } = setup();
    await warmUp();
    edit(ENGAGEMENT, 'medium: telephone', 'medium: video');
    expect(await fromIndex()).toBeDefined(); // a change log now
    const log = path.join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith('.log'))!);
    const text = readFileSync(log, 'utf8');
    const damaged = `${text.slice(0, 40)}${text[40] === 'x' ? 'y' : 'x'}${text.slice(41)}`; // a byte of its record changed
    writeFileSync(log, damaged);
    edit(ENGAGEMENT, 'medium: video', 'medium: telephone');
    expect(await fromIndex()).toBeUndefined();
    expect(readFileSync(log, 'utf8')).toBe(damaged);
    expect(await report()).toEqual(await uncached());
    expect(notes.join('\n')).toMatch(/change log .* is damaged/);
  });

  // Attacks of the break-it trial (issue 14, target 5): each edit keeps ids, validity and
  // names, so the index answers (asserted), and its answer must be the uncached check's.
  it('re-checks the organizations whose parent chain runs through an edited organization (a loop made and broken)', async () => {
    const { warmUp, uncached, fromIndex, edit } = setup();
    await warmUp();
    const MINISTRY = 'records/organizations/germany-federal-ministry-of-defence.yaml';
    const FRIGATE = 'records/organizations/fgs-bayern.yaml'; // parent german-navy, whose parent is the ministry
    edit(MINISTRY, 'country: DE\n', 'country: DE\nparent: fgs-bayern\n');
    const loop = await fromIndex();
    expect(loop).toBeDefined();
    // Reported on the smallest id of the loop, a file that did not change.
    expect(loop!.diagnostics.filter((d) => d.file === FRIGATE).map((d) => [d.code, d.message])).toEqual([['RULE003', 'Parent organizations form a loop: fgs-bayern → german-navy → germany-federal-ministry-of-defence → fgs-bayern.']]);
    expect(loop).toEqual(await uncached());
    edit(MINISTRY, 'country: DE\nparent: fgs-bayern\n', 'country: DE\n');
    const broken = await fromIndex();
    expect(broken?.diagnostics).toEqual([]);
    expect(broken).toEqual(await uncached());
  });

  it('an invalid record edited to stay invalid and an unreadable one to stay unreadable: their new errors, and the records naming them checked again', async () => {
    const { dir, warmUp, uncached, fromIndex, edit, past } = setup();
    edit(ENGAGEMENT, 'medium: telephone', 'medium: telephnoe');
    edit(PERSON, 'name: Kono Taro', 'name: 7');
    const BROKEN = 'records/people/rajnath-singh.yaml'; // named by other engagements
    writeFileSync(path.join(dir, BROKEN), 'id: [rajnath-singh\n');
    ageTree(path.join(dir, 'records'), past);
    await warmUp();
    edit(ENGAGEMENT, 'type: call', 'type: cal');
    edit(PERSON, 'name: 7', 'name: 8');
    writeFileSync(path.join(dir, BROKEN), 'id: rajnath-singh\nname: [\n');
    const rerun = await fromIndex();
    expect(rerun).toBeDefined();
    const codes = (file: string) => rerun!.diagnostics.filter((d) => d.file === file).map((d) => d.code);
    expect(codes(ENGAGEMENT)).toEqual(['SCH003', 'SCH003']);
    expect(codes(PERSON)).toEqual(['SCH004']);
    expect(codes(BROKEN)).toEqual(['YAML001']);
    expect(rerun).toEqual(await uncached());
    // Kono valid again: a change of validity, so the full check answers.
    edit(PERSON, 'name: 8', 'name: Kono Taro');
    expect(await fromIndex()).toBeUndefined();
  });

  it('two files edited in one run, one naming the other, then validate FILE on a third that names the first', async () => {
    const { warmUp, uncached, fromIndex, edit } = setup();
    await warmUp();
    const OTHER = 'records/engagements/2019/2019-11-17-in-jp-defence-ministers-bangkok.yaml'; // names Kono too
    edit(PERSON, 'start: 2019-09-11', 'start: 2019-11-01');
    edit(ENGAGEMENT, 'date: 2019-10-29', 'date: 2019-11-03');
    const both = await fromIndex();
    expect(both).toBeDefined();
    // The engagement moved with Kono's new start: no RULE005 on it (its id's date and its sources' are now earlier: RULE002, RULE008).
    expect(both!.diagnostics.filter((d) => d.file === ENGAGEMENT).map((d) => d.code)).toEqual(['RULE002', 'RULE008', 'RULE008']);
    expect(both).toEqual(await uncached());
    edit(PERSON, 'start: 2019-11-01', 'start: 2019-11-20');
    const single = await fromIndex([OTHER]);
    expect(single).toBeDefined();
    expect(single!.diagnostics.map((d) => [d.file, d.code])).toEqual([[OTHER, 'RULE005']]);
    expect(single).toEqual(await uncached([OTHER]));
    expect(await fromIndex()).toEqual(await uncached());
  });

  it('keeps the dataset-scoped findings (RULE013) while edits leave names alone, and sees an edit of the file holding one move it', async () => {
    const { dir, warmUp, uncached, fromIndex, report, edit, past } = setup();
    const LATER = 'records/people/rajnath-singh.yaml'; // after kono-taro in id order: the finding is its
    edit(LATER, 'name: Rajnath Singh\n', 'name: Rajnath Singh\naliases: [Taro Kono]\n');
    ageTree(path.join(dir, 'records'), past);
    await warmUp();
    const finding = (report: { diagnostics: { file: string; code: string; line: number }[] } | undefined) => report?.diagnostics.filter((d) => d.code === 'RULE013').map((d) => `${d.file}:${d.line}`);
    expect(finding(await uncached())).toEqual([`${LATER}:4`]);
    edit(ENGAGEMENT, 'medium: telephone', 'medium: video'); // elsewhere
    edit(PERSON, 'wikidata: Q1161024', 'wikidata: Q1161025'); // the alias's first holder, names kept
    const kept = await fromIndex();
    expect(finding(kept)).toEqual([`${LATER}:4`]);
    expect(kept).toEqual(await uncached());
    edit(LATER, 'name: Rajnath Singh\n', '# a comment\nname: Rajnath Singh\n'); // names kept, the finding one line down
    const moved = await report(); // what validate runs: the index's answer, or the full check when it declines
    expect(finding(moved)).toEqual([`${LATER}:5`]);
    expect(moved).toEqual(await uncached());
  });
});
