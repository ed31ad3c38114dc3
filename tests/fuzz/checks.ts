// What the fuzz tests require of every result, whatever the input.
import { type LoadProblem, type ParseResult } from '@engagements/core';

/** The problems with a parse result of `text` (the decoded text, BOM removed), as readable lines; [] when all is well. */
export function badParseResult(result: ParseResult, text: string): string[] {
  if (result.ok) {
    const bad: string[] = [];
    if (result.value === null || typeof result.value !== 'object' || Array.isArray(result.value)) bad.push('ok result is not a mapping');
    if (Object.getPrototypeOf(result.value) !== Object.prototype) bad.push('ok result does not have Object.prototype as its prototype');
    return bad;
  }
  if (result.problems.length === 0) return ['failed without a problem'];
  const lines = text.split('\n');
  return result.problems.flatMap((p) => badProblem(p, lines));
}

function badProblem(p: LoadProblem, lines: string[]): string[] {
  const bad: string[] = [];
  const label = `${p.code} ${p.line}:${p.column}`;
  if (!/^(LOAD|YAML)\d{3}$/.test(p.code)) bad.push(`${label}: unexpected code`);
  if (typeof p.message !== 'string' || p.message.trim() === '') bad.push(`${label}: empty message`);
  if (/Maximum call stack|\n\s+at /.test(p.message)) bad.push(`${label}: internal error in message: ${p.message}`);
  for (const [line, column] of [
    [p.line, p.column],
    [p.endLine, p.endColumn],
  ] as const) {
    if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || column < 1) bad.push(`${label}: position ${line}:${column} is not 1-based`);
    else if (line > lines.length) bad.push(`${label}: line ${line} is past the end (${lines.length} lines)`);
    else if (column > lines[line - 1]!.length + 1) bad.push(`${label}: column ${column} is past the end of line ${line} (${lines[line - 1]!.length})`);
  }
  if (p.endLine < p.line || (p.endLine === p.line && p.endColumn < p.column)) bad.push(`${label}: ends before it starts`);
  return bad;
}

/** Decodes bytes the way a reader sees them: invalid sequences as U+FFFD, a leading BOM removed. */
export function decodeLossy(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/** Runs `fn` and returns how long it took, in milliseconds. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}
