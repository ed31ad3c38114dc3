#!/usr/bin/env node
// A longer fuzzing run than CI's, for the benchmark script or a nightly job:
//
//   node tests/fuzz/run-long.mjs                    # 20,000 runs per property, seed 42
//   node tests/fuzz/run-long.mjs --runs 100000 --seed 7
//   FUZZ_RUNS=20000 FUZZ_SEED=7 npx vitest run tests/fuzz   # the same, by hand
//
// Or from a script: `import { runLongFuzz } from './tests/fuzz/run-long.mjs'` and
// `const result = runLongFuzz({ runs: 20000, seed: 7 })` -> { ok, status, runs, seed, ms }.
// The whole-dataset property runs a tenth of `runs`. A failure prints fast-check's seed and
// counterexample path; rerun with the same --seed to reproduce it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Runs the fuzz tests with `runs` runs per property and the given seed; returns whether
 * they passed and how long they took. `stdio: 'pipe'` keeps vitest's output out of the
 * caller's (it is then in `output`).
 */
export function runLongFuzz({ runs = 20_000, seed = 42, stdio = 'inherit' } = {}) {
  const started = Date.now();
  const result = spawnSync('npx', ['--no-install', 'vitest', 'run', 'tests/fuzz'], {
    cwd: ROOT,
    env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed) },
    stdio,
    encoding: 'utf8',
  });
  return {
    ok: result.status === 0,
    status: result.status,
    runs,
    seed,
    ms: Date.now() - started,
    ...(stdio === 'pipe' ? { output: `${result.stdout ?? ''}${result.stderr ?? ''}` } : {}),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? fallback : Number(process.argv[i + 1]);
  };
  const result = runLongFuzz({ runs: arg('runs', Number(process.env.FUZZ_RUNS ?? 20_000)), seed: arg('seed', Number(process.env.FUZZ_SEED ?? 42)) });
  console.log(JSON.stringify({ ok: result.ok, runs: result.runs, seed: result.seed, ms: result.ms }));
  process.exit(result.ok ? 0 : 1);
}
