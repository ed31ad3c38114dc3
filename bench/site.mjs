#!/usr/bin/env node
// What the site costs at a given size: `engagements build` run in this process with every
// exporter, then again without the site, on a dataset from bench/generate.mjs; prints the
// difference (the site's cost), and the site's size (pages,
// assets, the search index, and the copies of the downloads). One run each: the figures in
// PERFORMANCE.md come from it.
//
//   node bench/generate.mjs --records 10000 --out bench/.data/10k --invalid 0
//   node bench/site.mjs bench/.data/10k
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildOutputs } from '@engagements/core';
import { exporters } from '../packages/cli/dist/exporters.js';

const dir = path.resolve(process.argv[2] ?? 'bench/.data/10k');
const records = path.join(dir, 'records');

async function build(list, outDir) {
  rmSync(outDir, { recursive: true, force: true });
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await buildOutputs({ recordsDir: records, cwd: dir, outDir, exporters: list, today: '2026-01-01' });
  if (!result.built) throw new Error('the records have errors');
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function sizes(root) {
  const out = { files: 0, bytes: 0, diskBytes: 0, byFolder: new Map() };
  const inodes = new Set();
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else {
        const st = statSync(full);
        const size = st.size;
        out.files++;
        out.bytes += size;
        // The downloads are hard links to the other outputs: on disk they cost nothing more.
        if (st.nlink === 1 || !inodes.has(st.ino)) out.diskBytes += st.nlink === 1 ? size : 0;
        inodes.add(st.ino);
        const top = path.relative(root, full).split(path.sep)[0];
        out.byFolder.set(top, (out.byFolder.get(top) ?? 0) + size);
      }
    }
  };
  walk(root);
  return out;
}

const mib = (b) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const without = await build(exporters.filter((e) => e.name !== 'site'), path.join(dir, 'dist-nosite'));
const full = await build(exporters, path.join(dir, 'dist'));
const site = sizes(path.join(dir, 'dist/site'));
const downloads = site.byFolder.get('downloads') ?? 0;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`build without the site: ${s(without.ms)} wall, ${s(without.cpuMs)} CPU`);
console.log(`build with the site:    ${s(full.ms)} wall, ${s(full.cpuMs)} CPU (the site adds ${s(full.ms - without.ms)} wall, ${s(full.cpuMs - without.cpuMs)} CPU)`);
console.log(`site: ${site.files} files, ${mib(site.bytes)}; of which downloads ${mib(downloads)} (hard links to the other outputs), pages and assets ${mib(site.bytes - downloads)}; new bytes on disk ${mib(site.diskBytes)}`);
for (const [folder, bytes] of [...site.byFolder].sort((a, b) => b[1] - a[1])) console.log(`  ${folder}: ${mib(bytes)}`);
for (const f of ['engagements/index.html', 'assets/search-index.js', 'index.html']) console.log(`  ${f}: ${mib(statSync(path.join(dir, 'dist/site', f)).size)}`);
rmSync(path.join(dir, 'dist-nosite'), { recursive: true, force: true });
