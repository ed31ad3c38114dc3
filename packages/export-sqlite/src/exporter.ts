// The SQLite exporter: dataset -> sqlite/engagements.sqlite and sqlite/metadata.json
// (Datasette). Pure as the exporter contract asks: nothing is written here; the database
// file is produced (built, then streamed) when the build writes it into its staging folder.
import type { Exporter, OutputFile, PublishedDataset, WriteContext } from '@engagements/core';
import { planSdkRelease, readSdkInputs } from '@engagements/export-sdk';
import { databaseChunks } from './database.js';
import { DATABASE_FILE, datasetteMetadataJson, inputsDigest, metadataRows } from './metadata.js';
import sqlite3InitModule, { type Sqlite3Static } from '@sqlite.org/sqlite-wasm';
import { loadSqlite } from './wasm.js';

/** The folder of the database under the output folder. */
export const SQLITE_FOLDER = 'sqlite';

export interface SqliteExportOptions {
  /** The version of the data (default: the version the release policy gives this dataset, as the SDK is built with). */
  version?: string;
}

/** The database and its Datasette metadata, with paths relative to the output folder. */
export async function sqliteFiles(dataset: PublishedDataset, options: SqliteExportOptions = {}): Promise<OutputFile[]> {
  // The database is built by a SQLite module of its own, let go once the file is written:
  // a WebAssembly memory never shrinks, and SQLite's caches and full-text buffer grew it
  // to about 100 MiB at 100k engagements, kept for the rest of the build by a shared module.
  // Reading the content again (tests) uses the process's shared module: the same bytes.
  let own: Sqlite3Static | undefined = await sqlite3InitModule();
  const shared = await loadSqlite();
  const version = options.version ?? planSdkRelease(dataset, readSdkInputs()).version;
  return [
    {
      path: `${SQLITE_FOLDER}/${DATABASE_FILE}`,
      content: function* (context?: WriteContext) {
        const sqlite3 = own ?? shared;
        own = undefined;
        yield* databaseChunks(sqlite3, dataset, { metadata: metadataRows(dataset, version, inputsDigest(dataset)) }, context);
      },
    },
    { path: `${SQLITE_FOLDER}/metadata.json`, content: datasetteMetadataJson(version) },
  ];
}

export const sqliteExporter: Exporter = {
  name: 'sqlite',
  export: (dataset) => sqliteFiles(dataset),
};
