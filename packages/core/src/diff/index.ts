// Data diffs between two published datasets, the semver policy applied to them
// (VERSIONING.md), schema comparison, redirects, and text/Markdown renderers. Used by the
// SDK exporter (changes.json, CHANGELOG.md) and by the `engagements diff` command.
export type { Bump, DatasetDiff, FieldChange, Move, RecordChange, RecordRef, Redirect, SchemaChange } from './types.js';
export { diffDatasets, diffValues, deepEqual, isEmptyDiff, followRedirect, redirectTable, RECORD_KINDS, DATASET_LISTS, type DiffOptions } from './diffDatasets.js';
export { proposeBump, bumpReasons, bumpVersion, maxBump, type BumpReason } from './bump.js';
export { diffSchemas, type SchemaDiff, type SchemaDifference, type SchemaEffect, type SchemaSet } from './diffSchemas.js';
export { renderDiffText, renderDiffMarkdown, summarizeDiff, type RenderOptions, type ChangelogOptions } from './render.js';
export { parseRedirects, resolveRedirects, REDIRECT_CODES, REDIRECT_SECTIONS, type ParseRedirectsOptions, type ParseRedirectsResult } from './redirects.js';
