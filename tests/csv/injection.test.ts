// Formula injection: no cell of any table starts with a character that makes a
// spreadsheet run it as a formula, hostile text survives the round trip unchanged, and
// the columns that are not escaped are proved safe by their schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outputText, type PublishedDataset } from '@engagements/core';
import {
  csvFiles,
  escapeFreeText,
  formatCell,
  FORMULA_TRIGGER,
  patternStartsSafely,
  readCsvTables,
  tableNamed,
  tables,
  unescapeFreeText,
  CsvWriteError,
  type Column,
  type Table,
} from '@engagements/export-csv';
import { FOUNDING_RECORDS, loadPublished, parseCsv, schemaErrors } from './helpers.js';

/** What spreadsheets take as the start of a formula (OWASP's list, with the full-width forms and NUL). */
const DANGEROUS_START = /^[=+\-@\t\r\n\u0000\uFF1D\uFF0B\uFF0D\uFF20]/u;

/** Hostile one-line text: valid as the schema's Text (no leading white space, no line break). */
const HOSTILE_TEXT = [
  '=1+2',
  '=HYPERLINK("http://evil.example","click")',
  "=cmd|' /C calc'!A0",
  '+1-1',
  '-2+3',
  '@SUM(A1:A2)',
  '＝1+2',
  '＋1',
  '－1',
  '＠SUM(A1)',
  "'",
  "'=1+2",
  "''",
  '\u0000=1',
  '\u0085=1',
  '\u200b=1',
  'a,b;"c"\t=d',
  '"=1"',
];
/** Hostile long text (notes): may start with white space, tabs and line breaks. */
const HOSTILE_LONG_TEXT = [...HOSTILE_TEXT, '\t=1+2', '\r=1+2', '\n=1+2', '\r\n-1', ' =1', '\u3000@x', '\u2028=1', 'line\r\nbreak\rand\nmore\r', '\u0000'];

/** Sets `value` at every place a free-text column reads from, in every record (aliases get a number to stay unique). */
function fillFreeText(dataset: PublishedDataset, value: (long: boolean) => string): PublishedDataset {
  const copy = structuredClone(dataset) as { engagements: unknown[]; people: unknown[]; organizations: unknown[] };
  const recordsOf = (table: Table): unknown[] =>
    table.record === 'engagement' ? copy.engagements : table.record === 'person' ? copy.people : table.record === 'organization' ? copy.organizations : [];
  for (const table of tables) {
    for (const column of table.columns) {
      if (column.role !== 'field' || !column.freeText) continue;
      const long = column.info?.maxLength === 5000;
      for (const record of recordsOf(table)) setAll(record, column.path!.split('.'), (i) => (column.path!.endsWith('[]') ? `${value(long)} ${i + 1}` : value(long)));
    }
  }
  return copy as unknown as PublishedDataset;
}

function setAll(target: unknown, keys: string[], value: (index: number) => string): void {
  if (target === null || typeof target !== 'object') return;
  const [key, ...rest] = keys as [string, ...string[]];
  const obj = target as Record<string, unknown>;
  if (key.endsWith('[]')) {
    const list = obj[key.slice(0, -2)];
    if (!Array.isArray(list)) return;
    if (rest.length === 0) list.forEach((_, i) => (list[i] = value(i)));
    else list.forEach((item) => setAll(item, rest, value));
  } else if (rest.length === 0) {
    if (obj[key] !== undefined) obj[key] = value(0);
  } else setAll(obj[key], rest, value);
}

function everyCell(files: ReturnType<typeof csvFiles>, visit: (file: string, column: string, cell: string) => void): void {
  for (const file of files) {
    if (!file.path.endsWith('.csv')) continue;
    const [header = [], ...rows] = parseCsv(outputText(file));
    for (const row of rows) row.forEach((cell, i) => visit(file.path, header[i]!, cell));
  }
}

describe('formula injection', () => {
  let founding: PublishedDataset;

  it.each(HOSTILE_TEXT.map((text, i) => [i, text, HOSTILE_LONG_TEXT[i + 18] ?? text]))('hostile value %i (%j) is escaped and read back exactly', async (_i, text, long) => {
    founding ??= await loadPublished(FOUNDING_RECORDS);
    const dataset = fillFreeText(founding, (isLong) => (isLong ? long : text));
    expect(schemaErrors(dataset)).toEqual([]);
    const files = csvFiles(dataset);
    let escaped = 0;
    everyCell(files, (file, column, cell) => {
      expect(DANGEROUS_START.test(cell), `${file} ${column}: ${JSON.stringify(cell)}`).toBe(false);
      if (cell.startsWith("'")) escaped++;
    });
    if (FORMULA_TRIGGER.test(text) || FORMULA_TRIGGER.test(long)) expect(escaped).toBeGreaterThan(0);
    expect(readCsvTables(files)).toStrictEqual(dataset);
  });

  it('escapes exactly: a free-text cell is the value with one added apostrophe', async () => {
    founding ??= await loadPublished(FOUNDING_RECORDS);
    const dataset = fillFreeText(founding, () => '=1+2');
    const engagements = parseCsv(outputText(csvFiles(dataset).find((f) => f.path === 'csv/engagements.csv')!));
    const header = engagements[0]!;
    expect(engagements[1]![header.indexOf('title')]).toBe("'=1+2");
    expect(engagements[1]![header.indexOf('notes')]).toBe("'=1+2");
    expect(engagements[1]![header.indexOf('id')]).toBe(founding.engagements[0]!.id);
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['Kono Taro', '河野太郎', '2+2', 'a=b', 'x-y', 'mail@example.org', '(=)', '"=1"']) expect(escapeFreeText(text)).toBe(text);
  });

  it('escape and unescape are inverse for every string, and escaped text never starts dangerously', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('', '=', '+', '-', '@', "'", '\t', '\r', '\n', '\u0000', '＝', ' '), (tail, head) => {
        const value = head + tail;
        const escaped = escapeFreeText(value);
        expect(unescapeFreeText(escaped)).toBe(value);
        expect(DANGEROUS_START.test(escaped)).toBe(false);
        expect(escaped === value || escaped === `'${value}`).toBe(true);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('triggers on the OWASP characters, the apostrophe, control characters and white space', () => {
    for (const ch of ['=', '+', '-', '@', "'", '\t', '\r', '\n', '\u0000', '\u001b', '\u007f', '\u0085', ' ', '\u00a0', '\u3000', '\ufeff', '\u200b', '\u202e', '＝', '＋', '－', '＠']) {
      expect(FORMULA_TRIGGER.test(`${ch}x`), JSON.stringify(ch)).toBe(true);
    }
    for (const ch of ['a', 'Z', '0', '河', '"', '(', '#', '%']) expect(FORMULA_TRIGGER.test(`${ch}x`), ch).toBe(false);
  });

  it('proves every column that is not escaped safe from its schema: it starts with a letter or digit', () => {
    const unsafe: string[] = [];
    const alnumStart = (v: string): boolean => /^[A-Za-z0-9]/.test(v);
    const proved = (column: Column): boolean => {
      if (column.type === 'integer' || column.type === 'boolean' || column.type === 'date') return true;
      if (column.enum) return column.enum.every(alnumStart);
      if (column.pattern !== undefined) return patternStartsSafely(`^${column.pattern}`);
      return false;
    };
    for (const table of tables) for (const column of table.columns) if (!column.freeText && !proved(column)) unsafe.push(`${table.name}.${column.name}`);
    expect(unsafe).toEqual([]);
  });

  it('marks exactly the schema\'s Text and LongText fields (and derived labels) as free text', () => {
    const free = tables.flatMap((t) => t.columns.filter((c) => c.freeText).map((c) => `${t.name}.${c.name}`));
    expect(free).toEqual([
      'engagements.title',
      'engagements.location',
      'engagements.confidence_reason',
      'engagements.notes',
      'engagements.cameo_label',
      'participants.title_as_reported',
      'participants.name_as_reported',
      'outcomes.summary',
      'sources.title',
      'sources.supports',
      'disagreements.description',
      'people.name',
      'people.native_name',
      'people.notes',
      'person_aliases.alias',
      'positions.title',
      'person_sources.title',
      'person_sources.supports',
      'organizations.name',
      'organizations.notes',
      'organization_aliases.alias',
      'vocabularies.label',
      'vocabularies.definition',
    ]);
  });

  it('refuses to write an unsafe value in a column that is not escaped', () => {
    const id = tableNamed('engagements').columns.find((c) => c.name === 'id')!;
    expect(() => formatCell(id, '=1+2', () => 'test')).toThrow(CsvWriteError);
    expect(() => formatCell(id, '', () => 'test')).toThrow(CsvWriteError);
    expect(formatCell(id, '2020-08-06-x', () => 'test')).toBe('2020-08-06-x');
  });

  it('pattern proofs reject patterns that allow a formula start', () => {
    expect(patternStartsSafely('^[a-z0-9]+$')).toBe(true);
    expect(patternStartsSafely('^Q[1-9][0-9]*$')).toBe(true);
    expect(patternStartsSafely('^https?://')).toBe(true);
    expect(patternStartsSafely('^\\S(?:.*\\S)?$')).toBe(false);
    expect(patternStartsSafely('^[a-z=]+$')).toBe(false);
    expect(patternStartsSafely('^[\\w-]+$')).toBe(false);
    expect(patternStartsSafely('^.+$')).toBe(false);
    expect(patternStartsSafely('[a-z]+')).toBe(false);
  });
});
