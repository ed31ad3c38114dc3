// The data diff, the semver policy and the renderers in packages/core/src/diff, on
// synthetic changes to the real dataset.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import {
  bumpReasons,
  bumpVersion,
  checkDataset,
  diffDatasets,
  diffSchemas,
  diffValues,
  isEmptyDiff,
  parseRedirects,
  proposeBump,
  publishedDataset,
  renderDiffMarkdown,
  renderDiffText,
  type PublishedDataset,
} from '@engagements/core';
import * as coreYaml from '@engagements/core';
import { schemas } from '@engagements/schema';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let base: PublishedDataset;
const FOUNDING = '2020-08-06-pk-jp-army-chief-defence-minister-video-call';

beforeAll(async () => {
  const result = await checkDataset({ recordsDir: path.join(root, 'records'), cwd: root });
  base = publishedDataset(result.dataset);
});

/** A deep copy of the base dataset, changed by `edit`. */
function changed(edit: (d: { engagements: any[]; people: any[]; organizations: any[] }) => void): PublishedDataset {
  const copy = structuredClone(base) as any;
  edit(copy);
  return copy;
}

const founding = (d: { engagements: any[] }) => d.engagements.find((e) => e.id === FOUNDING);

describe('diffDatasets', () => {
  it('finds nothing between equal datasets, whatever the key order', () => {
    const reordered = changed((d) => {
      d.engagements = d.engagements.map((e) => Object.fromEntries(Object.entries(e).reverse()));
    });
    const diff = diffDatasets(base, reordered);
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff).toEqual({ added: [], removed: [], modified: [], moved: [] });
    expect(proposeBump(diff)).toBe('none');
  });

  it('lists added records by kind and id: a minor change', () => {
    const after = changed((d) => {
      d.engagements.push({ ...founding(d), id: '2021-01-01-another-call', date: '2021-01-01' });
      d.people.push({ id: 'zz-new-person', name: 'New Person', positions: [{ title: 'Minister', country: 'JP', start: '2020-01-01' }] });
      d.organizations.push({ id: 'aa-new-org', name: 'New Org', kind: 'ministry' });
    });
    const diff = diffDatasets(base, after);
    expect(diff.added).toEqual([
      { kind: 'engagement', id: '2021-01-01-another-call' },
      { kind: 'person', id: 'zz-new-person' },
      { kind: 'organization', id: 'aa-new-org' },
    ]);
    expect(diff.removed).toEqual([]);
    expect(proposeBump(diff)).toBe('minor');
  });

  it('lists a record removed without a redirect: a major change', () => {
    const after = changed((d) => {
      d.people = d.people.filter((p) => p.id !== 'kono-taro');
    });
    const diff = diffDatasets(base, after);
    expect(diff.removed).toEqual([{ kind: 'person', id: 'kono-taro' }]);
    expect(proposeBump(diff)).toBe('major');
    expect(bumpReasons(diff)).toEqual([{ bump: 'major', reason: '1 id removed without a redirect' }]);
  });

  it('reports changed fields as JSON pointers with old and new values: a patch', () => {
    const after = changed((d) => {
      const e = founding(d);
      e.title = 'A corrected title';
      e.topics = [...e.topics, 'staff-talks-extra'];
      e.participants[1].role = 'host';
      delete e.notes;
      e.end_date = '2020-08-07';
      e.sources.push({ id: 'new-source', publisher: 'ispr', kind: 'other' });
    });
    const diff = diffDatasets(base, after);
    expect(diff.added).toEqual([]);
    expect(diff.modified).toHaveLength(1);
    const change = diff.modified[0]!;
    expect(change).toMatchObject({ kind: 'engagement', id: FOUNDING });
    const byPath = Object.fromEntries(change.fields.map((f) => [f.path, f]));
    expect(Object.keys(byPath)).toEqual(['/end_date', '/notes', '/participants/1/role', `/sources/${founding(base as any).sources.length}`, '/title', '/topics']);
    expect(byPath['/title']).toEqual({ path: '/title', before: founding(base as any).title, after: 'A corrected title' });
    expect(byPath['/end_date']).toEqual({ path: '/end_date', before: undefined, after: '2020-08-07' });
    expect(byPath['/notes']!.after).toBeUndefined();
    expect(byPath['/participants/1/role']).toMatchObject({ before: 'principal', after: 'host' });
    // A list of plain values changes as a whole.
    expect((byPath['/topics']!.after as string[]).at(-1)).toBe('staff-talks-extra');
    expect(proposeBump(diff)).toBe('patch');
  });

  it('reports a renamed record with a redirect as moved, with its other changes: a minor change', () => {
    const renamed = '2020-08-06-pk-jp-video-call';
    const after = changed((d) => {
      const e = founding(d);
      e.id = renamed;
      e.title = 'Renamed and retitled';
    });
    const redirects = [{ kind: 'engagement' as const, from: FOUNDING, to: renamed }];
    const diff = diffDatasets(base, after, { redirects });
    expect(diff.moved).toEqual([{ kind: 'engagement', from: FOUNDING, to: renamed }]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.modified).toEqual([
      { kind: 'engagement', id: renamed, previousId: FOUNDING, fields: [{ path: '/title', before: founding(base as any).title, after: 'Renamed and retitled' }] },
    ]);
    expect(proposeBump(diff)).toBe('minor');
    // Without the redirect the same change removes an id: major.
    const bare = diffDatasets(base, after);
    expect(bare.removed).toEqual([{ kind: 'engagement', id: FOUNDING }]);
    expect(bare.added).toEqual([{ kind: 'engagement', id: renamed }]);
    expect(proposeBump(bare)).toBe('major');
  });

  it('follows redirect chains and treats a merge into an existing record as a move', () => {
    const after = changed((d) => {
      d.organizations = d.organizations.filter((o) => o.id !== 'tdm-news');
    });
    const diff = diffDatasets(base, after, {
      redirects: [
        { kind: 'organization', from: 'tdm-news', to: 'tdm-news-2' },
        { kind: 'organization', from: 'tdm-news-2', to: 'the-nation' },
      ],
    });
    expect(diff.moved).toEqual([{ kind: 'organization', from: 'tdm-news', to: 'the-nation' }]);
    expect(diff.removed).toEqual([]);
    expect(diff.modified).toEqual([]);
  });

  it('a redirect to a record that does not exist does not hide a removal', () => {
    const after = changed((d) => {
      d.people = d.people.filter((p) => p.id !== 'kono-taro');
    });
    const diff = diffDatasets(base, after, { redirects: [{ kind: 'person', from: 'kono-taro', to: 'nobody' }] });
    expect(diff.removed).toEqual([{ kind: 'person', id: 'kono-taro' }]);
  });

  it('diffValues escapes keys in pointers and compares arrays of objects item by item', () => {
    expect(diffValues({ 'a/b': 1, 'c~d': [{ x: 1 }] }, { 'a/b': 2, 'c~d': [{ x: 1 }, { x: 2 }] })).toEqual([
      { path: '/a~1b', before: 1, after: 2 },
      { path: '/c~0d/1', before: undefined, after: { x: 2 } },
    ]);
  });
});

describe('proposeBump and bumpVersion', () => {
  const empty = { added: [], removed: [], modified: [], moved: [] };
  it('takes the largest bump of all reasons', () => {
    const diff = { ...empty, added: [{ kind: 'engagement' as const, id: 'x' }], removed: [{ kind: 'person' as const, id: 'y' }], modified: [{ kind: 'person' as const, id: 'z', fields: [] }] };
    expect(proposeBump(diff)).toBe('major');
    expect(bumpReasons(diff).map((r) => r.bump)).toEqual(['major', 'minor', 'patch']);
  });
  it('applies schema changes: narrowed (or true) is major, widened minor, documentation patch', () => {
    expect(proposeBump(empty, true)).toBe('major');
    expect(proposeBump(empty, 'narrowed')).toBe('major');
    expect(proposeBump(empty, 'widened')).toBe('minor');
    expect(proposeBump(empty, 'documentation')).toBe('patch');
    expect(proposeBump(empty, false)).toBe('none');
    expect(proposeBump(empty, 'none')).toBe('none');
  });
  it('bumps MAJOR.MINOR.PATCH versions literally, also before 1.0', () => {
    expect(bumpVersion('0.1.0', 'minor')).toBe('0.2.0');
    expect(bumpVersion('0.1.3', 'major')).toBe('1.0.0');
    expect(bumpVersion('1.2.3', 'patch')).toBe('1.2.4');
    expect(bumpVersion('1.2.3', 'none')).toBe('1.2.3');
    expect(() => bumpVersion('1.2', 'patch')).toThrow(/MAJOR.MINOR.PATCH/);
    expect(() => bumpVersion('01.2.3', 'patch')).toThrow();
  });
});

describe('diffSchemas', () => {
  const clone = () => structuredClone(schemas) as any;
  it('finds no change between equal schema sets', () => {
    expect(diffSchemas(schemas, clone())).toEqual({ change: 'none', differences: [] });
  });
  it('classifies a removed vocabulary term as narrowed and an added one as widened', () => {
    const removed = clone();
    removed['vocabularies/medium.schema.json'].oneOf.pop();
    expect(diffSchemas(schemas, removed)).toMatchObject({ change: 'narrowed', differences: [{ file: 'vocabularies/medium.schema.json', path: '/oneOf', effect: 'narrowed' }] });
    const added = clone();
    added['vocabularies/medium.schema.json'].oneOf.push({ const: 'carrier-pigeon', title: 'Carrier pigeon', description: 'A bird.' });
    expect(diffSchemas(schemas, added).change).toBe('widened');
  });
  it('classifies properties: new optional under additionalProperties false widens, new required narrows', () => {
    const optional = clone();
    optional['person.schema.json'].properties.birth_year = { type: 'integer' };
    expect(diffSchemas(schemas, optional)).toMatchObject({ change: 'widened', differences: [{ path: '/properties/birth_year', effect: 'widened' }] });
    const required = clone();
    required['person.schema.json'].required.push('notes');
    expect(diffSchemas(schemas, required).change).toBe('narrowed');
  });
  it('treats titles and descriptions as documentation and unclassified changes as narrowed', () => {
    const docs = clone();
    docs['vocabularies/topic.schema.json'].oneOf[0].description = 'Reworded.';
    expect(diffSchemas(schemas, docs)).toMatchObject({ change: 'documentation', differences: [{ effect: 'documentation' }] });
    const pattern = clone();
    pattern['defs.schema.json'].$defs.Slug.pattern = '^[a-z]+$';
    expect(diffSchemas(schemas, pattern)).toMatchObject({ change: 'narrowed', differences: [{ effect: 'changed', path: '/$defs/Slug/pattern' }] });
    const limit = clone();
    limit['defs.schema.json'].$defs.Text.maxLength = 1000;
    expect(diffSchemas(schemas, limit).change).toBe('widened');
  });
});

describe('diffSchemas: changes that reject no record that was valid', () => {
  const clone = () => structuredClone(schemas) as any;
  const DATE = '/$defs/CalendarDate/pattern';
  it('a date pattern that accepts the same calendar dates is documentation; one that drops a real date narrows', () => {
    const loose = clone();
    loose['defs.schema.json'].$defs.CalendarDate.pattern = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
    expect(diffSchemas(loose, schemas)).toMatchObject({ change: 'documentation', differences: [{ file: 'defs.schema.json', path: DATE, effect: 'documentation' }] });
    const noLeapDay = clone();
    noLeapDay['defs.schema.json'].$defs.CalendarDate.pattern = '^(?!....-02-29)[0-9]{4}-[0-9]{2}-[0-9]{2}$';
    expect(diffSchemas(loose, noLeapDay)).toMatchObject({ change: 'narrowed', differences: [{ path: DATE, effect: 'changed', message: 'pattern changed' }] });
    // Without format: date the same check would not be sound: an unclassified change.
    const noFormat = clone();
    delete noFormat['defs.schema.json'].$defs.CalendarDate.format;
    const noFormatLoose = structuredClone(noFormat);
    noFormatLoose['defs.schema.json'].$defs.CalendarDate.pattern = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
    expect(diffSchemas(noFormatLoose, noFormat).change).toBe('narrowed');
  });
  it('a URL pattern that only adds "no white space" is documentation (the uri format refuses white space); another change narrows', () => {
    const before = clone();
    before['defs.schema.json'].$defs.Url.pattern = '^https?://';
    expect(diffSchemas(before, schemas)).toMatchObject({ change: 'documentation', differences: [{ file: 'defs.schema.json', path: '/$defs/Url/pattern', effect: 'documentation' }] });
    const httpsOnly = clone();
    httpsOnly['defs.schema.json'].$defs.Url.pattern = '^https://\\S*$';
    expect(diffSchemas(before, httpsOnly)).toMatchObject({ change: 'narrowed', differences: [{ path: '/$defs/Url/pattern', effect: 'changed' }] });
  });

  it('propertyNames added under additionalProperties: false that every listed property satisfies is documentation', () => {
    const before = clone();
    delete before['person.schema.json'].propertyNames;
    expect(diffSchemas(before, schemas)).toMatchObject({ change: 'documentation', differences: [{ file: 'person.schema.json', path: '/propertyNames', effect: 'documentation' }] });
    const rejectsName = clone();
    rejectsName['defs.schema.json'].$defs.PropertyName.pattern = '^(?!name$)';
    expect(diffSchemas(before, rejectsName).differences).toContainEqual({ file: 'person.schema.json', path: '/propertyNames', effect: 'changed', message: 'propertyNames added' });
    const open = clone();
    open['person.schema.json'].additionalProperties = true;
    const openBefore = structuredClone(open);
    delete openBefore['person.schema.json'].propertyNames;
    expect(diffSchemas(openBefore, open).change).toBe('narrowed');
  });
});

describe('renderers', () => {
  const diff = {
    added: [{ kind: 'engagement' as const, id: '2021-01-01-a' }],
    removed: [{ kind: 'person' as const, id: 'gone' }],
    moved: [{ kind: 'organization' as const, from: 'old-org', to: 'new-org' }],
    modified: [{ kind: 'engagement' as const, id: FOUNDING, fields: [{ path: '/title', before: 'Old', after: 'New `quoted`' }, { path: '/end_date', before: undefined, after: '2020-08-07' }] }],
  };
  it('renders plain text for a terminal', () => {
    expect(renderDiffText(diff)).toBe(
      [
        '1 added, 1 removed, 1 moved, 1 modified',
        '',
        'Added (1):',
        '  + engagement 2021-01-01-a',
        '',
        'Removed without a redirect (1):',
        '  - person gone',
        '',
        'Moved (1):',
        '  > organization old-org -> new-org',
        '',
        'Modified (1):',
        `  ~ engagement ${FOUNDING}`,
        '      /title: "Old" -> "New `quoted`"',
        '      /end_date: added "2020-08-07"',
        '',
      ].join('\n'),
    );
    expect(renderDiffText({ added: [], removed: [], modified: [], moved: [] })).toBe('0 added, 0 removed, 0 moved, 0 modified\n');
  });
  it('cuts long values', () => {
    const long = { ...diff, modified: [{ kind: 'engagement' as const, id: 'x', fields: [{ path: '/notes', before: 'a'.repeat(500), after: 'b' }] }] };
    expect(renderDiffText(long, { maxValueLength: 20 })).toContain(`"${'a'.repeat(18)}… -> "b"`);
  });
  it('renders a Markdown changelog section with the reasons for the bump', () => {
    const md = renderDiffMarkdown(diff, { version: '1.0.0', previousVersion: '0.1.0', bump: 'major', label: 'unreleased' });
    expect(md).toContain('## 1.0.0 (unreleased)\n\nCompared with 0.1.0: 1 added, 1 removed, 1 moved, 1 modified. Version bump: **major**.');
    expect(md).toContain('- major: 1 id removed without a redirect');
    expect(md).toContain('### Removed (breaking)\n\n- person `gone`');
    expect(md).toContain('### Moved\n\n- organization `old-org` → `new-org`');
    expect(md).toContain('  - `/title`: `"Old"` → ``"New `quoted`"``');
  });
});

describe('redirects file', () => {
  const schemaFile = path.join(root, 'releases/redirects.schema.json');
  let validate: (value: unknown) => boolean;
  beforeAll(() => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, logger: false });
    // ajv-formats is CommonJS (module.exports is the plugin).
    const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
    addFormats(ajv);
    for (const schema of Object.values(schemas)) ajv.addSchema(schema as object);
    validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  });

  it('the committed file is valid for the parser and the schema', () => {
    const text = readFileSync(path.join(root, 'releases/redirects.yaml'), 'utf8');
    const result = parseRedirects(text, { dataset: base });
    expect(result.diagnostics).toEqual([]);
    const parsed = parseRedirects(text);
    expect(parsed.diagnostics).toEqual([]);
  });

  const samples: [string, string, boolean][] = [
    ['empty sections', 'engagements:\npeople:\norganizations:\n', true],
    ['one redirect', `engagements:\n  2020-08-05-old-id:\n    moved_to: ${FOUNDING}\n    reason: date corrected\n`, true],
    ['a person redirect', 'people:\n  taro-kono:\n    moved_to: kono-taro\n', true],
    ['unknown section', 'events:\n  a-b:\n    moved_to: c-d\n', false],
    ['missing moved_to', 'people:\n  taro-kono:\n    reason: renamed\n', false],
    ['unknown key', 'people:\n  taro-kono:\n    moved_to: kono-taro\n    since: 0.2.0\n', false],
    ['bad engagement id', 'engagements:\n  not-an-engagement-id:\n    moved_to: 2020-08-06-x\n', false],
    ['bad target id', 'people:\n  taro-kono:\n    moved_to: Kono Taro\n', false],
    ['reason with a line break', 'people:\n  taro-kono:\n    moved_to: kono-taro\n    reason: "two\\nlines"\n', false],
    ['a list instead of a mapping', 'people:\n  - taro-kono\n', false],
  ];
  it.each(samples)('parser and schema agree: %s', (_name, text, valid) => {
    const parsed = parseRedirects(text);
    expect(parsed.diagnostics.length === 0).toBe(valid);
    const { parseRecordText } = coreYaml;
    const value = parseRecordText(text);
    expect(value.ok).toBe(true);
    expect(validate(value.ok ? value.value : undefined)).toBe(valid);
  });

  it('locates problems in the file', () => {
    const result = parseRedirects('people:\n  taro-kono:\n    moved_to: kono-taro\n    since: 0.2.0\n', { file: 'releases/redirects.yaml' });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ file: 'releases/redirects.yaml', line: 4, column: 5, code: 'REDIRECT001', path: '/people/taro-kono/since', severity: 'error' }),
    ]);
  });

  it('checks redirects against the dataset and resolves chains', () => {
    const text = [
      'people:',
      '  kono-taro:', // still exists
      '    moved_to: qamar-javed-bajwa',
      '  taro-kono:', // chain: taro-kono -> kono-t -> kono-taro
      '    moved_to: kono-t',
      '  kono-t:',
      '    moved_to: kono-taro',
      '  nobody-a:', // no target
      '    moved_to: nobody-b',
      '  loop-a:', // loop
      '    moved_to: loop-b',
      '  loop-b:',
      '    moved_to: loop-a',
      '',
    ].join('\n');
    const result = parseRedirects(text, { dataset: base });
    expect(result.diagnostics.map((d) => [d.code, d.line, d.path])).toEqual([
      ['REDIRECT002', 2, '/people/kono-taro'],
      ['REDIRECT003', 9, '/people/nobody-a/moved_to'],
      ['REDIRECT004', 11, '/people/loop-a/moved_to'],
      ['REDIRECT004', 13, '/people/loop-b/moved_to'],
    ]);
    expect(result.redirects).toEqual([
      { kind: 'person', from: 'kono-t', to: 'kono-taro' },
      { kind: 'person', from: 'taro-kono', to: 'kono-taro' },
    ]);
  });
});

