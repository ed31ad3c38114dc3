import { describe, it, expect } from 'vitest';
import { sourceNotBeforeEvent } from './source-not-before-event.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_SHOWN, baseFiles, datasetFromYaml, edit, positionOf, withEngagement } from './testing.js';

describe('RULE008 source-not-before-event', () => {
  it('passes when sources are published on or after the event', async () => {
    expect(await datasetFromYaml(baseFiles(), [sourceNotBeforeEvent])).toEqual([]);
  });

  it('reports a source published before the event', async () => {
    const files = withEngagement((t) => edit(t, 'published: 2020-08-07\n    language: en', 'published: 2020-08-05\n    language: en'));
    const text = files[ENGAGEMENT_FILE]!;
    const diagnostics = await datasetFromYaml(files, [sourceNotBeforeEvent]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE008', severity: 'error', ...positionOf(text, '2020-08-05'), path: '/sources/2/published' });
    expect(diagnostics[0]!.message).toBe('The source "the-nation" is dated 2020-08-05, before the engagement on 2020-08-06.');
  });

  it('compares by month at month precision', async () => {
    const month = (published: string) =>
      withEngagement((t) => edit(edit(edit(t, 'date: 2020-08-06', 'date: 2020-08-15'), 'date_precision: day', 'date_precision: month'), 'published: 2020-08-07\n    language: en', `published: ${published}\n    language: en`));
    expect(await datasetFromYaml(month('2020-08-01'), [sourceNotBeforeEvent])).toEqual([]);
    const diagnostics = await datasetFromYaml(month('2020-07-31'), [sourceNotBeforeEvent]);
    expect(diagnostics.map((d) => d.message)).toEqual(['The source "the-nation" is dated 2020-07-31, before the engagement in 2020-08.']);
  });
});
