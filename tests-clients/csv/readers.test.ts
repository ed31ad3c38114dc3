// The reading calls of csv/README.md, run with the real readers (pandas, R's read.csv,
// readr, csvkit, DuckDB) on every table of a dataset with a Namibian participant (country
// `NA`) and an exercise (CAMEO `062`), and compared value by value with the records.
// The calls come from READER_RECIPES, the same list the README is generated from, and the
// README in the build output is checked to show them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deriveFacts, type PublishedDataset } from '@engagements/core';
import { columnValue, EXAMPLE_TABLE, READER_RECIPES, rowContexts, tables, type Column, type ReaderRecipe, type Table } from '@engagements/export-csv';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWithCli, loadRecords, namibiaRecords, NAMIBIAN_ENGAGEMENT, run } from '../../tests/support/clientBuild.js';

type Value = string | number | boolean | null;
type Read = Record<string, { columns: string[]; rows: Value[][] }>;

const PYTHON = '/usr/bin/python3';

let out: string;
let csvDir: string;
let dataset: PublishedDataset;

beforeAll(async () => {
  const records = namibiaRecords();
  out = buildWithCli(records, 'csv-readers');
  csvDir = path.join(out, 'csv');
  dataset = await loadRecords(records);
});

const recipe = (reader: ReaderRecipe['reader']): ReaderRecipe => READER_RECIPES.find((r) => r.reader === reader)!;
const fileOf = (table: Table): string => path.join(csvDir, table.file);

/** The values of the records, table by table, as the table definitions lay them out (absent = null). */
function expected(table: Table): Value[][] {
  return [...rowContexts(table, dataset)].map((row) => table.columns.map((c) => (columnValue(c, row) ?? null) as Value));
}

/** The records' values as csvkit's call gives them: text (absent = ''), except booleans, which jq converts (absent = null). */
const asText = (column: Column, value: Value): Value => (column.type === 'boolean' ? value : value === null ? '' : String(value));

function compare(read: Read, reader: string, textOnly = false): void {
  for (const table of tables) {
    const got = read[table.name];
    expect(got, `${reader} read ${table.file}`).toBeDefined();
    expect(got!.columns, `${reader} ${table.file} header`).toEqual(table.columns.map((c) => c.name));
    const want = expected(table);
    expect(got!.rows.length, `${reader} ${table.file} rows`).toBe(want.length);
    want.forEach((row, r) =>
      row.forEach((value, c) => {
        const column = table.columns[c]!;
        expect(got!.rows[r]![c], `${reader} ${table.file} row ${r + 1} ${column.name}`).toEqual(textOnly ? asText(column, value) : value);
      }),
    );
  }
}

/** The row of the Namibian engagement and of its Namibian participant, by column name. */
function namibianCells(read: Read): { engagement: Record<string, Value>; participant: Record<string, Value> } {
  const byName = (name: string, row: Value[]) => Object.fromEntries(read[name]!.columns.map((c, i) => [c, row[i]!]));
  const engagement = read.engagements!.rows.map((row) => byName('engagements', row)).find((r) => r.id === NAMIBIAN_ENGAGEMENT)!;
  const participant = read.participants!.rows.map((row) => byName('participants', row)).find((r) => r.engagement_id === NAMIBIAN_ENGAGEMENT && r.participant_index === 1)!;
  return { engagement, participant };
}

/**
 * engagements.csv's boolean column `remote`, value by value: the reader must give the
 * records' JSON booleans (true and false both occur), never the text `true`/`false`.
 */
function expectRemote(read: Read, reader: string): void {
  const table = read.engagements!;
  const at = table.columns.indexOf('remote');
  const id = table.columns.indexOf('id');
  const got = new Map(table.rows.map((row) => [row[id], row[at]]));
  expect(got.size, `${reader} engagements`).toBe(dataset.engagements.length);
  for (const e of dataset.engagements) expect(got.get(e.id), `${reader} ${e.id} remote`).toBe(deriveFacts(e).remote);
  expect(new Set(got.values()), `${reader} remote holds both values`).toEqual(new Set([true, false]));
}

const PANDAS_EMIT = `
import json, math, sys
import pandas as pd
def plain(v):
    if v is None or v is pd.NA:
        return None
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v
out = {}
def emit(name, df):
    out[name] = {"columns": list(df.columns), "rows": [[plain(v) for v in row] for row in df.astype(object).itertuples(index=False)]}
`;

function readWithPandas(code: (table: Table) => string): Read {
  const script = [PANDAS_EMIT, ...tables.map((t) => `${code(t)}\nemit(${JSON.stringify(t.name)}, df)`), 'json.dump(out, sys.stdout)'].join('\n');
  return JSON.parse(run(PYTHON, ['-c', script]));
}

// R has no JSON writer without extra packages: each value goes out as a tagged token (N
// missing, T/F logical, I integer, S + UTF-8 hex for text and dates).
const R_EMIT = `
hex <- function(s) paste(as.character(charToRaw(enc2utf8(s))), collapse = "")
emit <- function(name, df) {
  cat("TABLE", name, "\\n")
  cat("COLUMNS", vapply(names(df), function(n) paste0("S", hex(n)), ""), "\\n")
  for (i in seq_len(nrow(df))) {
    cells <- vapply(seq_along(df), function(j) {
      v <- df[[j]][i]
      if (is.na(v)) "N" else if (is.logical(v)) (if (v) "T" else "F") else if (is.integer(v)) paste0("I", v) else if (inherits(v, "Date")) paste0("S", hex(format(v))) else paste0("S", hex(v))
    }, "")
    cat("ROW", cells, "\\n")
  }
}
`;

function decodeR(text: string): Read {
  const read: Read = {};
  let current: { columns: string[]; rows: Value[][] } | undefined;
  const token = (t: string): Value => {
    if (t === 'N') return null;
    if (t === 'T') return true;
    if (t === 'F') return false;
    if (t.startsWith('I')) return Number(t.slice(1));
    if (t.startsWith('S')) return Buffer.from(t.slice(1), 'hex').toString('utf8');
    throw new Error(`unknown token ${t}`);
  };
  for (const line of text.split('\n')) {
    const [kind, ...rest] = line.split(' ').filter((t) => t !== '');
    if (kind === 'TABLE') read[rest[0]!] = current = { columns: [], rows: [] };
    else if (kind === 'COLUMNS') current!.columns = rest.map((t) => token(t) as string);
    else if (kind === 'ROW') current!.rows.push(rest.map(token));
  }
  return read;
}

function readWithR(code: (table: Table) => string): Read {
  const script = [R_EMIT, ...tables.map((t) => `${code(t)}\nemit(${JSON.stringify(t.name)}, df)`)].join('\n');
  return decodeR(run('Rscript', ['--vanilla', '-e', script]));
}

function readWithCsvkit(command: (table: Table) => string): Read {
  const read: Read = {};
  for (const table of tables) {
    // The README's call is a shell command line (csvjson, piped into jq for boolean columns).
    const objects = JSON.parse(run('sh', ['-c', command(table)])) as Record<string, Value>[];
    const columns = objects.length ? Object.keys(objects[0]!) : table.columns.map((c) => c.name);
    read[table.name] = { columns, rows: objects.map((o) => columns.map((c) => o[c]!)) };
  }
  return read;
}

describe('the data behind the test', () => {
  it('has a Namibian participant and a CAMEO code with a leading zero, and default readers lose both', () => {
    const participants = readFileSync(path.join(csvDir, 'participants.csv'), 'utf8');
    expect(participants).toContain(`${NAMIBIAN_ENGAGEMENT},1,,synthetic-namibian-defence-force,NA,host,,,062`);
    expect(readFileSync(path.join(csvDir, 'engagements.csv'), 'utf8')).toMatch(new RegExp(`^${NAMIBIAN_ENGAGEMENT},.*,062,Cooperate militarily$`, 'm'));
    const pandas = readWithPandas((t) => `df = pd.read_csv(${JSON.stringify(fileOf(t))})`);
    expect(namibianCells(pandas).participant.country).toBeNull();
    expect(namibianCells(pandas).engagement.cameo_code).toBe(62);
    const base = readWithR((t) => `df <- read.csv(${JSON.stringify(fileOf(t))})`);
    expect(namibianCells(base).participant.country).toBeNull();
    expect(namibianCells(base).engagement.cameo_code).toBe(62);
    const csvkit = JSON.parse(run('csvjson', [path.join(csvDir, 'participants.csv')])) as Record<string, Value>[];
    expect(csvkit.find((r) => r.engagement_id === NAMIBIAN_ENGAGEMENT && r.participant_index === 1)?.country).toBeNull();
  });
});

describe('the README calls give exactly the records', () => {
  it('are the calls the built csv/README.md shows', () => {
    const readme = readFileSync(path.join(csvDir, 'README.md'), 'utf8');
    const example = tables.find((t) => t.name === EXAMPLE_TABLE)!;
    expect(example.columns.some((c) => c.type === 'boolean')).toBe(true);
    for (const r of READER_RECIPES) expect(readme, r.reader).toContain(r.code(example, example.file));
  });

  it('pandas', () => {
    const read = readWithPandas((t) => recipe('pandas').code(t, fileOf(t)));
    compare(read, 'pandas');
    expectRemote(read, 'pandas');
    expect(namibianCells(read).participant.country).toBe('NA');
    expect(namibianCells(read).engagement).toMatchObject({ host: 'NA', initiator_country: 'NA', cameo_code: '062' });
  });

  it('R read.csv', () => {
    const read = readWithR((t) => recipe('r-base').code(t, fileOf(t)));
    compare(read, 'R read.csv');
    expectRemote(read, 'R read.csv');
    expect(namibianCells(read).participant.country).toBe('NA');
    expect(namibianCells(read).engagement).toMatchObject({ host: 'NA', cameo_code: '062' });
  });

  it('R readr', () => {
    const read = readWithR((t) => recipe('readr').code(t, fileOf(t)));
    compare(read, 'readr');
    expectRemote(read, 'readr');
    expect(namibianCells(read).participant.country).toBe('NA');
    expect(namibianCells(read).engagement).toMatchObject({ host: 'NA', cameo_code: '062' });
  });

  it('csvkit (text, absent as ""; booleans converted with jq)', () => {
    const read = readWithCsvkit((t) => recipe('csvkit').code(t, fileOf(t)));
    compare(read, 'csvkit', true);
    expectRemote(read, 'csvkit');
    expect(namibianCells(read).engagement).toMatchObject({ host: 'NA', cameo_code: '062' });
  });

  it('DuckDB', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const read: Read = {};
    try {
      for (const table of tables) {
        const result = await connection.runAndReadAll(recipe('duckdb').code(table, fileOf(table)));
        const rows = result.getRowsJson() as Value[][];
        // BIGINT comes out of the JSON conversion as text; DATE as `YYYY-MM-DD`.
        read[table.name] = {
          columns: result.columnNames(),
          rows: rows.map((row) => row.map((v, i) => (v !== null && table.columns[i]?.type === 'integer' ? Number(v) : v))),
        };
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    compare(read, 'DuckDB');
    expectRemote(read, 'DuckDB');
    expect(namibianCells(read).participant.country).toBe('NA');
    expect(namibianCells(read).engagement).toMatchObject({ host: 'NA', cameo_code: '062' });
  });
});
