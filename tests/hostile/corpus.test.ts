// Runs the hostile-input corpus (cases.ts): every case must give exactly the expected
// diagnostics (code, line, column) over the whole dataset, well-formed, quickly, without
// an exception, and without touching Object.prototype.
import { describe, expect, it } from 'vitest';
import { CASES } from './cases.js';
import { checkFiles, wellFormed } from './harness.js';

/** Generous for a slow CI machine; the slowest case takes about a second here. */
const CASE_BUDGET_MS = 10_000;

/**
 * What is expected but missing and what is reported but unexpected (as multisets), at most
 * 20 of each: vitest's diff of two arrays of 20,000 lines would take minutes.
 */
function difference(actual: string[], expected: string[]): { missing: string[]; unexpected: string[] } {
  const counts = new Map<string, number>();
  for (const a of actual) counts.set(a, (counts.get(a) ?? 0) + 1);
  const missing: string[] = [];
  for (const e of expected) {
    const n = counts.get(e) ?? 0;
    if (n === 0) missing.push(e);
    else counts.set(e, n - 1);
  }
  const unexpected = [...counts].flatMap(([a, n]) => Array<string>(n).fill(a));
  return { missing: missing.slice(0, 20), unexpected: unexpected.slice(0, 20) };
}

describe('hostile-input corpus', () => {
  it('has at least 50 cases, each with a unique name', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it('starts from a base dataset that is clean', async () => {
    const run = await checkFiles({});
    expect(run.diagnostics).toEqual([]);
  });

  for (const c of CASES) {
    it(`${c.group}: ${c.name}`, async () => {
      const run = await checkFiles(c.files, { remove: c.remove });
      const defaultFile = Object.keys(c.files)[0];
      const actual = run.diagnostics.map((d) => `${d.file.replace(/^records\//, '')} ${d.code} ${d.line}:${d.column}`);
      const expected = c.expect.map((e) => `${e.file ?? defaultFile} ${e.code} ${e.line}:${e.column}`);
      expect(difference(actual, expected)).toEqual({ missing: [], unexpected: [] });
      expect(wellFormed(run.diagnostics, run.contents)).toEqual([]);
      expect(run.ms).toBeLessThan(CASE_BUDGET_MS);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    }, CASE_BUDGET_MS * 3);
  }

  it('a record that fails to parse does not also make every reference to it RULE003', async () => {
    const run = await checkFiles({ 'organizations/ispr.yaml': 'id: ispr\nname: "Inter-Services Public Relations\nkind: media-wing\n' });
    const codes = run.diagnostics.map((d) => d.code);
    expect(codes).toContain('YAML001');
    expect(codes).not.toContain('RULE003');
  });

  it('left Object.prototype untouched after every case', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(
      ['__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', '__proto__', 'constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf'].sort(),
    );
  });
});
