#!/usr/bin/env node
// Runs the engagements command in this process and prints its exit code, wall time and
// peak resident memory as JSON on stderr's last line, for the benchmark.
import { performance } from 'node:perf_hooks';
const start = performance.now();
const { run } = await import('../packages/cli/dist/index.js');
const sink = { write: () => true, isTTY: false };
const code = await run(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: sink, stderr: sink });
const ms = performance.now() - start;
process.stderr.write(`\n${JSON.stringify({ code, ms, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
process.exit(0);
