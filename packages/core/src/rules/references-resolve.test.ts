import { describe, it, expect } from 'vitest';
import { referencesResolve } from './references-resolve.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_SHOWN, KONO, baseFiles, datasetFromYaml, edit, positionOf, withEngagement } from './testing.js';

describe('RULE003 references-resolve', () => {
  it('passes when every reference resolves', async () => {
    const files = baseFiles();
    files['organizations/japan-self-defense-forces.yaml'] = 'id: japan-self-defense-forces\nname: Japan Self-Defense Forces\nkind: armed-service\ncountry: JP\nparent: japan-ministry-of-defense\n';
    expect(await datasetFromYaml(files, [referencesResolve])).toEqual([]);
  });

  it('reports a participant person id that names no person, with the closest id', async () => {
    const change = (t: string) => edit(t, 'person: kono-taro', 'person: kono-tar');
    const files = withEngagement(change);
    const text = files[ENGAGEMENT_FILE]!;
    const diagnostics = await datasetFromYaml(files, [referencesResolve]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE003', severity: 'error', ...positionOf(text, 'kono-tar'), path: '/participants/1/person' });
    expect(diagnostics[0]!.message).toBe('The participant "kono-tar" is not the id of any person.');
    expect(diagnostics[0]!.hint).toBe('Did you mean "kono-taro"? People are in records/people/.');
  });

  it('suggests the record whose alias is the misspelt id (`taro-kono` for `kono-taro`, alias "Taro Kono"), not a new person', async () => {
    const files = withEngagement((t) => edit(t, 'person: kono-taro', 'person: taro-kono'));
    const text = files[ENGAGEMENT_FILE]!;
    const diagnostics = await datasetFromYaml(files, [referencesResolve]);
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.path])).toEqual([['RULE003', positionOf(text, 'taro-kono').line, positionOf(text, 'taro-kono').column, '/participants/1/person']]);
    expect(diagnostics[0]!.hint).toBe('"Taro Kono" is an alias of the person "kono-taro": did you mean "kono-taro"? Use the record\'s id, not a new one made from another spelling of the name.');
  });

  it('matches the issue\'s case, `nobuo-kishi` for the person `kishi-nobuo` (alias "Nobuo Kishi")', async () => {
    const files = withEngagement((t) => edit(t, 'person: kono-taro', 'person: nobuo-kishi'));
    files['people/kishi-nobuo.yaml'] = 'id: kishi-nobuo\nname: Kishi Nobuo\naliases: [Nobuo Kishi]\npositions:\n  - title: Minister of Defense\n    country: JP\n    start: 2020-09-16\n    start_sources: [src]\nsources:\n  - id: src\n    publisher: the-nation\n    kind: other\n';
    const diagnostics = await datasetFromYaml(files, [referencesResolve]);
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([['RULE003', '/participants/1/person']]);
    expect(diagnostics[0]!.hint).toMatch(/^"Nobuo Kishi" is an alias of the person "kishi-nobuo": did you mean "kishi-nobuo"\?/);
  });

  it('reports a publisher that is a person, saying so', async () => {
    const files = withEngagement((t) => edit(t, 'publisher: tdm-news', 'publisher: kono-taro'));
    const text = files[ENGAGEMENT_FILE]!;
    const diagnostics = await datasetFromYaml(files, [referencesResolve]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'RULE003', ...positionOf(text, 'kono-taro', 'publisher: kono-taro'), path: '/sources/4/publisher' });
    expect(diagnostics[0]!.message).toBe('The publisher "kono-taro" is not the id of any organization.');
    expect(diagnostics[0]!.hint).toContain('"kono-taro" is the id of a person, not of an organization');
  });

  it('reports an initiator person that does not exist', async () => {
    const files = withEngagement((t) => edit(t, 'initiator: unknown', 'initiator:\n  country: JP\n  person: taro-yamada\n  sources: [mod-release]'));
    const text = files[ENGAGEMENT_FILE]!;
    const diagnostics = await datasetFromYaml(files, [referencesResolve]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'RULE003', path: '/initiator/person', ...positionOf(text, 'taro-yamada') });
    expect(positionOf(text, 'taro-yamada')).toEqual({ line: 21, column: 11 });
    expect(diagnostics[0]!.hint).toBe('Use the id of an existing person from records/people/, or add the person there as taro-yamada.yaml.');
  });

  it('reports a position organization that does not exist', async () => {
    const files = baseFiles();
    files['people/kono-taro.yaml'] = edit(KONO, 'organization: japan-ministry-of-defense', 'organization: japan-ministry-of-defence');
    const diagnostics = await datasetFromYaml(files, [referencesResolve]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'records/people/kono-taro.yaml', code: 'RULE003', ...positionOf(KONO, 'japan-ministry'), path: '/positions/0/organization' });
    expect(diagnostics[0]!.hint).toContain('Did you mean "japan-ministry-of-defense"?');
  });

  it('reports an organization that is its own parent, and a loop of parents once', async () => {
    const files = baseFiles();
    files['organizations/the-nation.yaml'] = 'id: the-nation\nname: The Nation\nkind: news-outlet\ncountry: PK\nparent: the-nation\n';
    files['organizations/pakistan-army.yaml'] = 'id: pakistan-army\nname: Pakistan Army\nkind: armed-service\ncountry: PK\nparent: ispr\n';
    files['organizations/ispr.yaml'] = 'id: ispr\nname: Inter-Services Public Relations\nkind: media-wing\ncountry: PK\nparent: pakistan-army\n';
    const diagnostics = await datasetFromYaml(files, [referencesResolve]);
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]).toMatchObject({ file: 'records/organizations/ispr.yaml', code: 'RULE003', line: 5, column: 9, path: '/parent' });
    expect(diagnostics[0]!.message).toBe('Parent organizations form a loop: ispr → pakistan-army → ispr.');
    expect(diagnostics[1]).toMatchObject({ file: 'records/organizations/the-nation.yaml', line: 5, column: 9, path: '/parent' });
    expect(diagnostics[1]!.message).toBe('The organization "the-nation" is given as its own parent.');
  });
});
