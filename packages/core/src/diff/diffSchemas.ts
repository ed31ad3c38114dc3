import { compareText, deepEqual } from './diffDatasets.js';
import type { SchemaChange } from './types.js';

/** What one schema difference does to the set of valid records. */
export type SchemaEffect = 'narrowed' | 'widened' | 'changed' | 'documentation';

export interface SchemaDifference {
  /** The schema file, such as `engagement.schema.json`. */
  file: string;
  /** JSON pointer of the keyword inside the file. */
  path: string;
  effect: SchemaEffect;
  message: string;
}

export interface SchemaDiff {
  /** The overall effect: narrowed if anything narrowed or changed in a way not classified, else widened, else documentation, else none. */
  change: SchemaChange;
  differences: SchemaDifference[];
}

/** Schemas keyed by file name, as `@engagements/schema` exports them. */
export type SchemaSet = Readonly<Record<string, unknown>>;

// patternErrorMessage is yaml-language-server's message for a failed pattern.
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', 'errorMessage', 'patternErrorMessage']);
const UPPER_LIMITS = new Set(['maxLength', 'maxItems', 'maxProperties', 'maximum', 'exclusiveMaximum']);
const LOWER_LIMITS = new Set(['minLength', 'minItems', 'minProperties', 'minimum', 'exclusiveMinimum']);

/**
 * Compares two sets of JSON Schemas and classifies each difference by what it does to
 * the set of valid records: a removed vocabulary term, a new required property or a
 * lower limit narrows; a new term, a new optional property (under
 * `additionalProperties: false`) or a higher limit widens; titles and descriptions are
 * documentation. Anything else (a new pattern, format, type or $ref) is `changed` and
 * counts as narrowed, so that an unclassified change never slips into a minor release.
 */
export function diffSchemas(before: SchemaSet, after: SchemaSet): SchemaDiff {
  const differences: SchemaDifference[] = [];
  const files = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareText);
  for (const file of files) {
    const add: Add = Object.assign((path: string, effect: SchemaEffect, message: string) => differences.push({ file, path, effect, message }), {
      resolve: (ref: string) => resolveRef(after, file, ref),
    });
    if (!(file in before)) add('', 'widened', 'new schema file');
    else if (!(file in after)) add('', 'changed', 'schema file removed');
    else compareNode(before[file], after[file], '', add);
  }
  const has = (effect: SchemaEffect) => differences.some((d) => d.effect === effect);
  const change: SchemaChange = has('narrowed') || has('changed') ? 'narrowed' : has('widened') ? 'widened' : has('documentation') ? 'documentation' : 'none';
  return { change, differences };
}

/** Records a difference; `resolve` looks a `$ref` up in the schemas after the change. */
type Add = ((path: string, effect: SchemaEffect, message: string) => void) & { resolve(ref: string): unknown };

function compareNode(b: unknown, a: unknown, path: string, add: Add): void {
  if (deepEqual(b, a)) return;
  if (!isObject(b) || !isObject(a)) {
    add(path, 'changed', 'schema replaced');
    return;
  }
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort(compareText);
  for (const key of keys) {
    const vb = b[key];
    const va = a[key];
    if (deepEqual(vb, va)) continue;
    const at = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (ANNOTATIONS.has(key)) add(at, 'documentation', `${key} changed`);
    else if (key === 'propertyNames' && vb === undefined && admitsEveryListedName(a, va, add.resolve)) {
      add(at, 'documentation', 'propertyNames added: every property the schema lists satisfies it and no other is allowed, so no record changes validity');
    } else if (key === 'pattern' && b.format === 'date' && a.format === 'date' && typeof vb === 'string' && typeof va === 'string' && sameOnEveryDate(vb, va)) {
      add(at, 'documentation', 'pattern changed: it accepts the same calendar dates as before (checked on every date from 0000-01-01 to 9999-12-31)');
    } else if (key === 'pattern' && b.format === 'uri' && a.format === 'uri' && typeof vb === 'string' && !vb.endsWith('$') && !vb.endsWith('\\') && va === `${vb}\\S*$`) {
      // The `uri` format refuses every white-space character (RFC 3986 has none), so a
      // pattern that only adds "no white space after this" rejects no value it accepted.
      add(at, 'documentation', 'pattern changed: it only adds "no white space", which the uri format already requires');
    }
    else if (key === 'enum') compareTerms(values(vb), values(va), at, add);
    else if ((key === 'oneOf' || key === 'anyOf') && isTermList(vb) && isTermList(va)) compareTermList(vb, va, at, add);
    else if (key === 'required') compareRequired(values(vb), values(va), at, add);
    else if (key === 'properties') compareProperties(b, a, at, add);
    else if (key === '$defs' || key === 'patternProperties' || key === 'dependentSchemas') compareMap(vb, va, at, add);
    else if (UPPER_LIMITS.has(key)) compareLimit(vb, va, at, key, 'upper', add);
    else if (LOWER_LIMITS.has(key)) compareLimit(vb, va, at, key, 'lower', add);
    else if (key === 'uniqueItems') add(at, va === true ? 'narrowed' : 'widened', va === true ? 'items must now be unique' : 'items need no longer be unique');
    else if (key === 'additionalProperties' && (vb === false || va === false) && (typeof vb === 'boolean' || vb === undefined) && (typeof va === 'boolean' || va === undefined)) {
      add(at, va === false ? 'narrowed' : 'widened', va === false ? 'unknown properties are no longer allowed' : 'unknown properties are now allowed');
    } else if (isObject(vb) && isObject(va)) compareNode(vb, va, at, add);
    else add(at, 'changed', vb === undefined ? `${key} added` : va === undefined ? `${key} removed` : `${key} changed`);
  }
}

function compareTerms(before: unknown[], after: unknown[], path: string, add: Add): void {
  const removed = before.filter((v) => !after.some((w) => deepEqual(v, w)));
  const added = after.filter((v) => !before.some((w) => deepEqual(v, w)));
  if (removed.length > 0) add(path, 'narrowed', `values removed: ${removed.map((v) => JSON.stringify(v)).join(', ')}`);
  if (added.length > 0) add(path, 'widened', `values added: ${added.map((v) => JSON.stringify(v)).join(', ')}`);
  if (removed.length === 0 && added.length === 0 && !deepEqual(before, after)) add(path, 'documentation', 'values reordered');
}

/** A vocabulary: a list of `{ const, title, description }` terms. */
function compareTermList(before: Record<string, unknown>[], after: Record<string, unknown>[], path: string, add: Add): void {
  compareTerms(before.map((t) => t.const), after.map((t) => t.const), path, add);
  for (const term of before) {
    const j = after.findIndex((t) => deepEqual(t.const, term.const));
    if (j !== -1) compareNode(term, after[j], `${path}/${j}`, add);
  }
}

function compareRequired(before: unknown[], after: unknown[], path: string, add: Add): void {
  const added = after.filter((v) => !before.includes(v));
  const removed = before.filter((v) => !after.includes(v));
  if (added.length > 0) add(path, 'narrowed', `now required: ${added.join(', ')}`);
  if (removed.length > 0) add(path, 'widened', `no longer required: ${removed.join(', ')}`);
  if (added.length === 0 && removed.length === 0) add(path, 'documentation', 'required properties reordered');
}

function compareProperties(b: Record<string, unknown>, a: Record<string, unknown>, path: string, add: Add): void {
  const pb = isObject(b.properties) ? b.properties : {};
  const pa = isObject(a.properties) ? a.properties : {};
  const closedBefore = b.additionalProperties === false || b.unevaluatedProperties === false;
  const closedAfter = a.additionalProperties === false || a.unevaluatedProperties === false;
  const names = [...new Set([...Object.keys(pb), ...Object.keys(pa)])].sort(compareText);
  for (const name of names) {
    const at = `${path}/${name}`;
    if (!(name in pb)) {
      // Under additionalProperties: false a new property admits records that were invalid; otherwise it constrains a value that was free.
      add(at, closedBefore ? 'widened' : 'changed', `property ${name} added`);
    } else if (!(name in pa)) {
      add(at, closedAfter ? 'narrowed' : 'widened', `property ${name} removed`);
    } else {
      compareNode(pb[name], pa[name], at, add);
    }
  }
}

function compareMap(vb: unknown, va: unknown, path: string, add: Add): void {
  const mb = isObject(vb) ? vb : {};
  const ma = isObject(va) ? va : {};
  for (const name of [...new Set([...Object.keys(mb), ...Object.keys(ma)])].sort(compareText)) {
    // A definition added or removed matters only where it is referenced; that reference shows as its own difference.
    if (name in mb && name in ma) compareNode(mb[name], ma[name], `${path}/${name}`, add);
  }
}

function compareLimit(vb: unknown, va: unknown, path: string, key: string, side: 'upper' | 'lower', add: Add): void {
  if (typeof vb === 'number' && typeof va === 'number') {
    const tighter = side === 'upper' ? va < vb : va > vb;
    add(path, tighter ? 'narrowed' : 'widened', `${key} ${vb} -> ${va}`);
  } else if (vb === undefined) {
    add(path, 'narrowed', `${key} ${String(va)} added`);
  } else if (va === undefined) {
    add(path, 'widened', `${key} removed`);
  } else {
    add(path, 'changed', `${key} changed`);
  }
}

function isTermList(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every((t) => isObject(t) && 'const' in t);
}

function values(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a `propertyNames` schema added to `node` rejects nothing that was valid: true when
 * the object admits only the properties it lists (`additionalProperties: false`, no
 * `patternProperties`) and every listed name satisfies it. Only `pattern`, `type: string`
 * and `$ref`s to such schemas are understood; anything else answers false, so that the
 * change counts as `changed`.
 */
function admitsEveryListedName(node: Record<string, unknown>, names: unknown, resolve: (ref: string) => unknown): boolean {
  if (node.additionalProperties !== false || node.patternProperties !== undefined || !isObject(node.properties)) return false;
  const accepts = nameTest(names, resolve, 0);
  return accepts !== undefined && Object.keys(node.properties).every(accepts);
}

function nameTest(schema: unknown, resolve: (ref: string) => unknown, depth: number): ((name: string) => boolean) | undefined {
  if (!isObject(schema) || depth > 10) return undefined;
  const tests: ((name: string) => boolean)[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (key === 'type' && value === 'string') continue;
    if (key === 'pattern' && typeof value === 'string') {
      const re = new RegExp(value, 'u');
      tests.push((name) => re.test(name));
    } else if (key === '$ref' && typeof value === 'string') {
      const inner = nameTest(resolve(value), resolve, depth + 1);
      if (!inner) return undefined;
      tests.push(inner);
    } else {
      return undefined;
    }
  }
  return (name) => tests.every((t) => t(name));
}

/**
 * Whether two patterns accept the same strings among those that JSON Schema's `date`
 * format accepts, which are exactly the calendar dates from 0000-01-01 to 9999-12-31
 * (RFC 3339 full-date, February 29 in leap years): checked on each of them.
 */
function sameOnEveryDate(before: string, after: string): boolean {
  const old = new RegExp(before, 'u');
  const now = new RegExp(after, 'u');
  const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  for (let y = 0; y <= 9999; y++) {
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    const year = String(y).padStart(4, '0');
    for (let m = 1; m <= 12; m++) {
      const month = `${year}-${String(m).padStart(2, '0')}-`;
      const days = m === 2 && leap ? 29 : DAYS[m - 1]!;
      for (let d = 1; d <= days; d++) {
        const date = `${month}${d < 10 ? '0' : ''}${d}`;
        if (old.test(date) !== now.test(date)) return false;
      }
    }
  }
  return true;
}

/** A `$ref` from `file` (such as `defs.schema.json#/$defs/Slug`), looked up in `schemas`. */
function resolveRef(schemas: SchemaSet, file: string, ref: string): unknown {
  const [target = '', pointer = ''] = ref.split('#', 2);
  const segments = [...file.split('/').slice(0, -1), ...target.split('/')].reduce<string[]>((out, s) => (s === '..' ? out.slice(0, -1) : s === '.' ? out : [...out, s]), []);
  let node: unknown = target === '' ? schemas[file] : schemas[segments.join('/')];
  for (const part of pointer.split('/').slice(1)) {
    if (!isObject(node)) return undefined;
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}
