import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, type Node } from 'yaml';
import type { RecordKind } from '@engagements/schema';
import { schemaAt } from '../validate/schemaLookup.js';
import { KIND_FOLDERS } from '../load/recordKind.js';

/** Longest line the formatter writes before folding long text. */
export const LINE_WIDTH = 100;

const TO_STRING = {
  indent: 2,
  indentSeq: true,
  lineWidth: LINE_WIDTH,
  minContentWidth: 40,
  singleQuote: false,
  flowCollectionPadding: false,
} as const;

export type FormatResult = { ok: true; text: string; changed: boolean } | { ok: false; reason: string };

/** The `# yaml-language-server` line for a record kind, relative to the record's folder. */
export function schemaLine(kind: RecordKind): string {
  const depth = kind === 'engagement' ? '../../../' : '../../';
  return ` yaml-language-server: $schema=${depth}schemas/${kind}.schema.json`;
}

/**
 * The one canonical form of a record: the schema line first, keys in the schema's order
 * (unknown keys last, as written), two-space indentation with sequences indented under
 * their key, short lists of plain values in flow style, long text folded, quotes only
 * where YAML 1.2 would otherwise read another type, LF line endings, one final newline.
 * Comments are kept. Formatting a formatted record changes nothing.
 */
export function formatRecord(text: string, kind: RecordKind): FormatResult {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const doc = parseDocument(source, { version: '1.2', schema: 'core', uniqueKeys: true, keepSourceTokens: false });
  if (doc.errors.length > 0) return { ok: false, reason: doc.errors[0]!.message.split('\n')[0]! };
  if (!isMap(doc.contents)) return { ok: false, reason: 'the top level is not a mapping' };

  // The schema line: exactly one, first, pointing at the schema CI enforces. It is set
  // on the first key after sorting, since a comment above the first key travels with it.
  const withoutSchemaLine = (comment: string | null | undefined) =>
    (comment ?? '').split('\n').filter((l) => !/^\s*yaml-language-server:/.test(l)).join('\n').replace(/^\n+|\n+$/g, '');
  const leading = [withoutSchemaLine(doc.commentBefore)];
  for (const pair of doc.contents.items) {
    const key = pair.key as Node | null;
    if (key && key.commentBefore && /yaml-language-server:/.test(key.commentBefore)) {
      key.commentBefore = withoutSchemaLine(key.commentBefore) || undefined;
    }
  }
  doc.commentBefore = leading.filter(Boolean).join('\n') || null;

  canonicalize(doc.contents, kind, [], '');
  const first = doc.contents.items[0]?.key as Node | undefined;
  if (first) first.commentBefore = [schemaLine(kind), withoutSchemaLine(first.commentBefore)].filter(Boolean).join('\n');
  const out = foldOverLongLines(doc.toString(TO_STRING));
  const normalized = out.replace(/\n*$/, '\n');
  return { ok: true, text: normalized, changed: normalized !== text };
}

function canonicalize(node: unknown, kind: RecordKind, path: (string | number)[], key: string): void {
  // Width the `key: ` prefix takes on its line, to decide between one line and folding.
  const prefix = path.length * 2 + key.length + 2;
  if (isMap(node)) {
    node.flow = false;
    const order = Object.keys(schemaAt(kind, path)?.properties ?? {});
    const rank = (k: unknown) => {
      const i = order.indexOf(String(isScalar(k) ? k.value : k));
      return i === -1 ? order.length : i;
    };
    // Array.prototype.sort is stable: unknown keys keep their written order.
    node.items.sort((a, b) => rank(a.key) - rank(b.key));
    for (const pair of node.items) {
      canonicalize(pair.value, kind, [...path, String(isScalar(pair.key) ? pair.key.value : pair.key)], String(isScalar(pair.key) ? pair.key.value : pair.key));
    }
    return;
  }
  if (isSeq(node)) {
    node.items.forEach((item, i) => canonicalize(item, kind, [...path, i], ''));
    const plain = node.items.every((i) => isScalar(i) && !(typeof i.value === 'string' && /[\n,\[\]{}#]/.test(i.value)) && !i.commentBefore && !i.comment);
    const width = prefix + 2 + node.items.reduce<number>((n, i) => n + String(isScalar(i) ? i.value : '').length + 2, 0);
    // An empty list is `[]` on its key's line (block style would put it on a line of its own).
    node.flow = node.items.length === 0 || (plain && width <= LINE_WIDTH);
    return;
  }
  if (isScalar(node) && typeof node.value === 'string') {
    const value = node.value;
    // Multi-line text (paragraphs of notes) is folded too, so that it keeps within the
    // width; literal style only where folding could not hold the text exactly.
    if (value.includes('\n')) node.type = foldsFaithfully(value) ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    else if (prefix + value.length > LINE_WIDTH && value.includes(' ')) node.type = Scalar.BLOCK_FOLDED;
    else node.type = Scalar.PLAIN; // the stringifier quotes it where plain would read as another type
  }
}

/**
 * The yaml stringifier leaves a folded block scalar unfolded when its whole text is one
 * character longer than fits (its shortcut compares with the width plus one): fold such
 * a line, the only line of a `>` block, at its last space within the width. In a folded
 * scalar a single space between two words and a line break are the same text.
 */
function foldOverLongLines(text: string): string {
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const row = lines[i]!;
    if ([...row].length <= LINE_WIDTH || !/(?:^|: |- )>[0-9]?-?$/.test(lines[i - 1]!)) continue;
    const indent = /^ */.exec(row)![0];
    const next = lines[i + 1] ?? '';
    if (next.startsWith(indent) && next.trim() !== '') continue; // not the block's only line
    const cut = row.lastIndexOf(' ', LINE_WIDTH);
    if (cut <= indent.length || row[cut - 1] === ' ' || row[cut + 1] === ' ' || row[cut + 1] === undefined) continue;
    lines[i] = `${row.slice(0, cut)}\n${indent}${row.slice(cut + 1)}`;
  }
  return lines.join('\n');
}

/**
 * Whether the folded style (`>-`) reads back as exactly this text. YAML's folding keeps
 * paragraphs, single line breaks and more-indented lines; this proves it for the text at
 * hand rather than trusting it, and the literal style (`|-`) is the fallback.
 */
function foldsFaithfully(value: string): boolean {
  const probe = new Document({ v: value });
  (probe.get('v', true) as Scalar).type = Scalar.BLOCK_FOLDED;
  const back = parseDocument(probe.toString(TO_STRING), { version: '1.2', schema: 'core' });
  return back.errors.length === 0 && back.get('v') === value;
}

/** The folder a record of this kind belongs in, relative to the records folder. */
export function folderFor(kind: RecordKind, date?: string): string {
  return kind === 'engagement' ? `${KIND_FOLDERS.engagement}/${(date ?? '').slice(0, 4)}` : KIND_FOLDERS[kind];
}
