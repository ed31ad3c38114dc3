import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(ROOT, 'packages/cli/bin/engagements.js');
export const FOUNDING = 'records/engagements/2020/2020-08-06-pk-jp-army-chief-defence-minister-video-call.yaml';
export const TODAY = '2030-01-01';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the BUILT binary (`npm test` builds the packages first) with a clean environment:
 * no colour settings inherited from the test runner unless given in `env`.
 */
export function engagements(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  if (!existsSync(path.join(ROOT, 'packages/cli/dist/bundle/main.js'))) {
    throw new Error('packages/cli/dist/bundle/main.js is missing: build first (`npm test` does, or `npx turbo run build`).');
  }
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', TZ: 'UTC', ...options.env };
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The records the broken variants start from: the founding record with the people and
 * organizations it references, a copy of records/ as it was at the founding that is
 * known to be clean. (records/ itself grows while curators work; its own test is that
 * `engagements validate` exits 0 on it.)
 */
export const BASE_RECORDS = path.join(ROOT, 'tests/fixtures/founding/records');

/** A temporary working directory holding a copy of a records folder (the founding records by default). */
export class Workspace {
  readonly cwd: string;
  constructor(records = BASE_RECORDS) {
    this.cwd = mkdtempSync(path.join(tmpdir(), 'engagements-cli-'));
    created.push(this.cwd);
    cpSync(records, path.join(this.cwd, 'records'), { recursive: true });
  }
  path(file: string): string {
    return path.join(this.cwd, file);
  }
  read(file: string): string {
    return readFileSync(this.path(file), 'utf8');
  }
  write(file: string, content: string | Uint8Array): void {
    mkdirSync(path.dirname(this.path(file)), { recursive: true });
    writeFileSync(this.path(file), content);
  }
  /** Replaces text in a file (which must contain it) and returns the new text. */
  replace(file: string, from: string | RegExp, to: string): string {
    const text = this.read(file);
    const next = text.replace(from, to);
    if (next === text) throw new Error(`${String(from)} not found in ${file}`);
    this.write(file, next);
    return next;
  }
  run(args: string[], env?: Record<string, string>): CliResult {
    return engagements(args, { cwd: this.cwd, ...(env ? { env } : {}) });
  }
}
const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** 1-based line and column of the first occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset === -1) throw new Error(`${JSON.stringify(needle)} not found`);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** `file:line:col` of a needle in a file's text, as the pretty format prints it. */
export function where(file: string, text: string, needle: string, offset = 0): string {
  const p = positionOf(text, needle);
  return `${file}:${p.line}:${p.column + offset}`;
}

/** Lines of a stack trace, which no output may contain unless ENGAGEMENTS_DEBUG=1. */
export const STACK_FRAME = /^\s+at .*(\(|:\d+:\d+)/m;

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  hint?: string;
  path: string;
}
export interface JsonReport {
  diagnostics: JsonDiagnostic[];
  summary: { files: number; records: number; errors: number; warnings: number };
}
