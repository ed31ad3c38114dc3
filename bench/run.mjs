#!/usr/bin/env node
// `npm run bench`: generates seeded synthetic datasets outside records/ (the bench corpus:
// 1k, 10k, 100k engagements of about 2.3 KB; the founding-shaped corpus: 10k and 100k
// engagements made from the founding record, about 6.7 KB each with ten sources and long
// notes) and measures side by side, in one run: `engagements validate` cold (interleaved
// with ajv-cli on the same data, A B A B), warm, after one changed file and `validate
// FILE`, the floor (read + parse + precompiled validation, nothing else), validation's
// peak memory, `engagements build` with its peak memory (and a build without the SQLite
// database, for its cost), and the SDK's import time and
// query latency. Prints the whole table, each target met or not with the reason, and
// writes everything to bench/results/latest.json.
//
//   BENCH_SIZES=1k,10k npm run bench     (default 1k,10k,100k; founding-shaped at 10k and 100k)
//   BENCH_CORPORA=bench npm run bench    (default bench,founding)
//   BENCH_SKIP=floor,ajv3,memory,build   (steps left out, for a quick look; the verdicts say what is missing)
//   BENCH_MERGE=file.json                (keep the datasets of an earlier run's results that this run does not measure)
//   BENCH_RUNS=3 npm run bench           (runs per measurement, default 5; 100k runs once)
//   BENCH_FUZZ_RUNS=20000 npm run bench  (the long fuzz run at the end; 0 to skip)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataRoot = path.join(root, 'bench/.data');
const cli = path.join(root, 'packages/cli/bin/engagements.js');
const ajvCli = path.join(root, 'node_modules/ajv-cli/dist/index.js');
const SIZES = { '1k': 1000, '10k': 10000, '100k': 100000 };
const wantedSizes = (process.env.BENCH_SIZES ?? '1k,10k,100k').split(',').filter((s) => s in SIZES);
const corpora = (process.env.BENCH_CORPORA ?? 'bench,founding').split(',');
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
// Datasets in the order they are measured: label, size, shape.
const datasets = wantedSizes.flatMap((size) => [
  ...(corpora.includes('bench') ? [{ label: size, size, shape: 'bench' }] : []),
  ...(corpora.includes('founding') && size !== '1k' ? [{ label: `founding ${size}`, size, shape: 'founding' }] : []),
]);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TODAY = '2026-01-01';
const env = { ...process.env, NO_COLOR: '1', TURBO_TELEMETRY_DISABLED: '1' };

function sh(cmd, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ...result, ms };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const times = (n, fn) => Array.from({ length: n }, fn);
const fmt = (ms) => (ms === undefined ? '-' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const log = (s) => process.stderr.write(`${s}\n`);

function ensureBuilt() {
  log('building the packages (turbo, cached)…');
  const r = sh('npx', ['--no-install', 'turbo', 'run', 'build', '--output-logs=errors-only'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the packages did not build');
}

function ensureDataset({ label, size, shape }) {
  const dir = path.join(dataRoot, shape === 'bench' ? size : `founding-${size}`);
  const generator = readFileSync(path.join(root, 'bench/generate.mjs'));
  const hash = createHash('sha1').update(generator).update(String(SIZES[size])).update(shape);
  // The founding shape copies records/ (people, organizations, the founding record): a change
  // there (a schema change migrates them) must make a new dataset, or the copy is stale.
  if (shape === 'founding') for (const file of filesBelow(path.join(root, 'records'))) hash.update(file).update(readFileSync(file));
  const stamp = hash.digest('hex');
  const stampFile = path.join(dir, '.stamp');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return dir;
  log(`generating the ${label} dataset…`);
  const r = sh(process.execPath, ['bench/generate.mjs', '--records', String(SIZES[size]), '--out', dir, '--seed', '1', '--invalid', '0.01', '--shape', shape], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('generation failed');
  writeFileSync(stampFile, stamp);
  return dir;
}

function validate(dir, ...extra) {
  const r = sh(process.execPath, [cli, 'validate', '--records', path.join(dir, 'records'), '--format', 'json', '--today', TODAY, ...extra]);
  if (/note:/.test(r.stderr ?? '')) log(r.stderr.trim());
  if (r.status !== 0 && r.status !== 1) throw new Error(`validate failed: ${r.stderr}`);
  return r;
}

function invalidFromOurs(stdout) {
  const json = JSON.parse(stdout);
  const ids = new Set(json.diagnostics.filter((d) => d.code.startsWith('SCH')).map((d) => path.basename(d.file, '.yaml')));
  return [...ids].sort();
}

// ajv-cli resolves $refs by $id, so it takes the schemas in their published form (with
// $id), as the SDK ships them; the files in schemas/ leave $id out for editors' sake.
// --strict=false: the schemas carry editor keywords (patternErrorMessage) that strict
// mode refuses to compile; they do not change what is valid.
async function publishedSchemaFiles() {
  const { schemas } = await import(path.join(root, 'packages/schema/dist/index.js'));
  const dir = path.join(dataRoot, 'schemas');
  for (const [file, schema] of Object.entries(schemas)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), `${JSON.stringify(schema, null, 2)}\n`);
  }
  return dir;
}
// Written after the packages are built (ensureBuilt): the schema package's dist is read.
let schemasForAjv;

function ajv(dir, only) {
  // ajv-cli takes one schema per run: one run per kind of record, as a user would do.
  const kinds = [['engagement', 'engagements/**/*.yaml'], ['person', 'people/*.yaml'], ['organization', 'organizations/*.yaml']];
  let ms = 0;
  let msEngagements = 0;
  const invalid = [];
  for (const [kind, glob] of only ? kinds.filter(([k]) => k === only) : kinds) {
    const r = sh(process.execPath, [ajvCli, 'validate', '--spec=draft2020', '--all-errors', '--strict=false', '--errors=json', '-c', 'ajv-formats', '-s', path.join(schemasForAjv, `${kind}.schema.json`), '-r', path.join(schemasForAjv, 'defs.schema.json'), '-r', path.join(schemasForAjv, 'vocabularies/*.schema.json'), '-d', path.join(dir, 'records', glob)]);
    ms += r.ms;
    if (kind === 'engagement') msEngagements = r.ms;
    for (const line of `${r.stdout}\n${r.stderr}`.split('\n')) {
      const m = /^(\S+\.yaml) invalid/.exec(line);
      if (m) invalid.push(path.basename(m[1], '.yaml'));
    }
  }
  return { ms, msEngagements, invalid: invalid.sort() };
}

/** Node's start, listing and an lstat of every file: what any correct rerun pays (bench/rerun-floor.mjs). */
function rerunFloor(dir) {
  const r = sh(process.execPath, ['bench/rerun-floor.mjs', path.join(dir, 'records')]);
  if (r.status !== 0) throw new Error(`rerun floor failed: ${r.stderr}`);
  return r.ms;
}
/** Node's start alone: a process that does nothing. */
function nodeStart() {
  return sh(process.execPath, ['-e', '']).ms;
}

function floor(dir) {
  const r = sh(process.execPath, ['bench/floor.mjs', path.join(dir, 'records')]);
  if (r.status !== 0) throw new Error(`floor failed: ${r.stderr}`);
  return { ms: r.ms, invalid: JSON.parse(r.stdout).invalid };
}

/** Repairs (or breaks again) the generated invalid records: a build refuses invalid data. */
function setInvalidRecords(dir, manifest, broken) {
  for (const id of manifest.invalid) {
    const file = path.join(dir, 'records/engagements', id.slice(0, 4), `${id}.yaml`);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, broken ? text.replace('medium: video', 'medium: vidoe') : text.replace('medium: vidoe', 'medium: video'));
  }
}

function measureValidateMemory(dir) {
  const r = sh(process.execPath, ['bench/measure.mjs', 'validate', '--records', path.join(dir, 'records'), '--no-cache', '--format', 'json', '--today', TODAY]);
  return JSON.parse(r.stderr.trim().split('\n').at(-1));
}

function measureBuild(dir) {
  const r = sh(process.execPath, ['bench/measure.mjs', 'build', '--records', path.join(dir, 'records'), '--out', path.join(dir, 'dist'), '--today', TODAY, '--no-cache']);
  const last = r.stderr.trim().split('\n').at(-1);
  return JSON.parse(last);
}

/** A build without one exporter (bench/exporters.mjs): its cost is the difference with the whole build. */
function measureBuildWithout(dir, exporter) {
  const out = path.join(dir, `dist-without-${exporter}`);
  rmSync(out, { recursive: true, force: true });
  const r = sh(process.execPath, ['bench/exporters.mjs', '--records', path.join(dir, 'records'), '--out', out, '--without', exporter]);
  rmSync(out, { recursive: true, force: true });
  return JSON.parse(r.stderr.trim().split('\n').at(-1));
}

function sdkTimings(dir) {
  const entry = path.join(dir, 'dist/sdk/dist/index.js');
  if (!existsSync(entry)) return undefined;
  const script = `
    const t0 = performance.now();
    const sdk = await import(${JSON.stringify(entry)});
    const importMs = performance.now() - t0;
    // The first use pays for whatever the import deferred (parsing the data, the indexes).
    const t1 = performance.now();
    const e = sdk.engagements;
    void e.length;
    sdk.findEngagements({ country: 'PK' });
    const firstUseMs = performance.now() - t1;
    const filters = [
      { country: 'PK' }, { country: ['PK', 'JP'], from: '2010-01-01', to: '2012-12-31' }, { type: 'call' },
      { topic: 'covid-19', medium: 'video' }, { person: e[0].participants[0].person }, { from: '2020-01-01', to: '2020-01-31' },
    ];
    const per = [];
    for (const f of filters) {
      const n = 200; const t = performance.now();
      for (let i = 0; i < n; i++) sdk.findEngagements(f);
      per.push((performance.now() - t) / n);
    }
    per.sort((a, b) => a - b);
    console.log(JSON.stringify({ importMs, firstUseMs, queryMs: per[Math.floor(per.length / 2)], queryMaxMs: per.at(-1), records: e.length }));
  `;
  const runs = times(RUNS, () => JSON.parse(sh(process.execPath, ['--input-type=module', '-e', script]).stdout));
  return { importMs: median(runs.map((r) => r.importMs)), firstUseMs: median(runs.map((r) => r.firstUseMs)), queryMs: median(runs.map((r) => r.queryMs)), queryMaxMs: Math.max(...runs.map((r) => r.queryMaxMs)) };
}

/** Edits the title of one engagement (the same file each time) and returns its path. */
function changeOneFile(dir, i) {
  const year = readdirSorted(path.join(dir, 'records/engagements'))[0];
  const file = path.join(dir, 'records/engagements', year, readdirSorted(path.join(dir, 'records/engagements', year))[0]);
  const text = readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: Changed title number ${i} ${Date.now()}`);
  writeFileSync(file, text);
  return file;
}
/** Every file below a folder, sorted, as absolute paths. */
function filesBelow(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? filesBelow(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
function readdirSorted(d) {
  return readdirSync(d).filter((f) => !f.startsWith('.')).sort();
}
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

ensureBuilt();
schemasForAjv = await publishedSchemaFiles();
const load = () => os.loadavg()[0];
const results = { machine: { cpus: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.arch()}` }, date: new Date().toISOString(), runs: RUNS, loadAverage: { start: load() }, sizes: {} };
for (const set of datasets) {
  const { label } = set;
  const dir = ensureDataset(set);
  const big = set.size === '100k';
  const runs = big ? 1 : RUNS;
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const cacheDir = path.join(dir, '.cache');
  // Cold runs interleaved with ajv-cli (A B A B): both see the same machine conditions.
  log(`${label}: validate cold and ajv-cli, interleaved…`);
  const cold = [];
  const ajvRuns = [];
  const ajvEngagementRuns = [];
  for (let i = 0; i < runs; i++) {
    cold.push(validate(dir, '--no-cache'));
    ajvEngagementRuns.push(ajv(dir, 'engagement'));
    if ((!big || i === 0) && !skip.has('ajv3')) ajvRuns.push(ajv(dir));
  }
  const ours = invalidFromOurs(cold[0].stdout);
  rmSync(cacheDir, { recursive: true, force: true });
  validate(dir, '--cache-dir', cacheDir);
  sleep(1100); // past the cache's racy second: stamps are trusted from now on
  validate(dir, '--cache-dir', cacheDir);
  log(`${label}: validate warm…`);
  const warm = times(runs, () => validate(dir, '--cache-dir', cacheDir));
  const rerunFloors = times(Math.max(runs, 3), () => rerunFloor(dir));
  const nodeStarts = times(Math.max(runs, 3), () => nodeStart());
  log(`${label}: one changed file, validate FILE…`);
  const changed = [];
  const single = [];
  for (let i = 0; i < Math.max(runs, 3); i++) {
    changeOneFile(dir, 2 * i);
    changed.push(validate(dir, '--cache-dir', cacheDir));
    const file = changeOneFile(dir, 2 * i + 1);
    single.push(validate(dir, '--cache-dir', cacheDir, file));
  }
  log(`${label}: floor…`);
  const floorRuns = skip.has('floor') ? [] : times(runs, () => floor(dir));
  let build;
  let validateMemory;
  let sdk;
  let withoutSqlite;
  let databaseBytes;
  if (set.shape === 'bench' || set.size === '10k') {
    log(`${label}: validation's peak memory, build…`);
    if (!skip.has('memory')) validateMemory = measureValidateMemory(dir);
    if (!skip.has('build')) {
      rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
      setInvalidRecords(dir, manifest, false);
      build = measureBuild(dir);
      log(`${label}: build without the SQLite database…`);
      withoutSqlite = measureBuildWithout(dir, 'sqlite');
      setInvalidRecords(dir, manifest, true);
      databaseBytes = statSync(path.join(dir, 'dist/sqlite/engagements.sqlite')).size;
      sdk = sdkTimings(dir);
    }
  }
  results.sizes[label] = {
    shape: set.shape,
    records: SIZES[set.size],
    validateColdMs: median(cold.map((r) => r.ms)),
    validateWarmMs: median(warm.map((r) => r.ms)),
    rerunFloorMs: median(rerunFloors),
    nodeStartMs: median(nodeStarts),
    oneChangedFileMs: median(changed.map((r) => r.ms)),
    validateFileMs: median(single.map((r) => r.ms)),
    ajvCliMs: ajvRuns.length ? median(ajvRuns.map((r) => r.ms)) : undefined,
    ajvCliEngagementsOnlyMs: median(ajvEngagementRuns.map((r) => r.ms)),
    floorMs: floorRuns.length ? median(floorRuns.map((r) => r.ms)) : undefined,
    ...(validateMemory ? { validatePeakRssMiB: Math.round(validateMemory.maxRssKiB / 1024) } : {}),
    ...(build ? { buildMs: build.ms, buildExit: build.code, buildPeakRssMiB: Math.round(build.maxRssKiB / 1024) } : {}),
    ...(withoutSqlite ? { buildWithoutSqliteMs: withoutSqlite.ms, buildWithoutSqlitePeakRssMiB: Math.round(withoutSqlite.maxRssKiB / 1024), sqliteDatabaseMiB: Math.round(databaseBytes / (1 << 20)) } : {}),
    ...(sdk ? { sdkImportMs: sdk.importMs, sdkFirstUseMs: sdk.firstUseMs, sdkQueryMs: sdk.queryMs, sdkQueryMaxMs: sdk.queryMaxMs } : {}),
    loadAverage: load(),
    sameInvalidRecords: {
      expected: manifest.invalid.length,
      ours: JSON.stringify(ours) === JSON.stringify(manifest.invalid),
      // The engagements-only run: the manifest lists engagements, and the founding-shaped
      // corpus copies records/ people and organizations, whose unquoted dates js-yaml 3
      // (YAML 1.1) turns into Date objects that ajv-cli then rejects.
      ajvCli: JSON.stringify(ajvEngagementRuns[0].invalid) === JSON.stringify(manifest.invalid),
      floor: floorRuns.length ? JSON.stringify(floorRuns[0].invalid) === JSON.stringify(manifest.invalid) : undefined,
    },
  };
  log(JSON.stringify(results.sizes[label]));
}
results.loadAverage.end = load();
if (process.env.BENCH_MERGE) {
  const earlier = JSON.parse(readFileSync(process.env.BENCH_MERGE, 'utf8'));
  results.merged = { from: earlier.date, loadAverage: earlier.loadAverage };
  results.sizes = { ...Object.fromEntries(Object.entries(earlier.sizes).filter(([label]) => !(label in results.sizes))), ...results.sizes };
  results.loadAverage.start = Math.max(results.loadAverage.start, earlier.loadAverage?.start ?? 0);
}

const s = results.sizes;
const targets = [];
const target = (name, ok, detail, why) => targets.push({ name, met: ok === undefined ? null : ok, detail, ...(ok === false && why ? { why } : {}) });
const busy = Math.max(results.loadAverage.start, results.loadAverage.end) > results.machine.cpus;
const loadNote = busy ? `; the machine was busy (load average ${results.loadAverage.start.toFixed(1)} to ${results.loadAverage.end.toFixed(1)} on ${results.machine.cpus} cores), so the second core our workers use was mostly taken` : '';
const ratio = (r) => r.ajvCliEngagementsOnlyMs / r.validateColdMs;
for (const label of ['10k', 'founding 10k', '100k', 'founding 100k']) {
  const r = s[label];
  if (!r) continue;
  target(`${label}: cold validation at least 2x faster than ajv-cli (engagements)`, ratio(r) >= 2, `${ratio(r).toFixed(2)}x (ours ${fmt(r.validateColdMs)}, ajv-cli ${fmt(r.ajvCliEngagementsOnlyMs)})`, `ours does more than ajv-cli (the rules, a located report, people and organizations) and puts reading, parsing, validation and the record-scoped rules in one worker per core, so it needs the cores idle${r.floorMs === undefined ? '' : `; the floor alone (read, parse, validate) is ${fmt(r.floorMs)}`}${loadNote}`);
}
for (const label of ['10k', 'founding 10k', '100k', 'founding 100k']) {
  const r = s[label];
  if (!r) continue;
  const limit = label.includes('100k') ? 500 : 300;
  const tenth = r.ajvCliEngagementsOnlyMs / 10;
  for (const [what, ms] of [['one changed file', r.oneChangedFileMs], ['validate FILE after one change', r.validateFileMs]]) {
    target(`${label}: ${what} under ${limit} ms`, ms < limit, `${fmt(ms)} (${((100 * ms) / r.ajvCliEngagementsOnlyMs).toFixed(1)}% of ajv-cli's time; a tenth is ${fmt(tenth)})`, `an edit that keeps ids and names is answered from the cache's index (row i is file i: no row object, no record object per file; the dataset-scoped findings kept; only the changed record and the records whose kept lookups name its id are checked again; the change appended to the change log), but every run still pays Node's start (${fmt(r.nodeStartMs)} here), listing and lstat-ing ${r.records} files (with Node's start, the rerun floor: ${fmt(r.rerunFloorMs)} here), the command line and the check's modules (parsers, validators, rules: about 80-100 ms to compile and evaluate), reading and checksumming the index and the garbage collections of all of it${loadNote}`);
  }
  const floorShare = r.rerunFloorMs === undefined ? '' : `; starting Node, listing and an lstat of every file, which no correct rerun can skip, alone took ${fmt(r.rerunFloorMs)} (${((100 * r.rerunFloorMs) / r.validateColdMs).toFixed(1)}% of this cold run; Node's start ${fmt(r.nodeStartMs)})`;
  // Targets 1 and 3 together: a cold run at half ajv-cli's time leaves a tenth of that for the rerun.
  const jointLimit = r.ajvCliEngagementsOnlyMs / 20;
  const joint = r.rerunFloorMs !== undefined && r.rerunFloorMs > jointLimit ? `; with target 1 met (a cold run of at most ${fmt(r.ajvCliEngagementsOnlyMs / 2)}), this target would ask for at most ${fmt(jointLimit)}, less than that floor: the two cannot both be met by a command that starts Node on this machine` : '';
  target(`${label}: rerun with nothing changed at most 10% of cold`, r.validateWarmMs <= 0.1 * r.validateColdMs, `${((100 * r.validateWarmMs) / r.validateColdMs).toFixed(1)}% (${fmt(r.validateWarmMs)})`, `the rerun lists and stats every file and reads the last report: a fixed cost per file that does not shrink as the cold run gets faster${floorShare}${joint}`);
}
if (s['100k']) {
  const r = s['100k'];
  const peak = Math.max(r.validatePeakRssMiB ?? 0, r.buildPeakRssMiB ?? 0);
  target('100k validated and built within 1 GiB peak memory', r.buildMs === undefined || r.validatePeakRssMiB === undefined ? undefined : peak <= 1024 && r.buildExit === 0, r.buildMs === undefined || r.validatePeakRssMiB === undefined ? 'not measured (BENCH_SKIP)' : `validate ${r.validatePeakRssMiB} MiB, build ${r.buildPeakRssMiB} MiB`, 'every exporter reads the same published records (compact JSON copies: about 365 MiB of heap at 100k bench engagements) for the whole build; the exporters run one after the other, each one\'s files written before the next starts, and the site (last) holds its model, the CSV row ranges and a closure per page (about 170 MiB at 100k) while it writes its pages and its search index (typed arrays), with V8 letting the heap grow by half the live data between full collections (HEAP_GROWING_PERCENT); the build measured here is --no-cache; with the record cache on, a cold cache is filled from what the worker threads send back and a warm one recalls the records, so the peak is the same exporters\' phase (1111 MiB cold, 1125 MiB warm at 100k, PERFORMANCE.md)');
  if (s['10k']?.buildMs && r.buildMs) target('100k build at most 11x the 10k build', r.buildMs <= 11 * s['10k'].buildMs, `${(r.buildMs / s['10k'].buildMs).toFixed(2)}x`, 'at 100k every full collection walks ten times the live data (the records and the site model), and the site writes pages with tables ten times longer (the list of every engagement, each year, type and topic)');
  if (r.sdkImportMs !== undefined) target('SDK import of 100k under 500 ms', r.sdkImportMs < 500, fmt(r.sdkImportMs), 'importing reads the implementation, schemas and validators (about 380 KB), never the data (dist/data.cjs, read on first use), so the import costs the same at any size: a time over the limit is the machine\'s load');
}
if (s['10k']) {
  target('SDK import of 10k under 150 ms', s['10k'].sdkImportMs === undefined ? undefined : s['10k'].sdkImportMs < 150, `${s['10k'].sdkImportMs?.toFixed(1)} ms`);
  target('filtered query under 1 ms (10k)', s['10k'].sdkQueryMs === undefined ? undefined : s['10k'].sdkQueryMs < 1, `${s['10k'].sdkQueryMs?.toFixed(3)} ms median, ${s['10k'].sdkQueryMaxMs?.toFixed(3)} ms slowest filter`);
}
for (const [label, r] of Object.entries(s)) target(`${label}: ours, ajv-cli and the floor find the same invalid records`, r.sameInvalidRecords.ours && r.sameInvalidRecords.ajvCli && r.sameInvalidRecords.floor !== false, `${r.sameInvalidRecords.expected} invalid${r.sameInvalidRecords.floor === undefined ? ' (floor skipped)' : ''}`);
results.targets = targets;

const rows = [['', ...Object.keys(s)]];
const row = (name, get) => rows.push([name, ...Object.values(s).map((r) => get(r) ?? '-')]);
row('validate, cold (new process, no cache)', (r) => fmt(r.validateColdMs));
row('ajv-cli, engagements only (interleaved)', (r) => `${fmt(r.ajvCliEngagementsOnlyMs)} (${ratio(r).toFixed(2)}x ours)`);
row('ajv-cli (3 runs: one per kind)', (r) => (r.ajvCliMs === undefined ? undefined : `${fmt(r.ajvCliMs)} (${(r.ajvCliMs / r.validateColdMs).toFixed(2)}x ours)`));
row('floor (read + parse + validate)', (r) => (r.floorMs === undefined ? undefined : `${fmt(r.floorMs)} (ours ${(r.validateColdMs / r.floorMs).toFixed(2)}x)`));
row('validate, warm (nothing changed)', (r) => `${fmt(r.validateWarmMs)} (${((100 * r.validateWarmMs) / r.validateColdMs).toFixed(0)}%)`);
row('rerun floor (Node start, list, lstat every file)', (r) => (r.rerunFloorMs === undefined ? undefined : `${fmt(r.rerunFloorMs)} (Node start alone ${fmt(r.nodeStartMs)})`));
row('validate, one changed file', (r) => fmt(r.oneChangedFileMs));
row('validate FILE, after one change', (r) => fmt(r.validateFileMs));
row('validate, peak memory (cold)', (r) => (r.validatePeakRssMiB === undefined ? undefined : `${r.validatePeakRssMiB} MiB`));
row('build, all exporters', (r) => (r.buildMs === undefined ? undefined : `${fmt(r.buildMs)}${r.buildExit ? ` (exit ${r.buildExit})` : ''}`));
row('build, peak memory', (r) => (r.buildPeakRssMiB === undefined ? undefined : `${r.buildPeakRssMiB} MiB`));
row('build without the SQLite database', (r) => (r.buildWithoutSqliteMs === undefined ? undefined : `${fmt(r.buildWithoutSqliteMs)}, ${r.buildWithoutSqlitePeakRssMiB} MiB`));
row('SQLite database (size)', (r) => (r.sqliteDatabaseMiB === undefined ? undefined : `${r.sqliteDatabaseMiB} MiB`));
row('SDK import', (r) => (r.sdkImportMs === undefined ? undefined : fmt(r.sdkImportMs)));
row('SDK first use (data access + first query)', (r) => (r.sdkFirstUseMs === undefined ? undefined : fmt(r.sdkFirstUseMs)));
row('SDK findEngagements (median filter)', (r) => (r.sdkQueryMs === undefined ? undefined : `${r.sdkQueryMs.toFixed(3)} ms`));
row('load average after the dataset', (r) => r.loadAverage.toFixed(1));
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(line(rows[0]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows.slice(1)) console.log(line(r));
console.log('');
console.log(`${results.machine.cpus} cores, Node ${results.machine.node}, load average ${results.loadAverage.start.toFixed(1)} at the start, ${results.loadAverage.end.toFixed(1)} at the end${busy ? ' (busy: absolute times are pessimistic; ratios in a column are from the same conditions)' : ''}`);
console.log('');
for (const t of targets) console.log(`${t.met === null ? '?' : t.met ? 'met    ' : 'NOT MET'}  ${t.name}: ${t.detail}${t.why ? `\n         why: ${t.why} (PERFORMANCE.md)` : ''}`);

const fuzzRuns = Number(process.env.BENCH_FUZZ_RUNS ?? 20000);
if (fuzzRuns > 0) {
  log(`\nlong fuzz run (${fuzzRuns} runs per property)…`);
  const r = sh('npx', ['--no-install', 'vitest', 'run', 'tests/fuzz', 'packages/core/src/load/fastParse.test.ts', 'packages/core/src/load/canonicalYaml.test.ts'], { env: { ...env, FUZZ_RUNS: String(fuzzRuns) }, stdio: 'inherit' });
  results.fuzz = { runs: fuzzRuns, passed: r.status === 0, ms: r.ms };
  console.log(`fuzz: ${fuzzRuns} runs per property, ${r.status === 0 ? 'nothing found' : 'FAILURES (see above)'} in ${fmt(r.ms)}`);
}
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(path.join(root, 'bench/results/latest.json'), JSON.stringify(results, null, 2) + '\n');
console.log('\nwrote bench/results/latest.json');
