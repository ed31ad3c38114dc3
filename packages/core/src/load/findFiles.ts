import path from 'node:path';
import { glob } from 'tinyglobby';

/**
 * Finds every record file under the records folder, in a stable order (code-unit sort of
 * absolute paths). Symbolic links are neither followed nor listed: a link committed into
 * records/ could otherwise make the check walk the whole file system, or read (and quote
 * in its messages) a file from outside the repository.
 */
export async function findRecordFiles(recordsDir: string): Promise<string[]> {
  const files = await glob(['**/*.yaml', '**/*.yml'], { cwd: recordsDir, absolute: true, dot: false, onlyFiles: true, followSymbolicLinks: false });
  return files.map((f) => path.resolve(f)).sort();
}

/** Today's date in UTC as YYYY-MM-DD, whatever the local time zone. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
