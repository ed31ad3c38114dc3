// The CSV tables are streamed: each table's content is a generator of chunks (the header,
// then batches of whole rows), called when the file is written. The chunks joined are the
// bytes csv-stringify gives for the whole table at once, however many batches there are.
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { outputText, type OutputFile, type PublishedDataset } from '@engagements/core';
import type { Engagement } from '@engagements/schema';
import { csvFiles, CsvWriteError, STRINGIFY_OPTIONS, tableCsv, tableCsvChunks, tableRows, tables } from '@engagements/export-csv';
import { FOUNDING_RECORDS, loadPublished, parseCsv } from './helpers.js';


/** More rows than one batch in most tables: the founding engagements copied under new ids. */
const COPIES = 300;

let dataset: PublishedDataset;

beforeAll(async () => {
  const founding = await loadPublished(FOUNDING_RECORDS);
  const engagements: Engagement[] = [];
  for (let i = 0; i < COPIES; i++) {
    for (const e of founding.engagements) engagements.push({ ...e, id: `${e.id}-copy-${String(i).padStart(3, '0')}`, title: i % 7 === 0 ? `=${e.title}, "copy" ${i}\n` : e.title });
  }
  dataset = { ...founding, engagements };
});

function chunksOf(file: OutputFile): string[] {
  if (typeof file.content !== 'function') throw new Error(`${file.path} is not streamed`);
  return [...file.content()].map((chunk) => (typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk)));
}

describe('streamed CSV tables', () => {
  it('streams every table and gives the data package whole', () => {
    for (const file of csvFiles(dataset)) {
      if (file.path.endsWith('.csv')) expect(typeof file.content, file.path).toBe('function');
      else expect(typeof file.content, file.path).toBe('string');
    }
  });

  it.each(tables.map((t) => [t.file, t] as const))('%s: the chunks joined are the table stringified at once', (_name, table) => {
    const whole = stringify([...tableRows(table, dataset)], STRINGIFY_OPTIONS);
    expect([...tableCsvChunks(table, dataset)].join('')).toBe(whole);
    expect(tableCsv(table, dataset)).toBe(whole);
  });

  it('starts with the header alone, then batches of whole rows', () => {
    const engagements = csvFiles(dataset).find((f) => f.path === 'csv/engagements.csv')!;
    const chunks = chunksOf(engagements);
    expect(parseCsv(chunks[0]!)).toEqual([tables.find((t) => t.file === 'engagements.csv')!.columns.map((c) => c.name)]);
    expect(chunks.length).toBeGreaterThan(2);
    let rows = 0;
    for (const chunk of chunks.slice(1)) {
      const parsed = parseCsv(chunk);
      expect(parsed.length).toBeGreaterThan(0);
      expect(parsed.length).toBeLessThanOrEqual(256);
      rows += parsed.length;
    }
    expect(rows).toBe(dataset.engagements.length);
  });

  it('gives the same chunks every time it is read', () => {
    for (const file of csvFiles(dataset)) {
      if (typeof file.content !== 'function') continue;
      expect(chunksOf(file), file.path).toEqual(chunksOf(file));
    }
    expect(outputText(csvFiles(dataset)[0]!)).toBe(outputText(csvFiles(dataset)[0]!));
  });

  it('computes rows only when the file is written: an unsafe cell fails then', () => {
    const [first, ...rest] = dataset.engagements;
    const broken = { ...dataset, engagements: [{ ...first!, type: '=cmd' } as unknown as Engagement, ...rest] };
    const files = csvFiles(broken);
    const engagements = files.find((f) => f.path === 'csv/engagements.csv')!;
    expect(() => outputText(engagements)).toThrow(CsvWriteError);
  });
});
