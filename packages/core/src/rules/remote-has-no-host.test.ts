import { describe, it, expect } from 'vitest';
import { remoteHasNoHost } from './remote-has-no-host.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_SHOWN, datasetFromYaml, edit, positionOf, withEngagement } from './testing.js';

const withHost = (medium: string) => withEngagement((t) => edit(edit(t, 'medium: video', `medium: ${medium}`), 'initiator: unknown', 'host: PK\nlocation: Rawalpindi\ninitiator: unknown'));

describe('RULE015 remote-has-no-host', () => {
  it('passes host and location on in-person and mixed engagements', async () => {
    expect(await datasetFromYaml(withHost('in-person'), [remoteHasNoHost])).toEqual([]);
    expect(await datasetFromYaml(withHost('mixed'), [remoteHasNoHost])).toEqual([]);
  });

  it('warns about host and location on a video call', async () => {
    const files = withHost('video');
    const text = files[ENGAGEMENT_FILE]!;
    const diagnostics = await datasetFromYaml(files, [remoteHasNoHost]);
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE015', severity: 'warning', ...positionOf(text, 'PK', 'host:'), path: '/host' });
    expect(diagnostics[0]!.message).toBe('A video engagement has no host country, but host is set to "PK".');
    expect(diagnostics[0]!.hint).toBe('Remove `host`, or set `medium` to in-person or mixed if the participants met.');
    expect(diagnostics[1]).toMatchObject({ code: 'RULE015', ...positionOf(text, 'Rawalpindi'), path: '/location' });
    expect(diagnostics[1]!.message).toBe('A video engagement has no location, but location is set to "Rawalpindi".');
  });
});
