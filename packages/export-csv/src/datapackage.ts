// The Frictionless Tabular Data Package (v1) descriptor of the CSV tables, generated from
// tables.ts (and through it from the schemas): never kept by hand.
import { ESCAPE_PREFIX } from './escape.js';
import { DEFAULT_READER_CONVENTION, defaultReaderWarning } from './readers.js';
import type { Column, Table } from './tables.js';

/** The CSV dialect every table is written in (Frictionless CSV Dialect 1.2). */
export const DIALECT = {
  csvddfVersion: 1.2,
  delimiter: ',',
  lineTerminator: '\n',
  quoteChar: '"',
  doubleQuote: true,
  skipInitialSpace: false,
  header: true,
} as const;

export const LICENSE = {
  name: 'CC-BY-4.0',
  path: 'https://creativecommons.org/licenses/by/4.0/',
  title: 'Creative Commons Attribution 4.0 International',
} as const;

/** The conventions every reader of the tables must know, shared with the README and the codebook. */
export const CONVENTIONS = [
  'Every table has a header row and every column is always present.',
  'An empty cell means the value is absent: the schemas forbid empty text, so an empty cell is never an empty string.',
  'Lists are tables of their own, keyed by the id of their record and the 1-based position of the item (`participant_index`); a `*_count` column on the record gives the length of each list, empty when the list is absent and 0 when it is present but empty.',
  `Free-text columns are protected against formula injection: when a text starts with \`=\`, \`+\`, \`-\`, \`@\`, \`${ESCAPE_PREFIX}\`, their full-width forms, a control character (tab, CR, LF, NUL, ...), an invisible format character (zero-width space, BOM, bidirectional controls) or white space, one \`${ESCAPE_PREFIX}\` is put in front of it. To get the exact text back, remove one leading \`${ESCAPE_PREFIX}\` from every cell of a free-text column that starts with one. All other columns (ids, dates, codes, vocabulary terms, URLs, numbers) start with a letter or digit by their schema and are never changed.`,
  'Columns described as derived are computed at build time from the other columns (countries, scope, remote, CAMEO codes); they are not part of the curated records.',
  DEFAULT_READER_CONVENTION,
];

const FREE_TEXT_NOTE = `Free text: a leading \`${ESCAPE_PREFIX}\` was added when the text starts with a formula character; remove one leading \`${ESCAPE_PREFIX}\` to read it.`;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function fieldDescriptor(column: Column): { [key: string]: Json } {
  const notes = [column.description, column.freeText ? FREE_TEXT_NOTE : undefined, defaultReaderWarning(column)].filter((n): n is string => n !== undefined && n !== '');
  const field: { [key: string]: Json } = {
    name: column.name,
    title: column.title,
    description: notes.join(' '),
    type: column.type,
  };
  if (column.format) field.format = column.format;
  const constraints: { [key: string]: Json } = { required: column.required };
  if (column.minLength !== undefined) constraints.minLength = column.minLength;
  if (column.maxLength !== undefined) constraints.maxLength = column.maxLength;
  if (column.minimum !== undefined) constraints.minimum = column.minimum;
  if (column.pattern !== undefined) constraints.pattern = column.pattern;
  if (column.enum) constraints.enum = [...column.enum];
  field.constraints = constraints;
  return field;
}

function resourceDescriptor(table: Table): { [key: string]: Json } {
  const schema: { [key: string]: Json } = {
    fields: table.columns.map(fieldDescriptor),
    missingValues: [''],
    primaryKey: [...table.primaryKey],
  };
  if (table.foreignKeys.length) {
    schema.foreignKeys = table.foreignKeys.map((fk) => ({
      fields: [...fk.fields],
      reference: { resource: fk.resource === table.name ? '' : fk.resource, fields: [...fk.referenceFields] },
    }));
  }
  return {
    profile: 'tabular-data-resource',
    name: table.name,
    path: table.file,
    title: table.title,
    description: table.description,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: { ...DIALECT },
    schema,
  };
}

/** The data package descriptor for the tables. */
export function dataPackage(tables: readonly Table[]): { [key: string]: Json } {
  return {
    profile: 'tabular-data-package',
    name: 'defence-diplomacy-engagements',
    title: 'Defence-diplomacy engagements',
    description: [
      'Contacts between defence and security officials of two or more states (calls, visits, meetings, dialogues, signings, exercises, port calls), with their participants, topics, outcomes and the sources that report them, as tidy CSV tables generated from the curated records.',
      ...CONVENTIONS,
      'The data is licensed under CC-BY-4.0; the code that produces it is MIT-licensed.',
    ].join('\n\n'),
    licenses: [{ ...LICENSE }],
    keywords: ['defence diplomacy', 'military diplomacy', 'event data', 'CAMEO'],
    resources: tables.map(resourceDescriptor),
  };
}

/** The descriptor as the file content: 2-space JSON with a trailing newline. */
export function dataPackageJson(tables: readonly Table[]): string {
  return `${JSON.stringify(dataPackage(tables), null, 2)}\n`;
}
