import path from 'node:path';
import { glob } from 'tinyglobby';
import { RECORD_EXTENSIONS_GLOB } from './extension.js';

/**
 * Finds every record file under the records folder, in a stable order (code-unit sort of
 * absolute paths). Symbolic links are neither followed nor listed: a link committed into
 * records/ could otherwise make the check walk the whole file system, or read (and quote
 * in its messages) a file from outside the repository. Files whose ending is a near miss
 * of `.yaml` (`.yml`, `.YAML`, ...) are listed too, so that the check reports them.
 */
export async function findRecordFiles(recordsDir: string): Promise<string[]> {
  const files = await glob([RECORD_EXTENSIONS_GLOB], { cwd: recordsDir, caseSensitiveMatch: false, absolute: true, dot: false, onlyFiles: true, followSymbolicLinks: false });
  return files.map((f) => path.resolve(f)).sort();
}

/** Today's date in UTC as YYYY-MM-DD, whatever the local time zone. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
