// Shared helpers of the SQLite tests: build the database of a dataset and open it with the
// same WebAssembly SQLite (the real clients, sqlite3 and Python, are in tests-clients/sqlite).
import type { OutputFile, PublishedDataset } from '@engagements/core';
import { loadSqlite, sqliteFiles } from '@engagements/export-sqlite';
import type { Database } from '@sqlite.org/sqlite-wasm';

export { loadPublished, FOUNDING_RECORDS, REAL_RECORDS, ROOT, parseCsv, exportCsv } from '../csv/helpers.js';

/** The bytes of an output file whose content is chunks. */
export function outputBytes(file: OutputFile): Uint8Array {
  const { content } = file;
  if (typeof content === 'string') return new TextEncoder().encode(content);
  if (content instanceof Uint8Array) return content;
  return concatBytes([...content()].map((c) => (typeof c === 'string' ? new TextEncoder().encode(c) : c)));
}

/** The chunks joined into one array of bytes. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** The exporter's files for a dataset, with a fixed version. */
export async function exportSqlite(dataset: PublishedDataset): Promise<{ database: Uint8Array; metadataJson: string }> {
  const files = await sqliteFiles(dataset, { version: '9.9.9' });
  const database = files.find((f) => f.path === 'sqlite/engagements.sqlite');
  const metadata = files.find((f) => f.path === 'sqlite/metadata.json');
  if (!database || !metadata || files.length !== 2) throw new Error(`unexpected files: ${files.map((f) => f.path).join(', ')}`);
  return { database: outputBytes(database), metadataJson: new TextDecoder().decode(outputBytes(metadata)) };
}

let opened = 0;

/** Opens database bytes read-only. */
export async function openDatabase(bytes: Uint8Array): Promise<Database> {
  const sqlite3 = await loadSqlite();
  const name = `/test-${process.pid}-${++opened}.sqlite`;
  sqlite3.capi.sqlite3_js_posix_create_file(name, bytes);
  return new sqlite3.oo1.DB(name, 'r');
}

/** Rows of a query as objects. */
export function rows(db: Database, sql: string, bind: (string | number | null)[] = []): Record<string, unknown>[] {
  return db.selectObjects(sql, bind) as Record<string, unknown>[];
}
