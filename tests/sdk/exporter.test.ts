// The SDK exporter on the real dataset and on small synthetic ones: the files it writes,
// the version it proposes from the last release, determinism, redirects, and the
// behaviour of the generated code (imported straight from the output folder).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { bumpVersion, diffDatasets, diffSchemas, parseRedirects, proposeBump, type OutputFile, type PublishedDataset } from '@engagements/core';
import { createSdkExporter, DATA_LITERAL_SIZE, parseSnapshot, RUNTIME_EXPORTS, sdkExporter } from '@engagements/export-sdk';
import { publishedSchema, schemas } from '@engagements/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSdk, FOUNDING, requireSdk, loadDataset, root, text, texts, writeFiles } from './helpers.js';

let dataset: PublishedDataset;
let files: OutputFile[];
let dir: string;
const file = (p: string) => files.find((f) => f.path === `sdk/${p}`);
const json = (p: string) => JSON.parse(text(file(p)));

// The data's literals are the elements of the array that data.cjs's function joins (parsed on first use).
const DATA_START = 'module.exports = function recordsJson() {\n  return [\n';
const DATA_END = "].join('');\n};\n";

/** The lines of the embedded data, one string literal each (`'...',`). */
function dataLines(code: string): string[] {
  const start = code.indexOf(DATA_START);
  const end = code.indexOf(DATA_END, start);
  if (start < 0 || end < 0) throw new Error('no embedded data');
  return code.slice(start + DATA_START.length, end).split('\n').filter(Boolean);
}

/** The string literals of the embedded data, evaluated. */
function dataLiterals(code: string): string[] {
  return dataLines(code).map((line) => {
    expect(line).toMatch(/^'.*',$/);
    return new Function(`return ${line.slice(0, -1)};`)() as string;
  });
}

/** The code without the embedded data (whose text may say anything). */
function withoutData(code: string): string {
  const start = code.indexOf(DATA_START);
  const end = code.indexOf(DATA_END, start);
  return start < 0 || end < 0 ? code : code.slice(0, start + DATA_START.length) + code.slice(end);
}

beforeAll(async () => {
  dataset = await loadDataset();
  ({ dir, files } = await buildSdk(dataset));
});

describe('the files of the package', () => {
  it('are the package directory under sdk/, sorted by path', () => {
    const paths = files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths.every((p) => p.startsWith('sdk/'))).toBe(true);
    const schemaFiles = Object.keys(schemas).map((f) => `sdk/schemas/${f}`);
    expect(paths).toEqual(
      [
        'sdk/CHANGELOG.md',
        'sdk/LICENSE',
        'sdk/README.md',
        'sdk/changes.json',
        'sdk/dist/data.cjs',
        'sdk/dist/index.cjs',
        'sdk/dist/index.d.cts',
        'sdk/dist/index.d.ts',
        'sdk/dist/index.js',
        'sdk/package.json',
        ...schemaFiles,
      ].sort(),
    );
  });

  it('have a package.json without dependencies or scripts, with an allow-list, sideEffects and a license', () => {
    const manifest = json('package.json');
    expect(manifest).toMatchObject({ name: '@engagements/sdk', license: '(MIT AND CC-BY-4.0)', type: 'module', sideEffects: false });
    for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies', 'scripts', 'gypfile']) {
      expect(manifest, key).not.toHaveProperty(key);
    }
    expect(manifest.files).toEqual(['dist', 'schemas', 'changes.json', 'CHANGELOG.md']);
    expect(manifest.exports['.']).toEqual({
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    });
    expect(manifest.exports['./schemas/engagement.schema.json']).toBe('./schemas/engagement.schema.json');
    expect(manifest.exports['./schemas/vocabularies/medium.schema.json']).toBe('./schemas/vocabularies/medium.schema.json');
    expect(manifest.exports['./changes.json']).toBe('./changes.json');
  });

  it('ship the schemas of schemas/ in their published form, with their $id', () => {
    for (const name of Object.keys(schemas)) {
      const shipped = json(`schemas/${name}`);
      expect(shipped, name).toEqual(publishedSchema(name, JSON.parse(readFileSync(path.join(root, 'schemas', name), 'utf8'))));
      expect(shipped.$id, name).toBe(`https://w3id.org/engagements/schemas/${name}`);
    }
  });

  it('have one implementation: the ES module entry only re-exports the CommonJS one, which requires nothing but its data, on first use; no Node-only global (browsers, bundlers)', async () => {
    const esm = text(file('dist/index.js'));
    expect(esm.split('\n').filter((l) => l && !l.startsWith('//'))).toEqual(['import sdk from "./index.cjs";', ...RUNTIME_EXPORTS.map((name) => `export const ${name} = sdk.${name};`)]);
    for (const p of ['dist/index.cjs', 'dist/data.cjs']) {
      // The code without the embedded JSON (whose text may say anything).
      const code = withoutData(text(file(p))).replace(/JSON\.parse\("(?:[^"\\]|\\.)*"\)/g, 'JSON.parse("")');
      expect(code.length, p).toBeLessThan(400_000);
      expect(/^\s*import\s/m.test(code), `${p} imports a module`).toBe(false);
      const requires = code.replace(/\.code = '[^'\n]*'/g, '').match(/\brequire\s*\([^)]*\)/g) ?? [];
      expect(requires, `${p} calls require`).toEqual(p === 'dist/index.cjs' ? ['require("./data.cjs")'] : []);
      expect(/\b(process|Buffer|__dirname|__filename|global|window|document)\b\s*[.[]/.test(code), `${p} uses a platform global`).toBe(false);
      expect(/import\.meta/.test(code), `${p} uses import.meta`).toBe(false);
    }
    // The require of the data is inside recordsJson(), which only load() calls.
    expect(text(file('dist/index.cjs'))).toContain('function recordsJson() {\n  return require("./data.cjs")();\n}\n');
    expect(text(file('dist/index.cjs')).indexOf('{"engagements":[')).toBe(-1);
    // A browser bundle of the entry point needs nothing from outside.
    const bundled = await build({ entryPoints: [path.join(dir, 'sdk/dist/index.js')], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
    expect(bundled.errors).toEqual([]);
  });

  it('stream the data file literal by literal, the same chunks on every read', () => {
    for (const p of ['dist/data.cjs']) {
      const f = file(p)!;
      if (typeof f.content !== 'function') throw new Error(`${p} is not streamed`);
      const chunks = [...f.content()] as string[];
      expect([...f.content()], p).toEqual(chunks);
      // One chunk per string literal of the data: none holds much more than DATA_LITERAL_SIZE
      // (the largest chunk is the code before the data).
      expect(chunks.length, p).toBeGreaterThan(text(file(p)).length / 400_000);
      expect(Math.max(...chunks.map((c) => c.length)), p).toBeLessThan(400_000);
    }
  });

  it('embed the data as the JSON of the records sorted by id, in string literals of about 64 KB', () => {
    const sorted = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    const data = { engagements: sorted(dataset.engagements), people: sorted(dataset.people), organizations: sorted(dataset.organizations) };
    for (const p of ['dist/data.cjs']) {
      const literals = dataLiterals(text(file(p)));
      expect(literals.join(''), p).toBe(JSON.stringify(data));
      // Split between records, each literal (as written, quotes and comma aside) at least DATA_LITERAL_SIZE but the last.
      for (const line of dataLines(text(file(p))).slice(0, -1)) expect(line.length - 3).toBeGreaterThanOrEqual(DATA_LITERAL_SIZE);
      expect(literals.length, p).toBeGreaterThan(1);
      for (const literal of literals.slice(1)) expect(literal).toMatch(/^(,?\{|\])/);
    }
  });

  it('escape any text in the data literals, and load it back exactly', async () => {
    const hostile = ["it's", 'back\\slash \\u0041 \\n', '"quoted"', 'line\u2028separator\u2029paragraph', 'tab\there\nnewline', 'emoji 🎉 and attaché', "'); throw 1; ('", '${x}`'];
    const e = structuredClone(dataset.engagements.find((x) => x.id === FOUNDING)!) as any;
    e.title = hostile.join(' | ');
    e.notes = hostile.join('\n');
    const built = await createSdkExporter({ inputs: { release: null, redirectsText: '' } }).export({ engagements: [e], people: dataset.people, organizations: dataset.organizations }, {});
    const sdk = requireSdk(path.join(writeFiles(built), 'sdk'));
    expect(sdk.engagements[0].title).toBe(e.title);
    expect(sdk.engagements[0].notes).toBe(e.notes);
    expect(sdk.engagements).toEqual([e]);
  });

  it('declare the same API for import and require', () => {
    expect(text(file('dist/index.d.cts'))).toBe(text(file('dist/index.d.ts')));
    const dts = text(file('dist/index.d.ts'));
    for (const name of RUNTIME_EXPORTS) expect(dts, name).toMatch(new RegExp(`export declare (const|function) ${name}\\b`));
    for (const name of RUNTIME_EXPORTS) expect(text(file('dist/index.js'))).toContain(`export const ${name} = sdk.${name};`);
    for (const name of RUNTIME_EXPORTS) expect(text(file('dist/index.cjs'))).toContain(`exports.${name} = ${name};`);
  });

  it('include a README for consumers and a license', () => {
    const readme = text(file('README.md'));
    for (const heading of ['## Install', '## Use', '## API', '### Dates of offices', '## Loading', '## Versioning', '### findEngagements(filter)']) expect(readme).toContain(heading);
    expect(text(file('LICENSE'))).toContain('CC BY 4.0');
    expect(text(file('LICENSE'))).toContain('https://creativecommons.org/licenses/by/4.0/');
    expect(text(file('LICENSE'))).toMatch(/^MIT License$/m);
  });
});

describe('version and changes', () => {
  it('propose the version from the last release and the versioning policy', () => {
    const release = parseSnapshot(readFileSync(path.join(root, 'releases/latest.json'), 'utf8'));
    const redirects = parseRedirects(readFileSync(path.join(root, 'releases/redirects.yaml'), 'utf8'), { dataset }).redirects;
    const diff = diffDatasets(release.data, dataset, { redirects });
    const bump = proposeBump(diff, diffSchemas(release.schemas, schemas).change);
    const manifest = json('package.json');
    expect(manifest.version).toBe(bumpVersion(release.version, bump));
    const changes = json('changes.json');
    expect(changes).toMatchObject({ package: '@engagements/sdk', version: manifest.version, previousVersion: release.version, bump });
    expect(changes.added).toEqual(diff.added);
    expect(changes.removed).toEqual(diff.removed);
    expect(changes.moved).toEqual(diff.moved);
    expect(changes.modified).toEqual(JSON.parse(JSON.stringify(diff.modified)));
    expect(changes.summary).toEqual({ added: diff.added.length, removed: diff.removed.length, moved: diff.moved.length, modified: diff.modified.length });
    const changelog = text(file('CHANGELOG.md'));
    expect(changelog).toMatch(/^# Changelog\n/);
    if (bump !== 'none') expect(changelog).toContain(`## ${manifest.version} (unreleased)\n\nCompared with ${release.version}:`);
    expect(changelog).toContain(`## ${release.version} (${release.released})`);
  });

  it('the committed release 0.1.0 is the founding record: the curated records and the corrections make a minor release', () => {
    const release = parseSnapshot(readFileSync(path.join(root, 'releases/latest.json'), 'utf8'));
    if (release.version !== '0.1.0') return; // a later release has been recorded since
    expect(release.data.engagements.map((e) => e.id)).toEqual([FOUNDING]);
    const changes = json('changes.json');
    // The schemas only widened since 0.1.0 (new optional properties such as start_qualifier,
    // new topics): no released record becomes invalid and no field a consumer reads disappears
    // or becomes optional (Position.start is still required). VERSIONING.md: minor.
    const breaking = diffSchemas(release.schemas, schemas).differences.filter((d) => d.effect === 'narrowed' || d.effect === 'changed');
    expect(breaking).toEqual([]);
    expect(changes.schema.change).toBe('widened');
    expect(changes.bump).toBe('minor');
    expect(changes.version).toBe('0.2.0');
    expect(changes.removed).toEqual([]);
    // The curated records are additions; the founding records corrected since are modifications.
    expect(changes.added.length).toBeGreaterThan(100);
    expect(changes.added).toEqual(expect.arrayContaining([{ kind: 'engagement', id: '2021-12-16-jp-pk-ambassador-wada-meets-army-chief' }, { kind: 'person', id: 'wada-mitsuhiro' }]));
    expect(changes.modified.map((m: { kind: string; id: string }) => `${m.kind} ${m.id}`)).toEqual(expect.arrayContaining(['person kono-taro', 'person qamar-javed-bajwa']));
    const changelog = text(file('CHANGELOG.md'));
    expect(changelog).toContain('## 0.2.0 (unreleased)\n\nCompared with 0.1.0:');
    expect(changelog).toMatch(/Version bump: \*\*minor\*\*\./);
    expect(changelog).not.toMatch(/\((narrowed|changed)\):/);
    const section = (title: string) => changelog.slice(changelog.indexOf(`### ${title}\n`), changelog.indexOf('\n### ', changelog.indexOf(`### ${title}\n`) + 1));
    expect(section('Added')).toContain('- engagement `2021-12-16-jp-pk-ambassador-wada-meets-army-chief`');
    expect(section('Added')).toContain('- person `wada-mitsuhiro`');
    expect(section('Modified')).toContain('- person `kono-taro`');
    expect(section('Modified')).toContain('- person `qamar-javed-bajwa`');
    expect(changelog).toContain('`person.schema.json#/$defs/Position/properties/start_qualifier` (widened): property start_qualifier added');
  });

  it('are the same bytes for the same content, whatever the order of the records', async () => {
    const again = await sdkExporter.export(dataset, {});
    expect(again.map((f) => f.path)).toEqual(files.map((f) => f.path));
    expect(texts(again)).toEqual(texts(files));
    const shuffled: PublishedDataset = {
      engagements: [...dataset.engagements].reverse(),
      people: [...dataset.people].reverse(),
      organizations: [...dataset.organizations].reverse(),
    };
    expect(texts(await sdkExporter.export(shuffled, {}))).toEqual(texts(files));
  });

  it('without a previous release are version 0.1.0 with every record added', async () => {
    const first = await createSdkExporter({ inputs: { release: null, changelog: '' } }).export(dataset, {});
    const changes = JSON.parse(text(first.find((f) => f.path === 'sdk/changes.json')));
    expect(changes.version).toBe('0.1.0');
    expect(changes.previousVersion).toBeNull();
    expect(changes.summary.added).toBe(dataset.engagements.length + dataset.people.length + dataset.organizations.length);
  });

  it('fail with located messages when the redirects file is wrong', async () => {
    const exporter = createSdkExporter({ inputs: { redirectsText: `engagements:\n  ${FOUNDING}:\n    moved_to: 2020-08-06-elsewhere\n` } });
    await expect(async () => exporter.export(dataset, {})).rejects.toThrow(/releases\/redirects\.yaml:2:3: REDIRECT002 .* still exists/);
  });
});

describe('the generated code', () => {
  let sdk: any;
  beforeAll(async () => {
    sdk = requireSdk(path.join(dir, 'sdk'));
  });

  it('exports the data sorted by id and deeply frozen', () => {
    expect(sdk.engagements.map((e: any) => e.id)).toEqual(dataset.engagements.map((e) => e.id).sort());
    expect(sdk.people).toHaveLength(dataset.people.length);
    expect(sdk.organizations).toHaveLength(dataset.organizations.length);
    for (const list of [sdk.engagements, sdk.people, sdk.organizations]) {
      const ids = list.map((r: any) => r.id);
      expect(ids).toEqual([...ids].sort());
    }
    const e = sdk.getEngagement(FOUNDING);
    expect(Object.isFrozen(sdk.engagements)).toBe(true);
    expect(Object.isFrozen(e.participants[0])).toBe(true);
    expect(Object.isFrozen(e.topics)).toBe(true);
    expect(() => {
      e.title = 'changed';
    }).toThrow(TypeError);
    expect(Object.isFrozen(sdk.vocabularies.medium.terms[0])).toBe(true);
  });

  it('looks records up by id, undefined for an unknown id', () => {
    expect(sdk.getEngagement(FOUNDING).id).toBe(FOUNDING);
    expect(sdk.getPerson('kono-taro').name).toBeTruthy();
    expect(sdk.getOrganization('pakistan-army').id).toBe('pakistan-army');
    expect(sdk.getEngagement('2020-01-01-nothing')).toBeUndefined();
    expect(sdk.getPerson('nobody')).toBeUndefined();
    expect(sdk.getOrganization('constructor')).toBeUndefined();
    expect(sdk.getEngagement(undefined)).toBeUndefined();
  });

  it('validates values with the precompiled validators', () => {
    expect(sdk.isEngagement(structuredClone(dataset.engagements[0]))).toBe(true);
    expect(sdk.isPerson(structuredClone(dataset.people[0]))).toBe(true);
    expect(sdk.isOrganization(structuredClone(dataset.organizations[0]))).toBe(true);
    expect(sdk.isEngagement({ ...structuredClone(dataset.engagements[0]), type: 'not-a-type' })).toBe(false);
    expect(sdk.isPerson({})).toBe(false);
    expect(sdk.isOrganization(null)).toBe(false);
    expect(sdk.isEngagement(sdk.getPerson('kono-taro'))).toBe(false);
  });

  it('exports the vocabularies and schemas', () => {
    expect(Object.keys(sdk.schemas).sort()).toEqual(Object.keys(schemas).sort());
    expect(sdk.vocabularies.medium.terms.map((t: any) => t.id)).toContain('video');
    expect(sdk.getTerm('medium', 'video')).toMatchObject({ id: 'video', label: 'Video' });
    expect(sdk.getTerm('medium', 'nope')).toBeUndefined();
    expect(sdk.getTerm('nope', 'video')).toBeUndefined();
    expect(sdk.version).toBe(json('package.json').version);
  });
});

describe('findEngagements', () => {
  // A small dataset whose answers are known: copies of the founding record with other ids, dates, countries.
  let sdk: any;
  const base = () => structuredClone(dataset.engagements.find((e) => e.id === FOUNDING)!) as any;
  const make = (id: string, date: string, countries: [string, string], extra: Record<string, unknown> = {}) => {
    const e = base();
    e.id = id;
    e.date = date;
    e.participants[0].country = countries[0];
    e.participants[1].country = countries[1];
    return { ...e, ...extra };
  };
  const ids = (found: any[]) => found.map((e) => e.id);

  beforeAll(async () => {
    const small: PublishedDataset = {
      engagements: [
        make('2020-01-01-a', '2020-01-01', ['PK', 'JP'], { type: 'meeting', medium: 'in-person', topics: ['covid-19'] }),
        make('2020-01-01-b', '2020-01-01', ['US', 'JP']),
        make('2020-02-01-c', '2020-02-01', ['US', 'PK'], { end_date: '2020-02-05', type: 'official-visit', medium: 'in-person', topics: ['counter-terrorism'] }),
        make('2020-02-03-d', '2020-02-03', ['IN', 'JP'], { medium: 'telephone' }),
        make('2020-03-01-e', '2020-03-01', ['PK', 'SA'], { topics: ['covid-19', 'counter-terrorism'] }),
      ],
      people: dataset.people,
      organizations: dataset.organizations,
    };
    const redirectsText = 'engagements:\n  2019-12-31-old-a:\n    moved_to: 2020-01-01-a\n    reason: date corrected\n';
    const built = await createSdkExporter({ inputs: { release: null, redirectsText } }).export(small, {});
    sdk = requireSdk(path.join(writeFiles(built), 'sdk'));
  });

  it('returns everything sorted by date then id without a filter', () => {
    expect(ids(sdk.findEngagements())).toEqual(['2020-01-01-a', '2020-01-01-b', '2020-02-01-c', '2020-02-03-d', '2020-03-01-e']);
    expect(ids(sdk.findEngagements({}))).toHaveLength(5);
  });

  it('ORs the values of one key and ANDs the keys', () => {
    expect(ids(sdk.findEngagements({ country: 'SA' }))).toEqual(['2020-03-01-e']);
    expect(ids(sdk.findEngagements({ country: ['SA', 'IN'] }))).toEqual(['2020-02-03-d', '2020-03-01-e']);
    expect(ids(sdk.findEngagements({ country: ['PK', 'JP'] }))).toEqual(['2020-01-01-a', '2020-01-01-b', '2020-02-01-c', '2020-02-03-d', '2020-03-01-e']);
    expect(ids(sdk.findEngagements({ country: 'PK', topic: 'covid-19' }))).toEqual(['2020-01-01-a', '2020-03-01-e']);
    expect(ids(sdk.findEngagements({ country: 'PK', topic: ['covid-19', 'counter-terrorism'], medium: 'in-person' }))).toEqual(['2020-01-01-a', '2020-02-01-c']);
    expect(ids(sdk.findEngagements({ type: 'official-visit' }))).toEqual(['2020-02-01-c']);
    expect(ids(sdk.findEngagements({ person: 'kono-taro', medium: 'telephone' }))).toEqual(['2020-02-03-d']);
    expect(ids(sdk.findEngagements({ organization: 'pakistan-army', country: 'IN' }))).toEqual(['2020-02-03-d']);
    expect(ids(sdk.findEngagements({ country: 'FR' }))).toEqual([]);
    expect(ids(sdk.findEngagements({ country: [] }))).toEqual([]);
  });

  it('filters by dates, inclusive, counting multi-day engagements that overlap the range', () => {
    expect(ids(sdk.findEngagements({ from: '2020-01-01', to: '2020-01-01' }))).toEqual(['2020-01-01-a', '2020-01-01-b']);
    expect(ids(sdk.findEngagements({ from: '2020-02-02' }))).toEqual(['2020-02-01-c', '2020-02-03-d', '2020-03-01-e']);
    expect(ids(sdk.findEngagements({ to: '2020-02-01' }))).toEqual(['2020-01-01-a', '2020-01-01-b', '2020-02-01-c']);
    expect(ids(sdk.findEngagements({ from: '2020-02-04', to: '2020-02-04' }))).toEqual(['2020-02-01-c']);
    expect(ids(sdk.findEngagements({ from: '2020-02-06', to: '2020-02-28' }))).toEqual([]);
    expect(ids(sdk.findEngagements({ from: '2020-02-02', country: 'US' }))).toEqual(['2020-02-01-c']);
    expect(ids(sdk.findEngagements({ from: '2020-03-01', to: '2020-01-01' }))).toEqual([]);
  });

  it('rejects unknown keys and malformed dates', () => {
    expect(() => sdk.findEngagements({ typ: 'call' })).toThrow(TypeError);
    expect(() => sdk.findEngagements({ from: '2020/01/01' })).toThrow(RangeError);
    expect(() => sdk.findEngagements({ country: 7 })).toThrow(TypeError);
    expect(() => sdk.findEngagements('PK')).toThrow(TypeError);
  });

  it('follows redirects in getEngagement', () => {
    expect(sdk.getEngagement('2019-12-31-old-a').id).toBe('2020-01-01-a');
    expect(sdk.redirects).toEqual([{ kind: 'engagement', from: '2019-12-31-old-a', to: '2020-01-01-a', reason: 'date corrected' }]);
  });

  // Speed is measured by `npm run bench` (findEngagements latency at 10k), never in a timed test.
  it('answers from its indexes exactly what a scan of every record answers', async () => {
    const many: any[] = [];
    const countries = ['PK', 'JP', 'US', 'IN', 'SA', 'GB', 'FR', 'DE', 'CN', 'KR'];
    for (let i = 0; i < 5000; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
      const year = 2000 + Math.floor(i / 336);
      many.push(make(`${year}-${month}-${day}-e${i}`, `${year}-${month}-${day}`, [countries[i % 10]!, countries[(i * 7 + 3) % 10]!]));
    }
    const built = await createSdkExporter({ inputs: { release: null, redirectsText: '' } }).export({ engagements: many, people: dataset.people, organizations: dataset.organizations }, {});
    const big = requireSdk(path.join(writeFiles(built), 'sdk'));
    const filter = { country: ['SA', 'GB'], topic: 'covid-19', from: '2010-03-01', to: '2010-03-31' } as const;
    // The same question answered by looking at every record.
    const scan = () =>
      big.engagements
        .filter((e: any) => e.participants.some((p: any) => filter.country.includes(p.country)) && e.topics.includes(filter.topic) && e.date >= filter.from && e.date <= filter.to)
        .sort((a: any, b: any) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
    expect(ids(big.findEngagements(filter))).toEqual(ids(scan())); // also builds the indexes
    expect(big.findEngagements(filter).length).toBeGreaterThan(0);
    for (const other of [
      { country: 'PK' },
      { country: ['JP', 'US'], from: '2005-01-01', to: '2006-12-31' },
      { topic: 'covid-19', to: '2001-06-30' },
      { from: '2010-02-28', to: '2010-02-28' },
    ] as const) {
      const wanted = big.engagements
        .filter((e: any) => {
          const countries: readonly string[] | undefined = 'country' in other ? ([] as string[]).concat(other.country) : undefined;
          return (!countries || e.participants.some((p: any) => countries.includes(p.country))) && (!('topic' in other) || e.topics.includes(other.topic)) && (!('from' in other) || e.date >= other.from) && (!('to' in other) || e.date <= other.to);
        })
        .map((e: any) => e.id)
        .sort((a: string, b: string) => (a < b ? -1 : 1));
      expect([...ids(big.findEngagements(other))].sort()).toEqual(wanted);
    }
  });
});
