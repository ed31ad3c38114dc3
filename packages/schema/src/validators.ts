import * as generated from './generated/validators.js';
import * as firstError from './generated/firstErrorValidators.js';

/** The three kinds of record, each with its own folder and schema. */
export type RecordKind = 'engagement' | 'person' | 'organization';

/** An error as Ajv reports it (the fields this project reads). */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A precompiled validator: returns whether the value is valid and keeps the errors of the last call. */
export interface Validator {
  (value: unknown): boolean;
  errors?: SchemaError[] | null;
}

/** Precompiled validators for each record kind, generated from the schemas. */
export const validators: Record<RecordKind, Validator> = {
  engagement: generated.validateEngagement as Validator,
  person: generated.validatePerson as Validator,
  organization: generated.validateOrganization as Validator,
};

/**
 * The same validators, compiled to stop at the first error (Ajv without `allErrors`):
 * the same yes/no answer for every value, for less work. For a first pass over many
 * records; a record they reject is validated again with `validators` for its diagnostics.
 */
export const firstErrorValidators: Record<RecordKind, Validator> = {
  engagement: firstError.validateEngagement as Validator,
  person: firstError.validatePerson as Validator,
  organization: firstError.validateOrganization as Validator,
};
