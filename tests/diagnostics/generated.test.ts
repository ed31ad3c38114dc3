// Diagnostic cases that cannot live as readable fixture files (bytes that are not
// UTF-8, NUL, files over the size limit, more files than the limit, CRLF line endings,
// a byte-order mark), written by the tests into temporary folders.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkDataset, LIMITS, LOAD_CODES, SCHEMA_CODES, validateRecord, type Diagnostic } from '@engagements/core';
import { validators } from '@engagements/schema';
import { describe, expect, it, vi } from 'vitest';
import { copyRecords, FOUNDING, positionOf, TODAY, tempDir, write } from './helpers.js';

const ORG = 'id: some-org\nname: Some Org\nkind: ministry\n';

/** Checks a records folder that holds the given files (path relative to records/ -> content). */
async function check(files: Record<string, string | Uint8Array>, options: { extra?: string[] } = {}) {
  const cwd = tempDir();
  for (const [file, content] of Object.entries(files)) write(path.join(cwd, 'records', file), content);
  const result = await checkDataset({ recordsDir: 'records', cwd, today: TODAY, ...(options.extra ? { files: options.extra } : {}) });
  return { ...result, cwd, at: (d: Diagnostic) => `${d.code} ${d.line}:${d.column}-${d.endLine}:${d.endColumn}` };
}

describe('generated diagnostic cases', () => {
  it('LOAD001: a file named on the command line that does not exist', async () => {
    const r = await check({ 'organizations/some-org.yaml': ORG }, { extra: ['records/organizations/ghost.yaml'] });
    expect(r.diagnostics.map((d) => `${d.file} ${r.at(d)}`)).toEqual(['records/organizations/ghost.yaml LOAD001 1:1-1:1']);
    expect(r.diagnostics[0]!.message).toMatch(/does not exist/);
  });

  it('LOAD002: bytes that are not UTF-8, located at the first bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from('id: latin-1\nname: Caf'), Buffer.from([0xe9]), Buffer.from('\nkind: ministry\n')]);
    const r = await check({ 'organizations/latin-1.yaml': bytes });
    expect(r.diagnostics.map(r.at)).toEqual(['LOAD002 2:10-2:11']);
  });

  it('LOAD004: a file over the size limit, reported without parsing it', async () => {
    const big = ORG + `notes: ${'x'.repeat(LIMITS.maxFileBytes)}\n`;
    const started = Date.now();
    const r = await check({ 'organizations/some-org.yaml': big });
    expect(r.diagnostics.map(r.at)).toEqual(['LOAD004 1:1-1:1']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('LOAD008: more record files than the limit, reported on the records folder', async () => {
    const limits = LIMITS as { maxRecords: number };
    const saved = limits.maxRecords;
    limits.maxRecords = 2;
    try {
      const r = await check({ 'organizations/a-org.yaml': ORG.replace('some-org', 'a-org'), 'organizations/b-org.yaml': ORG.replace('some-org', 'b-org'), 'organizations/c-org.yaml': ORG.replace('some-org', 'c-org') });
      const found = r.diagnostics.filter((d) => d.code === LOAD_CODES.tooManyRecords);
      expect(found.map((d) => `${d.file} ${r.at(d)}`)).toEqual(['records LOAD008 1:1-1:1']);
    } finally {
      limits.maxRecords = saved;
    }
  });

  it('YAML003: more aliases than the limit, located at the first one over it', async () => {
    const aliases = Array.from({ length: LIMITS.maxAliases + 1 }, () => '*n').join(', ');
    const text = `id: many-aliases\nname: &n Many Aliases\nkind: ministry\naliases: [${aliases}]\n`;
    const r = await check({ 'organizations/many-aliases.yaml': text });
    const column = 'aliases: ['.length + LIMITS.maxAliases * '*n, '.length + 1;
    expect(r.diagnostics.map(r.at)).toEqual([`YAML003 4:${column}-4:${column + 1}`]);
  });

  it('YAML005: block nesting deeper than the limit', async () => {
    const depth = LIMITS.maxDepth + 5;
    const lines = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k${i}:`);
    const text = `id: deep-block\nname: Deep Block\nkind: ministry\nnotes:\n${lines.map((l) => '  ' + l).join('\n')} end\n`;
    const r = await check({ 'organizations/deep-block.yaml': text });
    expect(r.diagnostics.map((d) => d.code)).toEqual([LOAD_CODES.tooDeep]);
    const d = r.diagnostics[0]!;
    // Reported inside the nesting, on the line of the first mapping past the limit.
    expect(d.line).toBeGreaterThan(4 + LIMITS.maxDepth - 3);
    expect(d.line).toBeLessThanOrEqual(4 + depth);
    expect(d.column).toBe(text.split('\n')[d.line - 1]!.search(/\S/) + 1);
  });

  it('YAML006: a NUL character, located where it is', async () => {
    const r = await check({ 'organizations/nul.yaml': 'id: nul\nname: Nu\0l\nkind: ministry\n' });
    expect(r.diagnostics.map(r.at)).toEqual(['YAML006 2:9-2:10']);
  });

  it('SCH009: a schema keyword without a dedicated message still gives a located diagnostic', () => {
    // No keyword of the current schemas reaches this fallback; stub the validator to reach it.
    const original = validators.organization;
    const stub = Object.assign(() => false, {
      errors: [{ instancePath: '/name', schemaPath: '#/properties/name/minimum', keyword: 'minimum', params: { limit: 3 }, message: 'must be >= 3' }],
    });
    validators.organization = stub;
    try {
      const text = 'id: some-org\nname: Some Org\nkind: ministry\n';
      const record = {
        kind: 'organization',
        file: 'records/organizations/some-org.yaml',
        absolutePath: '/records/organizations/some-org.yaml',
        relativePath: 'organizations/some-org.yaml',
        data: { id: 'some-org', name: 'Some Org', kind: 'ministry' },
        valid: false,
        source: { locate: () => ({ line: 2, column: 7, endLine: 2, endColumn: 15 }) },
      } as unknown as Parameters<typeof validateRecord>[0];
      const diagnostics = validateRecord(record);
      expect(diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.path} ${d.message}`)).toEqual([`${SCHEMA_CODES.other} 2:7 /name \`name\` must be >= 3.`]);
      expect(text).toContain('Some Org');
    } finally {
      validators.organization = original;
    }
  });

  it('a `__proto__` key is an unknown property, never the prototype of the record', async () => {
    const r = await check({ 'organizations/proto-org.yaml': 'id: proto-org\n__proto__:\n  name: Proto Org\n  kind: ministry\n' });
    expect(r.diagnostics.map(r.at)).toEqual(['SCH002 1:1-1:14', 'SCH002 1:1-1:14', 'SCH001 2:1-2:10']);
    const record = r.dataset.organizations[0]!;
    expect(record.valid).toBe(false);
    expect(Object.getPrototypeOf(record.data)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });

  it('prints nothing of its own while loading hostile input (no library warnings)', async () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const error = vi.spyOn(console, 'error');
    const log = vi.spyOn(console, 'warn');
    try {
      await check({ 'organizations/complex-key.yaml': 'id: complex-key\n? [a, b]\n: c\n', 'organizations/alias-key.yaml': 'id: alias-key\nx: &k [1]\n*k : 2\n' });
      expect(warn).not.toHaveBeenCalled();
      expect(error).not.toHaveBeenCalled();
      expect(log).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      error.mockRestore();
      log.mockRestore();
    }
  });
});

describe('line endings and byte-order marks', () => {
  async function founding(transform: (text: string) => string | Uint8Array) {
    const cwd = tempDir();
    const records = copyRecords(cwd);
    const file = path.join(records, FOUNDING);
    const original = readFileSync(file, 'utf8');
    write(file, transform(original));
    const result = await checkDataset({ recordsDir: records, cwd, today: TODAY, files: [file] });
    return { ...result, original };
  }

  it('the founding record validates clean as it is (the baseline of the cases below)', async () => {
    const r = await founding((t) => t);
    expect(r.diagnostics).toEqual([]);
    expect(r.summary.records).toBe(1);
  });

  it('CRLF line endings are valid input', async () => {
    const r = await founding((t) => t.replace(/\n/g, '\r\n'));
    expect(r.diagnostics).toEqual([]);
    expect(r.summary.records).toBe(1);
  });

  it('a UTF-8 byte-order mark is valid input', async () => {
    const r = await founding((t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)]));
    expect(r.diagnostics).toEqual([]);
    expect(r.summary.records).toBe(1);
  });

  it('a byte-order mark and CRLF together are valid input', async () => {
    const r = await founding((t) => '\ufeff' + t.replace(/\n/g, '\r\n'));
    expect(r.diagnostics).toEqual([]);
  });

  it('with CRLF, positions count lines and columns as with LF, and spans stop before the CR', async () => {
    const r = await founding((t) => t.replace(/^medium: video$/m, 'medium: vidoe').replace(/\n/g, '\r\n'));
    const at = positionOf(r.original, 'medium: video');
    expect(r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual([`SCH003 ${at.line}:${at.column + 8}-${at.line}:${at.column + 13}`]);
  });

  it('with a byte-order mark, columns on the first line are not shifted', async () => {
    const r = await founding((t) => '\ufeff' + t.replace(/^# yaml-language-server.*\n/, '').replace(/^id: /m, 'identifier: '));
    const first = r.diagnostics.find((d) => d.code === SCHEMA_CODES.unknownProperty);
    expect(first && `${first.line}:${first.column}-${first.endLine}:${first.endColumn}`).toBe('1:1-1:11');
  });
});
