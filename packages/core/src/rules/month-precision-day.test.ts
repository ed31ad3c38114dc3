import { describe, it, expect } from 'vitest';
import { monthPrecisionDay } from './month-precision-day.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_SHOWN, KONO, baseFiles, datasetFromYaml, edit, positionOf, withEngagement } from './testing.js';

const dated = (date: string, precision: string) => withEngagement((t) => edit(edit(t, 'date: 2020-08-06', `date: ${date}`), 'date_precision: day', `date_precision: ${precision}`));

describe('RULE014 month-precision-day', () => {
  it('passes a day-precision date and coarse dates written as the first day', async () => {
    expect(await datasetFromYaml(baseFiles(), [monthPrecisionDay])).toEqual([]);
    expect(await datasetFromYaml(dated('2020-08-01', 'month'), [monthPrecisionDay])).toEqual([]);
    expect(await datasetFromYaml(dated('2020-01-01', 'year'), [monthPrecisionDay])).toEqual([]);
  });

  it('reports a month-precision date that is not the 1st', async () => {
    const files = dated('2020-08-06', 'month');
    const diagnostics = await datasetFromYaml(files, [monthPrecisionDay]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE014', severity: 'error', ...positionOf(files[ENGAGEMENT_FILE]!, '2020-08-06', 'date:'), path: '/date' });
    expect(diagnostics[0]).toMatchObject({ line: 3, column: 7 });
    expect(diagnostics[0]!.message).toBe('With date_precision "month" the date is written as the first day of the month, but it is 2020-08-06.');
    expect(diagnostics[0]!.hint).toBe('Write 2020-08-01, or set date_precision to "day" if the exact day is known.');
  });

  it('reports a year-precision date that is not January 1st', async () => {
    const diagnostics = await datasetFromYaml(dated('2020-08-01', 'year'), [monthPrecisionDay]);
    expect(diagnostics.map((d) => [d.code, d.path, d.line, d.column])).toEqual([['RULE014', '/date', 3, 7]]);
    expect(diagnostics[0]!.hint).toContain('Write 2020-01-01');
  });

  it('checks a position\'s start and end against their precisions', async () => {
    const files = baseFiles();
    files['people/kono-taro.yaml'] = edit(KONO, 'start: 2019-09-11', 'start: 2019-09-11\n    start_precision: month');
    const diagnostics = await datasetFromYaml(files, [monthPrecisionDay]);
    expect(diagnostics.map((d) => [d.file, d.path, d.message, d.hint])).toEqual([
      ['records/people/kono-taro.yaml', '/positions/0/start', 'With start_precision "month" the date is written as the first day of the month, but it is 2019-09-11.', 'Write 2019-09-01, or set start_precision to "day" if the exact day is known.'],
    ]);
  });
});
