import { INVISIBLE_CLASS, INVISIBLE_NAMES, type InvisibleKind } from './generated/invisible.js';

/**
 * Characters a person cannot see or cannot tell from another one: white space other than
 * the plain space, tab and line breaks (U+00A0 NO-BREAK SPACE, U+3000 IDEOGRAPHIC SPACE,
 * ...), zero-width and other format characters (U+200B ZERO WIDTH SPACE, joiners, U+2060
 * WORD JOINER, U+00AD SOFT HYPHEN, a byte-order mark past the start), bidirectional
 * controls, other default-ignorable code points, and control characters other than tab,
 * LF, CR and NUL. The set and the names are generated (see generated/invisible.ts).
 */
export const INVISIBLE = new RegExp(INVISIBLE_CLASS, 'u');
const INVISIBLE_ALL = new RegExp(INVISIBLE_CLASS, 'gu');

/** Most files are ASCII: nothing to look for without a byte above 0x7E or a C0 control other than tab, LF, CR. */
// eslint-disable-next-line no-control-regex
const MAYBE = /[^\t\n\r\x20-\x7e]/;

/** Whether the text holds a character of the set (a byte-order mark at the very start does not count). */
export function hasInvisible(text: string): boolean {
  if (!MAYBE.test(text)) return false;
  INVISIBLE_ALL.lastIndex = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return INVISIBLE_ALL.test(text);
}

/** `U+00A0 NO-BREAK SPACE`, or the code point alone for a character without a name. */
export function describeCodePoint(codePoint: number): string {
  const name = nameOf(codePoint);
  return name ? `${codePointLabel(codePoint)} ${name}` : codePointLabel(codePoint);
}

/** `U+00A0`. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The Unicode name of a character of the set (or of tab, LF, CR, space, NUL), undefined for others. */
export function nameOf(codePoint: number): string | undefined {
  return INVISIBLE_NAMES.get(codePoint)?.[0] ?? BASIC[codePoint];
}

const BASIC: Record<number, string> = { 0x00: 'NULL', 0x09: 'CHARACTER TABULATION', 0x0a: 'LINE FEED', 0x0d: 'CARRIAGE RETURN', 0x20: 'SPACE' };

const CONTROL = /\p{Cc}/u;

/**
 * The text with each character of the set (other than control characters) written as `⟨U+00A0⟩`, so that a person sees
 * it; `columnOf` maps a 1-based column of the original line to the shown one.
 */
export function showInvisible(line: string): { text: string; columnOf: (column: number) => number } {
  if (!MAYBE.test(line)) return { text: line, columnOf: (c) => c };
  const shifts: Array<{ at: number; extra: number }> = [];
  let added = 0;
  const text = line.replace(INVISIBLE_ALL, (ch, offset: number) => {
    if (CONTROL.test(ch)) return ch; // control characters keep their width: the renderer shows them as pictures (␇)
    const label = `⟨${codePointLabel(ch.codePointAt(0)!)}⟩`;
    added += label.length - ch.length;
    shifts.push({ at: offset + ch.length, extra: added });
    return label;
  });
  return {
    text,
    columnOf(column) {
      let extra = 0;
      for (const s of shifts) if (s.at <= column - 1) extra = s.extra;
      return column + extra;
    },
  };
}

/** One run of the same invisible character, where it is in the text and what to do about it. */
export interface InvisibleFinding {
  /** Offset of the first character of the run (UTF-16 code units). */
  offset: number;
  /** Length of the run in code units. */
  length: number;
  codePoint: number;
  count: number;
  message: string;
  hint: string;
}

/** At most this many runs are reported per file; the last finding says how many more there are. */
export const MAX_INVISIBLE_REPORTS = 20;

/**
 * Every run of invisible or look-alike characters in a file's text, in order, each with a
 * message naming the character and where it sits in the YAML (indentation, the `: ` after a
 * key, a comment, a value) and a hint. Linear in the length of the text. A byte-order mark
 * at the very start is allowed (the loader removes it).
 */
export function findInvisible(text: string): InvisibleFinding[] {
  if (!hasInvisible(text)) return [];
  const findings: InvisibleFinding[] = [];
  let more = 0;
  const scan = new RegExp(INVISIBLE_CLASS, 'gu'); // its own lastIndex: placeOf() uses the shared one
  scan.lastIndex = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let m = scan.exec(text); m; m = scan.exec(text)) {
    const ch = m[0];
    const offset = m.index;
    let end = offset + ch.length;
    let count = 1;
    while (text.startsWith(ch, end)) {
      end += ch.length;
      count++;
    }
    scan.lastIndex = end;
    if (findings.length === MAX_INVISIBLE_REPORTS) {
      more += count;
      continue;
    }
    findings.push(describeAt(text, offset, end - offset, ch.codePointAt(0)!, count));
  }
  if (more > 0) {
    const last = findings[findings.length - 1]!;
    last.message += ` The file holds ${more} more such characters after this one.`;
  }
  return findings;
}

type Place = 'indentation' | 'separator' | 'comment' | 'text';

function describeAt(text: string, offset: number, length: number, codePoint: number, count: number): InvisibleFinding {
  const entry = INVISIBLE_NAMES.get(codePoint);
  const kind: InvisibleKind = entry?.[1] ?? 'format';
  const what = describeCodePoint(codePoint);
  const place = placeOf(text, offset);
  const times = count > 1 ? ` (${count} in a row)` : '';
  const where = { indentation: ' in the indentation', separator: ' after the `:` of a key', comment: ' in a comment', text: '' }[place];
  const bom = codePoint === 0xfeff;
  const message =
    kind === 'space'
      ? `Look-alike character ${what}${times}${where}: it looks like a space but is not one.`
      : `Invisible character ${what}${bom ? ' (a byte-order mark)' : ''}${times}${where}.`;
  let hint: string;
  const escape = `\\u${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  if (place === 'indentation') hint = `${kind === 'space' ? 'Replace it with plain spaces' : 'Delete it'}: YAML indents with plain spaces only, so it reads this line differently from how it looks.`;
  else if (place === 'separator') hint = `${kind === 'space' ? 'Replace it with a plain space' : 'Delete it'}: YAML separates a key from its value with \`: \` and a plain space; without one it reads the whole line as text.`;
  else if (bom) hint = 'Delete it: a byte-order mark belongs only at the very start of a file (pasting or joining files leaves one inside).';
  else if (kind === 'space') hint = `Replace it with a plain space. If the character is really meant, write it as the escape \`${escape}\` inside double quotes, so that it can be seen.`;
  else if (kind === 'bidi') hint = 'Delete it: it changes how the text around it is displayed without being seen.';
  else if (kind === 'control') hint = 'Delete it: control characters have no place in a record.';
  else hint = 'Delete it: it cannot be seen, but it makes text that looks the same compare different.';
  return { offset, length, codePoint, count, message, hint };
}

/** Where in the YAML a character sits, judged from its line alone (no parse: this runs before parsing). */
function placeOf(text: string, offset: number): Place {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  // Only blanks, invisible characters and `- ` list markers before it: indentation.
  if (/^[\s-]*$/u.test(before.replace(INVISIBLE_ALL, ' '))) return 'indentation';
  if (/(?:^|[^#]\s)#/.test(before) && !/["']/.test(before)) return 'comment';
  if (/^\s*(?:- +)*[^\s#:"'][^:#]*:$/.test(before)) return 'separator';
  return 'text';
}
