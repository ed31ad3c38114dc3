import type { RecordKind } from '@engagements/schema';
import { bumpReasons } from './bump.js';
import type { SchemaDifference } from './diffSchemas.js';
import type { Bump, DatasetDiff, FieldChange, SchemaChange } from './types.js';

export interface RenderOptions {
  /** Values longer than this many characters (as JSON) are cut with `…` (default 120). */
  maxValueLength?: number;
}

/** One line that counts the changes, such as `2 added, 0 removed, 1 moved, 3 modified`. */
export function summarizeDiff(diff: DatasetDiff): string {
  return `${diff.added.length} added, ${diff.removed.length} removed, ${diff.moved.length} moved, ${diff.modified.length} modified`;
}

/**
 * The diff as plain text for a terminal: a summary line, then the added, removed, moved
 * and modified records, each modified field with its old and new value.
 */
export function renderDiffText(diff: DatasetDiff, options: RenderOptions = {}): string {
  const max = options.maxValueLength ?? 120;
  const lines: string[] = [summarizeDiff(diff)];
  if (diff.added.length > 0) {
    lines.push('', `Added (${diff.added.length}):`);
    for (const r of diff.added) lines.push(`  + ${r.kind} ${r.id}`);
  }
  if (diff.removed.length > 0) {
    lines.push('', `Removed without a redirect (${diff.removed.length}):`);
    for (const r of diff.removed) lines.push(`  - ${r.kind} ${r.id}`);
  }
  if (diff.moved.length > 0) {
    lines.push('', `Moved (${diff.moved.length}):`);
    for (const m of diff.moved) lines.push(`  > ${m.kind} ${m.from} -> ${m.to}`);
  }
  if (diff.modified.length > 0) {
    lines.push('', `Modified (${diff.modified.length}):`);
    for (const r of diff.modified) {
      lines.push(`  ~ ${r.kind} ${r.id}${r.previousId ? ` (was ${r.previousId})` : ''}`);
      for (const f of r.fields) lines.push(`      ${f.path || '/'}: ${describeChange(f, max, (t) => t, '->')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export interface ChangelogOptions extends RenderOptions {
  /** The version this section describes. */
  version: string;
  /** The version compared with, if any. */
  previousVersion?: string;
  /** The bump applied; computed from the diff and `schemaChange` when omitted. */
  bump?: Bump;
  schemaChange?: SchemaChange;
  /** Schema differences to list under their own heading. */
  schemaDifferences?: readonly SchemaDifference[];
  /** A date or a word such as `unreleased`, shown after the version. */
  label?: string;
}

/** A Markdown changelog section (`## version`) for a diff: why the bump, then each kind of change. */
export function renderDiffMarkdown(diff: DatasetDiff, options: ChangelogOptions): string {
  const max = options.maxValueLength ?? 120;
  const reasons = bumpReasons(diff, options.schemaChange);
  const lines: string[] = [`## ${options.version}${options.label ? ` (${options.label})` : ''}`, ''];
  const against = options.previousVersion ? `Compared with ${options.previousVersion}` : 'First release';
  lines.push(`${against}: ${summarizeDiff(diff)}.${options.bump ? ` Version bump: **${options.bump}**.` : ''}`);
  if (reasons.length > 0 && options.previousVersion) {
    lines.push('');
    for (const r of reasons) lines.push(`- ${r.bump}: ${r.reason}`);
  }
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push('', `### ${title}`, '', ...items);
  };
  section('Removed (breaking)', diff.removed.map((r) => `- ${KIND_LABEL[r.kind]} ${code(r.id)}`));
  section('Added', diff.added.map((r) => `- ${KIND_LABEL[r.kind]} ${code(r.id)}`));
  section('Moved', diff.moved.map((m) => `- ${KIND_LABEL[m.kind]} ${code(m.from)} → ${code(m.to)}`));
  section(
    'Modified',
    diff.modified.flatMap((r) => [
      `- ${KIND_LABEL[r.kind]} ${code(r.id)}${r.previousId ? ` (was ${code(r.previousId)})` : ''}`,
      ...r.fields.map((f) => `  - ${code(f.path || '/')}: ${describeChange(f, max, code, '→')}`),
    ]),
  );
  section('Schema', (options.schemaDifferences ?? []).map((d) => `- ${code(d.file + (d.path ? `#${d.path}` : ''))} (${d.effect}): ${d.message}`));
  return `${lines.join('\n')}\n`;
}

const KIND_LABEL: Record<RecordKind, string> = { engagement: 'engagement', person: 'person', organization: 'organization' };

function describeChange(change: FieldChange, max: number, wrap: (s: string) => string, arrow: string): string {
  const { before, after } = change;
  if (before === undefined) return `added ${wrap(show(after, max))}`;
  if (after === undefined) return `removed ${wrap(show(before, max))}`;
  if (typeof before === 'string' && typeof after === 'string' && Math.max(before.length, after.length) + 2 > max) {
    // Long texts that differ late would look equal when cut: show both from just before the first difference.
    let i = 0;
    while (i < before.length && i < after.length && before[i] === after[i]) i++;
    const start = Math.max(0, i - 20);
    return `${wrap(show(before, max, start))} ${arrow} ${wrap(show(after, max, start))}`;
  }
  return `${wrap(show(before, max))} ${arrow} ${wrap(show(after, max))}`;
}

/** A value as compact JSON, cut to about `max` characters; a string from `start` (marked with `…`). */
function show(value: unknown, max: number, start = 0): string {
  if (typeof value === 'string' && start > 0) return cut(`…${JSON.stringify(value.slice(start)).slice(1)}`, max);
  return cut(JSON.stringify(value) ?? String(value), max);
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/** Inline Markdown code that survives backticks in the text. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
