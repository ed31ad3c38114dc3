// The Frictionless data package describes the tables exactly: its fields are the header
// of every table, and every row meets the constraints, primary keys and foreign keys it
// declares, on the founding, real and generated datasets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outputText, type PublishedDataset } from '@engagements/core';
import { arbDataset } from '../support/arbitraries.js';
import { csvFiles, tables } from '@engagements/export-csv';
import { FOUNDING_RECORDS, loadPublished, loadSchemaValid, parseCsv, REAL_RECORDS } from './helpers.js';

interface Field {
  name: string;
  title: string;
  description: string;
  type: 'string' | 'integer' | 'boolean' | 'date';
  format?: string;
  constraints: { required: boolean; minLength?: number; maxLength?: number; minimum?: number; pattern?: string; enum?: string[] };
}
interface Resource {
  name: string;
  path: string;
  profile: string;
  format: string;
  mediatype: string;
  encoding: string;
  dialect: Record<string, unknown>;
  schema: { fields: Field[]; primaryKey: string[]; missingValues: string[]; foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[] };
}
interface Descriptor {
  profile: string;
  name: string;
  title: string;
  licenses: { name: string; path: string }[];
  resources: Resource[];
}

interface Loaded {
  descriptor: Descriptor;
  text: string;
  tables: Map<string, { header: string[]; rows: string[][] }>;
}

function load(dataset: PublishedDataset): Loaded {
  const files = csvFiles(dataset);
  const text = outputText(files.find((f) => f.path === 'csv/datapackage.json')!);
  const descriptor = JSON.parse(text) as Descriptor;
  const out = new Map<string, { header: string[]; rows: string[][] }>();
  for (const file of files) {
    if (!file.path.endsWith('.csv')) continue;
    const [header = [], ...rows] = parseCsv(outputText(file));
    out.set(file.path.slice('csv/'.length), { header, rows });
  }
  return { descriptor, text, tables: out };
}

const codePoints = (s: string): number => [...s].length;

function isCalendarDate(value: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Every violation of the descriptor by the tables, as readable lines. */
function violations({ descriptor, tables: data }: Loaded): string[] {
  const out: string[] = [];
  const byName = new Map(descriptor.resources.map((r) => [r.name, r]));
  const cellsOf = (resource: Resource, names: string[]): string[][] => {
    const table = data.get(resource.path)!;
    const idx = names.map((n) => table.header.indexOf(n));
    return table.rows.map((row) => idx.map((i) => row[i]!));
  };
  for (const resource of descriptor.resources) {
    const table = data.get(resource.path);
    if (!table) {
      out.push(`${resource.path}: missing`);
      continue;
    }
    table.rows.forEach((row, r) => {
      const where = `${resource.path}:${r + 2}`;
      if (row.length !== resource.schema.fields.length) out.push(`${where}: ${row.length} cells`);
      resource.schema.fields.forEach((field, i) => {
        const cell = row[i] ?? '';
        const c = field.constraints;
        if (cell === '') {
          if (c.required) out.push(`${where} ${field.name}: required but empty`);
          return;
        }
        if (field.type === 'integer' && !/^(0|-?[1-9][0-9]*)$/.test(cell)) out.push(`${where} ${field.name}: not an integer: ${cell}`);
        if (field.type === 'boolean' && cell !== 'true' && cell !== 'false') out.push(`${where} ${field.name}: not a boolean: ${cell}`);
        if (field.type === 'date' && !isCalendarDate(cell)) out.push(`${where} ${field.name}: not a date: ${cell}`);
        if (c.minimum !== undefined && Number(cell) < c.minimum) out.push(`${where} ${field.name}: below ${c.minimum}`);
        if (c.minLength !== undefined && codePoints(cell) < c.minLength) out.push(`${where} ${field.name}: shorter than ${c.minLength}`);
        if (c.maxLength !== undefined && codePoints(cell) > c.maxLength) out.push(`${where} ${field.name}: longer than ${c.maxLength}`);
        if (c.enum && !c.enum.includes(cell)) out.push(`${where} ${field.name}: ${cell} not in enum`);
        // Table Schema patterns are implicitly anchored.
        if (c.pattern !== undefined && !new RegExp(`^(?:${c.pattern})$`, 'u').test(cell)) out.push(`${where} ${field.name}: ${JSON.stringify(cell)} does not match ${c.pattern}`);
      });
    });
    const keys = cellsOf(resource, resource.schema.primaryKey).map((k) => JSON.stringify(k));
    if (new Set(keys).size !== keys.length) out.push(`${resource.path}: primary key ${resource.schema.primaryKey.join(', ')} repeated`);
    for (const fk of resource.schema.foreignKeys ?? []) {
      const target = fk.reference.resource === '' ? resource : byName.get(fk.reference.resource);
      if (!target) {
        out.push(`${resource.path}: foreign key to missing resource ${fk.reference.resource}`);
        continue;
      }
      const existing = new Set(cellsOf(target, fk.reference.fields).map((k) => JSON.stringify(k)));
      for (const value of cellsOf(resource, fk.fields)) {
        if (value.some((v) => v === '')) continue; // an absent reference is no reference
        if (!existing.has(JSON.stringify(value))) out.push(`${resource.path}: ${fk.fields.join(', ')} = ${value.join(', ')} not in ${target.name}`);
      }
    }
  }
  return out;
}

describe('datapackage.json', () => {
  it('lists every table once, with a path, format, media type, encoding and dialect', async () => {
    const { descriptor, tables: data } = load(await loadPublished(FOUNDING_RECORDS));
    expect(descriptor.profile).toBe('tabular-data-package');
    expect(descriptor.resources.map((r) => r.path).sort()).toEqual([...data.keys()].sort());
    for (const r of descriptor.resources) {
      expect(r).toMatchObject({ profile: 'tabular-data-resource', format: 'csv', mediatype: 'text/csv', encoding: 'utf-8' });
      expect(r.dialect).toMatchObject({ delimiter: ',', lineTerminator: '\n', quoteChar: '"', doubleQuote: true, header: true });
      expect(r.name).toMatch(/^[a-z0-9._-]+$/);
      expect(r.schema.missingValues).toEqual(['']);
    }
  });

  it('licenses the data under CC-BY-4.0', async () => {
    const { descriptor } = load(await loadPublished(FOUNDING_RECORDS));
    expect(descriptor.licenses).toEqual([expect.objectContaining({ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' })]);
  });

  it('is 2-space JSON with a trailing newline', async () => {
    const { text } = load(await loadPublished(FOUNDING_RECORDS));
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  it('has fields that match the header row of every table, in order', async () => {
    const { descriptor, tables: data } = load(await loadPublished(FOUNDING_RECORDS));
    for (const resource of descriptor.resources) {
      expect(data.get(resource.path)!.header, resource.name).toEqual(resource.schema.fields.map((f) => f.name));
    }
  });

  it('gives every field a title, a description, a type and whether it is required', async () => {
    const { descriptor } = load(await loadPublished(FOUNDING_RECORDS));
    for (const resource of descriptor.resources) {
      for (const field of resource.schema.fields) {
        expect(field.title, `${resource.name}.${field.name}`).toMatch(/\S/);
        expect(field.description, `${resource.name}.${field.name}`).toMatch(/\S/);
        expect(['string', 'integer', 'boolean', 'date']).toContain(field.type);
        expect(typeof field.constraints.required).toBe('boolean');
      }
    }
  });

  it('takes descriptions and allowed values from the schemas', async () => {
    const { descriptor } = load(await loadPublished(FOUNDING_RECORDS));
    const field = (resource: string, name: string): Field => descriptor.resources.find((r) => r.name === resource)!.schema.fields.find((f) => f.name === name)!;
    expect(field('participants', 'role').description).toBe('The part the participant played.');
    expect(field('participants', 'role').constraints.enum).toEqual(['principal', 'host', 'visitor', 'delegation-member', 'participating-unit', 'signatory', 'observer']);
    expect(field('engagements', 'date').type).toBe('date');
    expect(field('people', 'id').constraints.pattern).toBe('[a-z0-9]+(-[a-z0-9]+)*');
    expect(field('sources', 'url').format).toBe('uri');
  });

  it('declares the foreign keys of the references', async () => {
    const { descriptor } = load(await loadPublished(FOUNDING_RECORDS));
    const fks = descriptor.resources.flatMap((r) => (r.schema.foreignKeys ?? []).map((fk) => `${r.name}.${fk.fields.join('+')} -> ${fk.reference.resource || r.name}.${fk.reference.fields.join('+')}`));
    expect(fks).toEqual(
      expect.arrayContaining([
        'participants.person -> people.id',
        'participants.organization -> organizations.id',
        'sources.publisher -> organizations.id',
        'positions.organization -> organizations.id',
        'organizations.parent -> organizations.id',
        'engagements.initiator_person -> people.id',
        'outcome_sources.engagement_id+source_id -> sources.engagement_id+source_id',
        'related.related_engagement -> engagements.id',
      ]),
    );
    // Every reference names the primary key of its target.
    for (const r of descriptor.resources) {
      for (const fk of r.schema.foreignKeys ?? []) {
        const target = fk.reference.resource === '' ? r : descriptor.resources.find((t) => t.name === fk.reference.resource)!;
        expect(fk.reference.fields, `${r.name} -> ${target.name}`).toEqual(target.schema.primaryKey);
      }
    }
  });

  it('holds on the founding dataset: constraints, primary keys, every foreign key value exists', async () => {
    expect(violations(load(await loadPublished(FOUNDING_RECORDS)))).toEqual([]);
  });

  it('holds on the real records/ dataset', async () => {
    const { dataset, errors } = await loadSchemaValid(REAL_RECORDS);
    // Foreign keys rest on the reference rules; other rule errors in records/ do not matter here.
    const blocking = errors.filter((e) => !/ RULE(?!003|004|010|018)\d{3} /.test(e));
    expect(blocking, 'records/ has errors that break references').toEqual([]);
    expect(violations(load(dataset))).toEqual([]);
  });

  it('is checked for real: a missing person, a bad enum value and a repeated key are found', async () => {
    const loaded = load(await loadPublished(FOUNDING_RECORDS));
    const people = loaded.tables.get('people.csv')!;
    people.rows = people.rows.filter((row) => row[0] !== 'kono-taro');
    const participants = loaded.tables.get('participants.csv')!;
    participants.rows[0]![participants.header.indexOf('role')] = 'emperor';
    const topics = loaded.tables.get('topics.csv')!;
    topics.rows.push([...topics.rows[0]!]);
    const found = violations(loaded);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining('participants.csv: person = kono-taro not in people'),
        expect.stringContaining('role: emperor not in enum'),
        expect.stringContaining('topics.csv: primary key engagement_id, topic_index repeated'),
      ]),
    );
  });

  it('holds on generated datasets', () => {
    fc.assert(
      fc.property(arbDataset({ hostile: true }), (dataset) => {
        expect(violations(load(dataset))).toEqual([]);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('is generated from the table definitions', async () => {
    const { descriptor } = load(await loadPublished(FOUNDING_RECORDS));
    expect(descriptor.resources.map((r) => r.name)).toEqual(tables.map((t) => t.name));
    for (const table of tables) {
      const resource = descriptor.resources.find((r) => r.name === table.name)!;
      expect(resource.schema.fields.map((f) => f.name)).toEqual(table.columns.map((c) => c.name));
      expect(resource.schema.primaryKey).toEqual(table.primaryKey);
    }
  });
});
