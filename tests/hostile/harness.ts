// Shared by the hostile-input corpus and the fuzz tests: a small valid dataset (the
// founding engagement with the people and organizations it names, copied from records/)
// in a temporary folder, checked through the real loader, schema validation and rules.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkDataset, type CheckResult, type Diagnostic } from '@engagements/core';
import { parse } from 'yaml';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** A fixed "today" so that date rules never depend on when the tests run. */
export const TODAY = '2026-01-01';

export const FOUNDING = 'engagements/2020/2020-08-06-pk-jp-army-chief-defence-minister-video-call.yaml';

/**
 * The base dataset, paths relative to records/: the founding engagement and, transitively,
 * every person and organization it names (participants, publishers, positions, parents),
 * so that the copy stays valid as the real records grow.
 */
export const BASE_FILES: readonly string[] = (() => {
  const files = new Set<string>([FOUNDING]);
  const queue = [FOUNDING];
  while (queue.length > 0) {
    const data: unknown = parse(readFileSync(path.join(ROOT, 'records', queue.shift()!), 'utf8'));
    for (const [key, value] of references(data)) {
      const candidates = key === 'person' ? [`people/${value}.yaml`] : [`organizations/${value}.yaml`];
      for (const file of candidates) {
        if (files.has(file) || !existsSync(path.join(ROOT, 'records', file))) continue;
        files.add(file);
        queue.push(file);
      }
    }
  }
  return [...files].sort();
})();

function* references(node: unknown): Generator<[string, string]> {
  if (Array.isArray(node)) for (const item of node) yield* references(item);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && ['person', 'organization', 'publisher', 'parent'].includes(key)) yield [key, value];
      else yield* references(value);
    }
  }
}

/** The text of a base file as it is in the repository. */
export function baseText(file: string): string {
  return readFileSync(path.join(ROOT, 'records', file), 'utf8');
}

/** Files to write into the records folder (relative path -> content); a base file of the same path is replaced. */
export type Files = Record<string, string | Uint8Array>;

export interface DatasetRun extends CheckResult {
  /** The temporary folder; diagnostics' files are relative to it (`records/...`). */
  cwd: string;
  /** The bytes of every file of the dataset as checked, by path relative to records/. */
  contents: Map<string, Uint8Array>;
  ms: number;
}

/**
 * Builds `<tmp>/records/` from the base dataset with `files` written over it and `remove`
 * left out, checks it, and deletes the folder.
 */
export async function checkFiles(files: Files, options: { remove?: readonly string[] } = {}): Promise<DatasetRun> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'engagements-hostile-'));
  try {
    const contents = new Map<string, Uint8Array>();
    for (const file of BASE_FILES) {
      if (options.remove?.includes(file)) continue;
      contents.set(file, readFileSync(path.join(ROOT, 'records', file)));
    }
    for (const [file, content] of Object.entries(files)) contents.set(file, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    for (const [file, bytes] of contents) {
      const target = path.join(cwd, 'records', file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
    const started = performance.now();
    const result = await checkDataset({ recordsDir: 'records', cwd, today: TODAY });
    return { ...result, cwd, contents, ms: performance.now() - started };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** Copies the base dataset into `dir/records` (for tests that keep a folder around). */
export function copyBase(dir: string): string {
  const records = path.join(dir, 'records');
  for (const file of BASE_FILES) {
    mkdirSync(path.dirname(path.join(records, file)), { recursive: true });
    cpSync(path.join(ROOT, 'records', file), path.join(records, file));
  }
  return records;
}

/** 1-based line and column of the `nth` (0-based) occurrence of `needle` in `text`. */
export function at(text: string, needle: string, nth = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`at: occurrence ${nth} of ${JSON.stringify(needle.slice(0, 40))} not found`);
  }
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

/**
 * What every diagnostic must be, whatever the input: a code, a non-empty one-line-ish
 * message with no stack trace, and a position inside the file it names (a line that
 * exists, a column at most one past the end of that line, an end not before the start).
 * Returns the problems found, as text, so a failing test shows all of them.
 */
export function wellFormed(diagnostics: readonly Diagnostic[], contents: ReadonlyMap<string, Uint8Array>): string[] {
  const linesOf = new Map<string, string[] | undefined>();
  const lines = (file: string): string[] | undefined => {
    if (!linesOf.has(file)) {
      const bytes = contents.get(file);
      // As yaml's LineCounter counts lines: a line ends at \n (a \r before it stays on the line).
      linesOf.set(file, bytes ? new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '').split('\n') : undefined);
    }
    return linesOf.get(file);
  };
  return diagnostics.flatMap((d) => wellFormedOne(d, lines));
}

function wellFormedOne(diagnostic: Diagnostic, linesOf: (file: string) => string[] | undefined): string[] {
  const problems: string[] = [];
  const d = diagnostic;
  const label = `${d.file} ${d.code} ${d.line}:${d.column}`;
  if (!/^(LOAD|YAML|SCH|RULE)\d{3}$/.test(d.code)) problems.push(`${label}: code ${JSON.stringify(d.code)} is not a known code form`);
  if (typeof d.message !== 'string' || d.message.trim() === '') problems.push(`${label}: empty message`);
  if (/\n\s+at .+:\d+:\d+/.test(d.message) || /\n\s+at .+:\d+:\d+/.test(d.hint ?? '')) problems.push(`${label}: message holds a stack trace`);
  if (/Maximum call stack|undefined is not|Cannot read propert|is not a function/.test(d.message)) problems.push(`${label}: message leaks an internal error: ${d.message}`);
  if (d.message.length > 2000) problems.push(`${label}: message is ${d.message.length} characters long`);
  if (d.severity !== 'error' && d.severity !== 'warning') problems.push(`${label}: severity ${String(d.severity)}`);
  for (const key of ['line', 'column', 'endLine', 'endColumn'] as const) {
    if (!Number.isInteger(d[key]) || d[key] < 1) problems.push(`${label}: ${key} is ${String(d[key])}`);
  }
  if (d.endLine < d.line || (d.endLine === d.line && d.endColumn < d.column)) problems.push(`${label}: ends (${d.endLine}:${d.endColumn}) before it starts`);
  const lines = linesOf(d.file.replace(/^records\//, ''));
  if (lines) {
    for (const [line, column] of [
      [d.line, d.column],
      [d.endLine, d.endColumn],
    ] as const) {
      const content = lines[line - 1];
      if (content === undefined) problems.push(`${label}: line ${line} is past the end of the file (${lines.length} lines)`);
      else if (column > content.length + 1) problems.push(`${label}: column ${column} is past the end of line ${line} (${content.length} characters)`);
    }
  } else if (d.file !== 'records') {
    problems.push(`${label}: names a file that is not in the dataset`);
  }
  return problems;
}
