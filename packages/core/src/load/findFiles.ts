import { readdirSync } from 'node:fs';
import path from 'node:path';
import { looksLikeRecordFile } from './extension.js';

/**
 * Finds every record file under the records folder, in a stable order (code-unit sort of
 * absolute paths). Symbolic links are never followed: a link committed into records/ could
 * otherwise make the check walk the whole file system, or read (and quote in its messages)
 * a file from outside the repository. With `links`, a link named like a record is listed
 * too, so that the check's loader (which never follows one) refuses it with a diagnostic
 * instead of the run skipping it without a word; commands that read or write the files
 * themselves (fmt, diff) leave `links` off. Hidden files and folders (a name
 * starting with `.`) are not records. Files whose ending is a near miss of `.yaml`
 * (`.yml`, `.YAML`, ...) are listed too, so that the check reports them.
 *
 * One `readdir` with file types per folder and no `stat`: the listing of 10,000 records
 * costs a few milliseconds (a glob library cost about 6% of an incremental run).
 */
export async function findRecordFiles(recordsDir: string, options: { links?: boolean } = {}): Promise<string[]> {
  const links = options.links === true;
  const files: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable or vanished folder lists nothing, as a glob would
    }
    for (const entry of entries) {
      const name = entry.name;
      if (name.charCodeAt(0) === 46 /* . */) continue;
      if (entry.isDirectory()) walk(dir + path.sep + name);
      else if ((entry.isFile() || (links && entry.isSymbolicLink())) && looksLikeRecordFile(name)) files.push(dir + path.sep + name);
    }
  };
  walk(path.resolve(recordsDir));
  return files.sort();
}

/** Today's date in UTC as YYYY-MM-DD, whatever the local time zone. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
