import { describe, it, expect } from 'vitest';
import { personOncePerEngagement } from './person-once-per-engagement.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_SHOWN, baseFiles, datasetFromYaml, edit, positionOf, withEngagement } from './testing.js';

describe('RULE012 person-once-per-engagement', () => {
  it('passes when each person is listed once', async () => {
    expect(await datasetFromYaml(baseFiles(), [personOncePerEngagement])).toEqual([]);
  });

  it('reports the second listing of a person, naming the line of the first', async () => {
    const files = withEngagement((t) => edit(t, 'initiator: unknown', '  - person: kono-taro\n    country: JP\n    role: delegation-member\ninitiator: unknown'));
    const text = files[ENGAGEMENT_FILE]!;
    const diagnostics = await datasetFromYaml(files, [personOncePerEngagement]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE012', severity: 'error', ...positionOf(text, 'kono-taro', 'Kono Taro'), path: '/participants/2/person' });
    expect(positionOf(text, 'kono-taro', 'Kono Taro')).toEqual({ line: 19, column: 13 });
    expect(diagnostics[0]!.message).toBe('The person "kono-taro" is already a participant of this engagement (line 13).');
  });
});
