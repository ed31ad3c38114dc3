// The published form of a schema file. The files in schemas/ carry no `$id`, so that a
// relative `$ref` resolves against the file's own location and an editor finds every
// referenced schema in a clone, offline; what the project publishes (the `schemas`
// export, the SDK's schemas/ folder, the validators) identifies each one by an IRI under
// SCHEMA_BASE_IRI. scripts/generate.mjs applies the same rule when it generates `schemas`.
import { SCHEMA_BASE_IRI } from './generated/schemas.js';

export { SCHEMA_BASE_IRI };

/**
 * A schema file as published: `$id` is SCHEMA_BASE_IRI followed by `file` (its path under
 * schemas/, `/`-separated, such as `vocabularies/medium.schema.json`), placed right after
 * `$schema`. An `$id` already in the file (as in revisions before the files dropped it) is
 * replaced by the same rule.
 */
export function publishedSchema(file: string, schema: unknown): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const { $schema, $id: _ignored, ...rest } = schema as Record<string, unknown>;
  return { $schema, $id: `${SCHEMA_BASE_IRI}${file}`, ...rest };
}
