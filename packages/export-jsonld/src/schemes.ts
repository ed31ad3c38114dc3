// The concept schemes of the export, read from @engagements/schema (never written by hand):
// every controlled vocabulary in `vocabularies`, plus the small enumerations that the
// schemas define with a title and description per value (date precision, confidence
// level, start qualifier, the `unknown` initiator).
import { schemas, vocabularies } from '@engagements/schema';

export interface Concept {
  id: string;
  label: string;
  definition: string;
}

export interface ConceptScheme {
  /** The scheme's id, the last segment of its IRI (`medium`, `topic`, ...). */
  id: string;
  label: string;
  definition: string;
  terms: readonly Concept[];
}

/** Ids of the concept schemes; the JSON-LD properties whose values are concepts name one. */
export type SchemeId =
  | keyof typeof vocabularies
  | 'date-precision'
  | 'start-qualifier'
  | 'confidence-level'
  | 'initiator';

/** A node of a JSON Schema, as far as this module reads it. */
interface SchemaNode {
  title?: string;
  description?: string;
  const?: unknown;
  oneOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  $defs?: Record<string, SchemaNode>;
  [key: string]: unknown;
}

/** The schema node at a JSON pointer inside one of the schema files. */
export function schemaNode(file: keyof typeof schemas, pointer: string): SchemaNode {
  let node: unknown = schemas[file];
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (node === undefined) throw new Error(`No schema node at ${file}#${pointer}`);
  }
  return node as SchemaNode;
}

/** The title and description of a schema node, which must have both. */
export function schemaText(file: keyof typeof schemas, pointer: string): { label: string; comment: string } {
  const node = schemaNode(file, pointer);
  if (typeof node.title !== 'string' || typeof node.description !== 'string') {
    throw new Error(`The schema node at ${file}#${pointer} has no title or description`);
  }
  return { label: node.title, comment: node.description };
}

/** The `{ const, title, description }` entries of a schema node's `oneOf`, as concepts. */
export function constsOf(file: keyof typeof schemas, pointer: string): Concept[] {
  const node = schemaNode(file, pointer);
  return (node.oneOf ?? [])
    .filter((entry) => typeof entry.const === 'string')
    .map((entry) => {
      if (typeof entry.title !== 'string' || typeof entry.description !== 'string') {
        throw new Error(`A value of ${file}#${pointer} has no title or description`);
      }
      return { id: entry.const as string, label: entry.title, definition: entry.description };
    });
}

function schemeFromSchema(id: SchemeId, file: keyof typeof schemas, pointer: string): ConceptScheme {
  const { label, comment } = schemaText(file, pointer);
  return { id, label, definition: comment, terms: constsOf(file, pointer) };
}

/** Every concept scheme, sorted by id. */
export function conceptSchemes(): ConceptScheme[] {
  const fromVocabularies: ConceptScheme[] = Object.values(vocabularies).map((v) => ({
    id: v.id,
    label: v.label,
    definition: v.definition,
    terms: v.terms.map((t) => ({ id: t.id, label: t.label, definition: t.definition })),
  }));
  const fromSchemas = [
    schemeFromSchema('date-precision', 'defs.schema.json', '/$defs/DatePrecision'),
    schemeFromSchema('start-qualifier', 'defs.schema.json', '/$defs/StartQualifier'),
    schemeFromSchema('confidence-level', 'defs.schema.json', '/$defs/ConfidenceLevel'),
    schemeFromSchema('initiator', 'engagement.schema.json', '/properties/initiator'),
  ];
  return [...fromVocabularies, ...fromSchemas].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One concept scheme by id. */
export function conceptScheme(id: SchemeId): ConceptScheme {
  const scheme = conceptSchemes().find((s) => s.id === id);
  if (!scheme) throw new Error(`No concept scheme ${id}`);
  return scheme;
}
