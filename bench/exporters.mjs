#!/usr/bin/env node
// Builds a records folder with the build's exporters, all of them or all but some, in this
// process, and prints its wall time, CPU time, peak resident memory and the size of the SQLite
// database as JSON on stderr's last line: the cost of one exporter is the difference
// between a build with it and one without it, measured the same way.
//
//   node bench/exporters.mjs --records DIR --out DIR [--without sqlite,...]
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const { values } = parseArgs({ options: { records: { type: 'string' }, out: { type: 'string' }, without: { type: 'string', default: '' } } });
const start = performance.now();
const { buildOutputs } = await import('../packages/core/dist/index.js');
const { exporters } = await import('../packages/cli/dist/exporters.js');
const without = new Set(values.without.split(',').filter(Boolean));
const chosen = exporters.filter((e) => !without.has(e.name));
const result = await buildOutputs({ recordsDir: path.resolve(values.records), cwd: process.cwd(), outDir: path.resolve(values.out), exporters: chosen, today: '2026-01-01' });
const ms = performance.now() - start;
let databaseBytes = null;
try {
  databaseBytes = statSync(path.join(values.out, 'sqlite/engagements.sqlite')).size;
} catch {
  // built without the database
}
const usage = process.resourceUsage();
// CPU time too: on a machine shared with other jobs, wall time says more about them than about us.
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stderr.write(`\n${JSON.stringify({ built: result.built, exporters: chosen.map((e) => e.name), ms, cpuMs, maxRssKiB: usage.maxRSS, databaseBytes })}\n`);
process.exit(result.built ? 0 : 1);
