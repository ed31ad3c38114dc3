// Golden files of every JSON-LD output for the founding record's dataset
// (tests/fixtures/founding/records). `UPDATE_GOLDEN=1 npx vitest run tests/jsonld` rewrites them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFiles, FOUNDING_RECORDS, loadPublished, ROOT } from './helpers.js';

const GOLDEN = path.join(ROOT, 'tests/golden/jsonld');
const NAMES = ['context.jsonld', 'engagements.jsonld', 'engagements.nq', 'vocabulary.jsonld'];

describe('JSON-LD export of the founding record', async () => {
  const dataset = await loadPublished(FOUNDING_RECORDS);
  const files = await exportFiles(dataset);

  it('writes exactly the four files under jsonld/', () => {
    expect([...files.keys()].sort()).toEqual(NAMES);
  });

  it.each(NAMES)('%s matches its golden file', (name) => {
    const actual = files.get(name)!;
    const file = path.join(GOLDEN, name);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, actual);
    }
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });

  it('is deterministic: a second export, and one from shuffled input, give the same bytes', async () => {
    expect(await exportFiles(dataset)).toEqual(files);
    const shuffled = {
      engagements: [...dataset.engagements].reverse(),
      people: [...dataset.people].reverse(),
      organizations: [...dataset.organizations].reverse(),
    };
    expect(await exportFiles(shuffled)).toEqual(files);
  });

  it('writes 2-space JSON with a trailing newline and sorted N-Quads lines', () => {
    for (const name of NAMES.filter((n) => n.endsWith('.jsonld'))) {
      const text = files.get(name)!;
      expect(text.endsWith('}\n')).toBe(true);
      expect(JSON.stringify(JSON.parse(text), null, 2) + '\n').toBe(text);
    }
    const lines = files.get('engagements.nq')!.split('\n');
    expect(lines.pop()).toBe('');
    expect([...lines].sort()).toEqual(lines);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('gives the founding event its facts: date, video call, online, two principals, CAMEO 041', () => {
    const graph = JSON.parse(files.get('engagements.jsonld')!) as { '@graph': Record<string, unknown>[] };
    const event = graph['@graph'].find((n) => n['identifier'] === '2020-08-06-pk-jp-army-chief-defence-minister-video-call')!;
    expect(event['@id']).toBe('https://w3id.org/engagements/id/engagement/2020-08-06-pk-jp-army-chief-defence-minister-video-call');
    expect(event).toMatchObject({
      '@type': ['Event', 'Engagement'],
      startDate: '2020-08-06',
      engagementType: 'call',
      medium: 'video',
      eventAttendanceMode: 'OnlineEventAttendanceMode',
      initiator: 'unknown',
      countries: ['JP', 'PK'],
      scope: 'bilateral',
      cameoCode: '041',
      cameoLabel: 'Discuss by telephone',
    });
    const kono = graph['@graph'].find((n) => n['identifier'] === 'kono-taro')!;
    expect(kono['sameAs']).toEqual(['http://www.wikidata.org/entity/Q1161024']);
    expect(kono['alternateName']).toEqual(expect.arrayContaining(['Taro Kono', 'KONO']));
  });
});
