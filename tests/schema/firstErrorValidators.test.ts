import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { firstErrorValidators, validators, type RecordKind } from '@engagements/schema';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { asEnums, lengthsFromUnits, withoutRedundantPropertyNames } from '../../packages/schema/scripts/generate.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const FOLDERS: Record<string, RecordKind> = { engagements: 'engagement', people: 'person', organizations: 'organization' };

function recordsOf(folder: string): unknown[] {
  const dir = path.join(root, 'records', folder);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
  return files.map((f) => jsYaml.load(readFileSync(path.join(dir, f), 'utf8'), { schema: jsYaml.CORE_SCHEMA }));
}

/** Values that break a record in the ways the first-error validators' schema differs from the published one (vocabularies) and others. */
function broken(record: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') out.push({ ...record, [key]: `${value}x` }, { ...record, [key]: 7 });
    if (Array.isArray(value) && value.length > 0) {
      out.push({ ...record, [key]: [...value, value[0]] });
      if (typeof value[0] === 'string') out.push({ ...record, [key]: [`${value[0]}x`] });
    }
  }
  // A merge key, at the top and inside the first mapping of a list: refused by propertyNames in the published schema, by additionalProperties in the first-error one.
  out.push({ ...record, '<<': { id: 'x' } });
  const list = Object.entries(record).find(([, value]) => Array.isArray(value) && value[0] !== null && typeof value[0] === 'object');
  if (list) out.push({ ...record, [list[0]]: [{ ...(list[1] as object[])[0], '<<': 1 }, ...(list[1] as unknown[]).slice(1)] });
  // Lengths around the limits, in code units and in code points (an astral character is two units, one code point).
  if (typeof record.title === 'string') out.push({ ...record, title: '😀'.repeat(500) }, { ...record, title: '😀'.repeat(501) }, { ...record, title: 'a'.repeat(501) }, { ...record, title: '' }, { ...record, title: '😀' });
  if (typeof record.name === 'string') out.push({ ...record, name: '😀'.repeat(500) }, { ...record, name: '😀'.repeat(501) }, { ...record, name: '' });
  out.push({ ...record, unknown_field: 1 }, { ...record, medium: 'vidoe' }, { ...record, engagement_type: ['visit'] }, { ...record, topics: ['maritime-security', 'not-a-topic'] });
  return out;
}

describe('first-error validators', () => {
  it('give the same answer as the allErrors validators, on every record and on broken copies', () => {
    let rejected = 0;
    for (const [folder, kind] of Object.entries(FOLDERS)) {
      for (const record of recordsOf(folder)) {
        expect(firstErrorValidators[kind](record)).toBe(true);
        expect(validators[kind](record)).toBe(true);
        for (const value of broken(record as Record<string, unknown>)) {
          const answer = validators[kind](value);
          expect(firstErrorValidators[kind](value), JSON.stringify(value).slice(0, 200)).toBe(answer);
          if (!answer) rejected++;
        }
      }
    }
    expect(rejected).toBeGreaterThan(100);
  });

  it('write a oneOf of distinct constants as an enum, and nothing else', () => {
    const terms = { type: 'string', title: 'T', oneOf: [{ const: 'a', title: 'A' }, { const: 'b', description: 'B' }] };
    expect(asEnums({ properties: { x: terms } })).toEqual({ properties: { x: { type: 'string', title: 'T', enum: ['a', 'b'] } } });
    // Repeated constants make the oneOf reject them (two branches match): kept as it is.
    const repeated = { oneOf: [{ const: 'a' }, { const: 'a' }] };
    expect(asEnums(repeated)).toEqual(repeated);
    // A branch with a constraint besides the constant is no term of a vocabulary.
    const mixed = { oneOf: [{ const: 'a' }, { type: 'string', minLength: 3 }] };
    expect(asEnums(mixed)).toEqual(mixed);
  });

  it('leave out a propertyNames only where additionalProperties: false already refuses every name it refuses', () => {
    const base = 'https://example.org/s.json';
    const names = { type: 'string', pattern: '^(?!<<$)' };
    const schema = (node: object) => [{ file: 's.json', schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: base, $defs: { Name: names }, ...node } }];
    const first = (node: object) => withoutRedundantPropertyNames(schema(node))[0].schema;
    // Redundant: every declared name passes, and no other name is allowed.
    expect(first({ type: 'object', additionalProperties: false, properties: { a: {} }, propertyNames: { $ref: '#/$defs/Name' } })).not.toHaveProperty('propertyNames');
    expect(first({ type: 'object', additionalProperties: false, properties: { a: {} }, propertyNames: names })).not.toHaveProperty('propertyNames');
    // Kept: other names are allowed, or some are allowed by a pattern, or a declared name fails it, or the subschema refers further.
    const kept = [
      { type: 'object', properties: { a: {} }, propertyNames: names },
      { type: 'object', additionalProperties: false, patternProperties: { '^x': {} }, properties: { a: {} }, propertyNames: names },
      { type: 'object', additionalProperties: false, properties: { '<<': {} }, propertyNames: names },
      { type: 'object', additionalProperties: false, properties: { a: {} }, propertyNames: { allOf: [{ $ref: '#/$defs/Name' }] } },
    ];
    for (const node of kept) expect(first(node)).toHaveProperty('propertyNames');
  });

  it('answer maxLength and minLength from the length in code units when that decides it, and count code points otherwise', () => {
    const code = 'var func9 = require_ucs2length().default;\nif (func9(data1) > 500) a();\nif (func9(data2) < 1) b();\nif (func9(data3) > 2e3) c();';
    expect(lengthsFromUnits(code)).toBe(
      'var func9 = require_ucs2length().default;\nif ((data1.length > 500 && func9(data1) > 500)) a();\nif ((data2.length < 2 && func9(data2) < 1)) b();\nif ((data3.length > 2e3 && func9(data3) > 2e3)) c();',
    );
    // A use it does not know how to rewrite stops the generator instead of staying slow or wrong.
    expect(() => lengthsFromUnits('var func9 = require_ucs2length().default;\nconst n = func9(data1);')).toThrow('ucs2length is used 1 times');
  });

  it('are not generated for schemas that use dynamic references or unevaluated properties, which they leave out', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'engagements-first-'));
    cpSync(path.join(root, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
    const file = path.join(dir, 'schemas/person.schema.json');
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...schema, unevaluatedProperties: false }, null, 2));
    const result = spawnSync(process.execPath, [path.join(root, 'packages/schema/scripts/generate.mjs'), '--check', '--schemas', path.join(dir, 'schemas'), '--out', path.join(dir, 'generated')], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('the schemas use unevaluatedProperties: the first-error validators cannot leave out');
  });

  it("count a string's length as Ajv's runtime helper does, which the generated validators replace", () => {
    const require = createRequire(import.meta.url);
    const ajvLength = require('ajv/dist/runtime/ucs2length').default as (s: string) => number;
    const ours = require('../../packages/schema/scripts/ucs2length.cjs').default as (s: string) => number;
    // Lone, paired and reversed surrogates, astral characters, text of every plane.
    const unit = fc.oneof(fc.constantFrom('\uD83D', '\uDE00', '\uD83D\uDE00', 'a', 'é'), fc.string({ unit: 'binary', maxLength: 3 }));
    fc.assert(fc.property(fc.array(unit, { maxLength: 30 }).map((parts) => parts.join('')), (text) => ours(text) === ajvLength(text)), { numRuns: 5000 });
    expect(ours('a\uD83D\uDE00\uD83D')).toBe(3);
  });
});
