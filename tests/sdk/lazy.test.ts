// The SDK parses its records on first use, not at import: importing it (or using only
// version, redirects, schemas, vocabularies, getTerm and the validators) never parses
// them; the first touch of engagements/people/organizations, or the first lookup or
// search, parses them once. The three lists are Proxies over the frozen arrays: every
// array operation a consumer uses must behave as on a frozen array.
//
// JSON.parse is spied on to see when the records are parsed: in a fresh vm context for
// the CommonJS body (one context per case, to start each from the unloaded state), and in
// child Node processes for the real ES module and CommonJS entry points.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSdk, loadDataset } from './helpers.js';

/** The data's JSON starts so; the other JSON the package parses (redirects, schemas, vocabularies) does not. */
const DATA_PREFIX = '{"engagements":[';

/**
 * Checks, as the source of a function `(sdk, dataParses) => report`, run inside the realm
 * that loaded the package (vm context or child process). The report holds a boolean per
 * check (true when the behaviour is right) and a few values; the tests require every
 * boolean to be true, and the same report from every way of loading.
 */
const CHECKS = String.raw`(sdk, dataParses) => {
  "use strict";
  const r = {};
  const E = sdk.engagements, P = sdk.people, O = sdk.organizations;
  const throwsType = (f) => { try { f(); return false; } catch (e) { return e instanceof TypeError; } };
  r.importParsesNothing = dataParses() === 0;
  // The exports that carry no records do not load them.
  void sdk.version;
  void sdk.redirects.length;
  void Object.keys(sdk.schemas);
  void sdk.vocabularies.medium.terms.length;
  void sdk.getTerm("medium", "video");
  void sdk.isEngagement({});
  void sdk.getEngagement(42);
  r.otherExportsParseNothing = dataParses() === 0;
  // Neither do Array.isArray, typeof and identity (they look at the proxy, not into it).
  r.isArrayBeforeLoad = Array.isArray(E) && Array.isArray(P) && Array.isArray(O) && typeof E === "object" && E === sdk.engagements;
  r.stillUnparsed = dataParses() === 0;

  const n = E.length;
  r.firstTouchParsesOnce = dataParses() === 1;
  r.length = n > 1 && P.length > 0 && O.length > 0;
  r.index = typeof E[0].id === "string" && E[0].id < E[n - 1].id && E[n] === undefined && E["-1"] === undefined && E.at(-1) === E[n - 1];
  const copy = [];
  for (const e of E) copy.push(e);
  r.forOf = copy.length === n && copy.every((e, i) => e === E[i]);
  const spread = [...E];
  r.spread = Array.isArray(spread) && spread.length === n && spread[n - 1] === E[n - 1] && !Object.isFrozen(spread);
  r.arrayFrom = Array.from(P).length === P.length && Array.from(P)[0] === P[0];
  r.map = E.map((e) => e.id).join() === spread.map((e) => e.id).join();
  r.filter = E.filter((e, i) => i % 2 === 0).length === Math.ceil(n / 2);
  r.find = E.find((e) => e.id === E[n - 1].id) === E[n - 1] && E.findIndex((e) => e === E[1]) === 1 && E.findLast((e) => e === E[0]) === E[0];
  r.someEvery = E.some((e) => e === E[n - 1]) && E.every((e) => typeof e.id === "string") && !E.some((e) => e === null);
  const slice = E.slice(1, 3);
  r.slice = Array.isArray(slice) && slice.length === 2 && slice[0] === E[1] && !Object.isFrozen(slice) && E.slice().length === n;
  r.indexOfIncludes = E.indexOf(E[1]) === 1 && E.lastIndexOf(E[1]) === 1 && E.includes(E[n - 1]) && !E.includes({}) && E.indexOf({}) === -1;
  r.reduceForEach = E.reduce((count) => count + 1, 0) === n && (() => { let c = 0; E.forEach(() => c++); return c === n; })();
  r.concat = [].concat(E).length === n && E.concat(P).length === n + P.length;
  r.keysEntries = Object.keys(E).length === n && [...E.keys()].length === n && [...E.entries()][1][1] === E[1] && Object.values(P).length === P.length;
  r.inAndOwn = 0 in E && !(n in E) && Object.prototype.hasOwnProperty.call(E, "length") && Object.hasOwn(E, n - 1);
  r.join = typeof P.map((p) => p.id).join(",") === "string" && String(O).length > 0;
  const json = JSON.stringify(E);
  r.jsonStringify = json === JSON.stringify(spread) && json.startsWith("[{") && JSON.parse(json).length === n;
  r.instanceOfArray = E instanceof Array && Object.getPrototypeOf(E) === Array.prototype && E.constructor === Array;
  r.frozen = Object.isFrozen(E) && Object.isFrozen(P) && Object.isFrozen(O) && !Object.isExtensible(E) && Object.isFrozen(E[0]) && Object.isFrozen(E[0].participants) && Object.isFrozen(E[0].participants[0]);
  r.descriptors = (() => { const d = Object.getOwnPropertyDescriptor(E, "0"); return d.value === E[0] && !d.writable && !d.configurable && d.enumerable; })() && Object.getOwnPropertyDescriptor(E, "length").value === n;
  // Writes throw in strict mode, and change nothing.
  r.assignThrows = throwsType(() => { E[0] = null; }) && throwsType(() => { E[n] = null; }) && throwsType(() => { E.length = 0; }) && throwsType(() => { E[0].id = "x"; });
  r.mutatorsThrow = throwsType(() => E.push(null)) && throwsType(() => E.pop()) && throwsType(() => E.sort()) && throwsType(() => E.reverse()) && throwsType(() => E.splice(0, 1)) && throwsType(() => E.fill(null)) && throwsType(() => P.unshift(null));
  r.reflectionThrows = throwsType(() => { delete E[0]; }) && throwsType(() => Object.defineProperty(E, "extra", { value: 1 })) && throwsType(() => Object.setPrototypeOf(E, null)) && Object.preventExtensions(E) === E;
  r.unchanged = E.length === n && E[0] === spread[0] && !("extra" in E);
  // Copies made the usual ways are ordinary arrays.
  r.sortedCopy = E.toSorted ? E.toSorted((a, b) => (a.id < b.id ? 1 : -1))[0] === E[n - 1] : [...E].sort((a, b) => (a.id < b.id ? 1 : -1))[0] === E[n - 1];
  // Lookups and searches answer with the very records of the lists.
  r.lookupsShareRecords = sdk.getEngagement(E[1].id) === E[1] && sdk.getPerson(P[0].id) === P[0] && sdk.getOrganization(O[0].id) === O[0];
  const all = sdk.findEngagements();
  r.findShareRecords = all.length === n && all.every((e) => sdk.getEngagement(e.id) === e) && !Object.isFrozen(all);
  // structuredClone (a host API, absent from a bare vm context) refuses a Proxy; a copy clones.
  if (typeof structuredClone === "function") {
    r.structuredCloneOfProxy = (() => { try { structuredClone(E); return "cloned"; } catch (e) { return e.name; } })();
    r.structuredCloneOfCopy = structuredClone([...E]).length === n && structuredClone(E[0]).id === E[0].id;
  }
  r.parsedOnce = dataParses() === 1;
  return r;
}`;

/**
 * Runs the CommonJS entry's text in a new vm context whose JSON.parse counts parses of the
 * records; its `require("./data.cjs")` runs the data file's text in the same context, and
 * counts how often it is required.
 */
function loadInContext(code: string): { sdk: any; dataParses: () => number; dataRequires: () => number; run: (source: string) => any } {
  const context = vm.createContext({});
  vm.runInContext(
    `const parse = JSON.parse;
globalThis.__dataParses = 0;
JSON.parse = function (text, reviver) {
  if (String(text).startsWith(${JSON.stringify(DATA_PREFIX)})) globalThis.__dataParses++;
  return parse.call(this, text, reviver);
};`,
    context,
  );
  let requires = 0;
  const require = (name: string) => {
    if (name !== './data.cjs') throw new Error(`unexpected require(${JSON.stringify(name)})`);
    requires++;
    const module = { exports: {} };
    vm.runInContext(`(function (module, exports) {${data}\n})`, context)(module, module.exports);
    return module.exports;
  };
  const exports = {};
  vm.runInContext(`(function (exports, require) {${code}\n})`, context)(exports, require);
  return { sdk: exports, dataParses: () => vm.runInContext('__dataParses', context), dataRequires: () => requires, run: (source) => vm.runInContext(source, context) };
}

/** The checks run by Node itself on an entry point, in a child process: `import()` (ES module) or `require` (CommonJS). */
function checksInNode(file: string, mode: 'esm' | 'cjs'): Record<string, unknown> {
  const script = `
const parse = JSON.parse;
let parses = 0;
JSON.parse = function (text, reviver) {
  if (String(text).startsWith(${JSON.stringify(DATA_PREFIX)})) parses++;
  return parse.call(this, text, reviver);
};
(async () => {
  const file = process.argv[1];
  const sdk = process.argv[2] === "cjs" ? require(file) : await import(require("node:url").pathToFileURL(file).href);
  const checks = ${CHECKS};
  process.stdout.write(JSON.stringify(checks(sdk, () => parses)));
})();
`;
  const result = spawnSync(process.execPath, ['-e', script, file, mode], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node ${mode} ${file} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

let packageDir: string;
let cjs: string;
let data: string;

beforeAll(async () => {
  const { dir } = await buildSdk(await loadDataset());
  packageDir = path.join(dir, 'sdk');
  cjs = readFileSync(path.join(packageDir, 'dist/index.cjs'), 'utf8');
  data = readFileSync(path.join(packageDir, 'dist/data.cjs'), 'utf8');
});

/** The report's booleans that are not true (empty when all is well). */
const failed = (report: Record<string, unknown>) => Object.entries(report).filter(([, value]) => value === false).map(([key]) => key);

describe('the records are parsed on first use', () => {
  it('not at import, nor by the exports that carry no records; once on first touch; every array operation works on the lists (vm context)', () => {
    const { sdk, dataParses, run } = loadInContext(cjs);
    // Compiled in the package's realm, so that the checks' TypeError and Array are its own.
    const report = run(`(${CHECKS})`)(sdk, dataParses) as Record<string, unknown>;
    expect(failed(report)).toEqual([]);
    expect(Object.keys(report).length).toBeGreaterThan(30);
  });

  // Each first operation, on a package that has not loaded yet, loads the records once and
  // then does what it does on the frozen arrays (writes fail and leave the lists whole).
  const FIRST_USES: [string, string][] = [
    ['engagements.length', 'sdk.engagements.length'],
    ['people[0]', 'sdk.people[0]'],
    ['organizations.map', 'sdk.organizations.map((o) => o.id)'],
    ['for...of', '(() => { for (const e of sdk.engagements) return e; })()'],
    ['spread', '[...sdk.people]'],
    ['Object.keys', 'Object.keys(sdk.organizations)'],
    ['in', '0 in sdk.engagements'],
    ['JSON.stringify', 'JSON.stringify(sdk.people)'],
    ['Object.isFrozen', 'Object.isFrozen(sdk.engagements)'],
    ['Object.isExtensible', 'Object.isExtensible(sdk.engagements)'],
    ['instanceof', 'sdk.organizations instanceof Array'],
    ['getOwnPropertyDescriptor', 'Object.getOwnPropertyDescriptor(sdk.engagements, "0")'],
    ['assignment', '(() => { try { sdk.engagements[0] = null; } catch {} })()'],
    ['push', '(() => { try { sdk.engagements.push(null); } catch {} })()'],
    ['defineProperty', '(() => { try { Object.defineProperty(sdk.people, "0", { value: null }); } catch {} })()'],
    ['setPrototypeOf', '(() => { try { Object.setPrototypeOf(sdk.people, null); } catch {} })()'],
    ['delete', '(() => { try { delete sdk.organizations[0]; } catch {} })()'],
    ['preventExtensions', 'Object.preventExtensions(sdk.organizations)'],
    ['getEngagement', 'sdk.getEngagement("nothing")'],
    ['getPerson', 'sdk.getPerson("nobody")'],
    ['getOrganization', 'sdk.getOrganization("nothing")'],
    ['findEngagements()', 'sdk.findEngagements()'],
    ['findEngagements(filter)', 'sdk.findEngagements({ country: "PK", from: "2020-01-01" })'],
  ];
  for (const [name, expression] of FIRST_USES) {
    it(`${name} loads the records once, and the lists are then whole and frozen`, () => {
      const { sdk, dataParses, dataRequires, run } = loadInContext(cjs);
      expect([dataParses(), dataRequires()]).toEqual([0, 0]); // the data file is not even read at import
      run(`(sdk) => { "use strict"; return ${expression}; }`)(sdk);
      expect([dataParses(), dataRequires()]).toEqual([1, 1]);
      const state = run(`(sdk) => ({
        lengths: [sdk.engagements.length, sdk.people.length, sdk.organizations.length],
        frozen: Object.isFrozen(sdk.engagements) && Object.isFrozen(sdk.people) && Object.isFrozen(sdk.organizations),
        prototypes: [sdk.engagements, sdk.people, sdk.organizations].every((l) => Object.getPrototypeOf(l) === Array.prototype),
        first: sdk.engagements[0] && sdk.engagements[0].id,
      })`)(sdk);
      expect(state.lengths.every((n: number) => n > 0)).toBe(true);
      expect(state.frozen).toBe(true);
      expect(state.prototypes).toBe(true);
      expect(typeof state.first).toBe('string');
      run(`(sdk) => [sdk.engagements.length, sdk.getPerson(sdk.people[0].id), sdk.findEngagements()]`)(sdk);
      expect([dataParses(), dataRequires()]).toEqual([1, 1]);
    });
  }
});

describe('Node loading the package', () => {
  it('behaves the same through import (ES module) and require (CommonJS): parsed on first use, every array operation works', () => {
    const esm = checksInNode(path.join(packageDir, 'dist/index.js'), 'esm');
    const required = checksInNode(path.join(packageDir, 'dist/index.cjs'), 'cjs');
    expect(failed(esm)).toEqual([]);
    expect(required).toEqual(esm);
    // The one documented difference from a plain frozen array: structuredClone (and so
    // postMessage) refuses a Proxy; a copy ([...engagements]) clones.
    expect(esm.structuredCloneOfProxy).toBe('DataCloneError');
    expect(esm.structuredCloneOfCopy).toBe(true);
  });

  it('differs from a plain frozen array only as documented: console.log before first use, structuredClone', () => {
    // Node's util.inspect shows a Proxy's target without calling its traps: before the first
    // use, that is the still empty array. structuredClone (and postMessage) refuse any Proxy.
    const script = `
const util = require("node:util");
const sdk = require(process.argv[1]);
const before = util.inspect(sdk.organizations);
const n = sdk.organizations.length;
const after = util.inspect(sdk.organizations, { maxArrayLength: 1000, depth: 0 });
let cloned;
try { structuredClone(sdk.organizations); cloned = "cloned"; } catch (e) { cloned = e.name; }
process.stdout.write(JSON.stringify({ before, afterItems: (after.match(/\\[Object\\]/g) || []).length, n, isProxy: util.types.isProxy(sdk.organizations), cloned, copyCloned: structuredClone([...sdk.organizations]).length }));
`;
    const result = spawnSync(process.execPath, ['-e', script, path.join(packageDir, 'dist/index.cjs')], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out.before).toBe('[]');
    expect(out.afterItems).toBe(out.n);
    expect(out.isProxy).toBe(true);
    expect(out.cloned).toBe('DataCloneError');
    expect(out.copyCloned).toBe(out.n);
  });
});
