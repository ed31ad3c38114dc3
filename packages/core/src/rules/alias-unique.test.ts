import { describe, it, expect } from 'vitest';
import { aliasUnique, nameKey } from './alias-unique.js';
import { baseFiles, datasetFromYaml } from './testing.js';

const person = (id: string, name: string, aliases: string[] = []) =>
  `id: ${id}\nname: ${name}\n${aliases.length ? `aliases:\n${aliases.map((a) => `  - ${a}\n`).join('')}` : ''}positions:\n  - title: Member of the House of Representatives\n    country: JP\n    start: 1996-10-20\n    start_sources: [src]\nsources:\n  - id: src\n    publisher: the-nation\n    kind: other\n`;

describe('RULE013 alias-unique', () => {
  it('passes when every name and alias belongs to one record', async () => {
    expect(await datasetFromYaml(baseFiles(), [aliasUnique])).toEqual([]);
  });

  it('reports an alias of a later person that matches another person\'s alias, ignoring case and spacing', async () => {
    const files = baseFiles();
    const text = person('kono-yohei', 'Kono Yohei', ['Yohei Kono', 'taro   KONO']);
    files['people/kono-yohei.yaml'] = text;
    const diagnostics = await datasetFromYaml(files, [aliasUnique]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'records/people/kono-yohei.yaml', code: 'RULE013', severity: 'error', line: 5, column: 5, path: '/aliases/1' });
    expect(diagnostics[0]!.message).toBe('"taro   KONO" is also an alias of the person "kono-taro" (records/people/kono-taro.yaml), so the two cannot be told apart by it.');
    expect(diagnostics[0]!.hint).toContain('remove the ambiguous alias from one of them');
  });

  it('reports a name equal to another person\'s name', async () => {
    const files = baseFiles();
    files['people/kono-taro-2.yaml'] = person('kono-taro-2', 'Kono Taro');
    const diagnostics = await datasetFromYaml(files, [aliasUnique]);
    expect(diagnostics.map((d) => [d.file, d.path, d.line, d.column])).toEqual([['records/people/kono-taro-2.yaml', '/name', 2, 7]]);
    expect(diagnostics[0]!.message).toContain('is also name of the person "kono-taro"');
  });

  it('lets organizations of different countries share a name, but not of the same country', async () => {
    const files = baseFiles();
    files['organizations/uk-ministry-of-defence.yaml'] = 'id: uk-ministry-of-defence\nname: Ministry of Defence\naliases:\n  - MOD\nkind: ministry\ncountry: GB\n';
    expect(await datasetFromYaml(files, [aliasUnique])).toEqual([]);
    files['organizations/japan-mod-press.yaml'] = 'id: japan-mod-press\nname: MOD Press Office\naliases:\n  - mod\nkind: media-wing\ncountry: JP\n';
    const diagnostics = await datasetFromYaml(files, [aliasUnique]);
    expect(diagnostics.map((d) => [d.file, d.path, d.line, d.column])).toEqual([['records/organizations/japan-mod-press.yaml', '/aliases/0', 4, 5]]);
    expect(diagnostics[0]!.message).toContain('is also an alias of the organization "japan-ministry-of-defense"');
  });

  it('normalizes names for comparison', () => {
    expect(nameKey('  Taro\u00A0 KONO ')).toBe('taro kono');
    expect(nameKey('ＫＯＮＯ')).toBe('kono');
  });
});
