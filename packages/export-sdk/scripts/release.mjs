#!/usr/bin/env node
// `npm run release`: records the current data as a new release of @engagements/sdk.
//
// Compares the records with the last release (releases/latest.json), applies the
// versioning policy (VERSIONING.md) to propose the version, and writes
// releases/latest.json (version, date, schemas, a snapshot of the published data) and a
// new section on top of releases/CHANGELOG.md. The SDK build compares with this
// snapshot, so commit both files; then build (`npm run build`) and publish dist/sdk.
// The logic is prepareRelease() in packages/export-sdk/src/releaseCommand.ts.
//
// Options:
//   --dry-run            show what would be released, write nothing
//   --bump KIND          major, minor or patch instead of the proposed bump (never smaller than the policy asks)
//   --version X.Y.Z      an explicit version (never smaller than the policy asks)
//   --date YYYY-MM-DD    the release date (default: today, UTC)
//   --allow-empty        release even when the data did not change (e.g. for a change of the SDK's code)
//   --force              allow a bump smaller than the policy asks for
//   --records DIR        the records folder (default: records)
//   --schemas DIR        read the schemas from this folder instead of @engagements/schema
//   --skip-build         do not build the packages first (they are imported from dist/)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function fail(message) {
  console.error(`release: ${message}`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      'dry-run': { type: 'boolean', default: false },
      bump: { type: 'string' },
      version: { type: 'string' },
      date: { type: 'string' },
      'allow-empty': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      records: { type: 'string', default: 'records' },
      schemas: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  fail(error.message);
}
if (args.bump && !['major', 'minor', 'patch'].includes(args.bump)) fail('--bump must be major, minor or patch');
if (args.bump && args.version) fail('give --bump or --version, not both');
if (args.date && !/^\d{4}-\d{2}-\d{2}$/.test(args.date)) fail('--date must be YYYY-MM-DD');

if (!args['skip-build']) {
  // The script runs the built packages; make sure they match the sources.
  const build = spawnSync('npx', ['--no-install', 'turbo', 'run', 'build', '--filter=@engagements/export-sdk...', '--output-logs=errors-only'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) fail('building the packages failed');
}

const { prepareRelease } = await import('@engagements/export-sdk');
const outcome = await prepareRelease({
  root,
  recordsDir: args.records,
  ...(args.schemas ? { inputs: { schemas: readSchemas(path.resolve(root, args.schemas)) } } : {}),
  ...(args.version ? { version: args.version } : {}),
  ...(args.bump ? { bump: args.bump } : {}),
  date: args.date ?? new Date().toISOString().slice(0, 10),
  allowEmpty: args['allow-empty'],
  force: args.force,
});
if (outcome.summary) console.log(outcome.summary.trimEnd());
if (!outcome.ok) fail(outcome.error);

const { plan, version, bump } = outcome;
console.log(`\n${plan.previous ? `${plan.previous.version} -> ` : ''}${version} (${bump}${bump !== plan.bump ? `; the policy asks for ${plan.bump}` : ''})`);
for (const r of plan.reasons) console.log(`  ${r.bump}: ${r.reason}`);
if (args['dry-run']) {
  console.log('\n--dry-run: nothing written.');
  process.exit(0);
}
for (const file of outcome.files) {
  const target = path.join(root, file.path);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, file.content);
}
console.log(`\nWrote ${outcome.files.map((f) => f.path).join(' and ')}.`);
console.log(`Next: git add releases && git commit -m "Release ${version}", then npm run build and npm publish dist/sdk.`);

function readSchemas(dir) {
  const out = {};
  const walk = (sub) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.schema.json')) out[rel] = JSON.parse(readFileSync(path.join(dir, rel), 'utf8'));
    }
  };
  walk('');
  return out;
}
