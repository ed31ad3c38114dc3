import type { Renderer } from './renderer.js';

/**
 * The stable machine-readable format (documented in README.md): every diagnostic with
 * its fields in a fixed order, then the summary; two-space indented.
 */
export const renderJson: Renderer = (diagnostics, summary) => {
  const output = {
    diagnostics: diagnostics.map((d) => ({
      file: d.file,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.hint !== undefined ? { hint: d.hint } : {}),
      path: d.path,
    })),
    summary: { files: summary.files, records: summary.records, errors: summary.errors, warnings: summary.warnings },
  };
  return JSON.stringify(output, null, 2) + '\n';
};
