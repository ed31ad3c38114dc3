import { describe, it, expect } from 'vitest';
import { sourceRefsResolve } from './source-refs-resolve.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_SHOWN, KONO, baseFiles, datasetFromYaml, edit, positionOf, withEngagement } from './testing.js';

const check = async (change: (text: string) => string) => {
  const files = withEngagement(change);
  return { text: files[ENGAGEMENT_FILE]!, diagnostics: await datasetFromYaml(files, [sourceRefsResolve]) };
};

describe('RULE004 source-refs-resolve', () => {
  it('passes when every local source id resolves and there is no loop', async () => {
    expect(await datasetFromYaml(baseFiles(), [sourceRefsResolve])).toEqual([]);
  });

  it('reports a disagreement citing an unknown source, with the closest id', async () => {
    const { text, diagnostics } = await check((t) => edit(t, 'sources: [the-nation, ispr-statement, mod-release]', 'sources: [the-natoin, ispr-statement, mod-release]'));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE004', severity: 'error', ...positionOf(text, 'the-natoin'), path: '/disagreements/0/sources/0' });
    expect(diagnostics[0]!.message).toBe('The disagreement cites the source "the-natoin", but this record has no source with that id.');
    expect(diagnostics[0]!.hint).toBe('Did you mean "the-nation"? Cite the local id of one of this record\'s sources.');
  });

  it('reports an initiator citing an unknown source', async () => {
    const { text, diagnostics } = await check((t) => edit(t, 'initiator: unknown', 'initiator:\n  country: JP\n  sources: [embassy-release]'));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'RULE004', ...positionOf(text, 'embassy-release'), path: '/initiator/sources/0' });
    expect(diagnostics[0]!.hint).toContain('(ispr-statement, mod-release, the-nation, the-news, tdm-news)');
  });

  it('reports a repeated source id at the second source', async () => {
    const { text, diagnostics } = await check((t) => edit(t, '  - id: tdm-news', '  - id: the-news'));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'RULE004', ...positionOf(text, 'the-news', '  - id: the-news\n    publisher: tdm-news'), path: '/sources/4/id' });
    expect(diagnostics[0]!.message).toBe(`The source id "the-news" is already used by another source of this record (line ${positionOf(text, 'id: the-news').line}).`);
  });

  it('reports a source that reproduces itself', async () => {
    const { text, diagnostics } = await check((t) => edit(t, 'reproduces: [ispr-statement]\n', 'reproduces: [ispr-statement, the-news]\n'));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'RULE004', ...positionOf(text, 'the-news]'), path: '/sources/3/reproduces/1' });
    expect(diagnostics[0]!.message).toBe('The source "the-news" is listed as reproducing itself.');
  });

  it('reports a loop of reproduces once, at the first source in it', async () => {
    const { text, diagnostics } = await check((t) => edit(t, '    published: 2020-08-06\n    language: en\n  - id: mod-release', '    published: 2020-08-06\n    language: en\n    reproduces: [the-news]\n  - id: mod-release'));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'RULE004', ...positionOf(text, 'the-news]'), path: '/sources/0/reproduces/0' });
    expect(diagnostics[0]!.message).toBe('Sources reproduce each other in a loop: ispr-statement → the-news → ispr-statement.');
  });

  it('reports a position date that cites no source of the person, with the closest id', async () => {
    const files = baseFiles();
    files['people/kono-taro.yaml'] = edit(KONO, 'end_sources: [nation-kono]', 'end_sources: [nation-kon]');
    const diagnostics = await datasetFromYaml(files, [sourceRefsResolve]);
    expect(diagnostics.map((d) => [d.file, d.code, d.path, d.message, d.hint])).toEqual([
      [
        'records/people/kono-taro.yaml',
        'RULE004',
        '/positions/0/end_sources/0',
        'The end of the position "Minister of Defense" cites the source "nation-kon", but this record has no source with that id.',
        'Did you mean "nation-kono"? Cite the local id of one of this record\'s sources.',
      ],
    ]);
  });

  it('leaves a person without a sources list to RULE021: no second error for each citation', async () => {
    const files = baseFiles();
    files['people/kono-taro.yaml'] = edit(KONO, 'sources:\n  - id: nation-kono\n    publisher: the-nation\n    kind: news-report\n', '');
    expect(files['people/kono-taro.yaml']).toContain('start_sources: [nation-kono]');
    expect(await datasetFromYaml(files, [sourceRefsResolve])).toEqual([]);
  });
});
