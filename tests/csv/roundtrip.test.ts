// Round trip: records -> CSV tables -> records gives back the same records, field for
// field, nested lists included, with the keys in schema order.
import { describe, expect, it } from 'vitest';
import type { PublishedDataset } from '@engagements/core';
import { csvFiles, FOUNDING_RECORDS, loadPublished, loadSchemaValid, orderKeys, readCsvTables, REAL_RECORDS, schemaErrors } from './helpers.js';

function expectRoundTrip(dataset: PublishedDataset): void {
  const back = readCsvTables(csvFiles(dataset));
  expect(back).toStrictEqual({ engagements: [...dataset.engagements], people: [...dataset.people], organizations: [...dataset.organizations] });
  expect(schemaErrors(back)).toEqual([]);
}

describe('CSV round trip', () => {
  it('gives back the founding dataset exactly', async () => {
    expectRoundTrip(await loadPublished(FOUNDING_RECORDS));
  });

  // The round trip needs schema-valid records only: rule errors in records/ (while curators
  // work on it) do not matter here.
  it('gives back the real records/ dataset exactly', async () => {
    const { dataset } = await loadSchemaValid(REAL_RECORDS);
    expect(dataset.engagements.length).toBeGreaterThan(0);
    expectRoundTrip(dataset);
  });

  it('restores the key order of the schemas', async () => {
    const { dataset } = await loadSchemaValid(REAL_RECORDS);
    const back = readCsvTables(csvFiles(dataset));
    const inSchemaOrder = (kind: 'engagement' | 'person' | 'organization', records: readonly unknown[]) => records.map((r) => JSON.stringify(orderKeys(kind, r)));
    expect(back.engagements.map((r) => JSON.stringify(r))).toEqual(inSchemaOrder('engagement', dataset.engagements));
    expect(back.people.map((r) => JSON.stringify(r))).toEqual(inSchemaOrder('person', dataset.people));
    expect(back.organizations.map((r) => JSON.stringify(r))).toEqual(inSchemaOrder('organization', dataset.organizations));
    // The founding record is written in schema order: its text form survives too.
    const founding = await loadPublished(FOUNDING_RECORDS);
    expect(JSON.stringify(readCsvTables(csvFiles(founding)).engagements)).toBe(JSON.stringify(founding.engagements));
  });

  it('keeps absent and empty optional lists apart', async () => {
    const dataset = await loadPublished(FOUNDING_RECORDS);
    const [engagement] = dataset.engagements;
    const [person] = dataset.people;
    const variants: PublishedDataset = {
      ...dataset,
      engagements: [{ ...engagement!, outcomes: [], disagreements: [], related: [] }],
      people: [{ ...person!, aliases: [] }, ...dataset.people.slice(1)],
    };
    expectRoundTrip(variants);
    const { outcomes: _o, disagreements: _d, ...withoutLists } = engagement!;
    expectRoundTrip({ ...dataset, engagements: [withoutLists] });
  });
});
