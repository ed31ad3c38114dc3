// File-tree helpers shared by tests that compare or age whole output and record folders.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, utimesSync } from 'node:fs';
import path from 'node:path';

/** Every file under `dir` (relative path) with the SHA-256 of its bytes. */
export function digestTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of filesUnder(dir)) out[path.relative(dir, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
  return out;
}

/** Sets every file's modification time to `when`, outside the caches' "racy" second. */
export function ageTree(dir: string, when = new Date('2024-01-01T00:00:00Z')): void {
  for (const file of filesUnder(dir)) utimesSync(file, when, when);
}

function filesUnder(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(dir);
  return files.sort();
}
