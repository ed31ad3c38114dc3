import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { rules } from './index.js';
import { baseFiles, datasetFromYaml } from './testing.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('the rule registry', () => {
  it('lists the rules in code order, with unique stable codes', () => {
    const codes = rules.map((r) => r.code);
    expect(codes).toEqual(Array.from({ length: rules.length }, (_, i) => `RULE${String(i + 1).padStart(3, '0')}`));
  });

  it('has one file and one test beside it per rule, named after the rule', () => {
    for (const rule of rules) {
      expect(rule.name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(fs.existsSync(path.join(here, `${rule.name}.ts`)), `${rule.name}.ts`).toBe(true);
      expect(fs.existsSync(path.join(here, `${rule.name}.test.ts`)), `${rule.name}.test.ts`).toBe(true);
      expect(rule.description.length).toBeGreaterThan(40);
      if (rule.scope === 'record') expect(rule.kinds.length).toBeGreaterThan(0);
    }
  });

  it('documents every rule in README.md with its severity', () => {
    const readme = fs.readFileSync(path.join(here, 'README.md'), 'utf8');
    for (const rule of rules) expect(readme).toMatch(new RegExp(`\\| ${rule.code} \\| ${rule.name} \\| ${rule.severity} \\|`));
  });

  it('passes the founding record and its people and organizations with every rule', async () => {
    expect(await datasetFromYaml(baseFiles(), rules)).toEqual([]);
  });
});
