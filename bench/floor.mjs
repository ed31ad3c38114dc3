#!/usr/bin/env node
// The floor: the least work any validator must do, in one process: find the files, read
// them, parse them (js-yaml core schema) and validate each with the precompiled validator.
// Nothing else: no positions, no rules, no report. Prints the ids of invalid records.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { glob } from 'tinyglobby';
import { validators } from '@engagements/schema';

const recordsDir = path.resolve(process.argv[2] ?? 'records');
const kinds = { engagements: 'engagement', people: 'person', organizations: 'organization' };
const files = await glob('**/*.yaml', { cwd: recordsDir, absolute: true });
const invalid = [];
await Promise.all(
  files.map(async (file) => {
    const kind = kinds[path.relative(recordsDir, file).split(path.sep)[0]];
    const value = jsYaml.load(readFileSync(file, 'utf8'), { schema: jsYaml.CORE_SCHEMA });
    if (!validators[kind](value)) invalid.push(value.id);
  }),
);
console.log(JSON.stringify({ files: files.length, invalid: invalid.sort() }));
