import type { Diagnostic } from '@engagements/core';
import type { Renderer } from './renderer.js';
import { plural, summaryLine } from './summary.js';

/**
 * How many annotations GitHub keeps. The runner attaches at most 10 errors and 10
 * warnings of one step to the run (actions/runner, `ExecutionContext.AddIssue`,
 * `_maxCountPerIssueType = 10`); GitHub's documentation adds a limit of 50 per job. The
 * rest are written to the log only.
 */
export const ANNOTATION_LIMITS = { perStepPerSeverity: 10, perJob: 50 } as const;

/**
 * The longest message the runner keeps: it cuts an annotation's message at 4,096
 * characters (actions/runner, `ExecutionContext._maxIssueMessageLength`). Longer ones are
 * cut here, with a note, so that the note is kept.
 */
export const MAX_MESSAGE_LENGTH = 4096;
const CUT_NOTE = ' … (cut: the message is longer than an annotation holds; the step summary and --format json give it whole)';
const CUT_AT = MAX_MESSAGE_LENGTH - CUT_NOTE.length;

/**
 * GitHub Actions workflow commands: one `::error` or `::warning` annotation per
 * diagnostic (the hint on a second line of the message), errors first; a line saying how
 * many of them the runner's caps leave out, when any; then the plain summary line.
 *
 * `file` is written as the diagnostic has it: the caller makes it relative to the
 * repository root (see ../github.ts), which is where the runner looks for it.
 */
export const renderGithub: Renderer = (diagnostics, summary, options) => {
  const ordered = errorsFirst(diagnostics);
  const lines = ordered.map((d) => {
    const span = annotationSpan(d);
    const properties = [
      `file=${escapeProperty(d.file)}`,
      `line=${span.line}`,
      ...(span.column !== undefined ? [`col=${span.column}`] : []),
      `endLine=${span.endLine}`,
      ...(span.endColumn !== undefined ? [`endColumn=${span.endColumn}`] : []),
      `title=${escapeProperty(d.code)}`,
    ].join(',');
    const message = d.hint ? `${d.message}\n${d.hint}` : d.message;
    return `::${d.severity === 'error' ? 'error' : 'warning'} ${properties}::${escapeData(fitMessage(message))}`;
  });
  const hidden = hiddenByCaps(diagnostics);
  if (hidden.errors + hidden.warnings > 0) lines.push(capsNotice(hidden, options.stepSummary === true));
  const { symbol, text } = summaryLine(diagnostics, summary);
  lines.push(`${symbol} ${text}`);
  return lines.join('\n') + '\n';
};

/** A message the runner keeps whole: one over its limit is cut (never inside a surrogate pair) and says so. */
export function fitMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_LENGTH) return message;
  const end = /[\uD800-\uDBFF]/.test(message[CUT_AT - 1]!) ? CUT_AT - 1 : CUT_AT;
  return message.slice(0, end) + CUT_NOTE;
}

/** The diagnostics with every error before every warning, each group in its given order. */
export function errorsFirst<T extends Pick<Diagnostic, 'severity'>>(diagnostics: readonly T[]): T[] {
  return [...diagnostics.filter((d) => d.severity === 'error'), ...diagnostics.filter((d) => d.severity !== 'error')];
}

/**
 * The span of an annotation in the form the runner keeps: `line` and `endLine` (the last
 * line of the value, inclusive), and columns only when the span is on one line. The runner
 * drops the columns when `endLine` differs from `line` (actions/runner,
 * `IssueCommandExtension.ValidateLinesAndColumns`). A diagnostic's end is exclusive, so a
 * value that ends with its line ends at column 1 of the next: that line is not part of it.
 */
export function annotationSpan(d: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>): { line: number; endLine: number; column?: number; endColumn?: number } {
  const line = Math.max(1, d.line);
  let endLine = d.endLine > line && d.endColumn <= 1 ? d.endLine - 1 : d.endLine;
  if (endLine < line) endLine = line;
  if (d.endLine === line) return { line, endLine, column: Math.max(1, d.column), endColumn: Math.max(d.endColumn, d.column, 1) };
  return { line, endLine };
}

/** How many errors and warnings the runner does not attach, from the per-step caps. */
export function hiddenByCaps(diagnostics: readonly Pick<Diagnostic, 'severity'>[]): { errors: number; warnings: number } {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const cap = ANNOTATION_LIMITS.perStepPerSeverity;
  return { errors: Math.max(0, errors - cap), warnings: Math.max(0, warnings - cap) };
}

function capsNotice(hidden: { errors: number; warnings: number }, inStepSummary: boolean): string {
  const counts = [...(hidden.errors ? [plural(hidden.errors, 'error')] : []), ...(hidden.warnings ? [plural(hidden.warnings, 'warning')] : [])].join(' and ');
  const { perStepPerSeverity: cap, perJob } = ANNOTATION_LIMITS;
  const where = inStepSummary ? 'the step summary lists every diagnostic' : 'every diagnostic is in this log above';
  return `${counts} not shown as annotations: GitHub shows at most ${cap} error and ${cap} warning annotations per step (${perJob} per job); ${where}.`;
}

/**
 * Escapes a workflow command's message (the data after `::`): the runner unescapes
 * `%0D`, `%0A` and `%25` there (actions/runner, `ActionCommand` data mappings).
 */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Escapes a workflow command's property value: as the data, plus `:` (which would end the
 * properties) and `,` (which separates them), as the runner's property mappings unescape.
 */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
