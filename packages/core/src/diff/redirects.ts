import { schemas, type RecordKind } from '@engagements/schema';
import type { PublishedDataset } from '../build/exporter.js';
import { FILE_START, sortDiagnostics, type Diagnostic, type Span } from '../diagnostics.js';
import { parseRecordText } from '../load/parseYaml.js';
import { compareText, DATASET_LISTS, RECORD_KINDS } from './diffDatasets.js';
import type { Redirect } from './types.js';

/** Stable codes of the redirects file's diagnostics; never reused. */
export const REDIRECT_CODES = {
  /** The file does not have the shape of releases/redirects.schema.json. */
  shape: 'REDIRECT001',
  /** A redirect's old id still exists as a record. */
  stillExists: 'REDIRECT002',
  /** A redirect leads to no existing record. */
  noTarget: 'REDIRECT003',
  /** Redirects form a loop. */
  loop: 'REDIRECT004',
} as const;

/** The top-level keys of the redirects file, one per kind. */
export const REDIRECT_SECTIONS = { engagements: 'engagement', people: 'person', organizations: 'organization' } as const satisfies Record<string, RecordKind>;

export interface ParseRedirectsOptions {
  /** The file name shown in diagnostics (default `releases/redirects.yaml`). */
  file?: string;
  /**
   * The dataset the redirects apply to. When given, each old id must be gone, each chain
   * must end at an existing record, and the returned redirects point straight at that record.
   */
  dataset?: PublishedDataset;
}

export interface ParseRedirectsResult {
  /** Sorted by kind and old id; chains resolved when a dataset was given. */
  redirects: Redirect[];
  /** Problems, located in the file; any error means the redirects cannot be trusted. */
  diagnostics: Diagnostic[];
}

const defs = schemas['defs.schema.json'].$defs;
const ID_PATTERN: Record<RecordKind, RegExp> = {
  engagement: new RegExp(defs.EngagementId.pattern),
  person: new RegExp(defs.Slug.pattern),
  organization: new RegExp(defs.Slug.pattern),
};
const TEXT_PATTERN = new RegExp(defs.Text.pattern);

/**
 * Reads the redirects file: for each kind, a mapping from an id that no longer exists to
 * `{ moved_to, reason? }`. Mirrors releases/redirects.schema.json (a test checks that
 * both accept and reject the same files) and reports located diagnostics, never throws.
 */
export function parseRedirects(text: string, options: ParseRedirectsOptions = {}): ParseRedirectsResult {
  const file = options.file ?? 'releases/redirects.yaml';
  const diagnostics: Diagnostic[] = [];
  // A file with only comments (or nothing) holds no redirects.
  if (/^\s*$/.test(text.replace(/^\s*#.*$/gm, ''))) return { redirects: [], diagnostics };
  const parsed = parseRecordText(text);
  if (!parsed.ok) {
    for (const p of parsed.problems) diagnostics.push({ file, line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn, severity: 'error', code: p.code, message: p.message, ...(p.hint ? { hint: p.hint } : {}), path: '' });
    return { redirects: [], diagnostics: sortDiagnostics(diagnostics) };
  }
  const { value, locator } = parsed;
  const report = (path: (string | number)[], code: string, message: string, hint?: string, target: 'key' | 'value' = 'value') => {
    const span: Span = path.length === 0 ? FILE_START : locator.locate(path, target);
    diagnostics.push({ file, ...span, severity: 'error', code, message, ...(hint ? { hint } : {}), path: pointer(path) });
  };
  const redirects: Redirect[] = [];
  const where = new Map<string, (string | number)[]>();
  for (const [section, entries] of Object.entries(value)) {
    const kind = (REDIRECT_SECTIONS as Record<string, RecordKind | undefined>)[section];
    if (!kind) {
      report([section], REDIRECT_CODES.shape, `Unknown section \`${section}\`.`, 'The sections are `engagements`, `people` and `organizations`.', 'key');
      continue;
    }
    if (entries === null) continue;
    if (!isObject(entries)) {
      report([section], REDIRECT_CODES.shape, `\`${section}\` must be a mapping from old ids to \`moved_to\` entries.`);
      continue;
    }
    for (const [from, entry] of Object.entries(entries)) {
      const at = [section, from];
      if (!ID_PATTERN[kind].test(from)) {
        report(at, REDIRECT_CODES.shape, `\`${from}\` is not a valid ${kind} id.`, undefined, 'key');
        continue;
      }
      if (!isObject(entry) || typeof entry.moved_to !== 'string') {
        report(at, REDIRECT_CODES.shape, `The redirect of \`${from}\` needs \`moved_to: <new id>\`.`);
        continue;
      }
      let ok = true;
      for (const key of Object.keys(entry)) {
        if (key !== 'moved_to' && key !== 'reason') {
          report([...at, key], REDIRECT_CODES.shape, `Unknown key \`${key}\` in a redirect.`, 'A redirect has `moved_to` and an optional `reason`.', 'key');
          ok = false;
        }
      }
      if (!ID_PATTERN[kind].test(entry.moved_to)) {
        report([...at, 'moved_to'], REDIRECT_CODES.shape, `\`${entry.moved_to}\` is not a valid ${kind} id.`);
        ok = false;
      }
      if (entry.moved_to === from) {
        report([...at, 'moved_to'], REDIRECT_CODES.loop, `\`${from}\` redirects to itself.`);
        ok = false;
      }
      if ('reason' in entry && (typeof entry.reason !== 'string' || !TEXT_PATTERN.test(entry.reason) || entry.reason.length > 500)) {
        report([...at, 'reason'], REDIRECT_CODES.shape, 'The reason must be one line of text (at most 500 characters).');
        ok = false;
      }
      if (!ok) continue;
      redirects.push({ kind, from, to: entry.moved_to, ...(typeof entry.reason === 'string' ? { reason: entry.reason } : {}) });
      where.set(`${kind}:${from}`, at);
    }
  }
  redirects.sort((a, b) => RECORD_KINDS.indexOf(a.kind) - RECORD_KINDS.indexOf(b.kind) || compareText(a.from, b.from));
  if (!options.dataset || diagnostics.length > 0) return { redirects, diagnostics: sortDiagnostics(diagnostics) };
  const resolved = resolveRedirects(redirects, options.dataset, (r, code, message, hint) => report([...where.get(`${r.kind}:${r.from}`)!, ...(code === REDIRECT_CODES.stillExists ? [] : ['moved_to'])], code, message, hint, code === REDIRECT_CODES.stillExists ? 'key' : 'value'));
  return { redirects: resolved, diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * Checks redirects against a dataset and points each straight at the record its chain
 * ends at (a -> b -> c becomes a -> c and b -> c). Problems go to `report`; redirects
 * with a problem are left out.
 */
export function resolveRedirects(
  redirects: readonly Redirect[],
  dataset: PublishedDataset,
  report: (redirect: Redirect, code: string, message: string, hint?: string) => void = () => {},
): Redirect[] {
  const out: Redirect[] = [];
  for (const kind of RECORD_KINDS) {
    const live = new Set(dataset[DATASET_LISTS[kind]].map((r) => r.id));
    const own = redirects.filter((r) => r.kind === kind);
    const table = new Map(own.map((r) => [r.from, r.to]));
    for (const r of own) {
      if (live.has(r.from)) {
        report(r, REDIRECT_CODES.stillExists, `The ${kind} \`${r.from}\` still exists, so it cannot redirect.`, 'Remove the redirect, or finish the rename by removing (renaming) the record.');
        continue;
      }
      const seen = new Set([r.from]);
      let current = r.to;
      let problem: string | undefined;
      while (!live.has(current)) {
        const next = table.get(current);
        if (next === undefined) {
          problem = `\`${r.from}\` redirects to \`${current}\`, which is not an existing ${kind}.`;
          break;
        }
        if (seen.has(current)) {
          problem = `The redirects of \`${r.from}\` form a loop.`;
          break;
        }
        seen.add(current);
        current = next;
      }
      if (problem) {
        report(r, problem.includes('loop') ? REDIRECT_CODES.loop : REDIRECT_CODES.noTarget, problem, 'Point `moved_to` at the id of a record that exists.');
        continue;
      }
      out.push({ ...r, to: current });
    }
  }
  return out;
}

function pointer(path: readonly (string | number)[]): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
