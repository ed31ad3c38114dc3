// Offsets in a file's text to lines and columns: one mapping for every finding that points
// inside a line (YAML007 invisible characters, RULE011 characters inside a value).
import type { Span } from '../diagnostics.js';

/** Offsets where each line starts (a line ends at \n, as the parser's own line counter has it). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The span of `length` code units at `offset` in `text`: 1-based lines and columns (columns in UTF-16 code units, as the parser counts them). */
export function spanFromLineStarts(lineStarts: readonly number[], text: string, offset: number, length: number): Span {
  const linePos = (at: number): { line: number; col: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: at - lineStarts[lo]! + 1 };
  };
  const a = linePos(Math.min(offset, text.length));
  const b = linePos(Math.min(offset + length, text.length));
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}
