// Fuzz settings shared by the fuzz tests. A fixed seed in CI so that a failure reproduces;
// a longer or different run through the environment:
//
//   FUZZ_RUNS=20000 FUZZ_SEED=7 npx vitest run tests/fuzz
//   node tests/fuzz/run-long.mjs --runs 20000 --seed 7
//
// On failure fast-check prints the seed and the path of the shrunk counterexample.
import type fc from 'fast-check';

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 42);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** fast-check parameters for a property with `share` of the runs (for the slower ones). */
export function fuzzParameters(share = 1): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns: Math.max(10, Math.round(FUZZ_RUNS * share)) };
}

/** A test timeout that grows with the number of runs: `perRunMs` each, and never under a minute. */
export function fuzzTimeout(perRunMs: number, share = 1): number {
  return Math.max(60_000, Math.round(FUZZ_RUNS * share * perRunMs * 2));
}

/**
 * No single run may take longer than this: inputs are at most a few kilobytes, which the
 * loader reads in milliseconds, so a run near this budget means something is quadratic or
 * hangs. Generous for slow CI machines.
 */
export const RUN_BUDGET_MS = Number(process.env.FUZZ_RUN_BUDGET_MS ?? 5_000);
