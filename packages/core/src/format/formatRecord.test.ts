import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findRecordFiles } from '../check.js';
import { recordKindOf } from '../load/recordKind.js';
import { formatRecord } from './formatRecord.js';

const recordsDir = path.resolve(import.meta.dirname, '../../../../records');

function fmt(text: string, kind: 'engagement' | 'person' | 'organization' = 'organization'): string {
  const result = formatRecord(text, kind);
  if (!result.ok) throw new Error(result.reason);
  return result.text;
}

describe('formatRecord', () => {
  it('is idempotent and keeps the data of every record in the repository', async () => {
    const files = await findRecordFiles(recordsDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const once = fmt(text, recordKindOf(file)!);
      expect(fmt(once, recordKindOf(file)!), file).toBe(once);
      expect(parse(once), file).toEqual(parse(text));
    }
  });

  it('orders keys as the schema does and keeps unknown keys last, in written order', () => {
    const out = fmt('zeta: 1\nkind: ministry\nalpha: 2\nname: X\nid: x-y\n');
    expect(out.split('\n').slice(1, 6)).toEqual(['id: x-y', 'name: X', 'kind: ministry', 'zeta: 1', 'alpha: 2']);
  });

  it('writes the schema line first, exactly once, pointing at the schema CI enforces', () => {
    const out = fmt('# yaml-language-server: $schema=../wrong.json\nid: kono-taro\n', 'person');
    expect(out.startsWith('# yaml-language-server: $schema=../../schemas/person.schema.json\nid: kono-taro\n')).toBe(true);
    expect(out.match(/yaml-language-server/g)).toHaveLength(1);
    const engagement = fmt('id: 2020-08-06-x\n', 'engagement');
    expect(engagement.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schemas/engagement.schema.json');
  });

  it('keeps comments', () => {
    const out = fmt('name: X # the English name\n# why this id\nid: x-y\n');
    expect(out).toContain('# why this id');
    expect(out).toContain('# the English name');
  });

  it('quotes text that YAML 1.2 would read as another type, and only that', () => {
    const out = fmt('id: x-y\nname: "true"\nnotes: "0123"\nurl: "https://example.org"\nkind: "ministry"\n');
    expect(out).toContain('name: "true"');
    expect(out).toContain('notes: "0123"');
    expect(out).toContain('url: https://example.org');
    expect(out).toContain('kind: ministry');
    expect(parse(out)).toEqual({ id: 'x-y', name: 'true', notes: '0123', url: 'https://example.org', kind: 'ministry' });
  });

  it('uses two-space indentation, flow style for short plain lists and block style for long ones', () => {
    const out = fmt('id: x-y\naliases:\n- A\n- B\nname: X\n');
    expect(out).toContain('aliases: [A, B]');
    const long = Array.from({ length: 12 }, (_, i) => `alias-number-${i}`);
    const blocky = fmt(`id: x-y\naliases: [${long.join(', ')}]\n`);
    expect(blocky).toContain('aliases:\n  - alias-number-0\n  - alias-number-1\n');
  });

  it('writes an empty list as [] on its key\'s line', () => {
    expect(fmt('id: x-y\naliases: []\n')).toContain('\naliases: []\n');
    expect(fmt('id: x-y\naliases:\n  []\n')).toContain('\naliases: []\n');
  });

  it('normalizes CRLF and a byte-order mark and ends with one newline', () => {
    const out = fmt('\uFEFFid: x-y\r\nname: X\r\n\r\n\r\n');
    expect(out).not.toContain('\r');
    expect(out.startsWith('#')).toBe(true);
    expect(out.endsWith('name: X\n')).toBe(true);
  });

  it('folds long single-line text and keeps line breaks of multi-line text', () => {
    const long = 'word '.repeat(40).trim();
    const out = fmt(`id: x-y\nnotes: ${long}\n`);
    expect(out).toContain('notes: >-\n');
    expect(parse(out).notes).toBe(long);
    const multi = fmt('id: x-y\nnotes: "line one\\nline two"\n');
    expect(parse(multi).notes).toBe('line one\nline two');
  });

  it('refuses a file that is not valid YAML instead of guessing', () => {
    const result = formatRecord('id: [unclosed\n', 'person');
    expect(result.ok).toBe(false);
  });
});
