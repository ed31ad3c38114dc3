// The default-reader policy of the CSV tables, in one place: which values common readers
// change on their default settings, the warnings the data package carries, and the exact
// reading calls for pandas, R (base and readr), csvkit and DuckDB that csv/README.md gives
// and tests-clients/csv runs against a dataset with a Namibian participant.
//
// Why there is no way round it inside the file: a CSV cell has no type, and quoting does
// not help. pandas, R's read.csv, readr and csvkit read `NA` (quoted or not) as a missing
// value, and pandas, read.csv and csvkit read `062` (quoted or not) as the number 62
// (checked with pandas 1.5, R 4.2, readr 2.1 and csvkit 1.0.7). So the files keep the
// exact values, and the policy is: typed outputs (the data package's Table Schema, the
// SQLite database, JSON-LD, the SDK) give exact values to readers on their defaults; for
// plain CSV readers, the calls below read every column as text with only the empty cell
// missing, then type the integer and boolean columns.
import { ESCAPE_PREFIX } from './escape.js';
import type { Column, Table } from './tables.js';

/**
 * Cell texts that default readers take for a missing value: pandas' `na_values` defaults
 * and R's `na.strings = "NA"`, and csvkit's (agate's) null values, which it compares
 * case-insensitively (`na`, `n/a`, `none`, `null`, `.`). Compared here lower-cased.
 */
export const DEFAULT_MISSING_TEXTS: ReadonlySet<string> = new Set(
  ['#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null', '.'].map((t) => t.toLowerCase()),
);

/** What a default reader does to a column's values, if anything (for the warnings). */
export function defaultReaderRisk(column: Column): 'missing' | 'number' | undefined {
  if (column.type !== 'string') return undefined;
  if (column.enum?.some((value) => DEFAULT_MISSING_TEXTS.has(value.toLowerCase()))) return 'missing';
  // A code made of digits only (CAMEO `062`): read as a number, it loses its leading zero.
  if (column.pattern !== undefined && /^(\[0-9\]|\\d)(\{\d+\}|\+)?$/.test(column.pattern)) return 'number';
  return undefined;
}

/** The warning a data package field carries when a default reader changes its values. */
export function defaultReaderWarning(column: Column): string | undefined {
  const missing = column.enum?.find((value) => DEFAULT_MISSING_TEXTS.has(value.toLowerCase()));
  switch (defaultReaderRisk(column)) {
    case 'missing':
      return `Warning: pandas, R and csvkit read \`${missing}\`${missing === 'NA' ? ' (Namibia)' : ''} as a missing value on their default settings; read this column as text with only the empty cell missing (csv/README.md).`;
    case 'number':
      return 'Warning: pandas, R\'s read.csv and csvkit read this code as a number on their default settings (`062` becomes 62); read this column as text (csv/README.md).';
    default:
      return undefined;
  }
}

/** The warning of the data package's description (and the codebook's CSV conventions). */
export const DEFAULT_READER_CONVENTION =
  'Read every column as text, with only the empty cell as missing, then convert the integer and boolean columns: on their default settings pandas, R (read.csv and readr) and csvkit read the country code `NA` (Namibia) as a missing value, and pandas, read.csv and csvkit read CAMEO codes such as `062` as numbers (62). `csv/README.md` gives the exact reading calls for pandas, R, csvkit and DuckDB; readers that apply this data package\'s Table Schema get the exact values as they are.';

/** The columns of a table of one Table Schema type. */
const columnsOfType = (table: Table, type: Column['type']): string[] => table.columns.filter((c) => c.type === type).map((c) => c.name);

const pythonList = (names: string[]): string => `[${names.map((n) => JSON.stringify(n)).join(', ')}]`;
const rVector = (names: string[]): string => `c(${names.map((n) => JSON.stringify(n)).join(', ')})`;
const sqlText = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** readr's compact column specification: `c` text, `i` integer, `l` logical, `D` date. */
export function readrTypes(table: Table): string {
  const letter: Record<Column['type'], string> = { string: 'c', integer: 'i', boolean: 'l', date: 'D' };
  return table.columns.map((c) => letter[c.type]).join('');
}

/** DuckDB's `columns` argument: every column with its type, in file order. */
export function duckdbColumns(table: Table): string {
  const type: Record<Column['type'], string> = { string: 'VARCHAR', integer: 'BIGINT', boolean: 'BOOLEAN', date: 'DATE' };
  return `{${table.columns.map((c) => `${sqlText(c.name)}: ${sqlText(type[c.type])}`).join(', ')}}`;
}

/** The readers a recipe exists for, in the README's order. */
export type CsvReader = 'pandas' | 'r-base' | 'readr' | 'csvkit' | 'duckdb';

export interface ReaderRecipe {
  reader: CsvReader;
  title: string;
  /** The fence language of the code. */
  language: 'python' | 'r' | 'sh' | 'sql';
  /** The code that reads one table from `path` into `df` (a query, for DuckDB; JSON on stdout, for csvkit). */
  code: (table: Table, path: string) => string;
  /** What the result holds, in a sentence. */
  note: string;
}

/** The exact reading calls, one per reader. tests-clients/csv runs each of them on every table. */
export const READER_RECIPES: readonly ReaderRecipe[] = [
  {
    reader: 'pandas',
    title: 'pandas',
    language: 'python',
    code: (table, path) => {
      const lines = ['import pandas as pd', '', `df = pd.read_csv(${JSON.stringify(path)}, dtype=str, keep_default_na=False, na_values=[""])`];
      const integers = columnsOfType(table, 'integer');
      const booleans = columnsOfType(table, 'boolean');
      if (integers.length) lines.push(`for column in ${pythonList(integers)}:`, '    df[column] = pd.to_numeric(df[column]).astype("Int64")');
      if (booleans.length) lines.push(`for column in ${pythonList(booleans)}:`, '    df[column] = df[column].map({"true": True, "false": False}).astype("boolean")');
      return lines.join('\n');
    },
    note: '`dtype=str` stops type guessing (`062` stays `062`); `keep_default_na=False, na_values=[""]` makes the empty cell the only missing value (`NA` stays `NA`). Integers become `Int64`; booleans are mapped from the text `true`/`false` to `True`/`False`, then `boolean` (`astype("boolean")` alone fails on that text); both have `<NA>` for an empty cell; dates stay `YYYY-MM-DD` text (`pd.to_datetime` if you want them as dates).',
  },
  {
    reader: 'r-base',
    title: 'R (base `read.csv`)',
    language: 'r',
    code: (table, path) => {
      const lines = [`df <- read.csv(${JSON.stringify(path)}, colClasses = "character", na.strings = "", encoding = "UTF-8")`];
      const integers = columnsOfType(table, 'integer');
      const booleans = columnsOfType(table, 'boolean');
      if (integers.length) lines.push(`df[${rVector(integers)}] <- lapply(df[${rVector(integers)}], as.integer)`);
      if (booleans.length) lines.push(`df[${rVector(booleans)}] <- lapply(df[${rVector(booleans)}], function(x) x == "true")`);
      return lines.join('\n');
    },
    note: '`colClasses = "character"` stops type guessing; `na.strings = ""` makes the empty cell the only `NA`; `encoding = "UTF-8"` keeps names and titles intact whatever the locale; integers go through `as.integer`, booleans through `x == "true"` (logical, `NA` for an empty cell; `as.logical` would also take `T`, `yes`... as TRUE).',
  },
  {
    reader: 'readr',
    title: 'R (readr)',
    language: 'r',
    code: (table, path) => [`library(readr)`, '', `df <- read_csv(${JSON.stringify(path)}, col_types = ${JSON.stringify(readrTypes(table))}, na = "", trim_ws = FALSE)`].join('\n'),
    note: '`col_types` gives every column its type (`c` text, `i` integer, `l` logical (reads `true`/`false`), `D` date; the string for each table is below); `na = ""` makes the empty cell the only `NA`; `trim_ws = FALSE` keeps text exactly as written.',
  },
  {
    reader: 'csvkit',
    title: 'csvkit',
    language: 'sh',
    code: (table, path) => {
      const read = `csvjson --no-inference --blanks --snifflimit 0 ${path}`;
      const booleans = columnsOfType(table, 'boolean');
      if (!booleans.length) return read;
      // csvkit has no per-column types: its inference would also turn `062` into 62 and `NA`
      // into null, so the boolean columns are converted after it, with jq.
      const convert = booleans.map((n) => `.${JSON.stringify(n)} |= ({"true": true, "false": false, "": null}[.])`).join(' | ');
      return `${read} | jq 'map(${convert})'`;
    },
    note: '`--no-inference` keeps every value as text; `--blanks` stops csvkit reading `NA`, `N/A`, `none`, `null` and `.` as missing (in any case); `--snifflimit 0` reads the file in the dialect it is written in instead of guessing one. csvkit 1.0 cannot make only the empty cell missing: with these flags an absent value is the empty text `""` (never a value of its own: the schemas forbid empty text). csvkit cannot type one column alone, so `jq` turns the boolean columns\' `true`/`false` into JSON booleans (an empty cell into `null`).',
  },
  {
    reader: 'duckdb',
    title: 'DuckDB',
    language: 'sql',
    code: (table, path) => `SELECT * FROM read_csv(${sqlText(path)}, header = true, auto_detect = false, columns = ${duckdbColumns(table)})`,
    note: '`auto_detect = false` with the `columns` of the table (every column with its type, below) stops type guessing; the empty cell is DuckDB\'s only missing value by default. Dates are `DATE`, integers `BIGINT`, booleans `BOOLEAN`.',
  },
];

/** The example table of the README: engagements has a country code (`host`), a CAMEO code and a boolean (`remote`). */
export const EXAMPLE_TABLE = 'engagements';

/** csv/README.md: the reading policy and the exact calls, generated from the tables. */
export function csvReadme(tables: readonly Table[]): string {
  const example = tables.find((t) => t.name === EXAMPLE_TABLE) ?? tables[0]!;
  const risky = tables.flatMap((t) => t.columns.filter((c) => defaultReaderRisk(c)).map((c) => `\`${t.file}\`: \`${c.name}\` (${defaultReaderRisk(c) === 'missing' ? 'country code: `NA` is Namibia' : 'CAMEO code with a leading zero'})`));
  const out: string[] = [];
  out.push('# Reading the CSV tables with exact values');
  out.push('');
  out.push('<!-- Generated by `engagements build` (packages/export-csv/src/readers.ts); do not edit. -->');
  out.push('');
  out.push(
    'The tables are UTF-8 CSV (RFC 4180, `\\n` line ends) with a header row. An empty cell means the value is absent; nothing else does. `datapackage.json` describes every column (type, constraints, keys).',
  );
  out.push('');
  out.push('## What default settings change');
  out.push('');
  out.push('On their default settings, common readers change some values on the way in:');
  out.push('');
  out.push('- **`NA` becomes a missing value.** `NA` is the country code of Namibia. pandas (`read_csv`), R (`read.csv` and readr\'s `read_csv`) and csvkit treat it as missing, quoted or not.');
  out.push('- **`062` becomes the number 62.** CAMEO codes have three digits. pandas, R\'s `read.csv` and csvkit guess a number, quoted or not.');
  out.push('');
  out.push('The columns where this happens today:');
  out.push('');
  for (const line of risky) out.push(`- ${line}`);
  out.push('');
  out.push('Other text could meet the same fate (a name or alias that reads `None` or `null`), so read every column as text.');
  out.push('');
  out.push('## The policy');
  out.push('');
  out.push('1. The files hold the exact values, never changed to suit a reader: a CSV cell has no type, and no quoting keeps `NA` and `062` intact in every default reader.');
  out.push(
    '2. Where the format can say what a value is, readers on their defaults get it exactly: readers that apply the Table Schema of `datapackage.json` (Frictionless), the SQLite database (`../sqlite/engagements.sqlite`, typed columns), the JSON-LD graph and the `@engagements/sdk` package.',
  );
  out.push('3. For plain CSV readers, use the calls below: every column is read as text with only the empty cell missing, then the integer and boolean columns are converted. Each call is run in our tests (`tests-clients/csv`) on every table of a dataset with a Namibian participant and an exercise (CAMEO `062`), and compared value by value with the records.');
  out.push('');
  out.push(
    `Free-text columns (titles, names, summaries, notes) carry one added \`${ESCAPE_PREFIX}\` when the text starts with a character a spreadsheet would run as a formula; remove one leading \`${ESCAPE_PREFIX}\` from those cells to get the text back (see the descriptions in \`datapackage.json\`).`,
  );
  out.push('');
  out.push(`## The calls, for \`${example.file}\``);
  out.push('');
  for (const recipe of READER_RECIPES) {
    out.push(`### ${recipe.title}`);
    out.push('');
    out.push(`\`\`\`${recipe.language}`);
    out.push(recipe.code(example, example.file));
    out.push('```');
    out.push('');
    out.push(recipe.note);
    out.push('');
  }
  out.push('## Every table');
  out.push('');
  out.push('The integer and boolean columns to convert (pandas, `read.csv`), and readr\'s `col_types`; DuckDB\'s `columns` follow.');
  out.push('');
  out.push('| file | integer columns | boolean columns | readr `col_types` |');
  out.push('|---|---|---|---|');
  for (const table of tables) {
    const list = (names: string[]) => (names.length ? names.map((n) => `\`${n}\``).join(', ') : '');
    out.push(`| \`${table.file}\` | ${list(columnsOfType(table, 'integer'))} | ${list(columnsOfType(table, 'boolean'))} | \`${readrTypes(table)}\` |`);
  }
  out.push('');
  out.push('DuckDB `columns` of each table:');
  out.push('');
  out.push('```sql');
  for (const table of tables) out.push(`-- ${table.file}\n${duckdbColumns(table)}`);
  out.push('```');
  out.push('');
  return out.join('\n');
}
