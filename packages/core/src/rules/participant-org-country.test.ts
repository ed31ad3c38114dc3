import { describe, it, expect } from 'vitest';
import { participantOrgCountry } from './participant-org-country.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_SHOWN, baseFiles, datasetFromYaml, edit, positionOf, withEngagement } from './testing.js';

describe('RULE017 participant-org-country', () => {
  it('passes when organizations match their participants\' countries, or have no country', async () => {
    expect(await datasetFromYaml(baseFiles(), [participantOrgCountry])).toEqual([]);
    const files = withEngagement((t) => edit(t, 'organization: japan-ministry-of-defense\n    country: JP', 'organization: tdm-news\n    country: JP'));
    expect(await datasetFromYaml(files, [participantOrgCountry])).toEqual([]);
  });

  it('warns when a participant\'s organization belongs to another country', async () => {
    const files = withEngagement((t) => edit(t, 'organization: japan-ministry-of-defense\n    country: JP', 'organization: pakistan-army\n    country: JP'));
    const text = files[ENGAGEMENT_FILE]!;
    const diagnostics = await datasetFromYaml(files, [participantOrgCountry]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE017', severity: 'warning', ...positionOf(text, 'pakistan-army', 'kono-taro'), path: '/participants/1/organization' });
    expect(diagnostics[0]).toMatchObject({ line: 14, column: 19 });
    expect(diagnostics[0]!.message).toBe('The organization "pakistan-army" (Pakistan Army) is of PK, but the participant represents JP.');
  });
});
