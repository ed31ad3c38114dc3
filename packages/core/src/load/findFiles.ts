import path from 'node:path';
import { glob } from 'tinyglobby';

/** Finds every record file under the records folder, in a stable order (code-unit sort of absolute paths). */
export async function findRecordFiles(recordsDir: string): Promise<string[]> {
  const files = await glob(['**/*.yaml', '**/*.yml'], { cwd: recordsDir, absolute: true, dot: false, onlyFiles: true });
  return files.map((f) => path.resolve(f)).sort();
}

/** Today's date in UTC as YYYY-MM-DD, whatever the local time zone. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
