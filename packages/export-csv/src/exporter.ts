// The CSV exporter: dataset -> csv/<table>.csv for every table of tables.ts and
// csv/datapackage.json describing them. Pure: no file system access.
import type { Exporter, OutputFile, PublishedDataset } from '@engagements/core';
import { stringify } from 'csv-stringify/sync';
import { dataPackageJson } from './datapackage.js';
import { tableRows } from './rows.js';
import { tables, type Table } from './tables.js';

/** The folder of the CSV files under the output folder. */
export const CSV_FOLDER = 'csv';

/**
 * csv-stringify options: RFC 4180 quoting (a cell is quoted when it holds a comma, a
 * quote, CR or LF; quotes are doubled), `\n` after every record including the last, no
 * BOM, and csv-stringify's own formula escaping off (escape.ts does it reversibly, and
 * only in free-text columns).
 */
const STRINGIFY_OPTIONS = {
  delimiter: ',',
  quote: '"',
  escape: '"',
  record_delimiter: '\n',
  quote_record_delimiter: true,
  eof: true,
  bom: false,
  escape_formulas: false,
  quoted: false,
  quoted_empty: false,
} as const;

/** One table as CSV text. Every cell is already a string (see rows.ts). */
export function tableCsv(table: Table, dataset: PublishedDataset): string {
  return stringify([...tableRows(table, dataset)], STRINGIFY_OPTIONS);
}

/** Every CSV file and the data package, with paths relative to the output folder. */
export function csvFiles(dataset: PublishedDataset): OutputFile[] {
  const files: OutputFile[] = tables.map((table) => ({ path: `${CSV_FOLDER}/${table.file}`, content: tableCsv(table, dataset) }));
  files.push({ path: `${CSV_FOLDER}/datapackage.json`, content: dataPackageJson(tables) });
  return files;
}

export const csvExporter: Exporter = {
  name: 'csv',
  export: (dataset) => csvFiles(dataset),
};
