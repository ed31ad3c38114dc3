import { describe, it, expect } from 'vitest';
import { twoCountries } from './two-countries.js';
import { ENGAGEMENT_SHOWN, baseFiles, datasetFromYaml, edit, withEngagement } from './testing.js';

describe('RULE009 two-countries', () => {
  it('passes with participants from two countries', async () => {
    expect(await datasetFromYaml(baseFiles(), [twoCountries])).toEqual([]);
  });

  it('reports an engagement whose participants all represent one country, at the participants list', async () => {
    const files = withEngagement((t) => edit(t, 'country: JP\n    role: principal', 'country: PK\n    role: principal'));
    const diagnostics = await datasetFromYaml(files, [twoCountries]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE009', severity: 'error', line: 8, column: 3, path: '/participants' });
    expect(diagnostics[0]!.message).toBe('All participants represent PK; an engagement needs participants from at least two countries.');
  });
});
