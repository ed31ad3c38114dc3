import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RecordKind } from '@engagements/schema';
import type { Diagnostic } from '../diagnostics.js';
import { FILE_START } from '../diagnostics.js';
import type { AnyRecord } from '../dataset.js';
import { LOAD_CODES } from './codes.js';
import { LIMITS } from './limits.js';
import { parseRecordBytes, type LoadProblem } from './parseYaml.js';
import { recordKindOf } from './recordKind.js';
import { fastLoad } from './fastParse.js';
import { createLazyLocator } from './lazyLocator.js';
import { leavesFolder } from './leavesFolder.js';

export interface LoadOptions {
  /** The records folder; relative paths of records are computed against it. */
  recordsDir: string;
  /** Directory that displayed file names are relative to (default: process.cwd()). */
  cwd?: string;
  /** The file's bytes when the caller has read them already (the cache does). */
  bytes?: Uint8Array;
  /** The fast path has declined the file already (in a worker): straight to the full parser. */
  declined?: boolean;
}

export interface LoadResult {
  record?: AnyRecord;
  diagnostics: Diagnostic[];
}

/** Path as shown to a person: relative to cwd when inside it, absolute otherwise; `/` separators. */
export function displayPath(absolutePath: string, cwd: string = process.cwd()): string {
  const rel = path.relative(cwd, absolutePath);
  if (rel === '' || leavesFolder(rel)) return absolutePath.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/** Reads and parses one record file. The record is not yet schema-validated (`valid: false`). */
export async function loadRecordFile(file: string, options: LoadOptions): Promise<LoadResult> {
  const absolutePath = path.resolve(file);
  const shown = displayPath(absolutePath, options.cwd);
  const problem = (p: LoadProblem): Diagnostic => ({
    file: shown,
    line: p.line,
    column: p.column,
    endLine: p.endLine,
    endColumn: p.endColumn,
    severity: 'error',
    code: p.code,
    message: p.message,
    ...(p.hint ? { hint: p.hint } : {}),
    path: '',
  });
  const kind = recordKindOf(absolutePath);
  if (!kind) {
    return {
      diagnostics: [
        problem({
          ...FILE_START,
          code: LOAD_CODES.unknownLocation,
          message: 'File is not inside an engagements/, people/ or organizations/ folder, so its kind of record is unknown.',
          hint: 'Move it to records/engagements/<year>/, records/people/ or records/organizations/.',
        }),
      ],
    };
  }
  let bytes: Uint8Array;
  try {
    if (!options.bytes) {
      // Only regular files are read: a symbolic link could point outside the repository
      // (whose text would be quoted in messages) or at /dev/zero, which never ends.
      const info = lstatSync(absolutePath);
      const refuse = info.isSymbolicLink() ? 'it is a symbolic link' : info.isFile() ? undefined : 'it is not a regular file';
      if (refuse) {
        return { diagnostics: [problem({ ...FILE_START, code: LOAD_CODES.unreadable, message: `Cannot read the file: ${refuse}.`, hint: 'A record must be a regular file inside the records folder; replace the link with the file itself.' })] };
      }
      if (info.size > LIMITS.maxFileBytes) {
        return { diagnostics: [problem({ ...FILE_START, code: LOAD_CODES.tooLarge, message: `File is ${info.size} bytes, over the limit of ${LIMITS.maxFileBytes} bytes.`, hint: 'A record is a few kilobytes; split the content or remove what does not belong in a record.' })] };
      }
    }
    // Synchronous reads: for thousands of small files they cost a fraction of the
    // promise API's open/stat/read/close round trips through the thread pool.
    bytes = options.bytes ?? readFileSync(absolutePath);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message;
    return { diagnostics: [problem({ ...FILE_START, code: LOAD_CODES.unreadable, message: `Cannot read the file: ${reason}.`, hint: 'Check the path.' })] };
  }
  const relativePath = path.relative(path.resolve(options.recordsDir), absolutePath).split(path.sep).join('/');
  const fast = options.declined ? undefined : fastLoad(bytes, kind);
  if (fast) return { record: validRecord(absolutePath, kind, fast, options), diagnostics: [] };
  const parsed = parseRecordBytes(bytes);
  if (!parsed.ok) return { diagnostics: parsed.problems.map(problem) };
  const record = {
    kind,
    file: shown,
    absolutePath,
    relativePath,
    data: parsed.value,
    valid: false,
    source: parsed.locator,
  } as unknown as AnyRecord; // data is unchecked until schema validation sets `valid`
  return { record, diagnostics: [] };
}


/**
 * A record already known to be valid (from the fast path or the cache). Its positions
 * are computed from the file only if a rule reports on it.
 */
export function validRecord(absolutePath: string, kind: RecordKind, data: Record<string, unknown>, options: LoadOptions): AnyRecord {
  return {
    kind,
    file: displayPath(absolutePath, options.cwd),
    absolutePath,
    relativePath: path.relative(path.resolve(options.recordsDir), absolutePath).split(path.sep).join('/'),
    data,
    valid: true,
    source: createLazyLocator(() => readFileSync(absolutePath, 'utf8')),
  } as unknown as AnyRecord; // valid: the fast path or the cache has validated `data`
}
