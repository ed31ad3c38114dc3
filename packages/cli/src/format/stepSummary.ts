import type { CheckSummary, Diagnostic } from '@engagements/core';
import { annotationSpan, errorsFirst } from './github.js';
import { plural, summaryLine } from './summary.js';

/**
 * The most a step summary may hold: the runner refuses (and shows nothing of) a summary
 * over 1 MiB (actions/runner, `CreateStepSummaryCommand.AttachmentSizeLimit`).
 */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** Where a file of the repository can be linked to: `<server>/<repository>/blob/<commit>/<file>`. */
export interface BlobLinks {
  /** `GITHUB_SERVER_URL`, such as `https://github.com`. */
  server: string;
  /** `GITHUB_REPOSITORY`, `owner/name`. */
  repository: string;
  /** `GITHUB_SHA`: the commit the run checks. */
  commit: string;
}

export interface StepSummaryOptions {
  /** Links for `file:line`; without them the location is plain text. */
  links?: BlobLinks;
  /** Bytes the text may take (the limit less what the summary file already holds). */
  maxBytes?: number;
}

/**
 * GitHub's step summary (Markdown, appended to `$GITHUB_STEP_SUMMARY`): the summary line,
 * then every diagnostic in a table (location linked to the line, severity, code, message,
 * hint), errors first. Rows that would take the text past `maxBytes` are left out and
 * counted in a last line, so that the runner never drops the whole summary.
 */
export function renderStepSummary(diagnostics: readonly Diagnostic[], summary: CheckSummary, options: StepSummaryOptions = {}): string {
  const { symbol, text } = summaryLine(diagnostics, summary);
  const head = `### engagements validate\n\n${symbol} ${text}\n`;
  if (diagnostics.length === 0) return head + '\n';
  const table = ['', '| Location | Severity | Code | Message | Hint |', '| --- | --- | --- | --- | --- |'].join('\n') + '\n';
  const maxBytes = options.maxBytes ?? STEP_SUMMARY_LIMIT_BYTES;
  const ordered = errorsFirst(diagnostics);
  const reserve = 400; // room for the line that counts the rows left out
  let out = head + table;
  let bytes = Buffer.byteLength(out);
  let shown = 0;
  for (const d of ordered) {
    const row = `| ${location(d, options.links)} | ${d.severity} | ${cell(d.code)} | ${cell(d.message)} | ${d.hint ? cell(d.hint) : ''} |\n`;
    const size = Buffer.byteLength(row);
    if (bytes + size + reserve > maxBytes) break;
    out += row;
    bytes += size;
    shown++;
  }
  const left = ordered.length - shown;
  if (left > 0) out += `\n${plural(left, 'more diagnostic')} left out: a step summary holds at most 1 MiB. Run \`npx engagements validate --format json\` to list them all.\n`;
  return out + '\n';
}

/** `file:line` linked to the lines of the file at the commit (`#L62-L66` for a span of lines). */
function location(d: Diagnostic, links: BlobLinks | undefined): string {
  const span = annotationSpan(d);
  const label = cell(`${d.file}:${span.line}`);
  // A file outside the repository (an absolute path) has no page to link to.
  if (!links || d.file.startsWith('/') || /^[A-Za-z]:/.test(d.file)) return label;
  const lines = span.endLine > span.line ? `L${span.line}-L${span.endLine}` : `L${span.line}`;
  const url = `${links.server.replace(/\/+$/, '')}/${links.repository}/blob/${links.commit}/${d.file.split('/').map(encodeURIComponent).join('/')}#${lines}`;
  return `[${label.replace(/[[\]]/g, '\\$&')}](${url})`;
}

/**
 * Text made safe for a cell of a GitHub Markdown table: outside code spans, characters
 * that Markdown or HTML would read are escaped; everywhere, `|` is escaped (GitHub's table
 * syntax allows `\|` even inside code spans) and line breaks become `<br>`.
 */
export function cell(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\*_[\]~#]/g, '\\$&').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, '<br>');
}
