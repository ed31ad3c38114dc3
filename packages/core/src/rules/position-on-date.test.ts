import { describe, it, expect } from 'vitest';
import { positionOnDate } from './position-on-date.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_SHOWN, KONO, baseFiles, datasetFromYaml, edit, positionOf, withEngagement } from './testing.js';

const onDate = (date: string, precision = 'day', extra = '') =>
  withEngagement((t) => edit(edit(t, 'date: 2020-08-06', `date: ${date}${extra}`), 'date_precision: day', `date_precision: ${precision}`));

describe('RULE005 position-on-date', () => {
  it('passes when every person held a position on the date', async () => {
    expect(await datasetFromYaml(baseFiles(), [positionOnDate])).toEqual([]);
  });

  it('reports a person who held no recorded position on the date, listing the positions', async () => {
    const files = onDate('2019-08-06');
    const text = files[ENGAGEMENT_FILE]!;
    const diagnostics = await datasetFromYaml(files, [positionOnDate]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE005', severity: 'error', ...positionOf(text, 'kono-taro'), path: '/participants/1/person' });
    expect(positionOf(text, 'kono-taro')).toEqual({ line: 13, column: 13 });
    expect(diagnostics[0]!.message).toBe('Kono Taro (kono-taro) held no recorded position on 2019-08-06.');
    expect(diagnostics[0]!.hint).toBe(
      'Recorded positions: Minister of Defense (japan-ministry-of-defense) from 2019-09-11 to 2020-09-16. Check the engagement\'s date and the person; or, when a source shows them in that office then, add the position or an earlier start citing that source to records/people/kono-taro.yaml (with `start_qualifier: in-post-by` when the source shows them in post but not their first day).',
    );
  });

  it('counts the first and last day of a position', async () => {
    expect(await datasetFromYaml(onDate('2019-09-11'), [positionOnDate])).toEqual([]);
    expect(await datasetFromYaml(onDate('2020-09-16'), [positionOnDate])).toEqual([]);
    expect(await datasetFromYaml(onDate('2020-09-17'), [positionOnDate])).toHaveLength(1);
  });

  it('accepts any day of the month or year at month or year precision', async () => {
    expect(await datasetFromYaml(onDate('2019-09-01', 'month'), [positionOnDate])).toEqual([]);
    expect(await datasetFromYaml(onDate('2019-01-01', 'year'), [positionOnDate])).toEqual([]);
    const diagnostics = await datasetFromYaml(onDate('2019-08-01', 'month'), [positionOnDate]);
    expect(diagnostics.map((d) => d.message)).toEqual(['Kono Taro (kono-taro) held no recorded position in 2019-08.']);
  });

  it('accepts a position that begins during a multi-day engagement', async () => {
    expect(await datasetFromYaml(onDate('2019-09-09', 'day', '\nend_date: 2019-09-12'), [positionOnDate])).toEqual([]);
  });

  it('treats a position without an end as still held', async () => {
    const files = onDate('2024-03-01');
    files['people/kono-taro.yaml'] = edit(KONO, '    end: 2020-09-16\n    end_sources: [nation-kono]\n', '');
    const diagnostics = await datasetFromYaml(files, [positionOnDate]);
    // Bajwa's position ended in 2022; Kono's is open.
    expect(diagnostics.map((d) => d.path)).toEqual(['/participants/0/person']);
    expect(diagnostics[0]!.hint).toContain('Chief of Army Staff (pakistan-army) from 2016-11-29 to 2022-11-29');
  });

  it('reads a start known to the month or year as any day of that month or year', async () => {
    const monthStart = (precision: string, start: string) => edit(KONO, 'start: 2019-09-11', `start: ${start}\n    start_precision: ${precision}`);
    const files = onDate('2019-09-03');
    files['people/kono-taro.yaml'] = monthStart('month', '2019-09-01');
    expect(await datasetFromYaml(files, [positionOnDate])).toEqual([]);
    files['people/kono-taro.yaml'] = monthStart('year', '2019-01-01');
    expect(await datasetFromYaml({ ...files, ...onDate('2019-02-03') , 'people/kono-taro.yaml': monthStart('year', '2019-01-01') }, [positionOnDate])).toEqual([]);
    const before = await datasetFromYaml({ ...onDate('2019-08-31'), 'people/kono-taro.yaml': monthStart('month', '2019-09-01') }, [positionOnDate]);
    expect(before.map((d) => d.message)).toEqual(['Kono Taro (kono-taro) held no recorded position on 2019-08-31.']);
    expect(before[0]!.hint).toContain('Minister of Defense (japan-ministry-of-defense) from 2019-09 to 2020-09-16');
  });

  it('reads an end known to the month as lasting to the last day of that month', async () => {
    const files = onDate('2020-09-30');
    files['people/kono-taro.yaml'] = edit(KONO, 'end: 2020-09-16', 'end: 2020-09-01\n    end_precision: month');
    expect(await datasetFromYaml(files, [positionOnDate])).toEqual([]);
    files[ENGAGEMENT_FILE] = onDate('2020-10-01')[ENGAGEMENT_FILE]!;
    expect(await datasetFromYaml(files, [positionOnDate])).toHaveLength(1);
  });

  it('holds a position whose start is only "in post by" from that date, not before, and says so in the hint', async () => {
    const attested = edit(KONO, '    start: 2019-09-11\n', '    start: 2019-12-01\n    start_qualifier: in-post-by\n');
    expect(await datasetFromYaml({ ...onDate('2019-12-01'), 'people/kono-taro.yaml': attested }, [positionOnDate])).toEqual([]);
    const early = await datasetFromYaml({ ...onDate('2019-11-30'), 'people/kono-taro.yaml': attested }, [positionOnDate]);
    expect(early.map((d) => [d.path, d.message])).toEqual([['/participants/1/person', 'Kono Taro (kono-taro) held no recorded position on 2019-11-30.']]);
    expect(early[0]!.hint).toContain('Minister of Defense (japan-ministry-of-defense) in post by 2019-12-01 to 2020-09-16.');
  });
});
