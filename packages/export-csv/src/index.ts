// Dataset -> tidy CSV tables with a Frictionless data package, and back (read.ts).
export { STRINGIFY_OPTIONS, csvExporter, csvFiles, tableCsv, tableCsvChunks, CSV_FOLDER } from './exporter.js';
export { readCsvTables, CsvReadError, type CsvTables, type CsvInput, type CsvContent } from './read.js';
export { dataPackage, dataPackageJson, DIALECT, LICENSE, CONVENTIONS } from './datapackage.js';
export { csvReadme, EXAMPLE_TABLE, defaultReaderRisk, defaultReaderWarning, duckdbColumns, readrTypes, READER_RECIPES, DEFAULT_MISSING_TEXTS, DEFAULT_READER_CONVENTION, type CsvReader, type ReaderRecipe } from './readers.js';
export { escapeFreeText, unescapeFreeText, startsSafely, FORMULA_TRIGGER, ESCAPE_PREFIX } from './escape.js';
export {
  tables,
  tableNamed,
  columnsCarrying,
  tableOfList,
  vocabularyList,
  type Table,
  type Column,
  type ColumnRole,
  type ColumnType,
  type ForeignKey,
  type Vocabulary,
  type RowContext,
  type CellValue,
} from './tables.js';
export { fieldInfo, schemaFields, orderKeys, patternStartsSafely, tableSchemaPattern, ROOT_SCHEMA, type FieldInfo, type SchemaField, type Term, type RecordKind } from './schemaInfo.js';
export { rowContexts, tableRows, columnValue, formatCell, CsvWriteError } from './rows.js';
