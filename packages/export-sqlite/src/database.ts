// Builds the database in memory and gives its bytes as chunks. The same dataset gives the
// same bytes, whatever the time zone or locale: SQLite writes no timestamp into a database
// file, rows go in by a fixed order (CSV order: records by id, items in record order), the
// page size is set, and nothing leaves free pages behind (indexes are built after the
// rows, the full-text index is written as one segment), so no page order depends on the
// history of the work. Should free pages appear all the same, a VACUUM rewrites the file.
import { columnValue, rowContexts, tables, type CellValue, type Column, type Table } from '@engagements/export-csv';
import type { PublishedDataset, WriteContext } from '@engagements/core';
import type { Database, Sqlite3Static } from '@sqlite.org/sqlite-wasm';
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FILE_VFS, installFileVfs } from './fileVfs.js';
import { CREATE_FTS, CREATE_METADATA, createIndex, createTable, FILL_FTS, FTS_TABLE, INDEXES, METADATA_TABLE, quoteName } from './schema.js';

/** The page size of the file: SQLite's usual default (the WebAssembly build's own is 8192). */
export const PAGE_SIZE = 4096;

/** Pages per chunk handed to the writer (1 MiB). */
const PAGES_PER_CHUNK = 256;

/** Rows per INSERT: each batch goes in as one JSON array (see insertRows). */
const ROWS_PER_BATCH = 512;

/**
 * The full-text index's in-memory buffer while it is filled (FTS5 `hashsize`, default 1 MiB):
 * large enough that a dataset's index is written in one or a few segments instead of
 * many merged ones, which leave free pages; set back to the default afterwards.
 */
const FTS_HASHSIZE = 256 << 20;
const FTS_DEFAULT_HASHSIZE = 1 << 20;

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

/**
 * Inserts a table's rows in CSV order. Rows go in as batches of JSON arrays unpacked by
 * SQLite (`json_each`, `->>`): binding each value from JavaScript into WebAssembly costs
 * about three times as much. `->>` gives JSON text as TEXT, integers as INTEGER and null
 * as NULL, so every value keeps its type (`"062"` stays text).
 */
function* insertRows(db: Database, table: Table, dataset: PublishedDataset): Generator<void, void> {
  // Engagements get explicit rowids 1..n in id order: the full-text table's rowids are
  // the same numbers, which is how Datasette joins a search to its table.
  const withRowid = table.name === 'engagements';
  const names = [...(withRowid ? ['rowid'] : []), ...table.columns.map((c) => quoteName(c.name))];
  const sql = `INSERT INTO ${quoteName(table.name)} (${names.join(', ')}) SELECT ${names.map((_, i) => `value ->> ${i}`).join(', ')} FROM json_each(?) ORDER BY key`;
  const statement = db.prepare(sql);
  try {
    let rowid = 0;
    let batch: (string | number | null)[][] = [];
    const flush = (): void => {
      if (batch.length === 0) return;
      statement.bind([JSON.stringify(batch)]).stepReset();
      batch = [];
    };
    for (const row of rowContexts(table, dataset)) {
      const values = table.columns.map((column) => sqlValue(column, columnValue(column, row)));
      if (withRowid) values.unshift(++rowid);
      batch.push(values);
      if (batch.length === ROWS_PER_BATCH) {
        flush();
        yield;
      }
    }
    flush();
  } finally {
    statement.finalize();
  }
}

/** The foreign keys that do not resolve, as `table row N -> parent` (at most ten). */
function foreignKeyViolations(db: Database): string[] {
  const rows = db.selectArrays('PRAGMA foreign_key_check') as unknown[][];
  return rows.slice(0, 10).map(([table, rowid, parent]) => `${String(table)} row ${String(rowid)} -> ${String(parent)}`);
}

export interface DatabaseFacts {
  /** Rows of the metadata table, in order. */
  metadata: readonly (readonly [string, string])[];
}

/**
 * SQLite's page cache while a database is built in a file (KiB): pages beyond it are read
 * back from the file (the operating system's cache) when needed again.
 */
const FILE_CACHE_KIB = 32 * 1024;

/**
 * Builds the whole database in a new connection; the caller closes it. In memory, or in
 * `file` (a new file; see fileVfs.ts): then no rollback journal (a failed build leaves a
 * file the caller deletes) and temporary files on disk, so that the WebAssembly heap holds
 * only SQLite's page cache and sorter buffers.
 */
export function buildDatabase(sqlite3: Sqlite3Static, dataset: PublishedDataset, facts: DatabaseFacts, file?: string): Database {
  const steps = databaseSteps(sqlite3, dataset, facts, file);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * buildDatabase as a generator that yields between its steps (each batch of rows, each
 * statement of the full-text index, the indexes and the statistics) and returns the open
 * database: a caller may turn the event loop at each yield, or stop there (`return()`
 * closes the database).
 */
function* databaseSteps(sqlite3: Sqlite3Static, dataset: PublishedDataset, facts: DatabaseFacts, file?: string): Generator<void, Database> {
  if (file) installFileVfs(sqlite3);
  const db = file ? new sqlite3.oo1.DB({ filename: file, flags: 'c', vfs: FILE_VFS }) : new sqlite3.oo1.DB(':memory:', 'c');
  let built = false;
  try {
    db.exec([`PRAGMA page_size = ${PAGE_SIZE};`, "PRAGMA encoding = 'UTF-8';", 'PRAGMA foreign_keys = OFF;']);
    db.exec(file ? ['PRAGMA journal_mode = OFF;', 'PRAGMA synchronous = OFF;', 'PRAGMA temp_store = FILE;', `PRAGMA cache_size = -${FILE_CACHE_KIB};`] : 'PRAGMA temp_store = MEMORY;');
    db.exec('BEGIN');
    for (const table of tables) db.exec(createTable(table));
    db.exec(CREATE_FTS);
    db.exec(CREATE_METADATA);
    for (const table of tables) yield* insertRows(db, table, dataset);
    const meta = db.prepare(`INSERT INTO ${quoteName(METADATA_TABLE)} ("key", "value") VALUES (?, ?)`);
    try {
      for (const [key, value] of facts.metadata) meta.bind([key, value]).stepReset();
    } finally {
      meta.finalize();
    }
    db.exec(`INSERT INTO ${quoteName(FTS_TABLE)} (${quoteName(FTS_TABLE)}, rank) VALUES ('hashsize', ${FTS_HASHSIZE})`);
    yield;
    db.exec(FILL_FTS);
    yield;
    db.exec(`INSERT INTO ${quoteName(FTS_TABLE)} (${quoteName(FTS_TABLE)}, rank) VALUES ('hashsize', ${FTS_DEFAULT_HASHSIZE})`);
    db.exec('COMMIT');
    // Indexes after the rows: each is built in one sorted pass, packed.
    for (const index of INDEXES) {
      yield;
      db.exec(createIndex(index));
    }
    yield;
    // Statistics for the query planner (sqlite_stat1), computed from the data alone.
    db.exec('ANALYZE');
    const violations = foreignKeyViolations(db);
    if (violations.length > 0) throw new SqliteBuildError(`foreign keys that do not resolve: ${violations.join('; ')}`);
    if (Number(db.selectValue('PRAGMA freelist_count')) > 0) db.exec('VACUUM');
    built = true;
    return db;
  } finally {
    if (!built) db.close(); // failed, or stopped at a yield
  }
}

/**
 * Header fields (offset, length) that SQLite updates at each commit of a database in a
 * file but never in memory (https://sqlite.org/fileformat2.html#the_database_header): the
 * file change counter (24), the version-valid-for number (92) and the SQLite version that
 * last wrote the file (96). The published file has them as zero, the same bytes the
 * in-memory build gave, and they do not depend on how many transactions the build took
 * nor on the SQLite release.
 */
const COMMIT_FIELDS: readonly (readonly [number, number])[] = [
  [24, 4],
  [92, 8],
];

/** What databaseChunks yields between two steps of the build when asked to pause (never otherwise). */
const PAUSE = new Uint8Array(0);

/**
 * The database file's bytes, in chunks of 1 MiB: tables, indexes, full-text index and
 * metadata, checked for foreign-key violations (a violation is a `SqliteBuildError`). The
 * database is built in a file of a new temporary folder (through fileVfs.ts: the
 * WebAssembly heap holds only SQLite's caches, about 40 MiB, not the database), read back
 * chunk by chunk once it is closed, and the folder removed, whether the build succeeded or not.
 * The folder is made in `context.tempDir` (the build's temporary folder, beside its staging
 * folder and removed with it, even after a SIGKILL) or else the system's; with
 * `context.pauses`, an empty chunk is yielded between the build's steps (databaseSteps), where
 * the writer turns the event loop (a SIGINT or SIGTERM is then handled within a step).
 */
export function* databaseChunks(sqlite3: Sqlite3Static, dataset: PublishedDataset, facts: DatabaseFacts, context?: WriteContext): Generator<Uint8Array> {
  const folder = mkdtempSync(path.join(context?.tempDir ?? tmpdir(), 'engagements-sqlite-'));
  try {
    const file = path.join(folder, 'engagements.sqlite');
    const steps = databaseSteps(sqlite3, dataset, facts, file);
    try {
      for (;;) {
        const step = steps.next();
        if (step.done) {
          step.value.close();
          break;
        }
        if (context?.pauses) yield PAUSE;
      }
    } finally {
      steps.return(undefined as never); // stopped early: closes the database
    }
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size % PAGE_SIZE !== 0) throw new SqliteBuildError(`the database file has ${size} bytes, not a whole number of ${PAGE_SIZE}-byte pages`);
      for (let offset = 0; offset < size; offset += PAGES_PER_CHUNK * PAGE_SIZE) {
        const chunk = new Uint8Array(Math.min(PAGES_PER_CHUNK * PAGE_SIZE, size - offset));
        let got = 0;
        while (got < chunk.length) {
          const n = readSync(fd, chunk, got, chunk.length - got, offset + got);
          if (n === 0) throw new SqliteBuildError(`read ${offset + got} bytes of the database file, expected ${size}`);
          got += n;
        }
        if (offset === 0) for (const [at, length] of COMMIT_FIELDS) chunk.fill(0, at, at + length);
        yield chunk;
      }
    } finally {
      closeSync(fd);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
