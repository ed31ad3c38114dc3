// Every diagnostic code of loading and schema validation has a fixture folder under
// tests/fixtures/<CODE>/records whose files say, in `# expect` comments, which codes
// are reported where. Rule codes (RULE0xx) are tested beside each rule.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { checkDataset, LOAD_CODES, SCHEMA_CODES, type Diagnostic } from '@engagements/core';
import { describe, expect, it } from 'vitest';
import { expectationsIn, FIXTURES, ROOT, TODAY, type Expected } from './helpers.js';

const folders = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((e) => e.isDirectory() && (/^[A-Z]+\d{3}$/.test(e.name) || e.name === 'clean'))
  .map((e) => e.name)
  .sort();

/** Codes whose cases cannot be stored as readable files; generated.test.ts (and invisible.test.ts for YAML007) cover them. */
const GENERATED = new Set<string>([LOAD_CODES.unreadable, LOAD_CODES.notUtf8, LOAD_CODES.tooLarge, LOAD_CODES.tooManyRecords, LOAD_CODES.nulByte, LOAD_CODES.invisibleCharacter, SCHEMA_CODES.other]);

const loadOrSchema = (d: Diagnostic) => !d.code.startsWith('RULE');

function reduce(d: Diagnostic, withEnd: boolean): Expected {
  return { file: d.file, code: d.code, line: d.line, column: d.column, ...(withEnd ? { endLine: d.endLine, endColumn: d.endColumn } : {}) };
}

describe('diagnostic fixtures', () => {
  it('cover every code of loading and schema validation', () => {
    for (const code of [...Object.values(LOAD_CODES), ...Object.values(SCHEMA_CODES)]) {
      if (GENERATED.has(code)) continue;
      expect(folders, `tests/fixtures/${code}/ is missing`).toContain(code);
    }
  });

  for (const folder of folders) {
    it(`${folder}: reported at the expected places, and nothing else`, async () => {
      const recordsDir = path.join(FIXTURES, folder, 'records');
      const expected = expectationsIn(recordsDir, ROOT);
      if (folder !== 'clean') {
        expect(expected.length, 'a fixture folder states at least one expectation').toBeGreaterThan(0);
        expect(expected.every((e) => e.code === folder), `every expectation in ${folder}/ is a ${folder}`).toBe(true);
      }
      const { diagnostics } = await checkDataset({ recordsDir, cwd: ROOT, today: TODAY });
      const found = diagnostics.filter(loadOrSchema);
      // Compare the end of the span only where the fixture states it.
      const actual = found.map((d) => {
        const e = expected.find((x) => x.file === d.file && x.code === d.code && x.line === d.line && x.column === d.column);
        return reduce(d, e?.endLine !== undefined);
      });
      const sortKey = (e: Expected) => `${e.file}:${String(e.line).padStart(6, '0')}:${String(e.column).padStart(6, '0')}:${e.code}`;
      expect(actual.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))).toEqual(expected.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1)));
      for (const d of found) {
        expect(d.severity).toBe('error');
        expect(d.message.length, 'a message').toBeGreaterThan(10);
        expect(d.message, 'messages are one line').not.toMatch(/\n/);
        expect(d.endLine * 1e6 + d.endColumn, 'the span does not end before it starts').toBeGreaterThanOrEqual(d.line * 1e6 + d.column);
      }
    });
  }
});
