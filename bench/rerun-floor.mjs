#!/usr/bin/env node
// The floor of any rerun that must notice every change: start Node, list the records
// folder (one readdir per folder, as the CLI does) and lstat every file, nothing else. A
// validator that skips the lstat could miss an edit, so no correct rerun can be faster
// than this on the same machine. Prints the number of files.
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

let files = 0;
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else {
      lstatSync(full);
      files += 1;
    }
  }
}
walk(path.resolve(process.argv[2] ?? 'records'));
console.log(JSON.stringify({ files }));
