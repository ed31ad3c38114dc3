// Reads what the JSON Schemas say about a field of a record, by its record path
// (`participants[].role`): title, description, type, pattern, allowed values with their
// definitions, whether it is required, and whether it is free text. The CSV columns, the
// data package and the codebook all take their descriptions from here, never from a copy.
import { schemas } from '@engagements/schema';
import { FORMULA_TRIGGER } from './escape.js';

type SchemaNode = { readonly [key: string]: unknown };

/** A schema node with the file it is in and its JSON pointer there. */
interface Located {
  file: string;
  pointer: string;
  node: SchemaNode;
}

export type RecordKind = 'engagement' | 'person' | 'organization';

/** The schema file of each kind of record. */
export const ROOT_SCHEMA: Record<RecordKind, string> = {
  engagement: 'engagement.schema.json',
  person: 'person.schema.json',
  organization: 'organization.schema.json',
};

/** A term of a controlled vocabulary. */
export interface Term {
  id: string;
  label: string;
  definition: string;
}

/** What the schemas say about one field, found by its record path. */
export interface FieldInfo {
  kind: RecordKind;
  /** Record path: property names joined by `.`, `[]` after a list (`outcomes[].sources[]`). */
  path: string;
  /** Where the field is defined: `engagement.schema.json#/$defs/Participant/properties/role`. */
  pointer: string;
  title?: string;
  description?: string;
  /** The JSON type, when the schema gives one (a union such as `initiator` has none). */
  type?: 'string' | 'array' | 'object';
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  /** Allowed values of a plain `enum` (no definitions). */
  enum?: string[];
  /** Allowed values with labels and definitions, for a controlled vocabulary. */
  terms?: Term[];
  /** The vocabulary's id (`topic`, `date-precision`), when `terms` is set. */
  vocabulary?: string;
  /** The vocabulary's own title and definition. */
  vocabularyTitle?: string;
  vocabularyDescription?: string;
  /** For a union of constants and objects (`initiator`: `unknown` or a known initiator): its parts. */
  union?: { constants: string[]; objects: string[] };
  /** The title of the shared definition the field uses (`Text`, `Country code`), if any. */
  typeTitle?: string;
  /** For each segment of the path: is the property required in its parent object (false when it sits in one branch of a union). */
  requiredSteps: boolean[];
  /** The field is a value inside a union (`initiator.country` exists only for a known initiator). */
  conditional: boolean;
  /** Free text: a string whose first character the schema does not restrict to a letter or digit. */
  freeText: boolean;
}

const FILES = schemas as unknown as Record<string, SchemaNode>;

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dirname(file: string): string {
  const at = file.lastIndexOf('/');
  return at === -1 ? '' : file.slice(0, at + 1);
}

function normalizeFile(file: string): string {
  const out: string[] = [];
  for (const part of file.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

function at(file: string, pointer: string): Located {
  const root = FILES[file];
  if (!root) throw new Error(`No schema file ${file}`);
  let node: unknown = root;
  const parts = pointer === '#' || pointer === '' ? [] : pointer.replace(/^#\//, '').split('/');
  for (const raw of parts) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isNode(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
    if (node === undefined) throw new Error(`No schema node ${file}${pointer}`);
  }
  if (!isNode(node)) throw new Error(`Schema node ${file}${pointer} is not an object`);
  return { file, pointer: parts.length ? pointer : '#', node };
}

function child(loc: Located, ...keys: (string | number)[]): Located | undefined {
  let node: unknown = loc.node;
  for (const key of keys) node = isNode(node) ? node[key] : Array.isArray(node) ? node[key as number] : undefined;
  if (!isNode(node)) return undefined;
  const suffix = keys.map((k) => String(k).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  return { file: loc.file, pointer: `${loc.pointer === '#' ? '#' : loc.pointer}/${suffix}`, node };
}

/** The node and every node its `$ref` chain leads to, nearest first. */
function chain(loc: Located): Located[] {
  const out = [loc];
  let current = loc;
  for (let guard = 0; guard < 20; guard++) {
    const ref = current.node.$ref;
    if (typeof ref !== 'string') return out;
    const [filePart = '', fragment = ''] = ref.split('#');
    const file = filePart === '' ? current.file : normalizeFile(dirname(current.file) + filePart);
    current = at(file, fragment === '' ? '#' : `#${fragment}`);
    out.push(current);
  }
  throw new Error(`$ref loop at ${loc.file}${loc.pointer}`);
}

function first<T>(nodes: Located[], key: string, test: (v: unknown) => v is T): T | undefined {
  for (const { node } of nodes) if (test(node[key])) return node[key] as T;
  return undefined;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The branches of `oneOf`/`anyOf` along a chain, each resolved. */
function branches(nodes: Located[]): Located[][] {
  const out: Located[][] = [];
  for (const loc of nodes) {
    for (const key of ['oneOf', 'anyOf'] as const) {
      const list = loc.node[key];
      if (!Array.isArray(list)) continue;
      list.forEach((_, i) => {
        const branch = child(loc, key, i);
        if (branch) out.push(chain(branch));
      });
    }
  }
  return out;
}

/** The property `name` of an object schema (looking into union branches), with whether it is required there. */
function property(nodes: Located[], name: string): { loc: Located; required: boolean; conditional: boolean } | undefined {
  for (const loc of nodes) {
    const prop = child(loc, 'properties', name);
    if (prop) {
      const required = isStringArray(loc.node.required) && loc.node.required.includes(name);
      return { loc: prop, required, conditional: false };
    }
  }
  for (const branch of branches(nodes)) {
    const found = property(branch, name);
    if (found) return { ...found, required: false, conditional: true };
  }
  return undefined;
}

/** A vocabulary's terms, when a node of the chain is a `oneOf` of constants with titles. */
function termsOf(nodes: Located[], lastName: string): { terms: Term[]; id: string; title?: string; description?: string } | undefined {
  for (const loc of nodes) {
    const list = loc.node.oneOf;
    if (!Array.isArray(list) || list.length === 0) continue;
    if (!list.every((b) => isNode(b) && typeof b.const === 'string')) continue;
    const terms = list.map((b) => {
      const n = b as SchemaNode;
      return { id: n.const as string, label: String(n.title ?? n.const), definition: String(n.description ?? '') };
    });
    let id: string;
    const def = /^#\/\$defs\/([^/]+)$/.exec(loc.pointer);
    if (loc.file.startsWith('vocabularies/') && loc.pointer === '#') id = loc.file.slice('vocabularies/'.length).replace(/\.schema\.json$/, '');
    else if (def) id = kebab(def[1]!);
    else id = kebab(lastName);
    const title = isString(loc.node.title) ? loc.node.title : undefined;
    const description = isString(loc.node.description) ? loc.node.description : undefined;
    return { terms, id, ...(title ? { title } : {}), ...(description ? { description } : {}) };
  }
  return undefined;
}

function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
}

/** Every character a spreadsheet may take as the start of a formula (`FORMULA_TRIGGER`), for proofs. */
const TRIGGER_CHARS: string[] = (() => {
  const out: string[] = [];
  for (let cp = 0; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (FORMULA_TRIGGER.test(ch)) out.push(ch);
  }
  return out;
})();

/**
 * True when a schema pattern proves that a matching value starts with an ASCII letter or
 * digit: it is anchored with `^` and its first atom (a character class, an escape or a
 * literal) matches no formula-trigger character and nothing else than letters and digits.
 */
export function patternStartsSafely(pattern: string): boolean {
  const m = /^\^(\[(?:\\.|[^\]\\])*\]|\\.|[^\\[(|.?*+{])/u.exec(pattern);
  if (!m) return false;
  const atom = new RegExp(`^${m[1]!}`, 'u');
  if (TRIGGER_CHARS.some((ch) => atom.test(ch))) return false;
  for (let cp = 0x20; cp < 0x7f; cp++) {
    const ch = String.fromCharCode(cp);
    if (atom.test(ch) && !/[A-Za-z0-9]/.test(ch)) return false;
  }
  return true;
}

interface Token {
  name: string;
  list: boolean;
}

function tokens(path: string): Token[] {
  if (path === '') return [];
  return path.split('.').map((t) => (t.endsWith('[]') ? { name: t.slice(0, -2), list: true } : { name: t, list: false }));
}

const cache = new Map<string, FieldInfo>();

/** What the schema of `kind` says about the field at `path`; throws when there is no such field. */
export function fieldInfo(kind: RecordKind, path: string): FieldInfo {
  const key = `${kind}:${path}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let current = at(ROOT_SCHEMA[kind], '#');
  const requiredSteps: boolean[] = [];
  let conditional = false;
  let lastName = '';
  // For a list item (`topics[]`), the list's own title and description say more than the item type's.
  let listNodes: Located[] | undefined;
  for (const token of tokens(path)) {
    listNodes = undefined;
    const found = property(chain(current), token.name);
    if (!found) throw new Error(`The ${kind} schema has no field ${path} (at ${token.name})`);
    requiredSteps.push(found.required);
    conditional ||= found.conditional;
    current = found.loc;
    lastName = token.name;
    if (token.list) {
      const list = chain(current);
      listNodes = list;
      const items = list.map((l) => child(l, 'items')).find((l): l is Located => l !== undefined);
      if (!items) throw new Error(`The ${kind} field ${token.name} is not a list`);
      current = items;
    }
  }
  const nodes = chain(current);
  const vocab = termsOf(nodes, lastName);
  const type = first(nodes, 'type', (v): v is 'string' | 'array' | 'object' => v === 'string' || v === 'array' || v === 'object');
  const info: FieldInfo = {
    kind,
    path,
    pointer: `${current.file}${current.pointer}`,
    requiredSteps,
    conditional,
    freeText: false,
  };
  const set = <K extends keyof FieldInfo>(k: K, v: FieldInfo[K] | undefined): void => {
    if (v !== undefined) info[k] = v;
  };
  set('title', first([...(listNodes ?? []), ...nodes], 'title', isString));
  set('description', first([...(listNodes ?? []), ...nodes], 'description', isString));
  set('type', type);
  set('format', first(nodes, 'format', isString));
  set('pattern', first(nodes, 'pattern', isString));
  set('minLength', first(nodes, 'minLength', isNumber));
  set('maxLength', first(nodes, 'maxLength', isNumber));
  set('minItems', first(nodes, 'minItems', isNumber));
  set('maxItems', first(nodes, 'maxItems', isNumber));
  set('uniqueItems', first(nodes, 'uniqueItems', isBoolean));
  set('enum', first(nodes, 'enum', isStringArray));
  if (vocab) {
    info.terms = vocab.terms;
    info.vocabulary = vocab.id;
    set('vocabularyTitle', vocab.title);
    set('vocabularyDescription', vocab.description);
  }
  if (nodes.length > 1) set('typeTitle', first(nodes.slice(1), 'title', isString));
  if (!vocab) {
    const parts = branches(nodes);
    const constants = parts.map((b) => b[0]!.node.const).filter(isString);
    const objects = parts.filter((b) => hasProperties(b)).map((b) => first(b.slice(1), 'title', isString) ?? first(b, 'title', isString) ?? 'object');
    if (constants.length && objects.length) info.union = { constants, objects };
  }
  info.freeText =
    info.type === 'string' && !info.enum && !info.terms && info.format !== 'date' && !(info.pattern !== undefined && patternStartsSafely(info.pattern));
  cache.set(key, info);
  return info;
}

/** One field of a record schema, as the codebook lists it. */
export interface SchemaField {
  kind: RecordKind;
  path: string;
  /** How deep it is nested (0 for top-level fields). */
  depth: number;
  /** A list of objects, an object or a union with an object branch: its fields follow it. */
  container: boolean;
  info: FieldInfo;
}

/** The property names the nodes (and their oneOf/anyOf branches) declare, in first-seen order. */
function propertyNames(nodes: Located[]): string[] {
  const names: string[] = [];
  const collect = (list: Located[]): void => {
    for (const loc of list) {
      const props = loc.node.properties;
      if (isNode(props)) for (const name of Object.keys(props)) if (!names.includes(name)) names.push(name);
    }
    for (const branch of branches(list)) collect(branch);
  };
  collect(nodes);
  return names;
}

/** Every field of a record schema in schema order, nested fields after their parent. */
export function schemaFields(kind: RecordKind): SchemaField[] {
  const out: SchemaField[] = [];
  const visit = (nodes: Located[], prefix: string, depth: number): void => {
    const names = propertyNames(nodes);
    for (const name of names) {
      const found = property(nodes, name)!;
      const propChain = chain(found.loc);
      const isList = propChain.some((l) => l.node.type === 'array');
      const path = `${prefix}${name}`;
      if (isList) {
        const items = propChain.map((l) => child(l, 'items')).find((l): l is Located => l !== undefined)!;
        const itemChain = chain(items);
        const objectItems = hasProperties(itemChain);
        out.push({ kind, path, depth, container: objectItems, info: fieldInfo(kind, path) });
        if (objectItems) visit(itemChain, `${path}[].`, depth + 1);
      } else {
        const objectValue = hasProperties(propChain);
        out.push({ kind, path, depth, container: objectValue, info: fieldInfo(kind, path) });
        if (objectValue) visit(propChain, `${path}.`, depth + 1);
      }
    }
  };
  visit(chain(at(ROOT_SCHEMA[kind], '#')), '', 0);
  return out;
}

function hasProperties(nodes: Located[]): boolean {
  if (nodes.some((l) => isNode(l.node.properties))) return true;
  return branches(nodes).some((b) => hasProperties(b));
}

/** Converts a JSON Schema pattern (ECMAScript, anchored with ^ and $) into the implicitly anchored XML Schema form that Table Schema expects. */
export function tableSchemaPattern(pattern: string): string {
  let p = pattern;
  p = p.startsWith('^') ? p.slice(1) : `.*${p}`;
  p = p.endsWith('$') && !p.endsWith('\\$') ? p.slice(0, -1) : `${p}.*`;
  if (/\(\?[=!<]/.test(p)) throw new Error(`Pattern ${pattern} uses a look-around, which Table Schema patterns cannot express`);
  return p.replace(/\(\?:/g, '(');
}

/**
 * A copy of a record with the keys of every object in schema order (properties of union
 * branches after the common ones), recursively; keys the schema does not know keep their
 * place after the known ones.
 */
export function orderKeys<T>(kind: RecordKind, record: T): T {
  return orderValue(rootChain(kind), record) as T;
}

const roots = new Map<RecordKind, Located[]>();

function rootChain(kind: RecordKind): Located[] {
  let nodes = roots.get(kind);
  if (!nodes) {
    nodes = chain(at(ROOT_SCHEMA[kind], '#'));
    roots.set(kind, nodes);
  }
  return nodes;
}

/** What ordering needs to know about a schema node, computed once per node. */
interface OrderPlan {
  items?: Located[];
  names: string[];
  children: Map<string, Located[]>;
}

const plans = new Map<string, OrderPlan>();

function planOf(nodes: Located[]): OrderPlan {
  const key = nodes.map((l) => `${l.file}${l.pointer}`).join(' ');
  const hit = plans.get(key);
  if (hit) return hit;
  const items = nodes.map((l) => child(l, 'items')).find((l): l is Located => l !== undefined);
  const names = propertyNames(nodes);
  const children = new Map<string, Located[]>();
  for (const name of names) {
    const found = property(nodes, name);
    if (found) children.set(name, chain(found.loc));
  }
  const plan: OrderPlan = { names, children, ...(items ? { items: chain(items) } : {}) };
  plans.set(key, plan);
  return plan;
}

function orderValue(nodes: Located[], value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const plan = planOf(nodes);
  if (Array.isArray(value)) return plan.items ? value.map((v) => orderValue(plan.items!, v)) : value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const name of plan.names) {
    if (!(name in source)) continue;
    const childNodes = plan.children.get(name);
    out[name] = childNodes ? orderValue(childNodes, source[name]) : source[name];
  }
  for (const name of Object.keys(source)) if (!(name in out)) out[name] = source[name];
  return out;
}
