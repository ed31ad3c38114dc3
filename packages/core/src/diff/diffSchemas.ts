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

const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', 'errorMessage']);
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
    const add = (path: string, effect: SchemaEffect, message: string) => differences.push({ file, path, effect, message });
    if (!(file in before)) add('', 'widened', 'new schema file');
    else if (!(file in after)) add('', 'changed', 'schema file removed');
    else compareNode(before[file], after[file], '', add);
  }
  const has = (effect: SchemaEffect) => differences.some((d) => d.effect === effect);
  const change: SchemaChange = has('narrowed') || has('changed') ? 'narrowed' : has('widened') ? 'widened' : has('documentation') ? 'documentation' : 'none';
  return { change, differences };
}

type Add = (path: string, effect: SchemaEffect, message: string) => void;

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
