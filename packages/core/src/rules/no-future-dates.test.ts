import { describe, it, expect } from 'vitest';
import { noFutureDates } from './no-future-dates.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_SHOWN, FOUNDING, KONO, TODAY, baseFiles, datasetFromYaml, edit, positionOf, withEngagement } from './testing.js';

describe('RULE007 no-future-dates', () => {
  it('passes when no date is after today, and today itself is allowed', async () => {
    expect(await datasetFromYaml(baseFiles(), [noFutureDates])).toEqual([]);
    expect(await datasetFromYaml(baseFiles(), [noFutureDates], { today: '2022-11-29' })).toEqual([]);
  });

  it('reports an engagement date after today', async () => {
    const files = withEngagement((t) => edit(t, 'date: 2020-08-06', 'date: 2026-08-06'));
    const text = files[ENGAGEMENT_FILE]!;
    const diagnostics = await datasetFromYaml(files, [noFutureDates]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE007', severity: 'error', ...positionOf(text, '2026-08-06'), path: '/date' });
    expect(diagnostics[0]!.message).toBe(`The date 2026-08-06 is in the future (today is ${TODAY}).`);
  });

  it('reports source publication dates and position dates after the injected today', async () => {
    const diagnostics = await datasetFromYaml(baseFiles(), [noFutureDates], { today: '2020-08-06' });
    expect(diagnostics.map((d) => [d.file, d.path, d.line, d.column])).toEqual([
      [ENGAGEMENT_SHOWN, '/sources/2/published', ...Object.values(positionOf(FOUNDING, '2020-08-07', 'id: the-nation'))],
      [ENGAGEMENT_SHOWN, '/sources/3/published', ...Object.values(positionOf(FOUNDING, '2020-08-07', 'id: the-news'))],
      ['records/people/kono-taro.yaml', '/positions/0/end', ...Object.values(positionOf(KONO, '2020-09-16'))],
      ['records/people/qamar-javed-bajwa.yaml', '/positions/0/end', 11, 10],
    ]);
    expect(positionOf(FOUNDING, '2020-08-07', 'id: the-nation')).toEqual({ line: 47, column: 16 });
    expect(diagnostics[0]!.message).toBe('The publication date of source "the-nation" 2020-08-07 is in the future (today is 2020-08-06).');
    expect(diagnostics[2]!.hint).toContain('Leave `end` out while the person still holds the office');
  });
});
