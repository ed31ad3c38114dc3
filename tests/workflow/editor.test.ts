// Editor support: the schema line in every record and the VS Code settings point the YAML
// extension at the same JSON Schemas that validation (and so CI) enforces.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findRecordFiles, KIND_FOLDERS, recordKindOf, schemaLine } from '@engagements/core';
import { publishedSchema, schemas, type RecordKind } from '@engagements/schema';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const KINDS = Object.keys(KIND_FOLDERS) as RecordKind[];
const recordsDir = path.join(ROOT, 'records');
const schemaFile = (kind: RecordKind) => path.join(ROOT, 'schemas', `${kind}.schema.json`);
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

describe('schema lines', () => {
  it('every record starts with the schema line of its kind, which points at the schema validation uses', async () => {
    const files = await findRecordFiles(recordsDir);
    expect(files.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const file of files) {
      const kind = recordKindOf(file);
      const first = readFileSync(file, 'utf8').split('\n')[0]!;
      const relative = path.relative(ROOT, file);
      if (!kind) {
        wrong.push(`${relative}: not in a folder of a record kind`);
        continue;
      }
      if (first !== `#${schemaLine(kind)}`) {
        wrong.push(`${relative}: first line is ${JSON.stringify(first)} (run npx engagements fmt)`);
        continue;
      }
      const target = path.resolve(path.dirname(file), first.replace(/^# yaml-language-server: \$schema=/, ''));
      if (target !== schemaFile(kind)) wrong.push(`${relative}: the schema line points at ${target}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the schema files exist and are the schemas the validators were generated from, less the published $id', () => {
    for (const kind of KINDS) {
      expect(existsSync(schemaFile(kind)), schemaFile(kind)).toBe(true);
      const raw = readJson(schemaFile(kind)) as Record<string, unknown>;
      // No $id in the file: the editor resolves its $refs against the file's own location.
      expect(raw).not.toHaveProperty('$id');
      expect(publishedSchema(`${kind}.schema.json`, raw), kind).toEqual(schemas[`${kind}.schema.json`]);
    }
  });
});

describe('.vscode', () => {
  const settings = readJson(path.join(ROOT, '.vscode/settings.json')) as { 'yaml.schemas'?: Record<string, string | string[]>; [key: string]: unknown };

  it('maps each records folder to the schema of its kind, and to nothing else', async () => {
    const mapping = settings['yaml.schemas'] ?? {};
    const files = await findRecordFiles(recordsDir);
    for (const kind of KINDS) {
      const entries = Object.entries(mapping).filter(([schema]) => path.resolve(ROOT, schema) === schemaFile(kind));
      expect(entries, `one yaml.schemas entry for ${kind}`).toHaveLength(1);
      const patterns = ([] as string[]).concat(entries[0]![1]);
      // The patterns cover exactly the records of this kind.
      const matched = (await glob(patterns, { cwd: ROOT, absolute: true })).map((f) => path.resolve(f)).sort();
      const expected = files.filter((f) => recordKindOf(f) === kind);
      expect(matched, `${kind}: ${patterns.join(', ')}`).toEqual(expected);
      for (const pattern of patterns) expect(pattern.startsWith(`records/${KIND_FOLDERS[kind]}/`), pattern).toBe(true);
    }
    // No entry points at a file that does not exist or at another schema.
    for (const schema of Object.keys(mapping)) expect(KINDS.map(schemaFile)).toContain(path.resolve(ROOT, schema));
  });

  it('turns on validation and completion, and keeps the editor from reformatting records', () => {
    expect(settings['yaml.validate']).toBe(true);
    expect(settings['yaml.completion']).toBe(true);
    // The canonical form is `engagements fmt`'s; the extension's formatter would fight it.
    expect(settings['yaml.format.enable']).toBe(false);
    expect(settings['files.eol']).toBe('\n');
  });

  it('recommends the YAML extension that reads the schema lines', () => {
    const extensions = readJson(path.join(ROOT, '.vscode/extensions.json')) as { recommendations: string[] };
    expect(extensions.recommendations).toContain('redhat.vscode-yaml');
  });
});
