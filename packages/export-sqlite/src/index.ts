// Dataset -> one SQLite database of the CSV tables, with Datasette metadata.
export { sqliteExporter, sqliteFiles, SQLITE_FOLDER, type SqliteExportOptions } from './exporter.js';
export { buildDatabase, databaseChunks, SqliteBuildError, PAGE_SIZE, type DatabaseFacts } from './database.js';
export { DATABASE_FILE, DATABASE_NAME, SQLITE_CONVENTIONS, datasetteMetadata, datasetteMetadataJson, inputsDigest, metadataRows } from './metadata.js';
export { createTable, createIndex, indexesOf, sqlType, INDEXES, FTS_TABLE, FTS_COLUMNS, METADATA_TABLE, type IndexDef } from './schema.js';
export { loadSqlite } from './wasm.js';
