import { describe, it, expect } from 'vitest';
import { aliasNotSplit } from './alias-not-split.js';
import { KONO, baseFiles, datasetFromYaml, positionOf } from './testing.js';

const MOD = 'id: vn-mod\nname: Ministry of National Defence\naliases: [Ministry of National Defence, Vietnam]\nkind: ministry\ncountry: VN\n';

describe('RULE020 alias-not-split', () => {
  it('passes the founding records, and an alias that is the name in other capitals (KONO TARO)', async () => {
    const files = baseFiles();
    files['people/kono-taro.yaml'] = KONO.replace('  - KONO\n', '  - KONO\n  - KONO TARO\n');
    expect(await datasetFromYaml(files, [aliasNotSplit])).toEqual([]);
  });

  it('warns at both halves of a name split by the comma of a flow list', async () => {
    const files = { ...baseFiles(), 'organizations/vn-mod.yaml': MOD };
    const diagnostics = await datasetFromYaml(files, [aliasNotSplit]);
    expect(diagnostics.map((d) => [d.file, d.code, d.severity, d.line, d.column, d.path])).toEqual([
      ['records/organizations/vn-mod.yaml', 'RULE020', 'warning', 3, 11, '/aliases/0'],
      ['records/organizations/vn-mod.yaml', 'RULE020', 'warning', 3, 41, '/aliases/1'],
    ]);
    expect(positionOf(MOD, 'Vietnam')).toEqual({ line: 3, column: 41 });
    expect(diagnostics[0]!.message).toBe('The alias "Ministry of National Defence" is the record\'s own name.');
    expect(diagnostics[1]!.message).toBe('The alias "Vietnam" is the name of a country (VN).');
    expect(diagnostics[1]!.hint).toBe(
      'If the list was written `[Ministry of National Defence, Vietnam]`, its comma split one name in two: write "Ministry of National Defence, Vietnam" in quotes, or each alias on its own line (`- Ministry of National Defence, Vietnam`). Otherwise remove it: a country is not an alias.',
    );
  });

  it('knows country names whatever their case, and not a quoted name that holds one', async () => {
    const files = { ...baseFiles(), 'organizations/vn-mod.yaml': MOD.replace('[Ministry of National Defence, Vietnam]', '["Ministry of National Defence, Vietnam", PAKISTAN]') };
    const diagnostics = await datasetFromYaml(files, [aliasNotSplit]);
    expect(diagnostics.map((d) => [d.path, d.message])).toEqual([['/aliases/1', 'The alias "PAKISTAN" is the name of a country (PK).']]);
  });
});
