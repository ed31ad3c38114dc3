#!/usr/bin/env node
// Builds a records folder like `engagements build` and prints, for each phase (the check,
// each exporter's export(), then the writing of each exporter's streamed files), its wall
// and CPU time and the process's resident memory after it: the peak so far (maxRSS, which
// only grows, so the phase that raised it is the one whose peak is higher than the one
// before) and the current resident set and V8 heap. Where a build's memory and time go.
//
//   node bench/phases.mjs --records DIR --out DIR [--without sqlite,...] [--only csv,...] [--cache-dir DIR]
//   (--cache-dir: the record cache on, as `engagements build` has it by default; none otherwise, as --no-cache)
//   (with node --expose-gc, the heap figures after export() and the check are the live data)
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const { values } = parseArgs({ options: { records: { type: 'string' }, out: { type: 'string' }, without: { type: 'string', default: '' }, only: { type: 'string', default: '' }, 'cache-dir': { type: 'string' } } });
const { buildOutputs } = await import('../packages/core/dist/index.js');
const { exporters } = await import('../packages/cli/dist/exporters.js');
// The heap growth the build command sets (ENGAGEMENTS_HEAP_GROWING_PERCENT=0: V8's default).
(await import('../packages/cli/dist/commands/build.js')).limitHeapGrowth(process.env);
const without = new Set(values.without.split(',').filter(Boolean));
const only = new Set(values.only.split(',').filter(Boolean));
const chosen = exporters.filter((e) => !without.has(e.name) && (only.size === 0 || only.has(e.name)));

const gcWrites = process.env.PHASES_GC_WRITES ? new RegExp(process.env.PHASES_GC_WRITES) : undefined;
const mib = (bytes) => Math.round(bytes / (1 << 20));
let last = { wall: performance.now(), cpu: cpuMs() };
const rows = [];
function cpuMs() {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1000;
}
function mark(phase) {
  // With --expose-gc the heap figures are the live set (a full collection first).
  // PHASES_GC_WRITES=regex: also after writing the files whose path matches (not every page: too slow).
  if (typeof globalThis.gc === 'function' && (!phase.includes(': write ') || (gcWrites && gcWrites.test(phase)))) globalThis.gc();
  const now = { wall: performance.now(), cpu: cpuMs() };
  const m = process.memoryUsage();
  rows.push({ phase, wallMs: Math.round(now.wall - last.wall), cpuMs: Math.round(now.cpu - last.cpu), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), rssMiB: mib(m.rss), heapMiB: mib(m.heapUsed), externalMiB: mib(m.external + m.arrayBuffers) });
  last = now;
}
mark('start');
const timedContents = new Set();
// Each exporter's streamed files are timed when the build writes them (after every export()).
const wrapped = chosen.map((e) => ({
  name: e.name,
  async export(data, context) {
    const files = await e.export(data, context);
    mark(`${e.name}: export()`);
    return files.map((f) => {
      // A file handed on from an earlier exporter keeps its content (written once, then linked).
      if (typeof f.content !== 'function' || timedContents.has(f.content)) return f;
      const content = f.content;
      const timed = function* () {
        yield* content();
        mark(`${e.name}: write ${f.path}`);
      };
      timedContents.add(timed);
      return { path: f.path, content: timed };
    });
  },
}));
const first = { done: false };
const result = await buildOutputs({
  recordsDir: path.resolve(values.records),
  cwd: process.cwd(),
  outDir: path.resolve(values.out),
  exporters: wrapped,
  today: '2026-01-01',
  ...(values['cache-dir'] ? { cacheDir: path.resolve(values['cache-dir']) } : {}),
  onExporter: () => {
    if (!first.done) mark('check (load, validate, rules)');
    first.done = true;
  },
});
mark('write the rest, swap');
// The writes of one exporter's many streamed files (the site's pages) as one row.
const merged = [];
for (const row of rows) {
  const group = row.phase.replace(/: write .*/, ': write');
  const prev = merged.at(-1);
  if (prev && prev.phase.startsWith(group) && group.endsWith(': write')) {
    prev.files++;
    prev.wallMs += row.wallMs;
    prev.cpuMs += row.cpuMs;
    Object.assign(prev, { peakRssMiB: row.peakRssMiB, rssMiB: row.rssMiB, heapMiB: row.heapMiB, externalMiB: row.externalMiB });
  } else merged.push({ ...row, phase: group.endsWith(': write') ? group : row.phase, files: group.endsWith(': write') ? 1 : undefined });
}
for (const row of merged) if (row.files) row.phase += ` (${row.files} files)`;
console.table(merged.map(({ files, ...row }) => row));
process.stderr.write(`${JSON.stringify({ built: result.built, peakRssMiB: rows.at(-1).peakRssMiB, cpuMs: Math.round(cpuMs()) })}\n`);
