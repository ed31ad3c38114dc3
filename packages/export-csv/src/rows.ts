// Turns records into rows of cells, table by table, as described in tables.ts. Rows are
// produced lazily (a generator per table), so a streaming writer can pipe them into
// csv-stringify's stream API without holding a whole table in memory.
import type { PublishedDataset } from '@engagements/core';
import { escapeFreeText, startsSafely } from './escape.js';
import type { CellValue, Column, RowContext, Table } from './tables.js';

/** Dotted paths split once: the paths are the columns' (a few hundred), read for every cell. */
const pathKeys = new Map<string, string[]>();

/** The value at a dotted path of plain objects (`confidence.level`); '' is the value itself. */
export function getPath(value: unknown, path: string): unknown {
  if (path === '') return value;
  let keys = pathKeys.get(path);
  if (keys === undefined) pathKeys.set(path, (keys = path.split('.')));
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function recordsOf(table: Table, dataset: PublishedDataset): readonly unknown[] {
  switch (table.record) {
    case 'engagement':
      return dataset.engagements;
    case 'person':
      return dataset.people;
    case 'organization':
      return dataset.organizations;
    default:
      return [];
  }
}

/** Every row of a table, in record order, then in list order at each level. */
export function* rowContexts(table: Table, dataset: PublishedDataset): Generator<RowContext> {
  if (table.staticRows) {
    yield* table.staticRows();
    return;
  }
  for (const record of recordsOf(table, dataset)) {
    if (table.expand) {
      const items = table.expand(record);
      for (let i = 0; i < items.length; i++) yield { record, items: [items[i]], indices: [i] };
      continue;
    }
    yield* walk(record, record, table.levels, [], []);
  }
}

function* walk(record: unknown, container: unknown, levels: string[], items: unknown[], indices: number[]): Generator<RowContext> {
  if (levels.length === 0) {
    yield { record, items, indices };
    return;
  }
  const [level, ...deeper] = levels as [string, ...string[]];
  const list = getPath(container, level);
  if (!Array.isArray(list)) return;
  for (let i = 0; i < list.length; i++) yield* walk(record, list[i], deeper, [...items, list[i]], [...indices, i]);
}

/** The value of a column in a row, before formatting. */
export function columnValue(column: Column, row: RowContext): CellValue {
  switch (column.role) {
    case 'parent':
      return getPath(row.record, 'id') as string;
    case 'index':
      return row.indices[column.level!]! + 1;
    case 'key':
      return getPath(row.items[column.level!], 'id') as string;
    case 'field': {
      const base = row.items.length ? row.items[row.items.length - 1] : row.record;
      return getPath(base, column.rest!) as CellValue;
    }
    case 'count': {
      const list = getPath(row.items.length ? row.items[row.items.length - 1] : row.record, column.path!);
      return Array.isArray(list) ? list.length : undefined;
    }
    case 'choice': {
      const value = getPath(row.record, column.path!);
      return value === column.choice!.constant ? column.choice!.constant : value === undefined ? undefined : column.choice!.object;
    }
    case 'derived':
      return column.derive!(row);
  }
}

/** Thrown when a value cannot be written safely (it would be taken for a formula, or is not text). */
export class CsvWriteError extends Error {
  override name = 'CsvWriteError';
}

/**
 * The cell text of a value: empty for an absent value, `true`/`false` for booleans,
 * decimal for integers, and for text the escaping rule of escape.ts in free-text columns.
 * Any other column must start with a letter or digit; the schemas guarantee it for valid
 * records, and a violation is an error rather than a silently unsafe file.
 */
export function formatCell(column: Column, value: CellValue, where: () => string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new CsvWriteError(`${where()}: ${value} is not an integer`);
    return String(value);
  }
  if (typeof value !== 'string') throw new CsvWriteError(`${where()}: expected text, got ${typeof value}`);
  if (value === '') throw new CsvWriteError(`${where()}: empty text cannot be told apart from an absent value`);
  if (column.freeText) return escapeFreeText(value);
  if (!startsSafely(value)) throw new CsvWriteError(`${where()}: ${JSON.stringify(value.slice(0, 40))} does not start with a letter or digit and is not a free-text column`);
  return value;
}

/** The rows of a table as cell texts, header first. */
export function* tableRows(table: Table, dataset: PublishedDataset): Generator<string[]> {
  yield table.columns.map((c) => c.name);
  for (const row of rowContexts(table, dataset)) {
    yield table.columns.map((column) =>
      formatCell(column, columnValue(column, row), () => `${table.file}, ${String(getPath(row.record, 'id'))}, column ${column.name}`),
    );
  }
}
