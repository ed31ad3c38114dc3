// The schemas stage: JSON Schemas from schemas/ as generated TypeScript types,
// precompiled validators (no schema compilation at run time) and vocabularies.
export type * from './generated/types.js';
export { schemas, type SchemaFile } from './generated/schemas.js';
export { vocabularies, type VocabularyId } from './generated/vocabularies.js';
export { validators, firstErrorValidators, type RecordKind, type SchemaError, type Validator } from './validators.js';
export { publishedSchema, SCHEMA_BASE_IRI } from './published.js';
