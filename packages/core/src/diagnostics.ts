/** How bad a finding is: an error fails validation and blocks a build, a warning does not. */
export type Severity = 'error' | 'warning';

/**
 * The one shape every stage reports through (loading, schema validation, rules) and every
 * output format renders. Lines and columns are 1-based; `endLine`/`endColumn` point just
 * past the offending text. `path` is the JSON pointer inside the record ('' for the file).
 */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  hint?: string;
  path: string;
}

/** A span of source text, 1-based, end exclusive. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export const FILE_START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** Sorts diagnostics by file, position, code and message so output never depends on discovery order. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.code, b.code) ||
      compareText(a.message, b.message),
  );
}

/** Code-unit comparison: unlike localeCompare it gives the same order under every locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Encodes a path of keys and indexes as a JSON pointer (RFC 6901). */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Decodes a JSON pointer into keys and indexes (digits become numbers). */
export function fromPointer(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^(0|[1-9][0-9]*)$/.test(p) ? Number(p) : p));
}
