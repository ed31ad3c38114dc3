// The shared arbitraries (tests/support/arbitraries.ts) keep their promises: every record
// is schema-valid, and a generated dataset passes the whole check (schema and every rule)
// without errors, so tests built on them exercise valid data only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDataset, INVISIBLE } from '@engagements/core';
import { arbDataset, arbEngagement, arbLongText, arbOrganization, arbPerson, arbText, type ArbitraryDataset } from '../support/arbitraries.js';
import { schemaErrors } from './helpers.js';

const RUNS = { seed: 42, numRuns: 100 } as const;

/** Writes a dataset as record files (JSON is YAML 1.2) and checks it like `engagements validate`. */
async function checkGenerated(dataset: ArbitraryDataset): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engagements-arb-'));
  try {
    const write = (relative: string, data: unknown): void => {
      const file = path.join(dir, 'records', relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // JSON is YAML; characters that cannot be seen (the no-break spaces of the clean
      // pieces) are written as escapes, as a curator must write them (YAML007 otherwise).
      const json = JSON.stringify(data, null, 2).replace(new RegExp(INVISIBLE.source, 'gu'), (c) => c.split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''));
      fs.writeFileSync(file, `${json}\n`);
    };
    for (const e of dataset.engagements) write(`engagements/${e.date.slice(0, 4)}/${e.id}.yaml`, e);
    for (const p of dataset.people) write(`people/${p.id}.yaml`, p);
    for (const o of dataset.organizations) write(`organizations/${o.id}.yaml`, o);
    const result = await checkDataset({ recordsDir: 'records', cwd: dir, today: '2026-01-01' });
    return result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('arbitraries', () => {
  it('generate schema-valid people, organizations and engagements', () => {
    fc.assert(
      fc.property(arbPerson(), arbOrganization(), arbEngagement(), arbPerson({ hostile: true }), arbOrganization({ hostile: true }), arbEngagement({ hostile: true }), (p, o, e, hp, ho, he) => {
        expect(schemaErrors({ engagements: [e, he], people: [p, hp], organizations: [o, ho] })).toEqual([]);
      }),
      RUNS,
    );
  });

  it('generate schema-valid datasets of plain objects sorted by id, hostile text included', () => {
    const plain = (value: unknown): boolean =>
      Array.isArray(value)
        ? value.every(plain)
        : value === null || typeof value !== 'object'
          ? true
          : Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every((v) => v !== undefined && plain(v));
    fc.assert(
      fc.property(arbDataset({ hostile: true }), (dataset) => {
        expect(schemaErrors(dataset)).toEqual([]);
        expect(plain(dataset)).toBe(true);
        for (const list of [dataset.engagements, dataset.people, dataset.organizations]) {
          expect(list.map((r) => r.id)).toEqual(list.map((r) => r.id).sort());
        }
      }),
      RUNS,
    );
  });

  it('generate datasets that pass every rule (default, clean text)', async () => {
    await fc.assert(
      fc.asyncProperty(arbDataset(), async (dataset) => {
        expect(await checkGenerated(dataset)).toEqual([]);
      }),
      { seed: 42, numRuns: Number(process.env.ARB_RUNS ?? 25) },
    );
  });

  it('put formula starters, quotes, commas and line breaks into text', () => {
    const texts = fc.sample(arbText(), { seed: 42, numRuns: 300 });
    expect(texts.some((t) => /^[=+\-@]/.test(t))).toBe(true);
    expect(texts.some((t) => t.includes('"'))).toBe(true);
    expect(texts.some((t) => t.includes(','))).toBe(true);
    const long = fc.sample(arbLongText(), { seed: 42, numRuns: 300 });
    expect(long.some((t) => t.includes('\n'))).toBe(true);
    const hostile = fc.sample(arbLongText({ hostile: true }), { seed: 42, numRuns: 300 });
    expect(hostile.some((t) => /\r|\u0000|\t/.test(t))).toBe(true);
  });
});
