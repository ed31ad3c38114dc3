// Dataset -> codebook.md at the root of the output folder, generated from the schemas and
// from export-csv's table definitions (the one mapping of fields to CSV columns).
import type { Exporter } from '@engagements/core';
import { codebookMarkdown } from './codebook.js';

export { codebookMarkdown } from './codebook.js';

/** The codebook's path, relative to the output folder. */
export const CODEBOOK_PATH = 'codebook.md';

/**
 * The codebook exporter. It depends on the schemas only, not on the records, so the
 * codebook changes exactly when the schemas, vocabularies or table definitions change.
 */
export const codebookExporter: Exporter = {
  name: 'codebook',
  export: () => [{ path: CODEBOOK_PATH, content: codebookMarkdown() }],
};
