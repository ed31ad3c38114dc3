// @babel/code-frame ships no types and @types/babel__code-frame is not installed: the
// part of its API this package uses.
declare module '@babel/code-frame' {
  export interface SourceLocation {
    start: { line: number; column?: number };
    end?: { line: number; column?: number };
  }
  export interface CodeFrameOptions {
    highlightCode?: boolean;
    forceColor?: boolean;
    linesAbove?: number;
    linesBelow?: number;
    message?: string;
    /** The line number of the first line of the text passed in. */
    startLine?: number;
  }
  export function codeFrameColumns(rawLines: string, location: SourceLocation, options?: CodeFrameOptions): string;
}
