import { describe, it, expect } from 'vitest';
import { relatedResolves } from './related-resolves.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_ID, ENGAGEMENT_SHOWN, FOUNDING, datasetFromYaml, edit, positionOf, withEngagement } from './testing.js';

const FOLLOW_UP = '2020-08-07-pk-jp-follow-up';
const relatedTo = (id: string) => {
  const files = withEngagement((t) => `${t}related:\n  - engagement: ${id}\n    relation: follows\n`);
  files[`engagements/2020/${FOLLOW_UP}.yaml`] = edit(edit(FOUNDING, `id: ${ENGAGEMENT_ID}`, `id: ${FOLLOW_UP}`), 'date: 2020-08-06', 'date: 2020-08-07');
  return files;
};

describe('RULE018 related-resolves', () => {
  it('passes a link to another existing engagement', async () => {
    expect(await datasetFromYaml(relatedTo(FOLLOW_UP), [relatedResolves])).toEqual([]);
  });

  it('reports a link to an engagement that does not exist, with the closest id', async () => {
    const files = relatedTo('2020-08-07-pk-jp-followup');
    const diagnostics = await datasetFromYaml(files, [relatedResolves]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE018', severity: 'error', ...positionOf(files[ENGAGEMENT_FILE]!, '2020-08-07-pk-jp-followup'), path: '/related/0/engagement' });
    expect(diagnostics[0]!.message).toBe('The related engagement "2020-08-07-pk-jp-followup" does not exist.');
    expect(diagnostics[0]!.hint).toBe(`Did you mean "${FOLLOW_UP}"? Engagements are in records/engagements/<year>/.`);
  });

  it('never suggests the record itself', async () => {
    const files = relatedTo('2020-08-06-pk-jp-army-chief-defence-minister-video-cal');
    delete files[`engagements/2020/${FOLLOW_UP}.yaml`];
    const diagnostics = await datasetFromYaml(files, [relatedResolves]);
    expect(diagnostics.map((d) => d.hint)).toEqual(['Use the id of an existing engagement from records/engagements/<year>/, or add the engagement there as 2020-08-06-pk-jp-army-chief-defence-minister-video-cal.yaml.']);
  });

  it('reports a link to the record itself', async () => {
    const files = relatedTo(ENGAGEMENT_ID);
    const diagnostics = await datasetFromYaml(files, [relatedResolves]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'RULE018', ...positionOf(files[ENGAGEMENT_FILE]!, ENGAGEMENT_ID, 'related:'), path: '/related/0/engagement' });
    expect(diagnostics[0]!.message).toBe('The engagement is listed as related to itself.');
  });
});
