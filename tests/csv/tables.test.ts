// tables.ts is the one mapping of schema fields to CSV columns: every field of every
// record schema has a column (or a table, for lists of objects), no field has two, and
// the vocabularies table carries every vocabulary of the schemas.
import { describe, expect, it } from 'vitest';
import { vocabularies } from '@engagements/schema';
import { columnsCarrying, schemaFields, tableOfList, tables, vocabularyList, type RecordKind } from '@engagements/export-csv';

const KINDS: RecordKind[] = ['engagement', 'person', 'organization'];

describe('tables.ts', () => {
  it.each(KINDS)('carries every field of the %s schema', (kind) => {
    const missing: string[] = [];
    for (const field of schemaFields(kind)) {
      const isList = field.info.type === 'array';
      if (field.container) {
        if (isList && !tableOfList(kind, field.path)) missing.push(`${field.path}: no table for its items`);
        continue; // an object's own fields are checked one by one
      }
      if (columnsCarrying(kind, field.path).length === 0) missing.push(field.path);
    }
    expect(missing).toEqual([]);
  });

  it.each(KINDS)('carries each %s field in one column only (list lengths aside)', (kind) => {
    for (const field of schemaFields(kind)) {
      const carriers = columnsCarrying(kind, field.path).filter(({ column }) => column.role !== 'count');
      expect(carriers.length, field.path).toBeLessThanOrEqual(1);
    }
  });

  it.each(KINDS)('has a count column for every top-level list of a %s', (kind) => {
    for (const field of schemaFields(kind)) {
      if (field.depth > 0 || field.info.type !== 'array') continue;
      expect(columnsCarrying(kind, field.path).some(({ column }) => column.role === 'count'), field.path).toBe(true);
    }
  });

  it('names unique tables with unique columns, and keys that exist', () => {
    expect(new Set(tables.map((t) => t.name)).size).toBe(tables.length);
    for (const table of tables) {
      const names = table.columns.map((c) => c.name);
      expect(new Set(names).size, table.name).toBe(names.length);
      for (const key of table.primaryKey) expect(names, table.name).toContain(key);
      for (const fk of table.foreignKeys) {
        const target = tables.find((t) => t.name === fk.resource);
        expect(target, `${table.name} -> ${fk.resource}`).toBeDefined();
        for (const f of fk.referenceFields) expect(target!.columns.map((c) => c.name)).toContain(f);
      }
    }
  });

  it('lists every vocabulary of the schemas with the same terms', () => {
    for (const [id, vocabulary] of Object.entries(vocabularies)) {
      const listed = vocabularyList.find((v) => v.id === id);
      expect(listed, id).toBeDefined();
      expect(listed!.terms).toEqual(vocabulary.terms);
      expect(listed!.description).toBe(vocabulary.definition);
    }
    expect(vocabularyList.map((v) => v.id)).toEqual(expect.arrayContaining(['date-precision', 'confidence-level', 'relation']));
  });

  it('maps nested fields to their tables', () => {
    const where = (kind: RecordKind, path: string): string[] => columnsCarrying(kind, path).map(({ table, column }) => `${table.name}.${column.name}`);
    expect(where('engagement', 'participants[].role')).toEqual(['participants.role']);
    expect(where('engagement', 'outcomes[].sources')).toEqual(['outcome_sources.source_id']);
    expect(where('engagement', 'initiator.country')).toEqual(['engagements.initiator_country']);
    expect(where('engagement', 'topics')).toEqual(['engagements.topic_count', 'topics.topic']);
    expect(where('person', 'positions[].end')).toEqual(['positions.end']);
    expect(where('organization', 'aliases')).toEqual(['organizations.alias_count', 'organization_aliases.alias']);
  });
});
