// What the database says about itself: the rows of its `metadata` table, and the
// Datasette metadata (`metadata.json`) published beside it. Both are generated from the
// CSV tables' titles and descriptions (and through them from the schemas).
import { createHash } from 'node:crypto';
import type { PublishedDataset } from '@engagements/core';
import { LICENSE, orderKeys, tables } from '@engagements/export-csv';
import { BASE } from '@engagements/export-jsonld';
import { schemas } from '@engagements/schema';
import { FTS_COLUMNS, FTS_TABLE, METADATA_TABLE } from './schema.js';

/** The database's file name under the output folder; Datasette names the database after it (`engagements`). */
export const DATABASE_FILE = 'engagements.sqlite';
export const DATABASE_NAME = 'engagements';

export const TITLE = 'Defence-diplomacy engagements';

/** What a reader of the database must know, beyond the tables' own descriptions. */
export const SQLITE_CONVENTIONS = [
  'The tables, columns, primary keys and foreign keys are those of the CSV tables (see `csv/datapackage.json` and the codebook).',
  'A NULL means the value is absent. Text is stored exactly as in the records: no formula escaping (that is only for the CSV files), so `NA` (Namibia) and CAMEO `062` are text.',
  'Dates are ISO 8601 text (`YYYY-MM-DD`); counts and positions are INTEGER; booleans are INTEGER 0 or 1.',
  'A `*_count` column is NULL when the record has no such list and 0 when the list is present but empty.',
  `Full-text search: \`${FTS_TABLE}\` (FTS5) has one row per engagement, with the same rowid as its row in \`engagements\`: \`SELECT engagement_id FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH 'locust'\`.`,
  'Controlled vocabularies, with a label and definition for every term, are in `vocabularies`; facts about the build (version, digest of its inputs, licence) are in `metadata`.',
];

export const SOURCE = 'The engagements dataset: curated YAML records with their sources, validated against JSON Schemas';

export const DESCRIPTION =
  'Contacts between defence and security officials of two or more states (calls, visits, meetings, dialogues, signings, exercises, port calls), with their participants, topics, outcomes and the sources that report them, as one SQLite database generated from the curated records.';

/**
 * SHA-256 of what the build read: every JSON Schema (by file name) and every record, each
 * kind sorted by id with its keys in schema order, so that formatting, key order and file
 * order do not change it. As `sha256:<hex>`.
 */
export function inputsDigest(dataset: PublishedDataset): string {
  const hash = createHash('sha256');
  const schemaSet = schemas as Readonly<Record<string, unknown>>;
  for (const file of Object.keys(schemaSet).sort()) hash.update(`schema ${file}\n${JSON.stringify(schemaSet[file])}\n`);
  const kinds = [
    ['engagement', dataset.engagements],
    ['person', dataset.people],
    ['organization', dataset.organizations],
  ] as const;
  for (const [kind, records] of kinds) {
    for (const record of records) hash.update(`${kind}\n${JSON.stringify(orderKeys(kind, record))}\n`);
  }
  return `sha256:${hash.digest('hex')}`;
}

/** The rows of the `metadata` table, in this order. */
export function metadataRows(dataset: PublishedDataset, version: string, digest: string): [string, string][] {
  return [
    ['title', TITLE],
    ['description', DESCRIPTION],
    ['version', version],
    ['inputs_digest', digest],
    ['license', LICENSE.name],
    ['license_title', LICENSE.title],
    ['license_url', LICENSE.path],
    ['source', SOURCE],
    ['source_url', BASE],
    ['engagements', String(dataset.engagements.length)],
    ['people', String(dataset.people.length)],
    ['organizations', String(dataset.organizations.length)],
  ];
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Datasette's metadata (https://docs.datasette.io/en/stable/metadata.html): title,
 * description, licence and source for the instance; for every table its title,
 * description and column descriptions; full-text search on `engagements` through
 * `engagements_fts`; people and organizations labelled by name in foreign-key links.
 */
export function datasetteMetadata(version: string): { [key: string]: Json } {
  const tableEntries: [string, Json][] = tables.map((table) => {
    const entry: { [key: string]: Json } = {
      title: table.title,
      description: table.description,
      columns: Object.fromEntries(table.columns.map((c) => [c.name, c.description])),
    };
    if (table.name === 'engagements') entry.fts_table = FTS_TABLE;
    if (table.columns.some((c) => c.name === 'name') && table.primaryKey.join() === 'id') entry.label_column = 'name';
    return [table.name, entry];
  });
  tableEntries.push([
    FTS_TABLE,
    {
      title: 'Engagements: full-text index',
      description: `FTS5 index of every engagement's title, notes, outcome summaries and participants' names; its rowid is the engagement's rowid in \`engagements\`.`,
      columns: { engagement_id: 'The engagement (`engagements.id`).', ...Object.fromEntries(FTS_COLUMNS.map((c) => [c.name, c.description])) },
    },
  ]);
  tableEntries.push([
    METADATA_TABLE,
    {
      title: 'About this database',
      description: 'One row per fact about the build: title, version of the data, SHA-256 digest of the build\'s inputs (schemas and records), licence, source and record counts.',
      columns: { key: 'The name of the fact.', value: 'Its value, as text.' },
    },
  ]);
  return {
    title: TITLE,
    description: `${DESCRIPTION} Version ${version}.`,
    license: LICENSE.name,
    license_url: LICENSE.path,
    source: SOURCE,
    source_url: BASE,
    databases: {
      [DATABASE_NAME]: {
        title: TITLE,
        description: SQLITE_CONVENTIONS.join(' '),
        license: LICENSE.name,
        license_url: LICENSE.path,
        source: SOURCE,
        source_url: BASE,
        tables: Object.fromEntries(tableEntries),
      },
    },
  };
}

/** `metadata.json`: 2-space JSON with a trailing newline. */
export function datasetteMetadataJson(version: string): string {
  return `${JSON.stringify(datasetteMetadata(version), null, 2)}\n`;
}
