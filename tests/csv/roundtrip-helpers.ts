// The exporter's pure functions, for tests that call them directly.
export { csvFiles, readCsvTables } from '../../packages/export-csv/src/index.js';
export { orderKeys as orderKeysForTest } from '../../packages/export-csv/src/schemaInfo.js';
export { FOUNDING_RECORDS, REAL_RECORDS, loadPublished, loadSchemaValid, schemaErrors } from './helpers.js';
