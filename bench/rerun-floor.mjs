#!/usr/bin/env node
// The floor of any rerun that must notice every change: start Node, list the records
// folder (one readdir per folder, as the CLI does) and lstat every file, nothing else. A
// validator that skips the lstat could miss an edit, so no correct rerun can be faster
// than this on the same machine. The lstat is the cheapest Node 20 has: its binding's,
// which fills one shared array of numbers, as the CLI's own stamping does
// (packages/core/src/load/fileStamps.ts); `lstatSync` (a Stats object and four Dates per
// file) where the binding is not there. Prints the number of files and which lstat ran.
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

let lstat = (file) => lstatSync(file, { throwIfNoEntry: false });
let how = 'lstatSync';
try {
  const binding = process.binding('fs');
  if (process.versions.node.startsWith('20.') && typeof binding.lstat === 'function') {
    lstat = (file) => binding.lstat(file, false, undefined, false);
    how = 'binding';
  }
} catch {
  // lstatSync, above
}

let files = 0;
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = dir + path.sep + entry.name;
    if (entry.isDirectory()) walk(full);
    else {
      lstat(full);
      files += 1;
    }
  }
}
walk(path.resolve(process.argv[2] ?? 'records'));
console.log(JSON.stringify({ files, lstat: how }));
