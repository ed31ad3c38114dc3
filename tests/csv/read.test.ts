// The reader refuses inconsistent tables instead of guessing: a missing table, a changed
// header, a gap in a list, a count that does not match its rows, rows for a list the
// record does not have, or a row whose parent does not exist.
import { beforeAll, describe, expect, it } from 'vitest';
import { CsvReadError, csvFiles, readCsvTables } from '@engagements/export-csv';
import { fileTexts, FOUNDING_RECORDS, loadPublished } from './helpers.js';

let files: Record<string, string>;

beforeAll(async () => {
  files = fileTexts(csvFiles(await loadPublished(FOUNDING_RECORDS)));
});

/** The files with one table's text changed. */
function edit(name: string, change: (text: string) => string): Record<string, string> {
  return { ...files, [`csv/${name}`]: change(files[`csv/${name}`]!) };
}

function lines(text: string): string[] {
  return text.split('\n').slice(0, -1);
}

describe('readCsvTables', () => {
  it('accepts files by path or by name, as strings or bytes', () => {
    const byName = Object.fromEntries(Object.entries(files).map(([path, content]) => [path.slice(4), new TextEncoder().encode(content)]));
    expect(readCsvTables(byName)).toStrictEqual(readCsvTables(files));
  });

  it('needs every table of records', () => {
    const { ['csv/participants.csv']: _gone, ...rest } = files;
    expect(() => readCsvTables(rest)).toThrow(/participants\.csv is missing/);
  });

  it('does not need the derived tables', () => {
    const { ['csv/vocabularies.csv']: _v, ['csv/engagement_countries.csv']: _c, ...rest } = files;
    expect(readCsvTables(rest)).toStrictEqual(readCsvTables(files));
  });

  it('refuses a changed header', () => {
    expect(() => readCsvTables(edit('people.csv', (t) => t.replace('native_name', 'native')))).toThrow(CsvReadError);
  });

  it('refuses a gap in a list', () => {
    expect(() => readCsvTables(edit('topics.csv', (t) => lines(t).filter((_, i) => i !== 3).join('\n') + '\n'))).toThrow(/no row|count is/);
  });

  it('refuses a count that does not match the rows', () => {
    expect(() => readCsvTables(edit('engagements.csv', (t) => t.replace(',2,10,6,10,3,,', ',2,10,5,10,3,,')))).toThrow(/count is 5/);
  });

  it('refuses rows for a list the record does not have', () => {
    expect(() => readCsvTables(edit('engagements.csv', (t) => t.replace(',2,10,6,10,3,,', ',2,10,,10,3,,')))).toThrow(/has no outcomes list/);
  });

  it('refuses a row whose record does not exist', () => {
    expect(() => readCsvTables(edit('positions.csv', (t) => t.replace('kono-taro,', 'nobody,')))).toThrow(/names no row/);
  });

  it('refuses a repeated key and a bad position', () => {
    expect(() => readCsvTables(edit('topics.csv', (t) => t + lines(t)[1] + '\n'))).toThrow(/repeated/);
    expect(() => readCsvTables(edit('topics.csv', (t) => t.replace(/,1,bilateral/, ',0,bilateral')))).toThrow(/out of range/);
  });

  it('refuses a reference to a source that is not listed', () => {
    expect(() => readCsvTables(edit('source_reproduces.csv', (t) => t.replace(',the-nation,1,', ',no-such-source,1,')))).toThrow(/no item of sources has the id/);
  });
});
