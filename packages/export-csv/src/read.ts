// The way back: CSV tables -> records, driven by the same tables.ts as the writer. It
// checks the header of every table, undoes the formula escaping of free-text columns,
// turns empty cells into absent values, puts list items back at their positions, checks
// that every list is complete and as long as its `*_count` says, and restores the key
// order of the schemas. Derived tables and columns are not read.
import type { Engagement, Organization, Person } from '@engagements/schema';
import { parse } from 'csv-parse/sync';
import { unescapeFreeText } from './escape.js';
import { getPath } from './rows.js';
import { orderKeys, type RecordKind } from './schemaInfo.js';
import { tables, type Column, type Table } from './tables.js';

/** The records rebuilt from the tables, in the order of the rows of their main table. */
export interface CsvTables {
  engagements: Engagement[];
  people: Person[];
  organizations: Organization[];
}

/** A file's content: text, bytes, or chunks of either produced on demand (an exporter's streamed output). */
export type CsvContent = string | Uint8Array | (() => Iterable<string | Uint8Array>);

/**
 * The CSV files by path (only the file name counts: `csv/people.csv` and `people.csv` are
 * the same table), such as the CSV exporter's own files.
 */
export type CsvInput = ReadonlyArray<{ path: string; content: CsvContent }> | Readonly<Record<string, CsvContent>>;

export class CsvReadError extends Error {
  override name = 'CsvReadError';
}

type Obj = Record<string, unknown>;

const PARSE_OPTIONS = {
  delimiter: ',',
  quote: '"',
  escape: '"',
  record_delimiter: '\n',
  bom: true,
  trim: false,
  ltrim: false,
  rtrim: false,
  skip_empty_lines: false,
  relax_quotes: false,
  relax_column_count: false,
  cast: false,
} as const;

const MAX_POSITION = 1_000_000;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function texts(input: CsvInput): Map<string, string> {
  const entries: [string, CsvContent][] = Array.isArray(input)
    ? (input as ReadonlyArray<{ path: string; content: CsvContent }>).map((f) => [f.path, f.content])
    : Object.entries(input as Record<string, CsvContent>);
  const out = new Map<string, string>();
  for (const [path, content] of entries) out.set(baseName(path), textOf(content));
  return out;
}

/** The whole text of a content; bytes must be valid UTF-8 (a chunk may end inside a character). */
function textOf(content: CsvContent): string {
  if (typeof content === 'string') return content;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  if (content instanceof Uint8Array) return decoder.decode(content);
  let text = '';
  for (const chunk of content()) text += typeof chunk === 'string' ? decoder.decode() + chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Sets a dotted path; intermediate objects are created only when `create` is true. */
function setPath(target: Obj, path: string, value: unknown, create: boolean, where: string): void {
  const keys = path.split('.');
  let current: Obj = target;
  for (const key of keys.slice(0, -1)) {
    let next = current[key];
    if (next === undefined && create) {
      next = {};
      current[key] = next;
    }
    if (!isObj(next)) throw new CsvReadError(`${where}: cannot set ${path}, ${key} is ${next === undefined ? 'absent' : JSON.stringify(next)}`);
    current = next;
  }
  const last = keys[keys.length - 1]!;
  if (current[last] !== undefined) throw new CsvReadError(`${where}: ${path} is given twice`);
  current[last] = value;
}

function parsePosition(cell: string, min: number, where: string): number {
  if (!/^(0|[1-9][0-9]*)$/.test(cell)) throw new CsvReadError(`${where}: ${JSON.stringify(cell)} is not a whole number`);
  const n = Number(cell);
  if (n < min || n > MAX_POSITION) throw new CsvReadError(`${where}: ${n} is out of range`);
  return n;
}

function cellText(column: Column, cell: string): string {
  return column.freeText ? unescapeFreeText(cell) : cell;
}

interface Expectation {
  list: unknown[];
  count: number;
  where: string;
}

/** Rebuilds the records from the CSV tables; throws a CsvReadError for anything inconsistent. */
export function readCsvTables(input: CsvInput): CsvTables {
  const files = texts(input);
  const records: Record<RecordKind, Map<string, Obj>> = { engagement: new Map(), person: new Map(), organization: new Map() };
  const expectations: Expectation[] = [];
  // Lists that the main table declares absent (empty count): no rows may fill them.
  const absentLists = new Set<string>();

  for (const table of tables) {
    if (table.derived || table.record === null) continue;
    const text = files.get(table.file);
    if (text === undefined) throw new CsvReadError(`The table ${table.file} is missing`);
    let rows: string[][];
    try {
      rows = parse(text, PARSE_OPTIONS) as string[][];
    } catch (error) {
      throw new CsvReadError(`${table.file}: ${(error as Error).message}`);
    }
    const header = rows[0];
    const expected = table.columns.map((c) => c.name);
    if (!header || header.join('\u0000') !== expected.join('\u0000')) {
      throw new CsvReadError(`${table.file}: the header is ${JSON.stringify(header ?? [])}, expected ${JSON.stringify(expected)}`);
    }
    const seenKeys = new Set<string>();
    const keyIndexes = table.primaryKey.map((name) => expected.indexOf(name));
    rows.slice(1).forEach((cells, r) => {
      const where = `${table.file}, line ${r + 2}`;
      if (cells.length !== expected.length) throw new CsvReadError(`${where}: ${cells.length} cells, expected ${expected.length}`);
      const key = keyIndexes.map((i) => cells[i]).join('\u0000');
      if (seenKeys.has(key)) throw new CsvReadError(`${where}: the key ${table.primaryKey.join(', ')} is repeated`);
      seenKeys.add(key);
      if (table.over === '') readMainRow(table, cells, where, records[table.record!], expectations, absentLists);
      else readChildRow(table, cells, where, records[table.record!], absentLists);
    });
  }

  for (const { list, count, where } of expectations) {
    if (list.length !== count) throw new CsvReadError(`${where}: the count is ${count}, but there are rows for ${list.length} items`);
  }
  const finish = <T>(kind: RecordKind): T[] =>
    [...records[kind].values()].map((record) => {
      checkComplete(record, `${kind} ${String(record.id)}`);
      return orderKeys(kind, record) as T;
    });
  return { engagements: finish<Engagement>('engagement'), people: finish<Person>('person'), organizations: finish<Organization>('organization') };
}

function readMainRow(table: Table, cells: string[], where: string, byId: Map<string, Obj>, expectations: Expectation[], absentLists: Set<string>): void {
  const record: Obj = {};
  table.columns.forEach((column, i) => {
    const cell = cells[i]!;
    const at = `${where}, column ${column.name}`;
    switch (column.role) {
      case 'field':
        if (cell !== '') setPath(record, column.rest!, cellText(column, cell), true, at);
        return;
      case 'count': {
        if (cell === '') return;
        const list: unknown[] = [];
        setPath(record, column.path!, list, true, at);
        expectations.push({ list, count: parsePosition(cell, 0, at), where: at });
        return;
      }
      case 'choice': {
        const { constant, object } = column.choice!;
        const current = getPath(record, column.path!);
        if (cell === constant) setPath(record, column.path!, constant, true, at);
        else if (cell === object) {
          if (current === undefined) setPath(record, column.path!, {}, true, at);
        } else if (cell !== '') throw new CsvReadError(`${at}: ${JSON.stringify(cell)} is neither ${constant} nor ${object}`);
        return;
      }
      case 'derived':
        return;
      default:
        throw new CsvReadError(`${at}: a ${column.role} column in a main table`);
    }
  });
  const id = record.id;
  if (typeof id !== 'string') throw new CsvReadError(`${where}: the row has no id`);
  if (byId.has(id)) throw new CsvReadError(`${where}: the id ${id} is repeated`);
  for (const column of table.columns) {
    if (column.role === 'count' && cells[table.columns.indexOf(column)] === '') absentLists.add(`${id}\u0000${column.path!}`);
  }
  byId.set(id, record);
}

function readChildRow(table: Table, cells: string[], where: string, byId: Map<string, Obj>, absentLists: Set<string>): void {
  const cell = (column: Column): string => cells[columnIndex(table, column)]!;
  const parentColumn = table.columns.find((c) => c.role === 'parent')!;
  const id = cell(parentColumn);
  const record = byId.get(id);
  if (!record) throw new CsvReadError(`${where}: ${parentColumn.name} ${JSON.stringify(id)} names no row of the main table`);
  let container: Obj = record;
  table.levels.forEach((levelPath, level) => {
    const at = `${where}, level ${levelPath}`;
    let list = getPath(container, levelPath);
    if (list === undefined) {
      if (level === 0 && absentLists.has(`${id}\u0000${levelPath}`)) throw new CsvReadError(`${at}: the record has no ${levelPath} list (its count is empty), but this row is an item of it`);
      list = [];
      setPath(container, levelPath, list, false, at);
    }
    if (!Array.isArray(list)) throw new CsvReadError(`${at}: ${levelPath} is not a list`);
    const indexColumn = table.columns.find((c) => c.role === 'index' && c.level === level);
    const keyColumn = table.columns.find((c) => c.role === 'key' && c.level === level);
    let position: number;
    if (indexColumn) position = parsePosition(cell(indexColumn), 1, `${where}, column ${indexColumn.name}`) - 1;
    else if (keyColumn) {
      position = list.findIndex((item) => isObj(item) && item.id === cell(keyColumn));
      if (position < 0) throw new CsvReadError(`${where}, column ${keyColumn.name}: no item of ${levelPath} has the id ${JSON.stringify(cell(keyColumn))}`);
    } else throw new CsvReadError(`${where}: no column gives the position in ${levelPath}`);
    const last = level === table.levels.length - 1;
    if (!last) {
      const item = list[position];
      if (!isObj(item)) throw new CsvReadError(`${at}: there is no item ${position + 1} in ${levelPath}`);
      container = item;
      return;
    }
    const scalar = table.columns.find((c) => c.role === 'field' && c.rest === '');
    if (scalar) {
      const value = cell(scalar);
      if (value === '') throw new CsvReadError(`${where}, column ${scalar.name}: the value is empty`);
      if (list[position] !== undefined) throw new CsvReadError(`${at}: item ${position + 1} is given twice`);
      list[position] = cellText(scalar, value);
      return;
    }
    let item = list[position];
    if (item === undefined) {
      item = {};
      list[position] = item;
    } else if (!isObj(item)) throw new CsvReadError(`${at}: item ${position + 1} is not an object`);
    for (const column of table.columns) {
      if (column.role !== 'field') continue;
      const value = cell(column);
      if (value !== '') setPath(item as Obj, column.rest!, cellText(column, value), true, `${where}, column ${column.name}`);
    }
  });
}

const columnIndexes = new WeakMap<Table, Map<Column, number>>();

function columnIndex(table: Table, column: Column): number {
  let map = columnIndexes.get(table);
  if (!map) {
    map = new Map(table.columns.map((c, i) => [c, i]));
    columnIndexes.set(table, map);
  }
  return map.get(column)!;
}

/** Throws when a list has a gap (a missing row in a child table). */
function checkComplete(value: unknown, where: string): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new CsvReadError(`${where}: item ${i + 1} of a list has no row`);
      checkComplete(value[i], where);
    }
  } else if (isObj(value)) {
    for (const item of Object.values(value)) checkComplete(item, where);
  }
}
