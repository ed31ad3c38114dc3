import type { CheckSummary, Diagnostic } from '@engagements/core';

export interface RenderOptions {
  /** Colour the output with ANSI escapes (pretty only). */
  color: boolean;
  /** Text of the files diagnostics point into, by `Diagnostic.file`, for code frames (pretty only). */
  sources?: ReadonlyMap<string, string>;
  /** Whether every diagnostic was also written to GitHub's step summary (github only: the caps notice says where to look). */
  stepSummary?: boolean;
}

/** One output format: a pure function from diagnostics to the text written to stdout (ends with a newline). */
export type Renderer = (diagnostics: readonly Diagnostic[], summary: CheckSummary, options: RenderOptions) => string;
