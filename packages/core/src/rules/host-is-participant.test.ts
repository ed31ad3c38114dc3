import { describe, it, expect } from 'vitest';
import { hostIsParticipant } from './host-is-participant.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_SHOWN, baseFiles, datasetFromYaml, edit, positionOf, withEngagement } from './testing.js';

const hostedBy = (host: string) => withEngagement((t) => edit(edit(t, 'medium: video', 'medium: in-person'), 'initiator: unknown', `host: ${host}\ninitiator: unknown`));

describe('RULE016 host-is-participant', () => {
  it('passes without a host and with a participant\'s country as host', async () => {
    expect(await datasetFromYaml(baseFiles(), [hostIsParticipant])).toEqual([]);
    expect(await datasetFromYaml(hostedBy('JP'), [hostIsParticipant])).toEqual([]);
  });

  it('reports a host country that no participant represents', async () => {
    const files = hostedBy('SG');
    const diagnostics = await datasetFromYaml(files, [hostIsParticipant]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE016', severity: 'error', ...positionOf(files[ENGAGEMENT_FILE]!, 'SG'), path: '/host' });
    expect(diagnostics[0]).toMatchObject({ line: 19, column: 7 });
    expect(diagnostics[0]!.message).toBe('The host country SG is not the country of any participant (PK, JP).');
    expect(diagnostics[0]!.hint).toContain('leave `host` out and give the place in `location`');
  });
});
