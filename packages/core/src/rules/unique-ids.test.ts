import { describe, it, expect } from 'vitest';
import { uniqueIds } from './unique-ids.js';
import { KONO, baseFiles, datasetFromYaml } from './testing.js';

describe('RULE001 unique-ids', () => {
  it('passes when every id is used once', async () => {
    expect(await datasetFromYaml(baseFiles(), [uniqueIds])).toEqual([]);
  });

  it('reports the second record of a kind with the same id, naming the first file', async () => {
    const files = baseFiles();
    files['people/taro-kono.yaml'] = KONO;
    const diagnostics = await datasetFromYaml(files, [uniqueIds]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      file: 'records/people/taro-kono.yaml',
      code: 'RULE001',
      severity: 'error',
      line: 1,
      column: 5,
      path: '/id',
    });
    expect(diagnostics[0]!.message).toBe('The person id "kono-taro" is already used by records/people/kono-taro.yaml.');
    expect(diagnostics[0]!.hint).toContain('give this one its own id');
  });

  it('reports every later duplicate, not only the second', async () => {
    const files = baseFiles();
    files['people/taro-kono.yaml'] = KONO;
    files['people/x-kono.yaml'] = KONO;
    const diagnostics = await datasetFromYaml(files, [uniqueIds]);
    expect(diagnostics.map((d) => d.file)).toEqual(['records/people/taro-kono.yaml', 'records/people/x-kono.yaml']);
  });

  it('reports a person and an organization that share an id, on both records', async () => {
    const files = baseFiles();
    files['organizations/kono-taro.yaml'] = 'id: kono-taro\nname: Kono Taro Office\nkind: other\ncountry: JP\n';
    const diagnostics = await datasetFromYaml(files, [uniqueIds]);
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]).toMatchObject({ file: 'records/organizations/kono-taro.yaml', code: 'RULE001', line: 1, column: 5, path: '/id' });
    expect(diagnostics[0]!.message).toBe('The id "kono-taro" is also the id of a person, in records/people/kono-taro.yaml.');
    expect(diagnostics[1]).toMatchObject({ file: 'records/people/kono-taro.yaml', code: 'RULE001', line: 1, column: 5, path: '/id' });
    expect(diagnostics[1]!.message).toContain('also the id of an organization, in records/organizations/kono-taro.yaml');
  });
});
