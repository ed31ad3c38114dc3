#!/usr/bin/env node
// Times a built @engagements/sdk: import, first touch of the data, first and later
// findEngagements calls. Each run is a fresh Node process (an import happens once per
// process); figures are the median of the runs.
//
//   node packages/export-sdk/scripts/bench-sdk.mjs <package dir> [<package dir> ...] [--runs 7] [--cjs]
//
// With several package folders, the runs alternate between them (so that a change in the
// machine's load affects each alike) and the table shows them side by side.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const runs = Number(option('--runs', '7'));
const cjs = args.includes('--cjs');
const dirs = args.filter((a) => !a.startsWith('--'));
if (dirs.length === 0) {
  console.error('usage: bench-sdk.mjs <package dir> [...] [--runs 7] [--cjs]');
  process.exit(2);
}

// One process: import, then the first touch of the data (engagements.length), then the
// first findEngagements (builds the indexes), then 201 more calls of the same filter, then
// 21 scans of every engagement with engagements.filter.
const child = `
const { performance } = require('node:perf_hooks');
(async () => {
  const file = process.argv[1];
  const cjs = process.argv[2] === 'cjs';
  let t = performance.now();
  const sdk = cjs ? require(file) : await import(require('node:url').pathToFileURL(file).href);
  const importMs = performance.now() - t;
  t = performance.now();
  const n = sdk.engagements.length;
  const firstAccessMs = performance.now() - t;
  const pick = sdk.engagements[Math.floor(n / 2)];
  const filter = { country: pick.participants[0].country, type: pick.type, from: pick.date.slice(0, 4) + '-01-01', to: pick.date.slice(0, 4) + '-12-31' };
  t = performance.now();
  const found = sdk.findEngagements(filter).length;
  const firstFindMs = performance.now() - t;
  const times = [];
  for (let i = 0; i < 201; i++) {
    t = performance.now();
    sdk.findEngagements(filter);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  // A consumer's own scan of every engagement (through the exported list).
  const scans = [];
  for (let i = 0; i < 21; i++) {
    t = performance.now();
    sdk.engagements.filter((e) => e.type === filter.type);
    scans.push(performance.now() - t);
  }
  scans.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ n, found, importMs, firstAccessMs, firstFindMs, findMedianMs: times[100], scanMedianMs: scans[10] }));
})();
`;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const results = dirs.map(() => []);
for (let r = 0; r < runs; r++) {
  dirs.forEach((dir, d) => {
    const file = path.resolve(dir, cjs ? 'dist/index.cjs' : 'dist/index.js');
    const out = spawnSync(process.execPath, ['-e', child, file, cjs ? 'cjs' : 'esm'], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`${file}: ${out.stderr}`);
    results[d].push(JSON.parse(out.stdout));
  });
}
const rows = [
  ['import', 'importMs'],
  ['first data access (engagements.length)', 'firstAccessMs'],
  ['import + first access', null],
  ['first findEngagements (builds indexes)', 'firstFindMs'],
  ['findEngagements, median of 201 later calls', 'findMedianMs'],
  ['engagements.filter(...) over all, median of 21', 'scanMedianMs'],
];
const fmt = (ms) => (ms < 1 ? ms.toFixed(3) : ms.toFixed(1));
console.log(`Node ${process.version}, ${cjs ? 'require (CJS)' : 'import (ESM)'}, median of ${runs} processes, ms; ${results[0][0].n} engagements, the filter finds ${results[0][0].found}`);
console.log(`| | ${dirs.join(' | ')} |`);
console.log(`|---|${dirs.map(() => '---:').join('|')}|`);
for (const [label, key] of rows) {
  const cells = results.map((list) => fmt(median(list.map((x) => (key ? x[key] : x.importMs + x.firstAccessMs)))));
  console.log(`| ${label} | ${cells.join(' | ')} |`);
}
