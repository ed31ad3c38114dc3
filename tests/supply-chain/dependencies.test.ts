// The supply chain, checked offline from package.json files and package-lock.json:
// production dependencies are few and listed here (adding one is a visible decision),
// every one is pinned by the lockfile with an integrity hash, and nothing runs at install.
// `npm audit` needs the network and is run by hand; its findings are in SECURITY.md.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const readJson = (file: string): Record<string, any> => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));

const root = readJson('package.json');
const lock = readJson('package-lock.json');
const workspaces = readdirSync(path.join(ROOT, 'packages'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => `packages/${d.name}`)
  .filter((dir) => {
    try {
      readJson(`${dir}/package.json`);
      return true;
    } catch {
      return false;
    }
  })
  .sort();
const manifests = new Map(workspaces.map((dir) => [dir, readJson(`${dir}/package.json`)]));
const workspaceNames = new Set([...manifests.values()].map((m) => m.name as string));

/** The direct production dependencies of every workspace package, other than workspace links. */
const EXPECTED_DIRECT: Record<string, Record<string, string>> = {
  'packages/cli': { '@babel/code-frame': '^7.29.7', '@inquirer/prompts': '^7.10.1', commander: '^14.0.3', picocolors: '^1.1.1' },
  'packages/core': { 'fastest-levenshtein': '^1.0.16', 'js-yaml': '^4.3.2', yaml: '^2.9.1' },
  'packages/export-codebook': {},
  'packages/export-csv': { 'csv-stringify': '^6.9.0' },
  'packages/export-jsonld': {},
  'packages/export-sdk': {},
  'packages/export-site': { 'd3-array': '^3.2.5', 'd3-chord': '^3.0.2', 'd3-path': '^3.1.1', 'd3-scale': '^4.0.3', 'd3-shape': '^3.2.1', eta: '^4.6.0', minisearch: '^7.2.0' },
  // SQLite's own WebAssembly build (FTS5 included): no native code, nothing run or downloaded at install.
  'packages/export-sqlite': { '@sqlite.org/sqlite-wasm': '3.50.4-build1' },
  'packages/schema': {},
};

/** Everything installed for production, direct and transitive, by package name. */
const EXPECTED_PRODUCTION_TREE = [
  '@babel/code-frame', '@babel/helper-validator-identifier', '@inquirer/ansi', '@inquirer/checkbox', '@inquirer/confirm',
  '@inquirer/core', '@inquirer/editor', '@inquirer/expand', '@inquirer/external-editor', '@inquirer/figures', '@inquirer/input',
  '@inquirer/number', '@inquirer/password', '@inquirer/prompts', '@inquirer/rawlist', '@inquirer/search', '@inquirer/select',
  '@inquirer/type', '@sqlite.org/sqlite-wasm', 'ansi-regex', 'ansi-styles', 'argparse', 'chardet', 'cli-width', 'color-convert', 'color-name', 'commander',
  'csv-stringify', 'd3-array', 'd3-chord', 'd3-color', 'd3-format', 'd3-interpolate', 'd3-path', 'd3-scale', 'd3-shape', 'd3-time',
  'd3-time-format', 'emoji-regex', 'eta', 'fastest-levenshtein', 'iconv-lite', 'is-fullwidth-code-point', 'js-tokens', 'js-yaml',
  'internmap', 'minisearch', 'mute-stream', 'picocolors', 'safer-buffer', 'signal-exit', 'string-width', 'strip-ansi', 'wrap-ansi',
  'yaml', 'yoctocolors-cjs',
];

/** An exact release: `MAJOR.MINOR.PATCH`, or the SQLite project's `-buildN` republications of one. */
const LOCKED_VERSION = /^\d+\.\d+\.\d+(-build\d+)?$/;

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

/** The lockfile entry a workspace's dependency resolves to (Node's lookup: nested first, then hoisted). */
function resolved(workspace: string, name: string): [string, Record<string, any>] | undefined {
  for (const key of [`${workspace}/node_modules/${name}`, `node_modules/${name}`]) if (lock.packages[key]) return [key, lock.packages[key]];
  return undefined;
}

const nameOf = (key: string): string => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
const productionEntries = Object.entries(lock.packages as Record<string, Record<string, any>>).filter(
  ([key, entry]) => key.includes('node_modules/') && !entry.link && !entry.dev && !entry.devOptional,
);

describe('production dependencies', () => {
  it('are the listed few (workspace links aside)', () => {
    const direct = Object.fromEntries(
      workspaces.map((dir) => [dir, Object.fromEntries(Object.entries(manifests.get(dir)!.dependencies ?? {}).filter(([name]) => !workspaceNames.has(name)))]),
    );
    expect(direct).toEqual(EXPECTED_DIRECT);
    expect(root.dependencies ?? {}).toEqual({});
  });

  it('link to workspace packages only as workspace links', () => {
    for (const [dir, manifest] of manifests) {
      for (const [name, range] of Object.entries<string>(manifest.dependencies ?? {})) {
        if (!workspaceNames.has(name)) continue;
        expect(range, `${dir} -> ${name}`).toBe('*');
        expect(lock.packages[`node_modules/${name}`]?.link, `${name} in the lockfile`).toBe(true);
      }
    }
  });

  it('are recorded in the lockfile as declared (the lockfile is in sync with package.json)', () => {
    expect(lock.lockfileVersion).toBe(3);
    for (const [dir, manifest] of manifests) {
      expect(lock.packages[dir]?.dependencies ?? {}, dir).toEqual(manifest.dependencies ?? {});
    }
  });

  it('each resolve to a locked version with a sha512 integrity hash', () => {
    for (const [dir, deps] of Object.entries(EXPECTED_DIRECT)) {
      for (const name of Object.keys(deps)) {
        const entry = resolved(dir, name);
        expect(entry, `${dir} -> ${name}`).toBeDefined();
        expect(entry![1].version, `${name}`).toMatch(LOCKED_VERSION);
        expect(entry![1].integrity, `${name}`).toMatch(/^sha512-[A-Za-z0-9+/]+=*$/);
      }
    }
  });

  it('and everything they pull in are the listed packages, each locked with an integrity hash', () => {
    const names = [...new Set(productionEntries.map(([key]) => nameOf(key)))].sort();
    expect(names).toEqual([...EXPECTED_PRODUCTION_TREE].sort());
    for (const [key, entry] of productionEntries) {
      expect(entry.version, key).toMatch(LOCKED_VERSION);
      expect(entry.integrity, key).toMatch(/^sha512-[A-Za-z0-9+/]+=*$/);
      // From the registry, never from git, a tarball URL or the file system.
      if (entry.resolved !== undefined) expect(entry.resolved, key).toMatch(/^https:\/\/registry\.npmjs\.org\//);
    }
  });
});

describe('install scripts', () => {
  it('no workspace package (nor the root) has one', () => {
    for (const [file, manifest] of [['package.json', root] as const, ...[...manifests].map(([dir, m]) => [`${dir}/package.json`, m] as const)]) {
      const scripts = Object.keys(manifest.scripts ?? {}).filter((s) => INSTALL_SCRIPTS.includes(s));
      expect(scripts, file).toEqual([]);
    }
    for (const dir of workspaces) expect(lock.packages[dir]?.hasInstallScript, dir).toBeUndefined();
  });

  it('no production dependency has one', () => {
    expect(productionEntries.filter(([, entry]) => entry.hasInstallScript).map(([key]) => key)).toEqual([]);
  });

  it('the only development dependency with one is esbuild (it checks for its platform binary)', () => {
    const withScripts = Object.entries(lock.packages as Record<string, Record<string, any>>)
      .filter(([key, entry]) => key.includes('node_modules/') && entry.hasInstallScript)
      .map(([key]) => key);
    expect(withScripts).toEqual(['node_modules/esbuild']);
  });

  it('and package.json says it is not run (allowScripts), so npm ci neither runs it nor warns about it', () => {
    // npm 11.16+ lists dependencies whose install scripts allowScripts does not cover at
    // the end of every install, and npm 12 skips them. esbuild's only checks (or, failing
    // that, fetches) its platform binary, which the optional dependency already installs
    // and its JavaScript API (our only use) finds on its own.
    expect(root.allowScripts).toEqual({ esbuild: false });
  });
});
