// The database read by the real clients: the `sqlite3` shell and Python's sqlite3 module
// (Debian's SQLite 3.40, older than the 3.54 that writes it), on the curated records and on
// the dataset with a Namibian participant.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWithCli, FOUNDING_ID, namibiaRecords, NAMIBIAN_ENGAGEMENT, REAL_RECORDS, run } from '../../tests/support/clientBuild.js';

const PYTHON = '/usr/bin/python3';

let realDb: string;
let namibiaDb: string;

/** How many .yaml files a folder holds, counted on disk (not through our loader). */
function countYaml(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).length;
}

beforeAll(() => {
  realDb = path.join(buildWithCli(REAL_RECORDS, 'sqlite-real'), 'sqlite/engagements.sqlite');
  namibiaDb = path.join(buildWithCli(namibiaRecords(), 'sqlite-namibia'), 'sqlite/engagements.sqlite');
});

/** Runs SQL in the sqlite3 shell, read-only; one line per row, `|` between values. */
const shell = (db: string, sql: string): string[] => run('sqlite3', ['-readonly', '-batch', db, sql]).split('\n').filter((l) => l !== '');

const PYTHON_CHECKS = `
import json, sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
q = lambda sql, *args: db.execute(sql, args).fetchall()
print(json.dumps({
  "integrity": q("PRAGMA integrity_check"),
  "foreign_keys": q("PRAGMA foreign_key_check"),
  "counts": {t: q('SELECT count(*) FROM "%s"' % t)[0][0] for t in ["engagements", "people", "organizations", "participants", "vocabularies"]},
  "search": [r[0] for r in q("SELECT engagement_id FROM engagements_fts WHERE engagements_fts MATCH ? ORDER BY rank", "title:teleconference AND outcome_summaries:locust")],
  "joined": q("SELECT e.id, e.date, e.remote, typeof(e.remote) FROM engagements_fts AS f JOIN engagements AS e ON e.rowid = f.rowid WHERE engagements_fts MATCH 'locust' AND e.id = ?", "${FOUNDING_ID}"),
  "metadata": dict(q("SELECT key, value FROM metadata")),
  "sqlite_version": sqlite3.sqlite_version,
}))
`;

describe('the sqlite3 shell', () => {
  it('finds the database intact: integrity_check ok, no foreign key broken (with foreign keys on)', () => {
    expect(shell(realDb, 'PRAGMA integrity_check')).toEqual(['ok']);
    expect(shell(realDb, 'PRAGMA foreign_keys = ON; PRAGMA foreign_key_check')).toEqual([]);
  });

  it('counts as many rows as there are record files', () => {
    expect(shell(realDb, 'SELECT count(*) FROM engagements')).toEqual([String(countYaml(path.join(REAL_RECORDS, 'engagements')))]);
    expect(shell(realDb, 'SELECT count(*) FROM people')).toEqual([String(countYaml(path.join(REAL_RECORDS, 'people')))]);
    expect(shell(realDb, 'SELECT count(*) FROM organizations')).toEqual([String(countYaml(path.join(REAL_RECORDS, 'organizations')))]);
  });

  it('finds the founding record with a full-text query, and only it', () => {
    expect(shell(realDb, "SELECT engagement_id FROM engagements_fts WHERE engagements_fts MATCH 'title:teleconference AND outcome_summaries:locust'")).toEqual([FOUNDING_ID]);
    expect(shell(realDb, "SELECT e.id FROM engagements_fts AS f JOIN engagements AS e ON e.rowid = f.rowid WHERE engagements_fts MATCH 'teleconference' AND e.type = 'call'")).toContain(FOUNDING_ID);
  });

  it('finds a person\'s engagements by name, as many as the participants table lists', () => {
    const byName = shell(realDb, "SELECT engagement_id FROM engagements_fts WHERE engagements_fts MATCH 'participants:kono' ORDER BY engagement_id");
    expect(byName).toEqual(shell(realDb, "SELECT DISTINCT engagement_id FROM participants WHERE person = 'kono-taro' ORDER BY engagement_id"));
    expect(byName.length).toBeGreaterThan(6);
  });

  it('uses the indexes for the usual filters', () => {
    expect(shell(realDb, "EXPLAIN QUERY PLAN SELECT id FROM engagements WHERE date BETWEEN '2020-01-01' AND '2020-12-31'").join('\n')).toContain('engagements_by_date');
    expect(shell(realDb, "EXPLAIN QUERY PLAN SELECT engagement_id FROM participants WHERE person = 'kono-taro'").join('\n')).toContain('participants_by_person');
    expect(shell(realDb, "EXPLAIN QUERY PLAN SELECT engagement_id FROM engagement_countries WHERE country = 'JP'").join('\n')).toContain('engagement_countries_by_country');
  });

  it('reads NA and 062 as text, exactly', () => {
    expect(shell(namibiaDb, `SELECT country, typeof(country), cameo_code, typeof(cameo_code) FROM participants WHERE engagement_id = '${NAMIBIAN_ENGAGEMENT}' ORDER BY participant_index`)).toEqual([
      'NA|text|062|text',
      'PK|text|062|text',
    ]);
    expect(shell(namibiaDb, `SELECT host, initiator_country, cameo_code FROM engagements WHERE id = '${NAMIBIAN_ENGAGEMENT}'`)).toEqual(['NA|NA|062']);
    expect(shell(namibiaDb, "SELECT engagement_id FROM engagement_countries WHERE country = 'NA'")).toEqual([NAMIBIAN_ENGAGEMENT]);
  });
});

describe("Python's sqlite3 module", () => {
  it('finds the database intact, counts the records and finds the founding record by full text', () => {
    const result = JSON.parse(run(PYTHON, ['-c', PYTHON_CHECKS, realDb]));
    expect(result.integrity).toEqual([['ok']]);
    expect(result.foreign_keys).toEqual([]);
    expect(result.counts).toMatchObject({
      engagements: countYaml(path.join(REAL_RECORDS, 'engagements')),
      people: countYaml(path.join(REAL_RECORDS, 'people')),
      organizations: countYaml(path.join(REAL_RECORDS, 'organizations')),
    });
    expect(result.counts.participants).toBeGreaterThan(result.counts.engagements);
    expect(result.search).toEqual([FOUNDING_ID]);
    expect(result.joined).toEqual([[FOUNDING_ID, '2020-08-06', 1, 'integer']]);
    expect(result.metadata).toMatchObject({ license: 'CC-BY-4.0', engagements: String(result.counts.engagements) });
    expect(result.metadata.inputs_digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(result.metadata.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('gives pandas.read_sql the exact NA and 062 (the types live in the database, not in guesses)', () => {
    const script = `
import json, sqlite3, sys
import pandas as pd
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
df = pd.read_sql("SELECT * FROM participants WHERE engagement_id = ? ORDER BY participant_index", db, params=[sys.argv[2]])
print(json.dumps({"country": df["country"].tolist(), "cameo_code": df["cameo_code"].tolist(), "index": [int(v) for v in df["participant_index"]]}))
`;
    expect(JSON.parse(run(PYTHON, ['-c', script, namibiaDb, NAMIBIAN_ENGAGEMENT]))).toEqual({ country: ['NA', 'PK'], cameo_code: ['062', '062'], index: [1, 2] });
  });
});
