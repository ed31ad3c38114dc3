import { describe, it, expect } from 'vitest';
import { idMatchesFile } from './id-matches-file.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_ID, FOUNDING, KONO, baseFiles, datasetFromYaml, edit, positionOf } from './testing.js';

describe('RULE002 id-matches-file', () => {
  it('passes when file names, folders and ids agree', async () => {
    expect(await datasetFromYaml(baseFiles(), [idMatchesFile])).toEqual([]);
  });

  it('reports a file named differently from its id', async () => {
    const files = baseFiles();
    delete files['people/kono-taro.yaml'];
    files['people/taro-kono.yaml'] = KONO;
    const diagnostics = await datasetFromYaml(files, [idMatchesFile]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'records/people/taro-kono.yaml', code: 'RULE002', severity: 'error', line: 1, column: 5, path: '/id' });
    expect(diagnostics[0]!.message).toBe('The id is "kono-taro", but the file is named "taro-kono.yaml".');
    expect(diagnostics[0]!.hint).toBe('Rename the file to kono-taro.yaml, or change the id to "taro-kono" if that is the right one.');
  });

  it('leaves a near-miss ending (.yml, .YAML) to LOAD009, reported once for the file, and still checks the record', async () => {
    for (const name of ['kono-taro.yml', 'kono-taro.YAML', 'kono-taro.Yaml']) {
      const files = baseFiles();
      delete files['people/kono-taro.yaml'];
      files[`people/${name}`] = KONO;
      const diagnostics = await datasetFromYaml(files, [idMatchesFile]);
      expect(diagnostics.map((d) => [d.file, d.code, d.line, d.column]), name).toEqual([[`records/people/${name}`, 'LOAD009', 1, 1]]);
      const ending = name.slice('kono-taro'.length);
      expect(diagnostics[0]!.message).toBe(`The file name ends in "${ending}", but record files end in ".yaml" (lower case): tools and editors that find records by name miss this one.`);
      expect(diagnostics[0]!.hint).toMatch(/^Rename the file to kono-taro\.yaml /);
    }
  });

  it('still names the id when both the name and the ending differ', async () => {
    const files = baseFiles();
    delete files['people/kono-taro.yaml'];
    files['people/taro-kono.yml'] = KONO;
    const diagnostics = await datasetFromYaml(files, [idMatchesFile]);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['LOAD009', 1, 1], ['RULE002', 1, 5]]);
    expect(diagnostics[1]!.message).toBe('The id is "kono-taro", but the file is named "taro-kono.yml".');
  });

  it('reports an engagement outside the folder of its date\'s year, at the date', async () => {
    const files = baseFiles();
    delete files[ENGAGEMENT_FILE];
    files[`engagements/2019/${ENGAGEMENT_ID}.yaml`] = FOUNDING;
    const diagnostics = await datasetFromYaml(files, [idMatchesFile]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: `records/engagements/2019/${ENGAGEMENT_ID}.yaml`, code: 'RULE002', ...positionOf(FOUNDING, '2020-08-06', 'date:'), path: '/date' });
    expect(diagnostics[0]!.message).toBe('An engagement dated 2020-08-06 belongs in engagements/2020/, but this file is in engagements/2019/.');
  });

  it('reports a person file outside people/ directly', async () => {
    const files = baseFiles();
    delete files['people/kono-taro.yaml'];
    files['people/japan/kono-taro.yaml'] = KONO;
    const diagnostics = await datasetFromYaml(files, [idMatchesFile]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'RULE002', line: 1, column: 5, path: '/id' });
    expect(diagnostics[0]!.message).toBe('A person belongs in people/, but this file is in people/japan/.');
  });

  it('reports an engagement id that does not start with its date', async () => {
    const text = edit(FOUNDING, 'date: 2020-08-06', 'date: 2020-08-07');
    const files = baseFiles();
    files[ENGAGEMENT_FILE] = text;
    const diagnostics = await datasetFromYaml(files, [idMatchesFile]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'RULE002', line: 1, column: 5, path: '/id' });
    expect(diagnostics[0]!.message).toBe(`The engagement id "${ENGAGEMENT_ID}" does not start with its date 2020-08-07.`);
    expect(diagnostics[0]!.hint).toContain('"2020-08-07-pk-jp-army-chief-defence-minister-video-call"');
  });
});
