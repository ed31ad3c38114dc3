import type { AnyRecord } from '../dataset.js';
import type { RecordRule, Report } from './rule.js';
import { describeCodePoint, INVISIBLE } from '../load/invisible.js';

/** Fields whose text may span several lines (the schema's LongText): the only place a line feed is allowed. */
const MULTI_LINE: readonly string[] = ['/notes'];

/** Invisible characters other than controls and look-alike spaces (those have checks of their own, or are allowed inside text). */
const INVISIBLE_IN_VALUE = new RegExp(`(?![\\p{Cc}\\p{Zs}])${INVISIBLE.source}`, 'u');
const CONTROL = /\p{Cc}/u;

/**
 * RULE011. Text must compare equal when it looks equal, and must not hide anything: every
 * string value is in Unicode NFC (so "é" is one code point, as search and deduplication
 * expect), has no leading or trailing white space, no control characters (a line feed only
 * in multi-line `notes`; never a tab), no bidirectional embedding, override or isolate
 * characters (which can make text display differently from what it says), and no
 * zero-width characters. Each problem is reported once per string, naming the first
 * offending character, its code point and its position in the text.
 */
export const cleanText: RecordRule = {
  code: 'RULE011',
  name: 'clean-text',
  description:
    'Every text value is NFC-normalized, trimmed, and free of control characters (line feeds only in notes, never tabs), bidirectional controls and zero-width characters: invisible differences break search, deduplication and display.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement', 'person', 'organization'],
  check(record: AnyRecord, _context, report) {
    walk(record, record.data, [], report);
  },
};

/**
 * Checks every string inside `value`. One path array, pushed and popped, and no closure:
 * this rule visits every string of every record.
 */
function walk(record: AnyRecord, value: unknown, path: (string | number)[], report: Report): void {
  if (typeof value === 'string') {
    // The common case, decided without the Unicode-aware checks of checkString.
    if (PRINTABLE_ASCII.test(value) && value.charCodeAt(0) !== 0x20 && value.charCodeAt(value.length - 1) !== 0x20) return;
    checkString(record, value, [...path], report);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(record, value[i], path, report);
      path.pop();
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) {
      path.push(key);
      walk(record, (value as Record<string, unknown>)[key], path, report);
      path.pop();
    }
  }
}

/** Printable ASCII only: such text is NFC and holds no control, bidirectional or zero-width character. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** 1-based position, counted in characters (code points), of the first match of `pattern`. */
function firstMatch(text: string, pattern: RegExp): { codePoint: number; position: number } | undefined {
  let position = 0;
  for (const char of text) {
    position++;
    if (pattern.test(char)) return { codePoint: char.codePointAt(0)!, position };
  }
  return undefined;
}

function checkString(record: AnyRecord, text: string, path: (string | number)[], report: Report): void {
  const at = { record, path };
  const multiLine = path.length === 1 && MULTI_LINE.includes(`/${String(path[0])}`);

  if (text.normalize('NFC') !== text) {
    const { hint, segment } = nfcHint(text);
    // Located at the character as written in the file (any scalar style), not the whole value.
    report({ ...at, ...(segment ? { within: segment } : {}) }, 'The text is not in Unicode normalization form NFC: a character is written in a decomposed or non-standard form.', hint);
  }
  const leading = /^\p{White_Space}/u.exec(text);
  if (leading) {
    report(at, 'The text starts with white space.', `Remove the leading ${describeCodePoint(leading[0].codePointAt(0)!)}.`);
  }
  const trailing = /\p{White_Space}$/u.exec(text);
  if (trailing && text.trim() !== '') {
    const char = trailing[0].codePointAt(0)!;
    const block = char === 0x0a ? ' A block scalar keeps its final line break unless written with `|-` or `>-`.' : '';
    report(at, 'The text ends with white space.', `Remove the trailing ${describeCodePoint(char)}.${block}`);
  }
  const control = firstMatch(text, multiLine ? /(?!\n)\p{Cc}/u : CONTROL);
  if (control) {
    const allowed = multiLine ? ' Only line feeds are allowed here.' : control.codePoint === 0x0a ? ' Line breaks are only allowed in `notes`; write this text on one line (a `>-` block folds lines into spaces).' : '';
    report({ ...at, within: String.fromCodePoint(control.codePoint) }, `The text contains a control character at character ${control.position}.`, `Remove ${describeCodePoint(control.codePoint)}${control.codePoint === 0x09 ? '; use spaces instead' : ''}.${allowed}`);
  }
  // Written in the file, such a character is reported where it stands by the loader
  // (YAML007); here it can only come from an escape such as "\u200B" in double quotes.
  const invisible = firstMatch(text, INVISIBLE_IN_VALUE);
  if (invisible) {
    const bidi = /\p{Bidi_Control}/u.test(String.fromCodePoint(invisible.codePoint));
    report(
      at,
      `The text contains an invisible ${bidi ? 'bidirectional control ' : ''}character at character ${invisible.position}.`,
      `Remove ${describeCodePoint(invisible.codePoint)} (written as an escape); ${bidi ? 'it changes how the text is displayed without being visible' : 'it makes text that looks the same compare different'}.`,
    );
  }
}

function codePoints(text: string): string {
  return [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}

/** Names the first grapheme that NFC changes, with its code points before and after. */
function nfcHint(text: string): { hint: string; segment?: string } {
  const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });
  let position = 1;
  for (const { segment } of segmenter.segment(text)) {
    const normal = segment.normalize('NFC');
    if (normal !== segment) {
      return { segment, hint: `"${normal}" at character ${position} is written as ${codePoints(segment)}; write it as ${codePoints(normal)}. Most editors can convert a file to NFC.` };
    }
    position += [...segment].length;
  }
  return { hint: 'Convert the text to NFC; most editors can normalize a file.' };
}
