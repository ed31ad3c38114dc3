import { describe, it, expect } from 'vitest';
import { hostIsParticipant } from './host-is-participant.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_SHOWN, baseFiles, datasetFromYaml, edit, positionOf, withEngagement } from './testing.js';

const hosted = (type: string, host: string) =>
  withEngagement((t) => edit(edit(edit(t, 'medium: video', 'medium: in-person'), 'type: call', `type: ${type}`), 'initiator: unknown', `host: ${host}\ninitiator: unknown`));

describe('RULE016 host-is-participant', () => {
  it('passes without a host, with a participant as host, and for a meeting on neutral ground', async () => {
    expect(await datasetFromYaml(baseFiles(), [hostIsParticipant])).toEqual([]);
    expect(await datasetFromYaml(hosted('official-visit', 'JP'), [hostIsParticipant])).toEqual([]);
    expect(await datasetFromYaml(hosted('meeting', 'TH'), [hostIsParticipant])).toEqual([]);
  });

  it('reports a visit whose host country no participant represents', async () => {
    const files = hosted('official-visit', 'SG');
    const diagnostics = await datasetFromYaml(files, [hostIsParticipant]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE016', severity: 'error', ...positionOf(files[ENGAGEMENT_FILE]!, 'SG'), path: '/host' });
    expect(diagnostics[0]).toMatchObject({ line: 19, column: 7 });
    expect(diagnostics[0]!.message).toBe('The host country SG of this official-visit is not the country of any participant (PK, JP).');
    expect(diagnostics[0]!.hint).toContain('neutral ground');
  });
});
