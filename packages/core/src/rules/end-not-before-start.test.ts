import { describe, it, expect } from 'vitest';
import { endNotBeforeStart } from './end-not-before-start.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_SHOWN, KONO, baseFiles, datasetFromYaml, edit, positionOf, withEngagement } from './testing.js';

describe('RULE006 end-not-before-start', () => {
  it('passes when periods end on or after their start', async () => {
    const files = withEngagement((t) => edit(t, 'date_precision: day', 'end_date: 2020-08-06\ndate_precision: day'));
    expect(await datasetFromYaml(files, [endNotBeforeStart])).toEqual([]);
  });

  it('reports an engagement end_date before its date', async () => {
    const files = withEngagement((t) => edit(t, 'date_precision: day', 'end_date: 2020-08-05\ndate_precision: day'));
    const text = files[ENGAGEMENT_FILE]!;
    const diagnostics = await datasetFromYaml(files, [endNotBeforeStart]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE006', severity: 'error', line: 4, column: 11, path: '/end_date' });
    expect(positionOf(text, '2020-08-05')).toEqual({ line: 4, column: 11 });
    expect(diagnostics[0]!.message).toBe('The end date 2020-08-05 is before the start date 2020-08-06.');
  });

  it('reports a position that ends before it starts', async () => {
    const files = baseFiles();
    const text = edit(KONO, 'end: 2020-09-16', 'end: 2019-09-10');
    files['people/kono-taro.yaml'] = text;
    const diagnostics = await datasetFromYaml(files, [endNotBeforeStart]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'records/people/kono-taro.yaml', code: 'RULE006', ...positionOf(text, '2019-09-10'), path: '/positions/0/end' });
    expect(diagnostics[0]!.message).toBe('The position "Minister of Defense" ends on 2019-09-10, before it starts on 2019-09-11.');
  });

  it('compares a position\'s dates as periods at month precision', async () => {
    const files = baseFiles();
    files['people/kono-taro.yaml'] = edit(KONO, 'end: 2020-09-16', 'end: 2019-09-01\n    end_precision: month');
    expect(await datasetFromYaml(files, [endNotBeforeStart])).toEqual([]);
    files['people/kono-taro.yaml'] = edit(KONO, 'end: 2020-09-16', 'end: 2019-08-01\n    end_precision: month');
    const diagnostics = await datasetFromYaml(files, [endNotBeforeStart]);
    expect(diagnostics.map((d) => [d.file, d.path, d.message])).toEqual([
      ['records/people/kono-taro.yaml', '/positions/0/end', 'The position "Minister of Defense" ends in 2019-08, before it starts on 2019-09-11.'],
    ]);
  });

  it('reports an end before an in-post-by start: the person cannot have left before sources show them in post', async () => {
    const files = baseFiles();
    files['people/kono-taro.yaml'] = edit(KONO, '    start: 2019-09-11\n', '    start: 2020-10-01\n    start_qualifier: in-post-by\n');
    const diagnostics = await datasetFromYaml(files, [endNotBeforeStart]);
    expect(diagnostics.map((d) => [d.path, d.message, d.hint])).toEqual([
      [
        '/positions/0/end',
        'The position "Minister of Defense" ends on 2020-09-16, before 2020-10-01, a day its sources show the person already in it.',
        'Check both dates: `end` is the last day in office, and with `start_qualifier: in-post-by` the `start` is a day the person was already in post.',
      ],
    ]);
  });
});
