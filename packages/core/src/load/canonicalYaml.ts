import { LIMITS } from './limits.js';
import { hasInvisible } from './invisible.js';
import { LF, SPACE, DOUBLE_QUOTE, HASH, SINGLE_QUOTE, COMMA, DASH, COLON, GREATER, QUESTION, OPEN_BRACKET, BACKSLASH, CLOSE_BRACKET, BAR } from './charCodes.js';

/**
 * A reader for the canonical form of a record (what `engagements fmt` writes, see
 * format/formatRecord.ts), about three times faster than js-yaml (PERFORMANCE.md, "The
 * fast path's parser"). It reads only a strict subset of YAML 1.2 and gives exactly the
 * value the full path (yaml v2, YAML 1.2 core schema, see parseYaml.ts) gives for it; for
 * any other text it returns undefined and the caller falls back to a general parser. It
 * never throws.
 *
 * The accepted subset, exactly:
 * - The text ends with a line feed; lines end with LF only; no line ends with a space; no
 *   tab, carriage return or other control character; no invisible or look-alike character
 *   (see invisible.ts: the full path reports those as YAML007), no lone surrogate, private
 *   use or unassigned code point. At most LIMITS.maxFileBytes characters.
 * - Lines that are empty or hold only a comment (spaces, then `#`) may stand anywhere
 *   outside a block scalar.
 * - The top level is a block mapping at column 0. Collections nest at most LIMITS.maxDepth
 *   levels (the top-level mapping is level 0), as the full path allows.
 * - A block mapping entry is `key:` at the mapping's indentation n, where key matches
 *   `[A-Za-z_][A-Za-z0-9_-]{0,199}` and is not `__proto__` nor one of the core schema's
 *   null or boolean words (`null`, `Null`, `NULL`, `true`, `True`, `TRUE`, `false`,
 *   `False`, `FALSE`); each key at most once per mapping. After the colon: the end of the
 *   line, ` # comment`, or one space and an inline value (below).
 * - A key with nothing after it holds either a block mapping or a block sequence indented
 *   exactly n + 2 on the next non-empty, non-comment line, or null if that line is not
 *   indented further than n.
 * - A block sequence at indentation m has items `- ` at column m, each either a compact
 *   mapping (`- key: ...`, its further keys at m + 2) or an inline value.
 * - Inline values, on one line, optionally followed by spaces and a `#` comment:
 *   - a plain scalar that does not start with a space or one of `!&*%@\`,[]{}#|>'"`,
 *     whose first character, if it is `-`, `?` or `:`, is followed by another character
 *     than a space, and that holds no `: `, no ` #` and does not end with `:`;
 *     resolved with the YAML 1.2 core schema: null (`~`, `null`, `Null`, `NULL`),
 *     booleans, decimal, `0o` octal and `0x` hexadecimal integers, floats, `.inf`, `.nan`;
 *     any other text is a string;
 *   - a single-quoted scalar (`''` is a quote);
 *   - a double-quoted scalar whose escapes are among `\\ \" \/ \n \t \r` and `\x..`,
 *     `\u....`, `\U........` naming a code point that is not a surrogate;
 *   - a flow sequence `[]` or `[a, b]` of plain or quoted scalars separated by exactly
 *     `, `, without padding inside the brackets; plain items hold none of `,[]{}:#`,
 *     and start neither with `?` nor with a `-` followed by a space or the item's end;
 *   - a block scalar header `>`, `>-`, `>+`, `|`, `|-` or `|+` alone, whose content lines
 *     are indented exactly two more than the key (or than the `-` of a sequence item)
 *     holding it: the first content line at that indentation and not empty; later lines
 *     at least as indented, or empty. Literal and folded content, more-indented lines and
 *     the three chomping indicators are read as YAML 1.2 defines them.
 * - A key's scalar value is never continued on a more-indented line (a multi-line plain
 *   or quoted scalar is outside the subset).
 * Outside the subset, among others: anchors, aliases, tags, directives, document markers,
 * flow mappings, nested flow sequences, quoted or complex keys, indentation other than two
 * spaces per level, a sequence not indented under its key, explicit indentation indicators.
 *
 * Shapes: returns a plain object (keys in the order written) of strings, numbers,
 * booleans, nulls, arrays and objects; undefined for text outside the subset.
 */
export function parseCanonicalYaml(text: string): Record<string, unknown> | undefined {
  const length = text.length;
  if (length === 0 || length > LIMITS.maxFileBytes || text.charCodeAt(length - 1) !== LF) return undefined;
  // One native scan; only text with other characters needs the slower Unicode checks.
  if (NOT_PRINTABLE_ASCII.test(text) && (NOT_ACCEPTED.test(text) || hasInvisible(text))) return undefined;
  try {
    return new Reader(text).document();
  } catch (error) {
    if (error === OUTSIDE_SUBSET) return undefined;
    throw error;
  }
}


/** Thrown (a constant, no stack trace) to leave the reader: the text is not in the subset. */
const OUTSIDE_SUBSET = Object.freeze({ outsideSubset: true });

// eslint-disable-next-line no-control-regex
const NOT_PRINTABLE_ASCII = /[^\n\x20-\x7e]/;
/**
 * Outside the printable ASCII range, the characters refused: tab, CR and other controls,
 * format characters, every space but the plain space, separators, default-ignorable code
 * points (the loader's invisible set, YAML007, is within these), lone surrogates,
 * private use and unassigned code points (U+FFFE and U+FFFF among them).
 */
const NOT_ACCEPTED = /(?![ \n])[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Z}\p{Default_Ignorable_Code_Point}]/u;

/** Key characters: `[A-Za-z0-9_-]`; a key starts with a letter or `_`. */
function isKeyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === DASH;
}

const MAX_KEY_LENGTH = 200;
/** Keys the core schema reads as null or a boolean (yaml v2 would make them "" or "true"), and the prototype's key. */
const REFUSED_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);

/** Keys recently read, by a hash of their characters (see Reader.key). */
const KEY_CACHE_SIZE = 256;
const KEY_CACHE: Array<string | undefined> = new Array<string | undefined>(KEY_CACHE_SIZE).fill(undefined);

/**
 * First characters that make a plain scalar impossible or mean another node (YAML 1.2
 * c-indicator, plus space), by character code. `-`, `?` and `:` may start a plain scalar
 * when a character other than a space follows (checked where they are met).
 */
const NOT_PLAIN_START = new Uint8Array(128);
for (const c of '!&*%@`,[]{}#|>\'" ') NOT_PLAIN_START[c.charCodeAt(0)] = 1;

/**
 * Reads the text line by line with offsets into it (no line strings): `pos` is the start
 * of the current line, `eol` the offset of its line feed. Searches that could run past
 * the line (` #`, `: `) remember where they found their string, so that the whole text is
 * searched at most once for each whatever the input.
 */
class Reader {
  private pos = 0;
  private eol = 0;
  /** Offset past the last scalar or flow sequence read on the current line. */
  private end = 0;
  private nextComment = -2;
  private nextColonSpace = -2;
  private keyHash = 0;

  constructor(private readonly text: string) {}

  document(): Record<string, unknown> {
    if (this.nextContent() !== 0) throw OUTSIDE_SUBSET;
    return this.blockMapping(0, 0, {});
  }

  /**
   * Moves to the next line that is neither empty nor a comment line and gives its
   * indentation, or -1 at the end of the text. A line that ends with a space is outside
   * the subset (a line of spaces alone among them).
   */
  private nextContent(): number {
    const text = this.text;
    const length = text.length;
    let pos = this.pos;
    while (pos < length) {
      const eol = text.indexOf('\n', pos);
      let p = pos;
      while (text.charCodeAt(p) === SPACE) p++;
      if (p !== eol && text.charCodeAt(eol - 1) === SPACE) throw OUTSIDE_SUBSET;
      if (p === eol) {
        if (p !== pos) throw OUTSIDE_SUBSET;
      } else if (text.charCodeAt(p) !== HASH) {
        this.pos = pos;
        this.eol = eol;
        return p - pos;
      }
      pos = eol + 1;
    }
    this.pos = pos;
    return -1;
  }

  /** The entries of a block mapping at indentation n, added to `into` (which may hold a compact mapping's first entry). */
  private blockMapping(n: number, depth: number, into: Record<string, unknown>): Record<string, unknown> {
    if (depth > LIMITS.maxDepth) throw OUTSIDE_SUBSET;
    for (;;) {
      const indent = this.nextContent();
      if (indent < n) return into;
      if (indent > n) throw OUTSIDE_SUBSET;
      const start = this.pos + n;
      const colon = this.keyEnd(start);
      if (colon === -1) throw OUTSIDE_SUBSET;
      this.entry(into, start, colon, depth);
    }
  }

  /**
   * If a simple key starts at `start` and is followed by `:` and a space or the end of the
   * line, the colon's offset; otherwise -1 (the text there is not a mapping entry). Leaves
   * in `keyHash` a hash of the key's characters, for the key cache.
   */
  private keyEnd(start: number): number {
    const text = this.text;
    let c = text.charCodeAt(start);
    if (!isKeyStart(c)) return -1;
    let hash = c;
    let p = start + 1;
    for (c = text.charCodeAt(p); isKeyChar(c); c = text.charCodeAt(++p)) hash = (hash * 31 + c) | 0;
    if (c !== COLON) return -1;
    this.keyHash = hash;
    return p + 1 === this.eol || text.charCodeAt(p + 1) === SPACE ? p : -1;
  }

  /**
   * The key in [start, colon) as a string. Records repeat a few dozen keys: a small cache
   * (by the hash keyEnd computed) gives the same internalized string each time instead of
   * a new slice that each property access would have to look up again.
   */
  private key(start: number, colon: number): string {
    const slot = this.keyHash & (KEY_CACHE_SIZE - 1);
    const cached = KEY_CACHE[slot];
    const length = colon - start;
    if (cached !== undefined && cached.length === length && this.text.startsWith(cached, start)) return cached;
    if (length > MAX_KEY_LENGTH) throw OUTSIDE_SUBSET;
    const key = this.text.slice(start, colon);
    if (REFUSED_KEYS.has(key)) throw OUTSIDE_SUBSET;
    // Object.keys gives the internalized form of the string (the one property lookups use).
    const internalized = Object.keys({ [key]: 0 })[0]!;
    KEY_CACHE[slot] = internalized;
    return internalized;
  }

  /** One `key: value` entry whose key spans [start, colon) of the current line; moves past its value. */
  private entry(into: Record<string, unknown>, start: number, colon: number, depth: number): void {
    const key = this.key(start, colon);
    if (Object.hasOwn(into, key)) throw OUTSIDE_SUBSET;
    const valueAt = colon + 2;
    const column = start - this.pos;
    if (colon + 1 === this.eol || this.text.charCodeAt(valueAt) === HASH) {
      // `key:` or `key: # comment`: a nested collection, or null.
      this.pos = this.eol + 1;
      into[key] = this.nestedOrNull(column, depth);
    } else {
      into[key] = this.inlineValue(valueAt, column, depth);
    }
  }

  /** The value of a key at indentation n with nothing after its colon. */
  private nestedOrNull(n: number, depth: number): unknown {
    const indent = this.nextContent();
    if (indent === -1 || indent <= n) return null;
    if (indent !== n + 2) throw OUTSIDE_SUBSET;
    const at = this.pos + indent;
    if (this.text.charCodeAt(at) === DASH && this.text.charCodeAt(at + 1) === SPACE) return this.blockSequence(indent, depth + 1);
    return this.blockMapping(indent, depth + 1, {});
  }

  /** The items of a block sequence whose `-` stand at column m. */
  private blockSequence(m: number, depth: number): unknown[] {
    if (depth > LIMITS.maxDepth) throw OUTSIDE_SUBSET;
    const text = this.text;
    const items: unknown[] = [];
    for (;;) {
      const indent = this.nextContent();
      if (indent < m) return items;
      if (indent > m) throw OUTSIDE_SUBSET;
      const dash = this.pos + m;
      if (text.charCodeAt(dash) !== DASH || text.charCodeAt(dash + 1) !== SPACE) throw OUTSIDE_SUBSET;
      const at = dash + 2;
      const colon = this.keyEnd(at);
      if (colon !== -1) {
        // `- key: value`: a compact mapping whose keys stand at m + 2.
        if (depth + 1 > LIMITS.maxDepth) throw OUTSIDE_SUBSET;
        const item: Record<string, unknown> = {};
        this.entry(item, at, colon, depth + 1);
        items.push(this.blockMapping(m + 2, depth + 1, item));
      } else {
        items.push(this.inlineValue(at, m, depth));
      }
    }
  }

  /**
   * A value that starts at `at` on the current line, owned by a key (or a `-`) at column
   * n: block scalar content is indented n + 2. Moves past the value's lines.
   */
  private inlineValue(at: number, n: number, depth: number): unknown {
    const c = this.text.charCodeAt(at);
    let value: unknown;
    if (c === DOUBLE_QUOTE) value = this.doubleQuoted(at);
    else if (c === SINGLE_QUOTE) value = this.singleQuoted(at);
    else if (c === OPEN_BRACKET) {
      if (depth + 1 > LIMITS.maxDepth) throw OUTSIDE_SUBSET;
      value = this.flowSequence(at);
    } else if (c === GREATER || c === BAR) return this.blockScalar(at, n);
    else value = this.plainScalar(at);
    if (this.end !== this.eol) this.commentAfter(this.end);
    this.pos = this.eol + 1;
    return value;
  }

  /** After a quoted scalar or a flow sequence: only spaces and a `#` comment may follow on the line. */
  private commentAfter(end: number): void {
    let p = end;
    while (this.text.charCodeAt(p) === SPACE) p++;
    if (p === end || this.text.charCodeAt(p) !== HASH) throw OUTSIDE_SUBSET;
  }

  /** A plain scalar from `at` to the end of the line (or to a ` #` comment), resolved with the core schema. */
  private plainScalar(at: number): unknown {
    const text = this.text;
    const eol = this.eol;
    const c = text.charCodeAt(at);
    if (NOT_PLAIN_START[c] === 1) throw OUTSIDE_SUBSET;
    if ((c === DASH || c === QUESTION || c === COLON) && (at + 1 === eol || text.charCodeAt(at + 1) === SPACE)) throw OUTSIDE_SUBSET;
    if (this.nextComment !== -1 && this.nextComment < at) this.nextComment = text.indexOf(' #', at);
    let end = eol;
    if (this.nextComment !== -1 && this.nextComment < eol) {
      end = this.nextComment;
      while (text.charCodeAt(end - 1) === SPACE) end--;
    }
    if (this.nextColonSpace !== -1 && this.nextColonSpace < at) this.nextColonSpace = text.indexOf(': ', at);
    if ((this.nextColonSpace !== -1 && this.nextColonSpace < end) || text.charCodeAt(end - 1) === COLON) throw OUTSIDE_SUBSET;
    this.end = eol;
    return resolvePlain(text.slice(at, end));
  }

  /** A single-quoted scalar on one line starting at `at` (`''` is a quote). */
  private singleQuoted(at: number): string {
    const text = this.text;
    let value = '';
    let from = at + 1;
    for (;;) {
      const close = text.indexOf("'", from);
      if (close === -1 || close > this.eol) throw OUTSIDE_SUBSET;
      value += text.slice(from, close);
      if (text.charCodeAt(close + 1) !== SINGLE_QUOTE) {
        this.end = close + 1;
        return value;
      }
      value += "'";
      from = close + 2;
    }
  }

  /** A double-quoted scalar on one line starting at `at`, with the escapes of the subset only. */
  private doubleQuoted(at: number): string {
    const text = this.text;
    const eol = this.eol;
    let value = '';
    let from = at + 1;
    let p = from;
    for (;;) {
      if (p >= eol) throw OUTSIDE_SUBSET; // not closed on this line
      const c = text.charCodeAt(p);
      if (c === DOUBLE_QUOTE) {
        this.end = p + 1;
        return value + text.slice(from, p);
      }
      if (c !== BACKSLASH) {
        p++;
        continue;
      }
      value += text.slice(from, p);
      const escape = text[p + 1]!;
      if (Object.hasOwn(SIMPLE_ESCAPES, escape)) {
        value += SIMPLE_ESCAPES[escape];
        p += 2;
      } else {
        const digits = escape === 'x' ? 2 : escape === 'u' ? 4 : escape === 'U' ? 8 : 0;
        const hex = text.slice(p + 2, p + 2 + digits);
        if (digits === 0 || p + 2 + digits > eol || !HEX_DIGITS.test(hex)) throw OUTSIDE_SUBSET;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw OUTSIDE_SUBSET;
        value += String.fromCodePoint(code);
        p += 2 + digits;
      }
      from = p;
    }
  }

  /** A one-line flow sequence `[a, "b", 'c']` starting at `at`. */
  private flowSequence(at: number): unknown[] {
    const text = this.text;
    const eol = this.eol;
    const items: unknown[] = [];
    let p = at + 1;
    if (text.charCodeAt(p) === CLOSE_BRACKET) {
      this.end = p + 1;
      return items;
    }
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === DOUBLE_QUOTE) {
        items.push(this.doubleQuoted(p));
        p = this.end;
      } else if (c === SINGLE_QUOTE) {
        items.push(this.singleQuoted(p));
        p = this.end;
      } else {
        if (p >= eol || NOT_PLAIN_START[c] === 1 || c === QUESTION || c === COLON) throw OUTSIDE_SUBSET;
        // A `-` starts a plain item only before a character that can continue it.
        if (c === DASH && (text.charCodeAt(p + 1) === SPACE || isFlowStop(text.charCodeAt(p + 1)))) throw OUTSIDE_SUBSET;
        const start = p;
        while (p < eol && !isFlowStop(text.charCodeAt(p))) p++;
        if (text.charCodeAt(p - 1) === SPACE) throw OUTSIDE_SUBSET;
        items.push(resolvePlain(text.slice(start, p)));
      }
      const next = text.charCodeAt(p);
      if (next === CLOSE_BRACKET && p < eol) {
        this.end = p + 1;
        return items;
      }
      if (next !== COMMA || text.charCodeAt(p + 1) !== SPACE || p + 1 >= eol) throw OUTSIDE_SUBSET;
      p += 2;
    }
  }

  /**
   * A block scalar whose header (`>` or `|` and a chomping indicator) stands at `at`;
   * content lines are indented k = n + 2.
   */
  private blockScalar(at: number, n: number): string {
    const text = this.text;
    const length = text.length;
    const folded = text.charCodeAt(at) === GREATER;
    const chomp = at + 1 === this.eol ? 0 : at + 2 === this.eol ? text.charCodeAt(at + 1) : -1;
    if (chomp !== 0 && chomp !== DASH && chomp !== 43 /* + */) throw OUTSIDE_SUBSET;
    const k = n + 2;
    // The first content line: indented exactly k (a leading empty line or a deeper first line is outside the subset).
    let pos = this.eol + 1;
    if (pos >= length) throw OUTSIDE_SUBSET;
    let eol = text.indexOf('\n', pos);
    if (eol - pos <= k || indentationBelow(text, pos, k) || text.charCodeAt(pos + k) === SPACE || text.charCodeAt(eol - 1) === SPACE) throw OUTSIDE_SUBSET;
    let value = text.slice(pos + k, eol);
    let previousSpaced = false;
    let empties = 0;
    for (pos = eol + 1; pos < length; pos = eol + 1) {
      eol = text.indexOf('\n', pos);
      if (eol === pos) {
        empties++;
        continue;
      }
      if (indentationBelow(text, pos, k)) break;
      if (text.charCodeAt(eol - 1) === SPACE) throw OUTSIDE_SUBSET; // a line of spaces alone, too
      const content = text.slice(pos + k, eol);
      if (!folded) {
        value += (empties === 0 ? '\n' : '\n'.repeat(empties + 1)) + content;
      } else {
        // YAML 1.2 line folding: a line break between two lines of text is a space, or,
        // with empty lines between them, one line feed per empty line; around a
        // more-indented line every line break is kept.
        const spaced = text.charCodeAt(pos + k) === SPACE;
        if (spaced || previousSpaced) value += '\n'.repeat(empties + 1) + content;
        else value += (empties === 0 ? ' ' : '\n'.repeat(empties)) + content;
        previousSpaced = spaced;
      }
      empties = 0;
    }
    // The line that ended the block (or the end of the text) is read next.
    this.pos = pos;
    if (chomp === DASH) return value;
    if (chomp === 43) return value + '\n'.repeat(empties + 1);
    return value + '\n';
  }
}

/** Whether the line starting at `pos` has fewer than k leading spaces. */
function indentationBelow(text: string, pos: number, k: number): boolean {
  for (let p = pos; p < pos + k; p++) if (text.charCodeAt(p) !== SPACE) return true;
  return false;
}

/** Characters a plain item of a flow sequence may not hold (flow indicators, and `:` and `#` to stay clear of keys and comments). */
function isFlowStop(c: number): boolean {
  return c === COMMA || c === OPEN_BRACKET || c === CLOSE_BRACKET || c === 123 || c === 125 || c === COLON || c === HASH;
}

const NULL = /^(?:~|null|Null|NULL)$/;
const BOOLEAN = /^(?:true|True|TRUE|false|False|FALSE)$/;
const OCTAL = /^0o[0-7]+$/;
const DECIMAL = /^[-+]?[0-9]+$/;
const HEXADECIMAL = /^0x[0-9a-fA-F]+$/;
const INFINITY_OR_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/**
 * The YAML 1.2 core schema's reading of a plain scalar (the spec's tag resolution, section
 * 10.3.2, with the same precedence and number conversions as yaml v2: parseInt for
 * integers, parseFloat for floats).
 */
function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Most values are text starting with a letter that no core tag can match.
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  if (letter && c !== 110 && c !== 78 && c !== 116 && c !== 84 && c !== 102 && c !== 70) return s;
  if (NULL.test(s)) return null;
  if (BOOLEAN.test(s)) return c === 116 || c === 84;
  if (OCTAL.test(s)) return parseInt(s.slice(2), 8);
  if (DECIMAL.test(s)) return parseInt(s, 10);
  if (HEXADECIMAL.test(s)) return parseInt(s.slice(2), 16);
  if (INFINITY_OR_NAN.test(s)) return s.endsWith('nan') || s.endsWith('NaN') || s.endsWith('NAN') ? NaN : c === DASH ? -Infinity : Infinity;
  if (FLOAT.test(s)) return parseFloat(s);
  return s;
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r' };
const HEX_DIGITS = /^[0-9a-fA-F]+$/;
