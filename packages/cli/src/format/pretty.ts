import { codeFrameColumns } from '@babel/code-frame';
import type { Diagnostic } from '@engagements/core';
import { showInvisible } from '@engagements/core/quick'; // the light entry point: validate's rerun loads no parser
import pc from 'picocolors';
import type { Renderer } from './renderer.js';
import { summaryLine } from './summary.js';

type Colors = ReturnType<typeof pc.createColors>;

/** Lines of context shown above and below the offending lines. */
const CONTEXT = 2;
/** A span longer than this many lines is framed at its first line only. */
const MAX_SPAN_LINES = 5;
/** Source lines are cropped to this many characters around the offending column. */
const MAX_WIDTH = 160;

/**
 * For people: each diagnostic as `file:line:col  severity  CODE  message`, its hint and a
 * code frame of the offending lines, then a summary line. Text from the records is shown
 * with control characters made visible, so a hostile file cannot drive the terminal.
 */
export const renderPretty: Renderer = (diagnostics, summary, options) => {
  const c = pc.createColors(options.color);
  const split = new Map<string, string[]>(); // each file's lines, split once
  const linesOf = (file: string): string[] | undefined => {
    const text = options.sources?.get(file);
    if (text === undefined) return undefined;
    let lines = split.get(file);
    if (!lines) split.set(file, (lines = sourceLines(text)));
    return lines;
  };
  const blocks = diagnostics.map((d) => {
    const severity = d.severity === 'error' ? c.red('error') : c.yellow('warning');
    const lines = [`${c.bold(visible(`${d.file}:${d.line}:${d.column}`))}  ${severity}  ${c.dim(d.code)}  ${visible(d.message)}`];
    if (d.hint) lines.push(`  ${c.dim('hint:')} ${visible(d.hint)}`);
    const source = linesOf(d.file);
    const frame = source === undefined ? undefined : codeFrame(source, d, c);
    if (frame) lines.push('', frame);
    return lines.join('\n');
  });
  const { symbol, text } = summaryLine(diagnostics, summary);
  const paint = summary.errors > 0 ? (s: string) => c.bold(c.red(s)) : summary.warnings > 0 ? (s: string) => c.bold(c.yellow(s)) : c.green;
  blocks.push(paint(`${symbol} ${text}`));
  return blocks.join('\n\n') + '\n';
};

/** A file's lines as the loader counts them: split at LF, without a byte-order mark or the CR of CRLF. */
export function sourceLines(text: string): string[] {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** The code frame of a diagnostic, indented by two spaces, or undefined when there is nothing useful to show. */
export function codeFrame(source: readonly string[], d: Diagnostic, c: Colors): string | undefined {
  // A zero-width span at the very start stands for the whole file (empty, too large, misplaced).
  if (d.line === 1 && d.column === 1 && d.endLine === 1 && d.endColumn === 1) return undefined;
  if (source.every((l) => /^\s*$/.test(l))) return undefined;
  const line = clamp(d.line, 1, source.length);
  let column = Math.max(1, d.column);
  let endLine = clamp(d.endLine, line, source.length);
  let endColumn = d.endColumn;
  if (endLine !== d.endLine) endColumn = source[endLine - 1]!.length + 1;
  if (endLine > line && endColumn <= 1) {
    // The span ends at the start of a line: it really ends at the end of the line before.
    endLine--;
    endColumn = source[endLine - 1]!.length + 1;
  }
  if (endLine - line >= MAX_SPAN_LINES) {
    endLine = line;
    endColumn = source[line - 1]!.length + 1;
  }
  if (endLine === line) endColumn = Math.max(endColumn, column);

  const first = Math.max(1, line - CONTEXT);
  const last = Math.min(source.length, endLine + CONTEXT);
  let window = source.slice(first - 1, last);
  if (window.some((l) => l.length > MAX_WIDTH)) {
    const from = Math.max(0, column - 1 - Math.floor(MAX_WIDTH / 4));
    const shift = from > 0 ? 1 : 0; // the leading ellipsis
    window = window.map((l) => (from > 0 && l.length > 0 ? '…' : '') + l.slice(from, from + MAX_WIDTH) + (l.length > from + MAX_WIDTH ? '…' : ''));
    column = clamp(column - from + shift, 1, MAX_WIDTH + shift + 1);
    endColumn = clamp(endColumn - from + shift, 1, MAX_WIDTH + shift + 1);
  }
  // Invisible and look-alike characters are written out as `⟨U+00A0⟩`, so a person sees
  // what the message names; the marker's columns move with the text.
  const shown = window.map(showInvisible);
  column = shown[line - first]!.columnOf(column);
  endColumn = shown[endLine - first]!.columnOf(endColumn);
  // Babel marks a multi-line span's last line up to and including endColumn; ours is exclusive.
  const end = endLine === line ? endColumn : Math.max(1, endColumn - 1);
  const frame = codeFrameColumns(
    shown.map((s) => visible(s.text)).join('\n'),
    { start: { line, column }, end: { line: endLine, column: end } },
    { startLine: first, linesAbove: CONTEXT, linesBelow: CONTEXT, highlightCode: false, forceColor: false },
  );
  return frame
    .split('\n')
    .map((row) => {
      const m = /^([> ])( *\d* \|)(.*)$/.exec(row);
      if (!m) return '  ' + row;
      const [, mark, gutter, rest] = m as unknown as [string, string, string, string];
      const marker = !/\d/.test(gutter);
      return '  ' + (mark === '>' ? c.bold(c.red('>')) : ' ') + c.dim(gutter) + (marker ? c.bold(c.red(rest)) : rest);
    })
    .join('\n');
}

/**
 * Makes control characters visible without changing column positions: C0 controls
 * (except tab) as their Unicode control pictures, DEL, C1 controls, line separators
 * and bidirectional overrides as U+FFFD or a picture.
 */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return '\ufffd';
  });
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(Math.max(n, min), Math.max(min, max));
}
