import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
