import { describe, it, expect } from 'vitest';
import { plausibleDates } from './plausible-dates.js';
import { KONO, baseFiles, datasetFromYaml, edit, positionOf, withEngagement, ENGAGEMENT_SHOWN, ENGAGEMENT_FILE } from './testing.js';

describe('RULE019 plausible-dates', () => {
  it('passes the founding record and its people', async () => {
    expect(await datasetFromYaml(baseFiles(), [plausibleDates])).toEqual([]);
  });

  it('reports a position that starts in year 0000', async () => {
    const files = { ...baseFiles(), 'people/kono-taro.yaml': edit(KONO, 'start: 2019-09-11', 'start: 0000-01-01') };
    const diagnostics = await datasetFromYaml(files, [plausibleDates]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'records/people/kono-taro.yaml', code: 'RULE019', severity: 'error', path: '/positions/0/start', ...positionOf(files['people/kono-taro.yaml'], '0000-01-01') });
    expect(diagnostics[0]!.message).toBe('The start of the position "Minister of Defense" 0000-01-01 is before 1900-01-01.');
  });

  it('reports a source published in a mistyped year', async () => {
    const files = withEngagement((t) => edit(t, 'published: 2020-08-07\n    language: en', 'published: 0202-08-07\n    language: en'));
    const diagnostics = await datasetFromYaml(files, [plausibleDates]);
    expect(diagnostics.map((d) => [d.file, d.code, d.path])).toEqual([[ENGAGEMENT_SHOWN, 'RULE019', '/sources/2/published']]);
    expect(diagnostics[0]).toMatchObject(positionOf(files[ENGAGEMENT_FILE]!, '0202-08-07'));
  });
});
