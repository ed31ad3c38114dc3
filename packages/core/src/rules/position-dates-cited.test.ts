import { describe, it, expect } from 'vitest';
import { positionDatesCited } from './position-dates-cited.js';
import { KONO, baseFiles, datasetFromYaml, edit, positionOf } from './testing.js';

const FILE = 'records/people/kono-taro.yaml';
const EXAMPLE = '`sources: [{id: dawn-report, publisher: dawn, kind: news-report}]` and, in the position, `start_sources: [dawn-report]`';

const check = async (kono: string) => {
  const files = baseFiles();
  files['people/kono-taro.yaml'] = kono;
  return datasetFromYaml(files, [positionDatesCited]);
};

describe('RULE021 position-dates-cited', () => {
  it('passes positions whose start and end cite the person\'s sources, and an in-post-by start that cites them', async () => {
    expect(await datasetFromYaml(baseFiles(), [positionDatesCited])).toEqual([]);
    expect(await check(edit(KONO, '    start: 2019-09-11\n', '    start: 2019-09-11\n    start_qualifier: in-post-by\n'))).toEqual([]);
  });

  it('reports a start without start_sources at the start\'s value, naming the sources it can cite', async () => {
    const kono = edit(KONO, '    start_sources: [nation-kono]\n', '');
    const diagnostics = await check(kono);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: FILE, code: 'RULE021', severity: 'error', path: '/positions/0/start', ...positionOf(kono, '2019-09-11') });
    expect(diagnostics[0]!.message).toBe('The start 2019-09-11 of the position "Minister of Defense" cites no source.');
    expect(diagnostics[0]!.hint).toBe(
      `Add \`start_sources:\` with the local ids of the sources in this record's \`sources\` list that show it (nation-kono); when the sources only show the person already in post on that date, also set \`start_qualifier: in-post-by\`. For example ${EXAMPLE}.`,
    );
  });

  it('does not ask for start_qualifier again when the start has it', async () => {
    const kono = edit(KONO, '    start_sources: [nation-kono]\n', '    start_qualifier: in-post-by\n');
    const diagnostics = await check(kono);
    expect(diagnostics.map((d) => [d.code, d.path, d.hint])).toEqual([
      ['RULE021', '/positions/0/start', `Add \`start_sources:\` with the local ids of the sources in this record's \`sources\` list that show it (nation-kono): the sources that show the person already in post on that date. For example ${EXAMPLE}.`],
    ]);
  });

  it('reports an end without end_sources at the end\'s value', async () => {
    const kono = edit(KONO, '    end_sources: [nation-kono]\n', '');
    const diagnostics = await check(kono);
    expect(diagnostics.map((d) => [d.code, d.path, d.line, d.column, d.message])).toEqual([
      ['RULE021', '/positions/0/end', positionOf(kono, '2020-09-16').line, positionOf(kono, '2020-09-16').column, 'The end 2020-09-16 of the position "Minister of Defense" cites no source.'],
    ]);
    expect(diagnostics[0]!.hint).toBe('Add `end_sources:` with the local ids of the sources in this record\'s `sources` list that show it (nation-kono), or remove `end` if no source gives it.');
  });

  it('reports end_precision and end_sources without an end, at their keys', async () => {
    const kono = edit(KONO, '    end: 2020-09-16\n', '    end_precision: month\n');
    const diagnostics = await check(kono);
    expect(diagnostics.map((d) => [d.code, d.path, d.line, d.column, d.message, d.hint])).toEqual([
      ['RULE021', '/positions/0/end_precision', positionOf(kono, 'end_precision').line, positionOf(kono, 'end_precision').column, 'The position "Minister of Defense" has `end_precision` but no `end`.', 'Add the `end` date that `end_precision` belongs to, or remove `end_precision`.'],
      ['RULE021', '/positions/0/end_sources', positionOf(kono, 'end_sources').line, positionOf(kono, 'end_sources').column, 'The position "Minister of Defense" has `end_sources` but no `end`.', 'Add the `end` date that `end_sources` belongs to, or remove `end_sources`.'],
    ]);
  });

  it('reports a person with dated positions and no sources list at the positions key, and each uncited date', async () => {
    const kono = edit(edit(edit(KONO, '    start_sources: [nation-kono]\n', ''), '    end_sources: [nation-kono]\n', ''), 'sources:\n  - id: nation-kono\n    publisher: the-nation\n    kind: news-report\n', '');
    const diagnostics = await check(kono);
    expect(diagnostics.map((d) => [d.code, d.path, d.line, d.column, d.message])).toEqual([
      ['RULE021', '/positions', positionOf(kono, 'positions:').line, 1, 'The positions of Kono Taro have dates, but the record has no `sources` list for them to cite.'],
      ['RULE021', '/positions/0/start', positionOf(kono, '2019-09-11').line, positionOf(kono, '2019-09-11').column, 'The start 2019-09-11 of the position "Minister of Defense" cites no source.'],
      ['RULE021', '/positions/0/end', positionOf(kono, '2020-09-16').line, positionOf(kono, '2020-09-16').column, 'The end 2020-09-16 of the position "Minister of Defense" cites no source.'],
    ]);
    expect(diagnostics[0]!.hint).toBe(`Add a \`sources\` list with the documents that give each start and end, and cite their local ids in \`start_sources\` and \`end_sources\`; for example ${EXAMPLE}.`);
    expect(diagnostics[1]!.hint).toContain('with the local ids of sources listed in the record\'s `sources`;');
  });

  it('checks every position of a person, not only the first', async () => {
    const kono = edit(KONO, 'sources:\n', '  - title: Minister for Foreign Affairs\n    country: JP\n    start: 2017-08-03\n    end: 2019-09-11\n    end_sources: [nation-kono]\nsources:\n');
    const diagnostics = await check(kono);
    expect(diagnostics.map((d) => [d.path, d.message])).toEqual([['/positions/1/start', 'The start 2017-08-03 of the position "Minister for Foreign Affairs" cites no source.']]);
  });
});
