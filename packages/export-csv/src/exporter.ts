// The CSV exporter: dataset -> csv/<table>.csv for every table of tables.ts and
// csv/datapackage.json describing them, and csv/README.md (how to read them exactly). Pure: no file system access. Tables are streamed:
// each file's content is a generator of chunks (the header, then batches of rows as
// rows.ts produces them), so no table is ever held whole in memory.
import type { Exporter, OutputFile, PublishedDataset } from '@engagements/core';
import { stringify } from 'csv-stringify/sync';
import { dataPackageJson } from './datapackage.js';
import { csvReadme } from './readers.js';
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
export const STRINGIFY_OPTIONS = {
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

/** Rows stringified per call: enough to amortise csv-stringify's set-up, small enough to stay a small chunk. */
const ROWS_PER_CHUNK = 256;

/**
 * One table as CSV chunks: the header row, then the rows in batches as they are produced.
 * With these options csv-stringify writes every row on its own (each ends with `\n`, no
 * header or BOM of its own), so the chunks joined are byte for byte the table stringified
 * at once. Every cell is already a string (see rows.ts).
 */
export function* tableCsvChunks(table: Table, dataset: PublishedDataset): Generator<string> {
  const rows = tableRows(table, dataset);
  const header = rows.next();
  if (header.done) return;
  yield stringify([header.value], STRINGIFY_OPTIONS);
  let batch: string[][] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === ROWS_PER_CHUNK) {
      yield stringify(batch, STRINGIFY_OPTIONS);
      batch = [];
    }
  }
  if (batch.length > 0) yield stringify(batch, STRINGIFY_OPTIONS);
}

/** One table as CSV text, whole (tests and small tables; the build streams `tableCsvChunks`). */
export function tableCsv(table: Table, dataset: PublishedDataset): string {
  let text = '';
  for (const chunk of tableCsvChunks(table, dataset)) text += chunk;
  return text;
}

/** Every CSV file (streamed) and the data package, with paths relative to the output folder. */
export function csvFiles(dataset: PublishedDataset): OutputFile[] {
  const files: OutputFile[] = tables.map((table) => ({ path: `${CSV_FOLDER}/${table.file}`, content: () => tableCsvChunks(table, dataset) }));
  files.push({ path: `${CSV_FOLDER}/datapackage.json`, content: dataPackageJson(tables) });
  files.push({ path: `${CSV_FOLDER}/README.md`, content: csvReadme(tables) });
  return files;
}

export const csvExporter: Exporter = {
  name: 'csv',
  export: (dataset) => csvFiles(dataset),
};
