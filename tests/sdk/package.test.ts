// The proof that @engagements/sdk works as a published package: build it from the real
// dataset, `npm pack` it, install the tarball into a fresh project, compile strict
// TypeScript consumers (ES module and CommonJS, module NodeNext) that use every export
// and misuse some on purpose (@ts-expect-error), run them under Node, and check the
// package with publint and attw. Packing, installing and compiling happen once, here.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RUNTIME_EXPORTS } from '@engagements/export-sdk';
import { publint } from 'publint';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSdk, FOUNDING, loadDataset, root } from './helpers.js';
import { CJS_CONSUMER, ESM_CONSUMER, TYPE_TESTS } from './consumer.js';

const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const attw = path.join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
function run(command: string, args: string[], cwd: string): Run {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
function ok(result: Run, what: string): Run {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

let packageDir: string;
let tarball: string;
let packed: { path: string }[];
let consumer: string;
let compiled: Run;
let version: string;
let expected: { founding: string; people: { id: string; name: string }[]; engagements: number };

beforeAll(async () => {
  const dataset = await loadDataset();
  const founding = dataset.engagements.find((e) => e.id === FOUNDING)!;
  const personIds = founding.participants.flatMap((p) => (p.person ? [p.person] : []));
  expected = {
    founding: FOUNDING,
    people: personIds.map((id) => ({ id, name: dataset.people.find((p) => p.id === id)!.name })),
    engagements: dataset.engagements.length,
  };
  const { dir } = await buildSdk(dataset);
  packageDir = path.join(dir, 'sdk');
  version = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;

  const packs = mkdtempSync(path.join(tmpdir(), 'engagements-sdk-pack-'));
  const pack = ok(run('npm', ['pack', packageDir, '--pack-destination', packs, '--json'], packs), 'npm pack');
  const info = JSON.parse(pack.stdout)[0];
  tarball = path.join(packs, info.filename);
  packed = info.files;

  consumer = mkdtempSync(path.join(tmpdir(), 'engagements-sdk-consumer-'));
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'sdk-consumer', private: true, version: '1.0.0' }, null, 2));
  ok(run('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], consumer), 'npm install');
  mkdirSync(path.join(consumer, 'src'));
  writeFileSync(
    path.join(consumer, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          noUnusedLocals: false,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          // No DOM and no Node types: the package must need neither.
          lib: ['ES2022'],
          types: [],
          resolveJsonModule: true,
          // Check the package's declarations too.
          skipLibCheck: false,
          rootDir: 'src',
          outDir: 'out',
        },
        include: ['src'],
      },
      null,
      2,
    ),
  );
  writeFileSync(path.join(consumer, 'src/globals.d.ts'), 'declare const console: { log(...data: unknown[]): void };\n');
  writeFileSync(path.join(consumer, 'src/esm.mts'), ESM_CONSUMER);
  writeFileSync(path.join(consumer, 'src/cjs.cts'), CJS_CONSUMER);
  writeFileSync(path.join(consumer, 'src/types.mts'), TYPE_TESTS(version));
  writeFileSync(path.join(consumer, 'src/same-types.cts'), SAME_TYPES);
  compiled = run(process.execPath, [tsc, '-p', consumer], consumer);
});

describe('the packed package', () => {
  it('holds the allow-listed files only', () => {
    const paths = packed.map((f) => f.path).sort();
    expect(paths).toContain('package.json');
    expect(paths).toContain('README.md');
    expect(paths).toContain('LICENSE');
    expect(paths).toContain('CHANGELOG.md');
    expect(paths).toContain('changes.json');
    expect(paths).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.cjs', 'dist/data.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'schemas/engagement.schema.json']));
    expect(paths.every((p) => /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|changes\.json|dist\/(index\.(js|cjs|d\.ts|d\.cts)|data\.cjs)|schemas\/.+\.schema\.json)$/.test(p)), paths.join(', ')).toBe(true);
  });

  it('installs with no dependencies and no install scripts', () => {
    const manifest = JSON.parse(readFileSync(path.join(consumer, 'node_modules/@engagements/sdk/package.json'), 'utf8'));
    expect(manifest.version).toBe(version);
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.optionalDependencies).toBeUndefined();
    expect(manifest.peerDependencies).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
    const lock = JSON.parse(readFileSync(path.join(consumer, 'package-lock.json'), 'utf8'));
    // The consumer's lockfile holds the project and the SDK, nothing else.
    expect(Object.keys(lock.packages).sort()).toEqual(['', 'node_modules/@engagements/sdk']);
    expect(lock.packages['node_modules/@engagements/sdk'].hasInstallScript).toBeUndefined();
  });

  it('passes publint with no message, not even a suggestion', async () => {
    const { messages } = await publint({ pkgDir: packageDir, level: 'suggestion', strict: true });
    expect(messages).toEqual([]);
  });

  it('passes attw (are the types wrong) with no problem for node10, node16 CJS and ESM, and bundlers', () => {
    const result = run(process.execPath, [attw, tarball, '--format', 'json'], path.dirname(tarball));
    const report = JSON.parse(result.stdout);
    expect(report.analysis.problems).toEqual([]);
    expect(report.problems).toEqual({});
    expect(result.status).toBe(0);
    const entrypoints = Object.keys(report.analysis.entrypoints);
    expect(entrypoints).toEqual(expect.arrayContaining(['.', './schemas/engagement.schema.json', './changes.json']));
  });
});

// Two dependencies of one app, one importing the package and one requiring it, and the app
// that uses both: the records are parsed once, and both give the very same objects.
const IMPORTING_DEPENDENCY = `export { engagements, people, getEngagement, getPerson, findEngagements, isEngagement, version } from '@engagements/sdk';\n`;
const REQUIRING_DEPENDENCY = `const sdk = require('@engagements/sdk');\nmodule.exports = { engagements: sdk.engagements, people: sdk.people, getEngagement: sdk.getEngagement, getPerson: sdk.getPerson, findEngagements: sdk.findEngagements, isEngagement: sdk.isEngagement, version: sdk.version };\n`;
const APP = `const parse = JSON.parse;
let parses = 0;
JSON.parse = function (text, reviver) {
  if (String(text).startsWith('{"engagements":[')) parses++;
  return parse.call(this, text, reviver);
};
const imported = await import('./importing-dependency.mjs');
const { createRequire } = await import('node:module');
const required = createRequire(import.meta.url)('./requiring-dependency.cjs');
const id = process.argv[2];
const fromImport = imported.getEngagement(id);
const fromRequire = required.getEngagement(id);
const set = new Set(imported.engagements);
const people = new Set(required.people);
process.stdout.write(JSON.stringify({
  found: fromImport !== undefined && fromImport.id === id,
  sameRecord: fromImport === fromRequire,
  sameLists: imported.engagements === required.engagements && imported.people === required.people,
  sameFunctions: imported.getEngagement === required.getEngagement && imported.findEngagements === required.findEngagements && imported.isEngagement === required.isEngagement,
  setFromImportHasEveryRequired: required.engagements.every((e) => set.has(e)),
  setFromRequireHasEveryImported: imported.people.every((p) => people.has(p)),
  sameSearch: imported.findEngagements({ country: 'PK' }).every((e, i) => e === required.findEngagements({ country: 'PK' })[i]),
  version: imported.version === required.version,
  parses,
}));
`;

/** The types seen through import and through require are the same (a .cts file asks for both). */
const SAME_TYPES = `import required = require('@engagements/sdk');
type Imported = typeof import('@engagements/sdk', { with: { 'resolution-mode': 'import' } });
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const sameModule: Same<typeof required, Imported> = true;
export const sameEngagement: Same<ReturnType<typeof required.getEngagement>, ReturnType<Imported['getEngagement']>> = true;
export const sameFilter: Same<Parameters<typeof required.findEngagements>, Parameters<Imported['findEngagements']>> = true;
// @ts-expect-error a different type is not the same
export const different: Same<typeof required.version, number> = true;
`;

describe('one copy of the SDK in a process that both imports and requires it', () => {
  it('getEngagement(id) from both is ===, a Set built from one holds the other\'s records, and the records are parsed once', () => {
    writeFileSync(path.join(consumer, 'importing-dependency.mjs'), IMPORTING_DEPENDENCY);
    writeFileSync(path.join(consumer, 'requiring-dependency.cjs'), REQUIRING_DEPENDENCY);
    writeFileSync(path.join(consumer, 'app.mjs'), APP);
    const result = ok(run(process.execPath, ['app.mjs', expected.founding], consumer), 'node app.mjs');
    expect(JSON.parse(result.stdout)).toEqual({
      found: true,
      sameRecord: true,
      sameLists: true,
      sameFunctions: true,
      setFromImportHasEveryRequired: true,
      setFromRequireHasEveryImported: true,
      sameSearch: true,
      version: true,
      parses: 1,
    });
  });

  it('the ES module entry is the wrapper: it loads the CommonJS file, which Node caches once', () => {
    const script = `const { createRequire } = await import('node:module');
const require = createRequire(import.meta.url);
const sdk = await import('@engagements/sdk');
const file = require.resolve('@engagements/sdk');
process.stdout.write(JSON.stringify({ file: file.slice(file.lastIndexOf('/node_modules/') + 14), cached: require.cache[file] !== undefined && require.cache[file].exports.engagements === sdk.engagements }));`;
    const result = ok(run(process.execPath, ['--input-type=module', '-e', script], consumer), 'node -e');
    expect(JSON.parse(result.stdout)).toEqual({ file: '@engagements/sdk/dist/index.cjs', cached: true });
  });
});

describe('a strict TypeScript consumer', () => {
  it('compiles: every export used as documented, every misuse a compile error (@ts-expect-error), the type tests hold', () => {
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
  });

  it('would not compile without the @ts-expect-error lines', () => {
    // Proves the misuses are errors for the reason given, not for some other one.
    const bare = ESM_CONSUMER.replace(/^\s*\/\/ @ts-expect-error.*$/gm, '');
    writeFileSync(path.join(consumer, 'src/esm.mts'), bare);
    try {
      const result = run(process.execPath, [tsc, '-p', consumer, '--noEmit'], consumer);
      const errors = result.stdout.split('\n').filter((l) => l.includes('error TS'));
      expect(errors.some((e) => e.includes(`'"not-a-type"'`) && e.includes('EngagementType'))).toBe(true);
      expect(errors.some((e) => e.includes("'typo'") && e.includes('EngagementFilter'))).toBe(true);
      expect(errors.length).toBe(ESM_CONSUMER.match(/@ts-expect-error/g)!.length);
    } finally {
      writeFileSync(path.join(consumer, 'src/esm.mts'), ESM_CONSUMER);
    }
  });

  for (const [kind, file] of [
    ['ES module', 'out/esm.mjs'],
    ['CommonJS', 'out/cjs.cjs'],
  ] as const) {
    it(`runs under Node as ${kind}: findEngagements({ country: ['PK', 'JP'], from: '2020-08-06', to: '2020-08-06' }) returns the founding call with its people`, () => {
      const result = ok(run(process.execPath, ['--no-warnings', file], consumer), `node ${file}`);
      const out = JSON.parse(result.stdout);
      expect(out.found).toContain(expected.founding);
      expect(out.foundingPeople).toEqual(expected.people);
      expect(out.engagements).toBe(expected.engagements);
      expect(out.version).toBe(version);
      expect(out.checks).toEqual(Object.fromEntries(Object.keys(out.checks).map((k) => [k, true])));
      expect(Object.keys(out.checks).length).toBeGreaterThan(10);
      // The package exports exactly the documented names, and the consumer imported every one.
      expect(out.exports).toEqual([...RUNTIME_EXPORTS].sort());
      const imported = /import \{([^}]*)\} from '@engagements\/sdk'/.exec(kind === 'ES module' ? ESM_CONSUMER : CJS_CONSUMER)![1]!;
      for (const name of RUNTIME_EXPORTS) expect(imported).toMatch(new RegExp(`\\b${name}\\b`));
    });
  }
});
