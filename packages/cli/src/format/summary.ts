import type { CheckSummary, Diagnostic } from '@engagements/core';

/**
 * `✖ 3 errors, 1 warning in 2 files (41 records checked)` or `✔ 41 records checked, no problems`;
 * when a file could not be read as a record: `(40 records checked; 1 of 41 files could not be read as a record)`.
 */
export function summaryLine(diagnostics: readonly Diagnostic[], summary: CheckSummary): { symbol: '✔' | '✖' | '⚠'; text: string } {
  // The same count as the json summary's `records` (files that could be read as a record);
  // files that could not are said apart, so the two formats never disagree.
  const unread = summary.files - summary.records;
  const checked = `${plural(summary.records, 'record')} checked${unread > 0 ? `; ${unread} of ${plural(summary.files, 'file')} could not be read as a record` : ''}`;
  if (summary.errors === 0 && summary.warnings === 0) return { symbol: '✔', text: `${checked}, no problems` };
  const files = new Set(diagnostics.map((d) => d.file)).size;
  const counts = summary.errors > 0 ? [plural(summary.errors, 'error'), ...(summary.warnings > 0 ? [plural(summary.warnings, 'warning')] : [])] : [plural(summary.warnings, 'warning')];
  return { symbol: summary.errors > 0 ? '✖' : '⚠', text: `${counts.join(', ')} in ${plural(files, 'file')} (${checked})` };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
