import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkDataset } from '../check.js';
import { parseRecordText } from '../load/parseYaml.js';
import { scaffoldEngagement, slugify } from './newEngagement.js';

const recordsDir = path.resolve(import.meta.dirname, '../../../../records');

describe('scaffoldEngagement', () => {
  it('writes a formatted record in the year folder, with countries resolved from the registry', async () => {
    const { dataset } = await checkDataset({ recordsDir });
    const result = scaffoldEngagement(
      {
        date: '2020-08-06',
        type: 'call',
        medium: 'video',
        participants: [
          { person: 'qamar-javed-bajwa', organization: 'pakistan-army', role: 'principal' },
          { person: 'kono-taro', role: 'principal' },
        ],
        title: 'A test call',
      },
      dataset,
    );
    expect(result.id).toBe('2020-08-06-pk-jp-call-video');
    expect(result.relativePath).toBe('engagements/2020/2020-08-06-pk-jp-call-video.yaml');
    expect(result.text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schemas/engagement.schema.json');
    const data = parse(result.text);
    expect(data.participants).toEqual([
      { person: 'qamar-javed-bajwa', organization: 'pakistan-army', country: 'PK', role: 'principal' },
      { person: 'kono-taro', country: 'JP', role: 'principal' },
    ]);
    expect(data.initiator).toBe('unknown');
    expect(parseRecordText(result.text).ok).toBe(true);
  });

  it('makes ASCII slugs', () => {
    expect(slugify('Visite à Paris — 2e tour!')).toBe('visite-a-paris-2e-tour');
  });
});
