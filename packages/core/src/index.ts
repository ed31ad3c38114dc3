// The core stage: record files -> loaded dataset with source positions -> diagnostics.
export * from './diagnostics.js';
export * from './dataset.js';
export { checkDataset, findRecordFiles, todayUtc, type CheckOptions, type CheckResult, type CheckSummary } from './check.js';
export { loadRecordFile, displayPath, type LoadOptions, type LoadResult } from './load/loadRecord.js';
export { parseRecordBytes, parseRecordText, type ParseResult, type LoadProblem } from './load/parseYaml.js';
export { recordKindOf, KIND_FOLDERS } from './load/recordKind.js';
export { LOAD_CODES } from './load/codes.js';
export { LIMITS } from './load/limits.js';
export { validateRecord } from './validate/validateRecord.js';
export { SCHEMA_CODES } from './validate/codes.js';
export { closest } from './validate/closest.js';
export { schemaAt, allowedValues, type ResolvedSchema } from './validate/schemaLookup.js';
export { rules } from './rules/index.js';
export type { Rule, RecordRule, DatasetRule, RuleContext, Report, RuleLocation } from './rules/index.js';
export { runRules } from './rules/runRules.js';
