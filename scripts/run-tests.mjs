#!/usr/bin/env node
// The README's test command: builds the packages and the data (turbo, cached), checks
// that generated files are fresh, runs vitest, and ends with a plain
// `N passed, N failed` line that CI reads.
//
// With `--clients` (npm run test:clients) it runs tests-clients/ instead: the tests that
// drive Debian programs. It first checks that every package they need is installed and,
// if one is not, names it with the apt-get command and fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
process.chdir(path.resolve(here, '..'));

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env, shell: false });

const clients = process.argv[2] === '--clients';
const extra = process.argv.slice(clients ? 3 : 2);
if (clients) {
  // Names each missing package (and the apt-get command) on stderr before anything runs.
  const check = spawnSync(process.execPath, [path.join(here, 'client-requirements.mjs'), '--require'], { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (check.status !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const build = run('npx', ['--no-install', 'turbo', 'run', 'build', '--output-logs=errors-only']);
if (build.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const dir = mkdtempSync(path.join(tmpdir(), 'engagements-vitest-'));
const report = path.join(dir, 'report.json');
const args = ['--no-install', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...(clients ? ['--config', 'vitest.clients.config.ts'] : []), ...extra];
const tests = run('npx', args);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests + (json.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(json);
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
rmSync(dir, { recursive: true, force: true });
if (tests.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(tests.status === 0 && failed === 0 ? 0 : 1);

// A suite that failed to load counts as one failure; one whose tests failed is already counted.
function countSuitesWithFailedTests(json) {
  return (json.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).some((a) => a.status === 'failed')).length;
}
