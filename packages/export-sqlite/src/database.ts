// Builds the database in memory and gives its bytes as chunks. The same dataset gives the
// same bytes, whatever the time zone or locale: SQLite writes no timestamp into a database
// file, rows go in by a fixed order (CSV order: records by id, items in record order), the
// page size is set, and the file is written by `VACUUM INTO`, which lays every table and
// index out afresh in schema order (no free pages, no trace of the order of the work).
import { columnValue, rowContexts, tables, type CellValue, type Column, type Table } from '@engagements/export-csv';
import type { PublishedDataset } from '@engagements/core';
import type { Database, Sqlite3Static } from '@sqlite.org/sqlite-wasm';
import { CREATE_FTS, CREATE_METADATA, createIndex, createTable, FILL_FTS, INDEXES, METADATA_TABLE, quoteName } from './schema.js';

/** The page size of the file: SQLite's usual default (the WebAssembly build's own is 8192). */
export const PAGE_SIZE = 4096;

/** Pages per chunk handed to the writer (1 MiB). */
const PAGES_PER_CHUNK = 256;

/** Thrown when the data breaks a key of the database; the build fails and writes nothing. */
export class SqliteBuildError extends Error {
  override name = 'SqliteBuildError';
}

/** A value as SQLite stores it: absent as NULL, booleans as 0/1, everything else as is. */
function sqlValue(column: Column, value: CellValue): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (column.type === 'integer' && typeof value !== 'number') throw new SqliteBuildError(`column ${column.name}: ${JSON.stringify(value)} is not an integer`);
  return value;
}

function insertRows(db: Database, table: Table, dataset: PublishedDataset): void {
  const withRowid = table.name === 'engagements';
  const names = table.columns.map((c) => quoteName(c.name));
  // Engagements get explicit rowids 1..n in id order: the full-text table's rowids are
  // the same numbers, which is how Datasette joins a search to its table.
  const sql = `INSERT INTO ${quoteName(table.name)} (${withRowid ? 'rowid, ' : ''}${names.join(', ')}) VALUES (${[...(withRowid ? ['?'] : []), ...names.map(() => '?')].join(', ')})`;
  const statement = db.prepare(sql);
  try {
    let rowid = 0;
    for (const row of rowContexts(table, dataset)) {
      const values = table.columns.map((column) => sqlValue(column, columnValue(column, row)));
      if (withRowid) values.unshift(++rowid);
      statement.bind(values).stepReset();
    }
  } finally {
    statement.finalize();
  }
}

/** The foreign keys that do not resolve, as `table rowid -> parent` lines (at most ten). */
function foreignKeyViolations(db: Database): string[] {
  const rows = db.selectArrays('PRAGMA foreign_key_check') as unknown[][];
  return rows.slice(0, 10).map(([table, rowid, parent]) => `${String(table)} row ${String(rowid)} -> ${String(parent)}`);
}

let fileCounter = 0;

export interface DatabaseFacts {
  /** Rows of the metadata table, in order. */
  metadata: readonly (readonly [string, string])[];
}

/**
 * The database file's bytes, in chunks of 1 MiB: tables, indexes, full-text index and
 * metadata, checked for foreign-key violations (a violation is a `SqliteBuildError`).
 * Peak memory is about twice the file: the database being built (WebAssembly heap) and
 * its compacted copy (the module's in-memory file system), which is streamed out page by
 * page and deleted.
 */
export function* databaseChunks(sqlite3: Sqlite3Static, dataset: PublishedDataset, facts: DatabaseFacts): Generator<Uint8Array> {
  const file = `/engagements-build-${process.pid}-${++fileCounter}.sqlite`;
  const db = new sqlite3.oo1.DB(':memory:', 'c');
  try {
    db.exec([
      `PRAGMA page_size = ${PAGE_SIZE};`,
      'PRAGMA encoding = \'UTF-8\';',
      'PRAGMA journal_mode = OFF;',
      'PRAGMA synchronous = OFF;',
      'PRAGMA foreign_keys = OFF;',
      'PRAGMA temp_store = MEMORY;',
    ]);
    db.exec('BEGIN');
    for (const table of tables) db.exec(createTable(table));
    db.exec(CREATE_FTS);
    db.exec(CREATE_METADATA);
    for (const table of tables) insertRows(db, table, dataset);
    const meta = db.prepare(`INSERT INTO ${quoteName(METADATA_TABLE)} ("key", "value") VALUES (?, ?)`);
    try {
      for (const [key, value] of facts.metadata) meta.bind([key, value]).stepReset();
    } finally {
      meta.finalize();
    }
    db.exec(FILL_FTS);
    db.exec('COMMIT');
    for (const index of INDEXES) db.exec(createIndex(index));
    // Merge the full-text index into one segment, then give the query planner statistics.
    db.exec(`INSERT INTO engagements_fts (engagements_fts) VALUES ('optimize')`);
    db.exec('ANALYZE');
    const violations = foreignKeyViolations(db);
    if (violations.length > 0) throw new SqliteBuildError(`foreign keys that do not resolve: ${violations.join('; ')}`);
    db.exec(`VACUUM INTO '${file}'`);
  } catch (error) {
    unlink(sqlite3, file);
    throw error;
  } finally {
    db.close();
  }
  yield* fileChunks(sqlite3, file);
}

/** The file's bytes, read page by page through SQLite's `sqlite_dbpage`, then the file is deleted. */
function* fileChunks(sqlite3: Sqlite3Static, file: string): Generator<Uint8Array> {
  const reader = new sqlite3.oo1.DB(file, 'r');
  try {
    const pages = Number(reader.selectValue('PRAGMA page_count'));
    const statement = reader.prepare('SELECT data FROM sqlite_dbpage WHERE pgno BETWEEN ? AND ? ORDER BY pgno');
    try {
      for (let first = 1; first <= pages; first += PAGES_PER_CHUNK) {
        const chunk = new Uint8Array(Math.min(PAGES_PER_CHUNK, pages - first + 1) * PAGE_SIZE);
        let offset = 0;
        statement.bind([first, first + PAGES_PER_CHUNK - 1]);
        while (statement.step()) {
          const page = statement.get(0) as Uint8Array;
          chunk.set(page, offset);
          offset += page.length;
        }
        statement.reset();
        if (offset !== chunk.length) throw new SqliteBuildError(`read ${offset} bytes of pages ${first}..${first + PAGES_PER_CHUNK - 1}, expected ${chunk.length}`);
        yield chunk;
      }
    } finally {
      statement.finalize();
    }
  } finally {
    reader.close();
    unlink(sqlite3, file);
  }
}

/** Deletes a file of the module's in-memory file system (no error when it does not exist). */
function unlink(sqlite3: Sqlite3Static, file: string): void {
  const name = sqlite3.wasm.allocCString(file, false);
  try {
    (sqlite3.wasm.exports as unknown as { sqlite3__wasm_vfs_unlink: (vfs: number, name: unknown) => number }).sqlite3__wasm_vfs_unlink(0, name);
  } finally {
    sqlite3.wasm.dealloc(name);
  }
}
