// The SQLite engine: the SQLite project's own WebAssembly build (@sqlite.org/sqlite-wasm),
// compiled with FTS5. No native code, nothing downloaded or compiled at install. (sql.js
// was the first choice, but its build has FTS3/4 only, not FTS5.)
import sqlite3InitModule, { type Sqlite3Static } from '@sqlite.org/sqlite-wasm';

let loading: Promise<Sqlite3Static> | undefined;

/** The initialised module, loaded once per process (about 30 ms). */
export function loadSqlite(): Promise<Sqlite3Static> {
  loading ??= sqlite3InitModule();
  return loading;
}
