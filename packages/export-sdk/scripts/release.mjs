#!/usr/bin/env node
// `npm run release`: records the current data as a new release of @engagements/sdk.
//
// Compares the records with the last release (releases/latest.json), applies the
// versioning policy (VERSIONING.md) to propose the version, and writes
// releases/latest.json (version, date, schemas, a snapshot of the published data) and a
// new section on top of releases/CHANGELOG.md. The SDK build compares with this
// snapshot, so commit both files; then build (`npm run build`) and publish dist/sdk.
//
// Options:
//   --dry-run            show what would be released, write nothing
//   --bump KIND          major, minor or patch instead of the proposed bump (never smaller than the policy asks)
//   --version X.Y.Z      an explicit version (never smaller than the policy asks)
//   --date YYYY-MM-DD    the release date (default: today, UTC)
//   --allow-empty        release even when nothing changed (e.g. for a change of the SDK's code)
//   --force              allow a bump smaller than the policy asks for
//   --records DIR        the records folder (default: records)
//   --schemas DIR        read the schemas from this folder instead of @engagements/schema
//   --skip-build         do not build the packages first (they are imported from dist/)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RANK = { none: 0, patch: 1, minor: 2, major: 3 };

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
if (args.version && !/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(args.version)) fail('--version must be MAJOR.MINOR.PATCH');
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

const core = await import('@engagements/core');
const sdk = await import('@engagements/export-sdk');

const check = await core.checkDataset({ recordsDir: path.resolve(root, args.records), cwd: root });
if (check.summary.errors > 0) {
  for (const d of check.diagnostics.filter((x) => x.severity === 'error').slice(0, 20)) console.error(`${d.file}:${d.line}:${d.column}: ${d.code} ${d.message}`);
  fail(`the records have ${check.summary.errors} error(s); fix them before releasing (npx engagements validate)`);
}
const dataset = core.publishedDataset(check.dataset);
const inputs = sdk.readSdkInputs(root);
if (args.schemas) inputs.schemas = readSchemas(path.resolve(root, args.schemas));
const schemas = inputs.schemas ?? (await import('@engagements/schema')).schemas;
let plan;
try {
  plan = sdk.planSdkRelease(dataset, { ...inputs, schemas });
} catch (error) {
  fail(error.message);
}

const previous = plan.previous?.version;
let version = plan.version;
if (args.version) version = args.version;
else if (args.bump) version = previous ? core.bumpVersion(previous, args.bump) : sdk.FIRST_VERSION;
const bump = previous ? bumpBetween(previous, version) : plan.bump;

if (previous) {
  if (plan.bump === 'none') {
    if (!args['allow-empty']) {
      console.log(core.renderDiffText(plan.diff).trimEnd());
      fail(`nothing changed since ${previous}: nothing to release (use --allow-empty with --bump to release anyway)`);
    }
    if (!args.version && !args.bump) fail('--allow-empty needs --bump or --version');
  }
  if (compareVersions(version, previous) <= 0) fail(`version ${version} is not after the last release ${previous}`);
  if (RANK[bump] < RANK[plan.bump] && !args.force) {
    fail(`the versioning policy asks for a ${plan.bump} release (${plan.reasons.map((r) => r.reason).join('; ')}), but ${version} is a ${bump} bump from ${previous}; use --force to override`);
  }
}

const date = args.date ?? new Date().toISOString().slice(0, 10);
const released = { ...plan, version, bump };
const snapshot = { version, released: date, schemas, data: dataset };
const section = sdk.changelogSection(released, date);
const changelogFile = path.join(root, sdk.INPUT_FILES.changelog);
const snapshotFile = path.join(root, sdk.INPUT_FILES.release);

console.log(core.renderDiffText(plan.diff).trimEnd());
console.log('');
console.log(`${previous ? `${previous} -> ` : ''}${version} (${bump}${bump !== plan.bump ? `; policy: ${plan.bump}` : ''})`);
for (const r of plan.reasons) console.log(`  ${r.bump}: ${r.reason}`);
if (args['dry-run']) {
  console.log('\n--dry-run: nothing written.');
  process.exit(0);
}
mkdirSync(path.dirname(snapshotFile), { recursive: true });
writeFileSync(snapshotFile, sdk.snapshotText(snapshot));
writeFileSync(changelogFile, sdk.prependRelease(inputs.changelog, section));
console.log(`\nWrote ${path.relative(root, snapshotFile)} and ${path.relative(root, changelogFile)}.`);
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

function parse(version) {
  return version.split('.').map(Number);
}

function compareVersions(a, b) {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

function bumpBetween(from, to) {
  const [a, b] = [parse(from), parse(to)];
  if (b[0] > a[0]) return 'major';
  if (b[0] === a[0] && b[1] > a[1]) return 'minor';
  if (b[0] === a[0] && b[1] === a[1] && b[2] > a[2]) return 'patch';
  return 'none';
}
