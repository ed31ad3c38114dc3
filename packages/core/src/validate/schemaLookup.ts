import { schemas, type RecordKind } from '@engagements/schema';

/** A schema node with its `$ref`s followed and the referring node's title and description kept. */
export interface ResolvedSchema {
  title?: string;
  description?: string;
  type?: string;
  properties?: Record<string, unknown>;
  required?: string[];
  items?: unknown;
  enum?: unknown[];
  oneOf?: Array<Record<string, unknown>>;
  pattern?: string;
  format?: string;
  [key: string]: unknown;
}

type Json = Record<string, unknown>;
const ROOT_FILES: Record<RecordKind, string> = {
  engagement: 'engagement.schema.json',
  person: 'person.schema.json',
  organization: 'organization.schema.json',
};
const byFile = schemas as unknown as Record<string, Json>;

function joinFile(from: string, ref: string): string {
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
  const parts = (dir + ref).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.') out.push(p);
  }
  return out.join('/');
}

function pointerGet(root: Json, pointer: string): Json | undefined {
  let node: unknown = root;
  for (const part of pointer.split('/').filter(Boolean)) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node as Json | undefined;
}

/** Follows `$ref`s (across files) and merges the referring node's annotations over the target's. */
export function resolve(node: Json, file: string): { schema: ResolvedSchema; file: string } {
  let current = node;
  let currentFile = file;
  const annotations: Json = {};
  for (let guard = 0; guard < 20 && typeof current.$ref === 'string'; guard++) {
    for (const key of ['title', 'description'] as const) if (current[key] !== undefined && annotations[key] === undefined) annotations[key] = current[key];
    const [refFile, pointer = ''] = (current.$ref as string).split('#');
    const targetFile = refFile ? joinFile(currentFile, refFile) : currentFile;
    const target = pointerGet(byFile[targetFile] ?? {}, pointer);
    if (!target) break;
    current = target;
    currentFile = targetFile;
  }
  return { schema: { ...current, ...annotations } as ResolvedSchema, file: currentFile };
}

/**
 * The schema that applies at a JSON path of a record of the given kind, or undefined when
 * the path leaves the schema (an unknown property).
 */
export function schemaAt(kind: RecordKind, path: readonly (string | number)[]): ResolvedSchema | undefined {
  return locateSchema(kind, path)?.schema;
}

/**
 * The schema at a path and the file it comes from, relative to schemas/
 * (`vocabularies/topic.schema.json`), or undefined when the path leaves the schema.
 */
export function locateSchema(kind: RecordKind, path: readonly (string | number)[]): { schema: ResolvedSchema; file: string } | undefined {
  let { schema, file } = resolve(byFile[ROOT_FILES[kind]]!, ROOT_FILES[kind]);
  for (const segment of path) {
    let next: Json | undefined;
    if (typeof segment === 'number' && schema.items && typeof schema.items === 'object') next = schema.items as Json;
    else if (schema.properties && typeof segment === 'string' && Object.hasOwn(schema.properties, segment)) next = schema.properties[segment] as Json;
    else if (schema.oneOf) {
      // A choice such as `initiator` (the word unknown, or a mapping): follow the branch that has the property.
      for (const branch of schema.oneOf) {
        const b = resolve(branch, file);
        if (b.schema.properties && typeof segment === 'string' && Object.hasOwn(b.schema.properties, segment)) {
          ({ schema, file } = b);
          next = b.schema.properties[segment] as Json;
          break;
        }
      }
    }
    if (!next) return undefined;
    ({ schema, file } = resolve(next, file));
  }
  return { schema, file };
}

/** One form a value may take: a word of a vocabulary or enum, or a mapping with its fields. */
export type ValueForm =
  | { kind: 'word'; value: string; description?: string }
  | { kind: 'mapping'; title?: string; description?: string; required: string[]; optional: string[] };

/**
 * Every form the value at a path may take, looking inside `oneOf`/`anyOf` choices: the
 * words, and each mapping alternative with its required and optional keys.
 */
export function formsAt(kind: RecordKind, path: readonly (string | number)[]): ValueForm[] {
  const located = locateSchema(kind, path);
  if (!located) return [];
  const forms: ValueForm[] = [];
  const visit = (schema: ResolvedSchema, file: string): void => {
    if (typeof schema.const === 'string') forms.push({ kind: 'word', value: schema.const, ...(typeof schema.description === 'string' ? { description: schema.description } : {}) });
    if (Array.isArray(schema.enum)) for (const v of schema.enum) forms.push({ kind: 'word', value: String(v) });
    if (schema.properties) {
      const required = schema.required ?? [];
      forms.push({
        kind: 'mapping',
        ...(schema.title ? { title: schema.title } : {}),
        ...(schema.description ? { description: schema.description } : {}),
        required,
        optional: Object.keys(schema.properties).filter((k) => !required.includes(k)),
      });
    }
    for (const branch of [...(schema.oneOf ?? []), ...((schema.anyOf as Json[] | undefined) ?? [])]) {
      const b = resolve(branch, file);
      visit(b.schema, b.file);
    }
  };
  visit(located.schema, located.file);
  return forms;
}

/** The keys a mapping at a path may hold, including those of the mapping alternatives of a choice. */
export function allowedKeysAt(kind: RecordKind, path: readonly (string | number)[]): string[] {
  const keys = new Set<string>();
  for (const form of formsAt(kind, path)) if (form.kind === 'mapping') for (const k of [...form.required, ...form.optional]) keys.add(k);
  return [...keys];
}

/** The allowed values of a vocabulary or enum schema, with their definitions where the schema gives them. */
export function allowedValues(schema: ResolvedSchema): Array<{ value: string; description?: string }> | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => ({ value: String(v) }));
  if (Array.isArray(schema.oneOf) && schema.oneOf.some((b) => 'const' in b)) {
    return schema.oneOf
      .filter((b) => 'const' in b)
      .map((b) => ({ value: String(b.const), ...(typeof b.description === 'string' ? { description: b.description } : {}) }));
  }
  return undefined;
}
