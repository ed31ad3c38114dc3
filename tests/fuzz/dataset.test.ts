// Fuzzing the whole check (loading, schema validation and every rule) with one record of
// a small valid dataset mutated at random: never a throw or a hang, and every diagnostic
// well-formed and located inside the file it names. Fewer runs than the other fuzz tests:
// each one checks a whole dataset.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { checkDataset } from '@engagements/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_FILES, copyBase, TODAY, wellFormed } from '../hostile/harness.js';
import { arbMutated } from './mutations.js';
import { fuzzParameters, fuzzTimeout, RUN_BUDGET_MS } from './settings.js';

const SHARE = 0.1;
let cwd = '';
let records = '';
const originals = new Map<string, string>();

beforeAll(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'engagements-fuzz-'));
  records = copyBase(cwd);
  for (const file of BASE_FILES) originals.set(file, readFileSync(path.join(records, file), 'utf8'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('fuzz: a mutated record in a dataset, through checkDataset with every rule', () => {
  it('the base dataset is clean', async () => {
    const result = await checkDataset({ recordsDir: 'records', cwd, today: TODAY });
    expect(result.diagnostics).toEqual([]);
  });

  it('never throws or hangs; diagnostics are well-formed', async () => {
    const seeds = [...originals].map(([file, text]) => ({ file, text }));
    await fc.assert(
      fc.asyncProperty(arbMutated(seeds), async ({ file, text }) => {
        const target = path.join(records, file);
        writeFileSync(target, text);
        try {
          const started = performance.now();
          const result = await checkDataset({ recordsDir: 'records', cwd, today: TODAY });
          expect(performance.now() - started).toBeLessThan(RUN_BUDGET_MS);
          const contents = new Map([...originals].map(([f, t]) => [f, new Uint8Array(Buffer.from(f === file ? text : t, 'utf8'))]));
          expect(wellFormed(result.diagnostics, contents)).toEqual([]);
          if (text === originals.get(file)) expect(result.diagnostics).toEqual([]);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        } finally {
          writeFileSync(target, originals.get(file)!);
        }
      }),
      fuzzParameters(SHARE),
    );
  }, fuzzTimeout(300, SHARE));
});
