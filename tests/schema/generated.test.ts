import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publishedSchema, SCHEMA_BASE_IRI, schemas } from '@engagements/schema';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const generator = path.join(root, 'packages/schema/scripts/generate.mjs');
const generated = path.join(root, 'packages/schema/src/generated');

function generate(...args: string[]) {
  return spawnSync(process.execPath, [generator, ...args], { cwd: root, encoding: 'utf8' });
}

describe('generated types and validators', () => {
  it('are up to date with the schemas', () => {
    const result = generate('--check');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('are reported stale when a schema changes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'engagements-gen-'));
    cpSync(path.join(root, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
    cpSync(generated, path.join(dir, 'generated'), { recursive: true });
    const file = path.join(dir, 'schemas/vocabularies/medium.schema.json');
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    schema.oneOf.push({ const: 'carrier-pigeon', title: 'Carrier pigeon', description: 'A test term.' });
    writeFileSync(file, JSON.stringify(schema, null, 2));
    const result = generate('--check', '--schemas', path.join(dir, 'schemas'), '--out', path.join(dir, 'generated'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/stale: .*types\.ts/);
    expect(result.stderr).toMatch(/validators\.ts/);
  });

  it('turn vocabularies into literal unions without index signatures', () => {
    const types = readFileSync(path.join(generated, 'types.ts'), 'utf8');
    expect(types).toMatch(/export type Medium = 'in-person' \| 'video' \| 'telephone' \| 'written' \| 'mixed';/);
    expect(types).not.toMatch(/\[k: string\]/);
    expect(types).toMatch(/export interface Engagement \{/);
  });
});

describe('schema identifiers', () => {
  const files = readdirSync(path.join(root, 'schemas'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();

  it('the files in schemas/ carry no $id; the published schemas carry https://w3id.org/engagements/schemas/<file>', () => {
    expect(files).toHaveLength(Object.keys(schemas).length);
    expect(SCHEMA_BASE_IRI).toBe('https://w3id.org/engagements/schemas/');
    for (const file of files) {
      const raw = JSON.parse(readFileSync(path.join(root, 'schemas', file), 'utf8')) as Record<string, unknown>;
      expect(raw, file).not.toHaveProperty('$id');
      const published = schemas[file as keyof typeof schemas] as Record<string, unknown>;
      expect(published.$id).toBe(`https://w3id.org/engagements/schemas/${file}`);
      // $schema, then $id, then the file's own keys in its order: the same rule in the generator and in publishedSchema.
      expect(Object.keys(published)).toEqual(['$schema', '$id', ...Object.keys(raw).filter((k) => k !== '$schema')]);
      expect(publishedSchema(file, raw)).toEqual(published);
      // A revision from before the files dropped $id reads the same.
      expect(publishedSchema(file, { ...raw, $id: 'https://example.org/old' })).toEqual(published);
    }
  });

  it('the generator refuses a schema file with an $id, naming the file and the published $id', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'engagements-gen-'));
    cpSync(path.join(root, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
    const file = path.join(dir, 'schemas/vocabularies/medium.schema.json');
    const { $schema, ...rest } = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ $schema, $id: 'https://w3id.org/engagements/schemas/vocabularies/medium.schema.json', ...rest }, null, 2));
    const result = generate('--check', '--schemas', path.join(dir, 'schemas'), '--out', path.join(dir, 'generated'));
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'generate: schemas/vocabularies/medium.schema.json has an $id: remove it (the published $id is https://w3id.org/engagements/schemas/vocabularies/medium.schema.json, set by the build)\n',
    );
  });
});
