// The JavaScript of @engagements/sdk, in three files:
//
//   dist/index.cjs  the implementation, a CommonJS module;
//   dist/data.cjs   the records' JSON, required by index.cjs on first use only;
//   dist/index.js   the ES module entry: a thin wrapper that imports index.cjs and
//                   re-exports its names.
//
// One implementation, so that a process that loads the package both ways (an app whose
// dependencies import it and require it) holds one copy of the data and of every
// function: `import` and `require` give the very same objects. This is Node's "ES module
// wrapper" for dual packages (https://nodejs.org/api/packages.html#dual-package-hazard).
// The records are in a file of their own so that importing the package reads none of
// them: Node scans a CommonJS file that an ES module imports for its export names
// (cjs-module-lexer), which on the records would cost about as much as compiling them.
// The code uses nothing but the language and `require` of its own data file (no Node or
// DOM API), so bundlers take it for browsers and workers. The data file is produced as
// chunks, record by record: the embedded data is never one string in the build.

/** The names the package exports, in the order they appear in its entry points. */
export const RUNTIME_EXPORTS = [
  'version',
  'engagements',
  'people',
  'organizations',
  'redirects',
  'getEngagement',
  'getPerson',
  'getOrganization',
  'findEngagements',
  'isEngagement',
  'isPerson',
  'isOrganization',
  'schemas',
  'vocabularies',
  'getTerm',
] as const;

/** The records the package embeds, each list sorted by id. */
export interface RuntimeData {
  engagements: readonly unknown[];
  people: readonly unknown[];
  organizations: readonly unknown[];
}

export interface RuntimeInputs {
  version: string;
  /** The records, embedded as the JSON text of `{ engagements, people, organizations }`. */
  data: RuntimeData;
  /** JSON text of the redirects, each pointing straight at an existing record. */
  redirectsJson: string;
  /** JSON text of the schemas keyed by file name. */
  schemasJson: string;
  /** JSON text of the vocabularies keyed by id. */
  vocabulariesJson: string;
  /** An expression that evaluates to `{ validateEngagement, validatePerson, validateOrganization }`. */
  validatorsExpression: string;
}

/** Embeds JSON text as a string literal parsed at load time (faster to load than an object literal). */
function parsed(json: string): string {
  return `/* @__PURE__ */ JSON.parse(${JSON.stringify(json)})`;
}

const DATA_LISTS = ['engagements', 'people', 'organizations'] as const;

/** `JSON.stringify(data)` in pieces, one per record (and the brackets between lists). */
export function* dataJsonPieces(data: RuntimeData): Generator<string> {
  for (const [i, list] of DATA_LISTS.entries()) {
    yield `${i === 0 ? '{' : '],'}${JSON.stringify(list)}:[`;
    const records = data[list];
    for (let j = 0; j < records.length; j++) yield j === 0 ? JSON.stringify(records[j]) : `,${JSON.stringify(records[j])}`;
  }
  yield ']}';
}

/** The size above which the data's JSON goes on in a new string literal (UTF-16 code units). */
export const DATA_LITERAL_SIZE = 64 * 1024;

/**
 * JSON text as the inside of a single-quoted JavaScript string literal. JSON text has no
 * control character and no lone surrogate (JSON.stringify escapes them), so only the
 * backslash, the apostrophe and the two line terminators that older parsers refuse in
 * strings (U+2028, U+2029) need escaping; JSON's many `"` stay as they are, which makes
 * the literal about a tenth shorter than a double-quoted one and quicker to scan.
 */
export function singleQuotedJson(json: string): string {
  return json.replace(/[\\'\u2028\u2029]/g, (c) => (c === '\\' ? '\\\\' : c === "'" ? "\\'" : c === '\u2028' ? '\\u2028' : '\\u2029'));
}

/**
 * The data as string literals of about `DATA_LITERAL_SIZE` each, split between records, one
 * per line, each followed by a comma: the elements of the array joined into the JSON.
 *
 * Not one literal: V8 grows its buffer for a string literal by 1 MB at a time past 1 MB,
 * so scanning one literal costs time quadratic in its length (a 27 MB literal, the data of
 * 10,000 engagements, took longer to scan than JSON.parse took to parse it, and twice the
 * data three times as long). Literals of 64 KB scan in linear time, and `join` then makes
 * one flat string for one `JSON.parse`. An array rather than `+`: no tool has to walk a
 * chain of thousands of binary expressions.
 */
function* dataLiterals(data: RuntimeData): Generator<string> {
  let literal = '';
  for (const piece of dataJsonPieces(data)) {
    literal += singleQuotedJson(piece);
    if (literal.length >= DATA_LITERAL_SIZE) {
      yield `'${literal}',\n`;
      literal = '';
    }
  }
  if (literal) yield `'${literal}',\n`;
}

/** The implementation's body: the version, where the records' JSON comes from, the rest. */
function body(inputs: RuntimeInputs): string {
  return `const VERSION = ${JSON.stringify(inputs.version)};
${DATA_ACCESS}${bodyRest(inputs)}`;
}

/**
 * The records' JSON, from the data file, read only when `load` first calls this: importing
 * or requiring the package does not read, compile or scan the data.
 */
const DATA_ACCESS = `// The records' JSON (dist/data.cjs), read on first use: see load().
function recordsJson() {
  return require("./data.cjs")();
}
`;

/** The file name of the data, next to the entry points. */
export const DATA_FILE = 'data.cjs';

/**
 * The three lists, loaded on first use. Each export is a Proxy whose target is the very
 * array that `load` fills and freezes, so the Proxy invariants hold by construction (a frozen
 * empty target would pin `length` to 0 and forbid reporting the elements). Every trap first
 * loads, then does what the default would; once loaded, the traps are deleted from the shared
 * handler, and the proxies forward to their targets without calling any JavaScript.
 */
const LAZY_LISTS = `// The lists of records: empty until load() fills and freezes them, in place. They are the
// targets of the exported proxies, which load the data on any operation (a read, a key
// listing, Object.isFrozen, an attempt to write) and then behave as the frozen arrays.
const ENGAGEMENTS = [];
const PEOPLE = [];
const ORGANIZATIONS = [];
const LIST_TRAPS = ["get", "has", "ownKeys", "getOwnPropertyDescriptor", "defineProperty", "set", "deleteProperty", "getPrototypeOf", "setPrototypeOf", "isExtensible", "preventExtensions"];
const LAZY_HANDLER = /* @__PURE__ */ lazyHandler();
let loaded = false;

// Parses the records' JSON once, on first use, deep-freezes it, fills the three lists and
// freezes them, then removes the proxies' traps.
function load() {
  if (loaded) return;
  const data = deepFreeze(JSON.parse(recordsJson()));
  for (const [list, records] of [[ENGAGEMENTS, data.engagements], [PEOPLE, data.people], [ORGANIZATIONS, data.organizations]]) {
    for (let i = 0; i < records.length; i++) list.push(records[i]);
    Object.freeze(list);
  }
  loaded = true;
  for (const trap of LIST_TRAPS) delete LAZY_HANDLER[trap];
}

function lazyHandler() {
  const handler = {};
  for (const trap of LIST_TRAPS) {
    handler[trap] = function () {
      load();
      return Reflect[trap].apply(undefined, arguments);
    };
  }
  return handler;
}
`;

function bodyRest(inputs: RuntimeInputs): string {
  return `${LAZY_LISTS}
const REDIRECTS = ${parsed(inputs.redirectsJson)};
const SCHEMAS = ${parsed(inputs.schemasJson)};
const VOCABULARIES = ${parsed(inputs.vocabulariesJson)};
const VALIDATORS = ${inputs.validatorsExpression};

// Freezes parsed JSON in depth: plain objects and arrays, none shared, no cycles, so each
// is visited once without asking whether it is frozen already.
function deepFreeze(value) {
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (typeof item === "object" && item !== null) deepFreeze(item);
    }
  } else {
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const item = value[keys[i]];
      if (typeof item === "object" && item !== null) deepFreeze(item);
    }
  }
  return value;
}

const version = VERSION;
const engagements = /* @__PURE__ */ new Proxy(ENGAGEMENTS, LAZY_HANDLER);
const people = /* @__PURE__ */ new Proxy(PEOPLE, LAZY_HANDLER);
const organizations = /* @__PURE__ */ new Proxy(ORGANIZATIONS, LAZY_HANDLER);
const redirects = /* @__PURE__ */ deepFreeze(REDIRECTS);
const schemas = /* @__PURE__ */ deepFreeze(SCHEMAS);
const vocabularies = /* @__PURE__ */ deepFreeze(VOCABULARIES);

// Lookups by id, built on first use: { byId, moved } per kind.
const lookups = {};
function lookup(kind, records, id) {
  if (typeof id !== "string") return undefined;
  let table = lookups[kind];
  if (table === undefined) {
    load();
    const byId = new Map();
    for (const record of records) byId.set(record.id, record);
    const moved = new Map();
    for (const redirect of REDIRECTS) if (redirect.kind === kind) moved.set(redirect.from, redirect.to);
    table = lookups[kind] = { byId, moved };
  }
  const found = table.byId.get(id);
  if (found !== undefined) return found;
  const to = table.moved.get(id);
  return to === undefined ? undefined : table.byId.get(to);
}

function getEngagement(id) {
  return lookup("engagement", ENGAGEMENTS, id);
}
function getPerson(id) {
  return lookup("person", PEOPLE, id);
}
function getOrganization(id) {
  return lookup("organization", ORGANIZATIONS, id);
}

const INDEXED_KEYS = ["country", "person", "organization", "type", "medium", "topic"];
const FILTER_KEYS = INDEXED_KEYS.concat(["from", "to"]);
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const NONE = Object.freeze([]);
let search;

// Built once, on the first search: engagements in date-then-id order, and for each
// indexed key a posting list (ascending positions in that order) per value.
function buildSearch() {
  load();
  const order = ENGAGEMENTS.slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const dates = order.map((e) => e.date);
  const postings = {};
  for (const key of INDEXED_KEYS) postings[key] = new Map();
  const add = (key, value, position) => {
    if (value === undefined) return;
    let list = postings[key].get(value);
    if (list === undefined) postings[key].set(value, (list = []));
    if (list[list.length - 1] !== position) list.push(position);
  };
  // Positions of engagements that span several days, for date ranges that start inside them.
  const spans = [];
  order.forEach((e, position) => {
    for (const p of e.participants) {
      add("country", p.country, position);
      add("person", p.person, position);
      add("organization", p.organization, position);
    }
    add("type", e.type, position);
    add("medium", e.medium, position);
    for (const topic of e.topics) add("topic", topic, position);
    if (e.end_date !== undefined && e.end_date > e.date) spans.push(position);
  });
  return { order, dates, postings, spans };
}

// First index whose date is >= date (or > date when after is true).
function bound(dates, date, after) {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] < date || (after && dates[mid] === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function union(lists) {
  if (lists.length === 1) return lists[0];
  const seen = new Set();
  for (const list of lists) for (const position of list) seen.add(position);
  return Array.from(seen).sort((a, b) => a - b);
}

function intersect(a, b) {
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return out;
}

function dateOf(filter, key) {
  const value = filter[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !DATE.test(value)) throw new RangeError("findEngagements: " + key + " must be a date written YYYY-MM-DD, not " + JSON.stringify(value));
  return value;
}

function findEngagements(filter) {
  if (filter === undefined) filter = {};
  if (filter === null || typeof filter !== "object" || Array.isArray(filter)) throw new TypeError("findEngagements: the filter must be an object");
  for (const key of Object.keys(filter)) {
    if (FILTER_KEYS.indexOf(key) === -1) throw new TypeError("findEngagements: unknown filter key " + JSON.stringify(key) + "; use " + FILTER_KEYS.join(", "));
  }
  const from = dateOf(filter, "from");
  const to = dateOf(filter, "to");
  const s = search === undefined ? (search = buildSearch()) : search;
  // Engagements starting within [from, to] form one run of positions ...
  const lo = from === undefined ? 0 : bound(s.dates, from, false);
  const hi = to === undefined ? s.order.length : bound(s.dates, to, true);
  // ... plus those that started before from and are still going on at from.
  const early = [];
  if (from !== undefined) {
    for (const position of s.spans) {
      if (position >= lo || position >= hi) break;
      if (s.order[position].end_date >= from) early.push(position);
    }
  }
  const lists = [];
  for (const key of INDEXED_KEYS) {
    const wanted = filter[key];
    if (wanted === undefined) continue;
    const values = Array.isArray(wanted) ? wanted : [wanted];
    const found = [];
    for (const value of values) {
      if (typeof value !== "string") throw new TypeError("findEngagements: " + key + " must be a string or an array of strings");
      found.push(s.postings[key].get(value) || NONE);
    }
    lists.push(found.length === 0 ? NONE : union(found));
  }
  let positions;
  if (lists.length === 0) {
    positions = early.slice();
    for (let p = lo; p < hi; p++) positions.push(p);
  } else {
    lists.sort((a, b) => a.length - b.length);
    positions = lists.reduce(intersect);
    if (lo > 0 || hi < s.order.length) {
      const inEarly = new Set(early);
      positions = positions.filter((p) => (p >= lo && p < hi) || inEarly.has(p));
    }
  }
  return positions.map((p) => s.order[p]);
}

function isEngagement(value) {
  return VALIDATORS.validateEngagement(value) === true;
}
function isPerson(value) {
  return VALIDATORS.validatePerson(value) === true;
}
function isOrganization(value) {
  return VALIDATORS.validateOrganization(value) === true;
}

function getTerm(vocabulary, id) {
  const v = Object.prototype.hasOwnProperty.call(vocabularies, vocabulary) ? vocabularies[vocabulary] : undefined;
  if (v === undefined) return undefined;
  for (const term of v.terms) if (term.id === id) return term;
  return undefined;
}
`;
}

const HEADER = (version: string) => `// @engagements/sdk ${version}: generated by the engagements build (packages/export-sdk). Do not edit.\n`;

/**
 * The ES module entry (dist/index.js): imports the CommonJS implementation and re-exports
 * its names, so that `import` and `require` share one copy (Node's ES module wrapper).
 */
export function esmModule(inputs: Pick<RuntimeInputs, 'version'>): string {
  return `${HEADER(inputs.version)}// The ES module entry: a thin wrapper over the CommonJS implementation (index.cjs), so that
// import and require give the very same objects, and a process holds one copy of the data.
import sdk from "./index.cjs";

${RUNTIME_EXPORTS.map((name) => `export const ${name} = sdk.${name};`).join('\n')}
`;
}

/** The CommonJS implementation (dist/index.cjs): the API, the small data embedded, the records required from data.cjs on first use. */
export function cjsModule(inputs: RuntimeInputs): string {
  return `${HEADER(inputs.version)}"use strict";\n${body(inputs)}\n${RUNTIME_EXPORTS.map((name) => `exports.${name} = ${name};`).join('\n')}\n`;
}

/**
 * The records' JSON (dist/data.cjs), as chunks: a function that returns it, built from
 * string literals of about 64 KB, one per line. A function, so that the joined string is
 * not kept once parsed; V8 only pre-parses its body when the file is required, and scans
 * the literals when it is called, both on first use.
 */
export function* dataModule(inputs: Pick<RuntimeInputs, 'version' | 'data'>): Generator<string> {
  yield `${HEADER(inputs.version)}"use strict";
// The records' JSON, in string literals of about 64 KB, joined and returned on first use.
module.exports = function recordsJson() {
  return [
`;
  yield* dataLiterals(inputs.data);
  yield `].join('');
};
`;
}
