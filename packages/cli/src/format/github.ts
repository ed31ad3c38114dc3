import type { Renderer } from './renderer.js';
import { summaryLine } from './summary.js';

/**
 * GitHub Actions workflow commands: one `::error` or `::warning` annotation per
 * diagnostic (the hint on a second line of the message), then a plain summary line.
 */
export const renderGithub: Renderer = (diagnostics, summary) => {
  const lines = diagnostics.map((d) => {
    const properties = [
      `file=${escapeProperty(d.file)}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `endLine=${d.endLine}`,
      `endColumn=${d.endColumn}`,
      `title=${escapeProperty(d.code)}`,
    ].join(',');
    const message = d.hint ? `${d.message}\n${d.hint}` : d.message;
    return `::${d.severity === 'error' ? 'error' : 'warning'} ${properties}::${escapeData(message)}`;
  });
  const { symbol, text } = summaryLine(diagnostics, summary);
  lines.push(`${symbol} ${text}`);
  return lines.join('\n') + '\n';
};

/** Escapes a workflow command's message. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
