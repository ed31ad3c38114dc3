import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkDataset, type Diagnostic } from '@engagements/core';
import { afterAll } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
/** The founding engagement, relative to a records folder. */
export const FOUNDING = 'engagements/2020/2020-08-06-pk-jp-army-chief-defence-minister-video-call.yaml';
/** A fixed "today" so that date rules never depend on when the tests run. */
export const TODAY = '2030-01-01';

/** A diagnostic reduced to what the fixtures state. */
export interface Expected {
  file: string;
  code: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** `# expect CODE line:col[-endLine:endCol]` comments of every file under a records folder. */
export function expectationsIn(recordsDir: string, cwd: string): Expected[] {
  const out: Expected[] = [];
  for (const file of listFiles(recordsDir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*# expect (\w+) (\d+):(\d+)(?:-(\d+):(\d+))?\s*$/gm)) {
      out.push({
        file: path.relative(cwd, file).split(path.sep).join('/'),
        code: m[1]!,
        line: Number(m[2]),
        column: Number(m[3]),
        ...(m[4] ? { endLine: Number(m[4]), endColumn: Number(m[5]) } : {}),
      });
    }
  }
  return out;
}

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** A temporary folder removed after the test file; `records` optionally copied from the repository's founding fixture or records/. */
export function tempDir(prefix = 'engagements-diag-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}
const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** Copies the repository's records/ into `dir/records` and returns that folder. */
export function copyRecords(dir: string): string {
  const records = path.join(dir, 'records');
  cpSync(path.join(ROOT, 'records'), records, { recursive: true });
  return records;
}

/** Writes a file (text or bytes), creating its folders. */
export function write(file: string, content: string | Uint8Array): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset === -1) throw new Error(`${JSON.stringify(needle)} not found`);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** The founding records (a stable copy, unlike records/). */
export const FOUNDING_RECORDS = path.join(FIXTURES, 'founding/records');

/**
 * Checks the founding records with one file (relative to records/) replaced by
 * `edit(original)`; returns the file's new text and the diagnostics on that file.
 */
export async function checkEdited(file: string, edit: (text: string) => string): Promise<{ text: string; diagnostics: Diagnostic[] }> {
  const dir = tempDir();
  const records = path.join(dir, 'records');
  cpSync(FOUNDING_RECORDS, records, { recursive: true });
  const text = edit(readFileSync(path.join(FOUNDING_RECORDS, file), 'utf8'));
  write(path.join(records, file), text);
  const { diagnostics } = await checkDataset({ recordsDir: records, cwd: dir, today: TODAY });
  return { text, diagnostics: diagnostics.filter((d) => d.file.endsWith(file)) };
}

/** Line and column of the character just after the first occurrence of `before`. */
export function after(text: string, before: string): { line: number; column: number } {
  const at = positionOf(text, before);
  return { line: at.line, column: at.column + before.length };
}
