import type { PublishedDataset } from '@engagements/core';
import { tables, unescapeFreeText, vocabularyList, type Table } from '@engagements/export-csv';
import { FTS_TABLE, INDEXES, inputsDigest, SqliteBuildError, databaseChunks, loadSqlite, metadataRows } from '@engagements/export-sqlite';
import type { Database } from '@sqlite.org/sqlite-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportCsv, exportSqlite, FOUNDING_RECORDS, loadPublished, openDatabase, parseCsv, REAL_RECORDS, rows } from './helpers.js';

// The database of the curated records, checked against the CSV tables it is defined by.
const FOUNDING_ID = '2020-08-06-pk-jp-army-chief-defence-minister-video-call';

let dataset: PublishedDataset;
let db: Database;
let bytes: Uint8Array;
let csv: Map<string, string>;

beforeAll(async () => {
  dataset = await loadPublished(REAL_RECORDS);
  bytes = (await exportSqlite(dataset)).database;
  db = await openDatabase(bytes);
  csv = await exportCsv(dataset);
});

const userTables = (): string[] => (db.selectValues("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE ? ORDER BY name", [`${FTS_TABLE}_%`]) as string[]);

describe('the schema', () => {
  it('has every CSV table, the full-text table and the metadata table, and nothing else', () => {
    expect(userTables()).toEqual([...tables.map((t) => t.name), FTS_TABLE, 'metadata'].sort());
  });

  it.each(tables.map((t) => [t.name, t] as const))('%s: the CSV columns in order, with declared types, NOT NULL and the primary key', (_name, table: Table) => {
    const info = rows(db, `SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`, [table.name]);
    expect(info.map((c) => c.name)).toEqual(table.columns.map((c) => c.name));
    for (const [i, column] of table.columns.entries()) {
      const expected = column.type === 'integer' || column.type === 'boolean' ? 'INTEGER' : 'TEXT';
      expect(info[i], `${table.name}.${column.name}`).toMatchObject({ type: expected, notnull: column.required ? 1 : 0, pk: table.primaryKey.indexOf(column.name) + 1 });
    }
  });

  it.each(tables.map((t) => [t.name, t] as const))('%s: the foreign keys of the CSV tables', (_name, table: Table) => {
    const fks = rows(db, 'SELECT id, seq, "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq', [table.name]);
    const grouped = new Map<number, { resource: string; fields: string[]; referenceFields: string[] }>();
    for (const fk of fks) {
      const entry = grouped.get(fk.id as number) ?? { resource: fk.table as string, fields: [], referenceFields: [] };
      entry.fields.push(fk.from as string);
      entry.referenceFields.push(fk.to as string);
      grouped.set(fk.id as number, entry);
    }
    const sort = (list: { resource: string; fields: string[]; referenceFields: string[] }[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(sort([...grouped.values()])).toEqual(sort(table.foreignKeys.map(({ resource, fields, referenceFields }) => ({ resource, fields, referenceFields }))));
  });

  it.each([
    ['engagements', 'date', 'engagements_by_date'],
    ['engagements', 'type', 'engagements_by_type'],
    ['engagements', 'host', 'engagements_by_host'],
    ['engagement_countries', 'country', 'engagement_countries_by_country'],
    ['participants', 'country', 'participants_by_country'],
    ['participants', 'person', 'participants_by_person'],
    ['participants', 'organization', 'participants_by_organization'],
    ['topics', 'topic', 'topics_by_topic'],
    ['positions', 'organization', 'positions_by_organization'],
    ['sources', 'publisher', 'sources_by_publisher'],
  ])('filtering %s by %s uses the index %s', (table, column, index) => {
    expect(INDEXES.map((i) => i.name)).toContain(index);
    const plan = rows(db, `EXPLAIN QUERY PLAN SELECT * FROM "${table}" WHERE "${column}" = 'x'`).map((r) => r.detail).join('; ');
    expect(plan).toContain(`USING INDEX ${index}`);
  });

  it('stores every value with the storage class its column declares (no 62 for 062, no number for a date)', () => {
    for (const table of tables) {
      for (const column of table.columns) {
        const allowed = column.type === 'integer' || column.type === 'boolean' ? 'integer' : 'text';
        const wrong = db.selectValue(`SELECT count(*) FROM "${table.name}" WHERE typeof("${column.name}") NOT IN ('null', ?)`, [allowed]);
        expect(wrong, `${table.name}.${column.name}`).toBe(0);
      }
    }
    expect(db.selectValue(`SELECT count(*) FROM engagements WHERE cameo_code LIKE '0%'`)).toBeGreaterThan(0);
    expect(db.selectValues('SELECT DISTINCT remote FROM engagements ORDER BY 1')).toEqual([0, 1]);
  });

  it('passes its own integrity and foreign-key checks', () => {
    expect(db.selectValues('PRAGMA integrity_check')).toEqual(['ok']);
    expect(db.selectArrays('PRAGMA foreign_key_check')).toEqual([]);
  });
});

describe('the rows', () => {
  it.each(tables.map((t) => [t.name, t] as const))('%s: the same rows and values as the CSV table (free text without its CSV escaping)', (_name, table: Table) => {
    const [header, ...cells] = parseCsv(csv.get(table.file)!);
    expect(header).toEqual(table.columns.map((c) => c.name));
    // Rows go in in CSV order, so rowid order is CSV order.
    const sqlRows = db.selectArrays(`SELECT ${table.columns.map((c) => `"${c.name}"`).join(', ')} FROM "${table.name}" ORDER BY rowid`) as unknown[][];
    expect(sqlRows.length, `${table.name} rows`).toBe(cells.length);
    sqlRows.forEach((sqlRow, r) => {
      table.columns.forEach((column, c) => {
        const cell = cells[r]![c]!;
        const value = sqlRow[c];
        const expected =
          cell === '' ? null : column.type === 'integer' ? Number(cell) : column.type === 'boolean' ? (cell === 'true' ? 1 : 0) : column.freeText ? unescapeFreeText(cell) : cell;
        expect(value, `${table.name} row ${r + 1} ${column.name}`).toEqual(expected);
      });
    });
  });

  it('count the records', () => {
    expect(db.selectValue('SELECT count(*) FROM engagements')).toBe(dataset.engagements.length);
    expect(db.selectValue('SELECT count(*) FROM people')).toBe(dataset.people.length);
    expect(db.selectValue('SELECT count(*) FROM organizations')).toBe(dataset.organizations.length);
    expect(db.selectValue('SELECT count(*) FROM participants')).toBe(dataset.engagements.reduce((n, e) => n + e.participants.length, 0));
  });

  it('include every vocabulary term with its label and definition', () => {
    const expected = vocabularyList.flatMap((v) => v.terms.map((t) => [v.id, t.id, t.label, t.definition]));
    expect(db.selectArrays('SELECT vocabulary, id, label, definition FROM vocabularies ORDER BY rowid')).toEqual(expected);
    expect(db.selectValue("SELECT label FROM vocabularies WHERE vocabulary = 'engagement-type' AND id = 'call'")).toBe('Call');
  });
});

describe('full-text search', () => {
  it('finds the founding record by its title, its notes or an outcome summary', () => {
    const search = (query: string) => db.selectValues(`SELECT engagement_id FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ? ORDER BY rank`, [query]);
    expect(search('title:teleconference')).toContain(FOUNDING_ID);
    expect(search('outcome_summaries:locust')).toContain(FOUNDING_ID);
    expect(search('title:teleconference AND outcome_summaries:locust')).toEqual([FOUNDING_ID]);
    expect(search('nosuchwordanywhere')).toEqual([]);
  });

  it('finds every engagement of a person by their name or any alias, whatever the title calls them', () => {
    const search = (query: string) => (db.selectValues(`SELECT engagement_id FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ?`, [query]) as string[]).sort();
    const kono = dataset.people.find((p) => p.id === 'kono-taro')!;
    const his = dataset.engagements.filter((e) => e.participants.some((p) => p.person === kono.id)).map((e) => e.id).sort();
    // Some of them name him only by office in the title and notes ("Japan's defence minister").
    const byText = search('title:kono OR notes:kono OR outcome_summaries:kono');
    expect(his.filter((id) => !byText.includes(id)).length).toBeGreaterThan(0);
    expect(search('participants:kono')).toEqual(his);
    for (const alias of kono.aliases ?? []) expect(search(`participants:"${alias.replace(/"/g, '""')}"`), alias).toEqual(expect.arrayContaining(his));
    // An organization by an alias: every engagement with the ministry as a participant.
    const mod = dataset.organizations.find((o) => o.id === 'japan-ministry-of-defense')!;
    const its = dataset.engagements.filter((e) => e.participants.some((p) => p.organization === mod.id)).map((e) => e.id);
    expect(its.length).toBeGreaterThan(0);
    for (const alias of mod.aliases ?? []) expect(search(`participants:"${alias.replace(/"/g, '""')}"`), alias).toEqual(expect.arrayContaining(its));
  });

  it('has one row per engagement, with the engagement\'s rowid', () => {
    expect(db.selectValue(`SELECT count(*) FROM ${FTS_TABLE}`)).toBe(dataset.engagements.length);
    expect(db.selectValue(`SELECT count(*) FROM ${FTS_TABLE} AS f JOIN engagements AS e ON e.rowid = f.rowid WHERE e.id = f.engagement_id`)).toBe(dataset.engagements.length);
  });
});

describe('the metadata table', () => {
  it('gives the version, the digest of the inputs, the licence and the counts', () => {
    const meta = Object.fromEntries(db.selectArrays('SELECT key, value FROM metadata') as [string, string][]);
    expect(meta).toMatchObject({
      version: '9.9.9',
      license: 'CC-BY-4.0',
      license_url: 'https://creativecommons.org/licenses/by/4.0/',
      engagements: String(dataset.engagements.length),
      people: String(dataset.people.length),
      organizations: String(dataset.organizations.length),
      inputs_digest: inputsDigest(dataset),
    });
    expect(meta.inputs_digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('has a digest that follows the data, not the key order or the YAML formatting', () => {
    const digest = inputsDigest(dataset);
    const reordered = { ...dataset, engagements: dataset.engagements.map((e) => Object.fromEntries(Object.entries(e).reverse()) as typeof e) };
    expect(inputsDigest(reordered)).toBe(digest);
    const changed = { ...dataset, engagements: dataset.engagements.map((e, i) => (i === 0 ? { ...e, title: `${e.title}.` } : e)) };
    expect(inputsDigest(changed)).not.toBe(digest);
  });
});

describe('the file', () => {
  it('is byte-identical when built again', async () => {
    const again = (await exportSqlite(dataset)).database;
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('is compact, with a 4096-byte page, and starts with the SQLite header', () => {
    expect(new TextDecoder().decode(bytes.subarray(0, 16))).toBe('SQLite format 3\0');
    expect(db.selectValue('PRAGMA page_size')).toBe(4096);
    expect(db.selectValue('PRAGMA freelist_count')).toBe(0);
    expect(bytes.length).toBe(Number(db.selectValue('PRAGMA page_count')) * 4096);
  });

  it('is the same for the founding record alone whether built once or twice (a fresh module state)', async () => {
    const founding = await loadPublished(FOUNDING_RECORDS);
    const a = (await exportSqlite(founding)).database;
    const b = (await exportSqlite(founding)).database;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const small = await openDatabase(a);
    expect(small.selectValues('SELECT id FROM engagements')).toEqual([FOUNDING_ID]);
  });
});

describe('bad data', () => {
  it('a reference that does not resolve fails the database with the table, row and target (the build writes nothing)', async () => {
    const founding = await loadPublished(FOUNDING_RECORDS);
    const broken: PublishedDataset = {
      ...founding,
      engagements: founding.engagements.map((e) => ({ ...e, participants: e.participants.map((p, i) => (i === 1 ? { ...p, person: 'no-such-person' } : p)) })),
    };
    const sqlite3 = await loadSqlite();
    const build = () => [...databaseChunks(sqlite3, broken, { metadata: metadataRows(broken, '9.9.9', 'sha256:x') })];
    expect(build).toThrow(SqliteBuildError);
    expect(build).toThrow(/foreign keys that do not resolve: participants row 2 -> people/);
  });
});
