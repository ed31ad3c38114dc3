// Fuzzing loading and schema validation with random mutations of real, valid records
// (every file of records/): whatever a mutation does, the loader and the validator never
// throw or hang, and give either a valid record or well-formed, located diagnostics. Where
// the fast path (js-yaml) accepts a mutated text, the full YAML 1.2 parser must read the
// same value: the fast path's contract, on inputs close to real ones.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { findRecordFiles, loadRecordFile, parseRecordText, recordKindOf, validateRecord, type Diagnostic } from '@engagements/core';
// Not exported by the package: the fast path is an internal of loading.
import { fastLoad } from '../../packages/core/src/load/fastParse.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { wellFormed, ROOT } from '../hostile/harness.js';
import { timed } from './checks.js';
import { arbMutated } from './mutations.js';
import { fuzzParameters, fuzzTimeout, RUN_BUDGET_MS } from './settings.js';

const RECORDS = path.join(ROOT, 'records');
/** Where the mutated files pretend to be: the loader reads the bytes it is given, not the disk. */
const VIRTUAL_RECORDS = path.join(ROOT, 'tests/fuzz/.virtual/records');

let seeds: { file: string; text: string }[] = [];

beforeAll(async () => {
  const files = await findRecordFiles(RECORDS);
  seeds = files.map((f) => ({ file: path.relative(RECORDS, f).split(path.sep).join('/'), text: readFileSync(f, 'utf8') }));
  expect(seeds.length).toBeGreaterThan(10);
});

async function loadAndValidate(file: string, text: string): Promise<{ diagnostics: Diagnostic[]; valid: boolean }> {
  const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
  const loaded = await loadRecordFile(path.join(VIRTUAL_RECORDS, file), { recordsDir: VIRTUAL_RECORDS, cwd: path.dirname(VIRTUAL_RECORDS), bytes });
  const diagnostics = [...loaded.diagnostics];
  if (loaded.record && !loaded.record.valid) diagnostics.push(...validateRecord(loaded.record));
  return { diagnostics, valid: loaded.record?.valid ?? false };
}

describe('fuzz: mutated records through loading and schema validation', () => {
  it('never throw or hang; valid, or well-formed located diagnostics', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constant(null).chain(() => arbMutated(seeds)), async ({ file, text }) => {
        const started = performance.now();
        const { diagnostics, valid } = await loadAndValidate(file, text);
        const ms = performance.now() - started;
        expect(ms).toBeLessThan(RUN_BUDGET_MS);
        // Either a clean pass or at least one error, never an invalid record without a word.
        expect(valid || diagnostics.some((d) => d.severity === 'error')).toBe(true);
        if (valid) expect(diagnostics).toEqual([]);
        const contents = new Map([[file, new Uint8Array(Buffer.from(text, 'utf8'))]]);
        expect(wellFormed(diagnostics, contents)).toEqual([]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      fuzzParameters(),
    );
  }, fuzzTimeout(20));

  it('the fast path accepts a mutated record only when the full parser reads the same value', () => {
    fc.assert(
      fc.property(fc.constant(null).chain(() => arbMutated(seeds)), ({ file, text }) => {
        const kind = recordKindOf(path.join(VIRTUAL_RECORDS, file))!;
        const { value: fast, ms } = timed(() => fastLoad(text, kind));
        expect(ms).toBeLessThan(RUN_BUDGET_MS);
        if (fast === undefined) return;
        const full = parseRecordText(text);
        expect(full.ok, `the full parser rejects what the fast path accepted:\n${text}`).toBe(true);
        if (full.ok) expect(fast).toEqual(full.value);
      }),
      fuzzParameters(),
    );
  }, fuzzTimeout(10));
});
