// Property-based round trip: any valid dataset -> CSV tables -> the same dataset, with
// hostile text (formula starters, quotes, commas, CR/LF, NUL, tabs, bidi and zero-width
// characters, non-NFC letters, emoji) in every free-text field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbDataset } from '../support/arbitraries.js';
import { csvFiles, readCsvTables } from '@engagements/export-csv';
import { fileTexts, schemaErrors } from './helpers.js';

const RUNS = { seed: 42, numRuns: 100 } as const;

describe('CSV round trip on generated datasets', () => {
  it('gives back every valid dataset exactly, hostile text included', () => {
    fc.assert(
      fc.property(arbDataset({ hostile: true }), (dataset) => {
        expect(schemaErrors(dataset)).toEqual([]);
        expect(readCsvTables(csvFiles(dataset))).toStrictEqual(dataset);
      }),
      RUNS,
    );
  });

  it('gives back every clean dataset exactly', () => {
    fc.assert(
      fc.property(arbDataset({ maxEngagements: 6, maxPeople: 6, maxOrganizations: 6 }), (dataset) => {
        expect(schemaErrors(dataset)).toEqual([]);
        expect(readCsvTables(csvFiles(dataset))).toStrictEqual(dataset);
      }),
      RUNS,
    );
  });

  it('writes the same bytes for the same dataset', () => {
    fc.assert(
      fc.property(arbDataset({ hostile: true }), (dataset) => {
        expect(fileTexts(csvFiles(structuredClone(dataset)))).toEqual(fileTexts(csvFiles(dataset)));
      }),
      { seed: 42, numRuns: 25 },
    );
  });
});
