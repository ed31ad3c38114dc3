// The database schema, derived from the CSV tables of @engagements/export-csv (tables.ts),
// so the two outputs cannot drift: the same tables, columns, primary and foreign keys.
// What SQLite adds: declared column types, NOT NULL, indexes, a full-text index and a
// metadata table.
import { fieldInfo, tables, type Column, type Table } from '@engagements/export-csv';

/** An SQL identifier, always quoted (column names such as `end` and `by` are keywords). */
export function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** An SQL string literal. */
export function quoteText(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The declared type of a column: dates as ISO 8601 text (`YYYY-MM-DD`, which sorts and
 * compares as dates), codes and ids as TEXT (so `062` and `NA` stay exactly as written),
 * counts and positions as INTEGER, booleans as INTEGER 0/1 (SQLite has no boolean type).
 */
export function sqlType(column: Column): 'TEXT' | 'INTEGER' {
  return column.type === 'integer' || column.type === 'boolean' ? 'INTEGER' : 'TEXT';
}

function columnDefinition(column: Column): string {
  let sql = `${quoteName(column.name)} ${sqlType(column)}`;
  if (column.required) sql += ' NOT NULL';
  if (column.type === 'boolean') sql += ` CHECK (${quoteName(column.name)} IN (0, 1))`;
  if (column.type === 'date') sql += ` CHECK (${quoteName(column.name)} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`;
  return sql;
}

/** `CREATE TABLE` of one CSV table: its columns in CSV order, primary key, foreign keys. */
export function createTable(table: Table): string {
  const lines = table.columns.map(columnDefinition);
  lines.push(`PRIMARY KEY (${table.primaryKey.map(quoteName).join(', ')})`);
  for (const fk of table.foreignKeys) {
    lines.push(`FOREIGN KEY (${fk.fields.map(quoteName).join(', ')}) REFERENCES ${quoteName(fk.resource)} (${fk.referenceFields.map(quoteName).join(', ')})`);
  }
  return `CREATE TABLE ${quoteName(table.name)} (\n  ${lines.join(',\n  ')}\n)`;
}

/** One index: its name and the columns it covers. */
export interface IndexDef {
  name: string;
  table: string;
  columns: string[];
  /** Why the index exists: `foreign key`, `date`, `country` or `vocabulary`. */
  reason: 'foreign key' | 'date' | 'country' | 'vocabulary';
}

const COUNTRY_CODES = (fieldInfo('engagement', 'participants[].country').enum ?? []).join(' ');

/** A column of ISO 3166-1 country codes (the schemas' `CountryCode`, or a column derived from one). */
function isCountryColumn(column: Column): boolean {
  return column.enum !== undefined && column.enum.join(' ') === COUNTRY_CODES;
}

/**
 * The indexes of a table, by one rule:
 * - every foreign key (a join or a lookup of "the rows of this person / organization /
 *   source"), unless its columns lead the primary key, whose own index already serves it;
 * - every column people filter by: dates, country codes and terms of a controlled
 *   vocabulary (engagement type, medium, topic, participant role, kinds, ...), unless it
 *   leads the primary key.
 */
export function indexesOf(table: Table): IndexDef[] {
  const out: IndexDef[] = [];
  const seen = new Set<string>();
  const leadsPrimaryKey = (columns: string[]): boolean => columns.every((c, i) => table.primaryKey[i] === c);
  const add = (columns: string[], reason: IndexDef['reason']): void => {
    const key = columns.join(',');
    if (seen.has(key) || leadsPrimaryKey(columns)) return;
    seen.add(key);
    out.push({ name: `${table.name}_by_${columns.join('_')}`, table: table.name, columns, reason });
  };
  for (const fk of table.foreignKeys) add(fk.fields, 'foreign key');
  for (const column of table.columns) {
    if (column.type === 'date') add([column.name], 'date');
    else if (isCountryColumn(column)) add([column.name], 'country');
    else if (column.vocabulary !== undefined) add([column.name], 'vocabulary');
  }
  return out;
}

export function createIndex(index: IndexDef): string {
  return `CREATE INDEX ${quoteName(index.name)} ON ${quoteName(index.table)} (${index.columns.map(quoteName).join(', ')})`;
}

/** Every index of the database, table by table in CSV order. */
export const INDEXES: readonly IndexDef[] = tables.flatMap(indexesOf);

/** The full-text table: one row per engagement, its rowid equal to the engagement's rowid. */
export const FTS_TABLE = 'engagements_fts';

/** The columns of the full-text table besides the engagement id: what a search looks in. */
export const FTS_COLUMNS = [
  { name: 'title', description: 'The engagement\'s title (`engagements.title`).' },
  { name: 'notes', description: 'The engagement\'s notes (`engagements.notes`).' },
  { name: 'outcome_summaries', description: 'The summaries of the engagement\'s outcomes (`outcomes.summary`), one per line, in the order of the record.' },
  {
    name: 'participants',
    description:
      'Who took part, by every name the dataset knows: for each participant in the order of the record, the person\'s name and aliases (`people.name`, `person_aliases.alias`), the organization\'s name and aliases (`organizations.name`, `organization_aliases.alias`), and the name and title as the sources reported them (`participants.name_as_reported`, `participants.title_as_reported`), one per line.',
  },
] as const;

/**
 * FTS5 with the unicode61 tokenizer, diacritics removed (`Bajwa` finds `Bājwa`). The
 * engagement id is stored but not indexed, for joins; the rowid is the engagement's rowid,
 * which is what Datasette's search joins on.
 */
export const CREATE_FTS = `CREATE VIRTUAL TABLE ${quoteName(FTS_TABLE)} USING fts5(engagement_id UNINDEXED, ${FTS_COLUMNS.map((c) => c.name).join(', ')}, tokenize = 'unicode61 remove_diacritics 2')`;

/**
 * The names of one participant row `p`, one per line: the person's name and aliases, the
 * organization's name and aliases, then the name and title as reported (absent ones skipped,
 * since group_concat leaves out NULLs). A search for "Kono" thus finds every engagement of
 * the person whatever the sources called them.
 */
const PARTICIPANT_NAMES = `(SELECT group_concat(n.name, char(10) ORDER BY n.k, n.i) FROM (
    SELECT 1 AS k, 0 AS i, pe.name AS name FROM people AS pe WHERE pe.id = p.person
    UNION ALL SELECT 2, pa.alias_index, pa.alias FROM person_aliases AS pa WHERE pa.person_id = p.person
    UNION ALL SELECT 3, 0, og.name FROM organizations AS og WHERE og.id = p.organization
    UNION ALL SELECT 4, oa.alias_index, oa.alias FROM organization_aliases AS oa WHERE oa.organization_id = p.organization
    UNION ALL SELECT 5, 0, p.name_as_reported
    UNION ALL SELECT 6, 0, p.title_as_reported
  ) AS n)`;

/** Fills the full-text table from the tables (outcome summaries and participants in record order, joined by LF). */
export const FILL_FTS = `INSERT INTO ${quoteName(FTS_TABLE)} (rowid, engagement_id, title, notes, outcome_summaries, participants)
SELECT e.rowid, e.id, e.title, e.notes,
  (SELECT group_concat(o.summary, char(10) ORDER BY o.outcome_index) FROM outcomes AS o WHERE o.engagement_id = e.id),
  (SELECT group_concat(${PARTICIPANT_NAMES}, char(10) ORDER BY p.participant_index) FROM participants AS p WHERE p.engagement_id = e.id)
FROM engagements AS e ORDER BY e.rowid`;

/** The metadata table: one row per fact about the build (see metadata.ts). */
export const METADATA_TABLE = 'metadata';

export const CREATE_METADATA = `CREATE TABLE ${quoteName(METADATA_TABLE)} (\n  "key" TEXT NOT NULL PRIMARY KEY,\n  "value" TEXT NOT NULL\n)`;
