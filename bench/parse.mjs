#!/usr/bin/env node
// Parsing alone, on one thread: every record of a folder read into memory first, then
// parsed by js-yaml (core schema, what the fast path used before) and by the canonical
// form's reader (packages/core/src/load/canonicalYaml.ts), in alternating passes (A B A B)
// so that a busy machine slows both alike. Prints, per parser, the median CPU and wall
// time of a pass over all files, and the share of files the canonical reader accepts.
// Usage: node bench/parse.mjs RECORDS_DIR [passes]   (after `npx turbo run build`)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { glob } from 'tinyglobby';
import { parseCanonicalYaml } from '../packages/core/dist/load/canonicalYaml.js';

const recordsDir = path.resolve(process.argv[2] ?? 'records');
const passes = Number(process.argv[3] ?? 5);
const files = (await glob('**/*.yaml', { cwd: recordsDir, absolute: true })).sort();
const texts = files.map((f) => readFileSync(f, 'utf8'));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

const parsers = {
  'js-yaml': (t) => jsYaml.load(t, { schema: jsYaml.CORE_SCHEMA, json: false }),
  canonical: (t) => parseCanonicalYaml(t),
};

let accepted = 0;
for (const t of texts) if (parsers.canonical(t) !== undefined) accepted++;

const runs = { 'js-yaml': [], canonical: [] };
// One warm-up pass each, then alternating timed passes.
for (const parse of Object.values(parsers)) for (const t of texts) parse(t);
for (let i = 0; i < passes; i++) {
  for (const [name, parse] of Object.entries(parsers)) {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    for (const t of texts) parse(t);
    const used = process.cpuUsage(cpu);
    runs[name].push({ cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = Object.fromEntries(
  Object.entries(runs).map(([name, r]) => [name, { cpuMs: Math.round(median(r.map((x) => x.cpuMs))), wallMs: Math.round(median(r.map((x) => x.wallMs))), allCpuMs: r.map((x) => Math.round(x.cpuMs)) }]),
);
console.log(
  JSON.stringify({
    dir: recordsDir,
    files: files.length,
    megabytes: +(bytes / 1e6).toFixed(1),
    accepted,
    acceptedShare: +(accepted / files.length).toFixed(4),
    ...summary,
    speedup: +(summary['js-yaml'].cpuMs / summary.canonical.cpuMs).toFixed(2),
  }),
);
