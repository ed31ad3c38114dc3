import { describe, it, expect } from 'vitest';
import { outcomeCitesSource } from './outcome-cites-source.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_SHOWN, baseFiles, datasetFromYaml, edit, positionOf, withEngagement } from './testing.js';

describe('RULE010 outcome-cites-source', () => {
  it('passes when every outcome cites sources of the record', async () => {
    expect(await datasetFromYaml(baseFiles(), [outcomeCitesSource])).toEqual([]);
  });

  it('reports an outcome citing a source the record does not have', async () => {
    const files = withEngagement((t) => edit(t, 'sources: [ispr-statement, the-news, the-nation]', 'sources: [ispr-statement, the-news, the-natio]'));
    const text = files[ENGAGEMENT_FILE]!;
    const diagnostics = await datasetFromYaml(files, [outcomeCitesSource]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE010', severity: 'error', ...positionOf(text, 'the-natio]'), path: '/outcomes/0/sources/2' });
    expect(diagnostics[0]!.message).toBe('The outcome cites the source "the-natio", but this record has no source with that id.');
    expect(diagnostics[0]!.hint).toBe('Did you mean "the-nation"? Cite the local id of one of this record\'s sources.');
  });

  it('lists the record\'s sources when no id is close', async () => {
    const files = withEngagement((t) => edit(t, '    sources: [ispr-statement]\n', '    sources: [radio-pakistan]\n'));
    const diagnostics = await datasetFromYaml(files, [outcomeCitesSource]);
    expect(diagnostics.map((d) => d.path)).toEqual(['/outcomes/1/sources/0']);
    expect(diagnostics[0]!.hint).toContain('(ispr-statement, mod-release, the-nation, the-news, tdm-news)');
  });
});
