/**
 * Names a colon in the wrong place, the commonest syntax error in a hand-written record,
 * where the parser (yaml v2) names what it made of the line instead:
 *
 * - `medium:video`, a key without a space after its colon: YAML reads the line as text,
 *   and the parser says "Implicit keys need to be on a single line" (MULTILINE_IMPLICIT_KEY)
 *   or, on a mapping's last line, "Implicit map keys need to be followed by map values"
 *   (MISSING_CHAR, which is also its code for a missing quote or bracket);
 * - a line of a mapping with no `: ` at all (the same two errors);
 * - `title: Talks: more`, a `: ` inside a plain value: YAML reads a key inside the value,
 *   and the parser says "Nested mappings are not allowed in compact mappings"
 *   (BLOCK_AS_IMPLICIT_KEY).
 *
 * The parser reports each at the start of the text it could not read (the key, or the
 * value), on the line of the mistake, so only that line is read here. Asked only about an
 * error the parser has found: what this reads as a mistake never fails a valid file.
 */

/** A colon mistake: where (offset and length in the text) and the words for it. */
export interface ColonMistake {
  offset: number;
  length: number;
  message: string;
  hint: string;
  /**
   * Whether the line itself says what is wrong (a key with no space after its colon, a
   * `: ` in a value), so that no other explanation, such as indentation, replaces it.
   */
  certain: boolean;
}

/** A key as records write them, then its colon with no space after it (a URL's `//` aside). */
const KEY_WITHOUT_SPACE = /^([A-Za-z_][A-Za-z0-9_-]*):(?=\S)(?!\/\/)/;
/** The key just before a value on the same line: `title: `, `  - field: `. */
const KEY_BEFORE_VALUE = /(?:^|[\s-])([A-Za-z_][A-Za-z0-9_-]*):[ \t]+$/;
/** How much of a line the messages quote, at most (cut at a space). */
const QUOTED = 30;

function excerpt(s: string): string {
  if (s.length <= QUOTED) return s;
  const cut = s.lastIndexOf(' ', QUOTED);
  return `${s.slice(0, cut > 0 ? cut : QUOTED)}…`;
}

/**
 * `level:high` read as a key and its value when the colon lost its space: the key, and the
 * value after the colon. Undefined for text that does not start that way.
 */
export function keyWithoutSpace(text: string): { key: string; value: string } | undefined {
  const key = KEY_WITHOUT_SPACE.exec(text);
  return key ? { key: key[1]!, value: text.slice(key[0].length) } : undefined;
}

/**
 * The colon mistake that explains the parser's error `code` at `offset`, if the line
 * there shows one.
 */
export function findColonMistake(text: string, code: string, offset: number): ColonMistake | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  const rest = text.slice(offset, lineEnd).replace(/\r$/, '').trimEnd();
  if (rest === '') return undefined;

  if (code === 'MULTILINE_IMPLICIT_KEY' || code === 'MISSING_CHAR') {
    const key = keyWithoutSpace(rest);
    if (key) {
      return {
        offset,
        length: key.key.length + 1,
        message: `YAML syntax error: \`${excerpt(rest)}\` has no space after the colon, so YAML reads the line as text, not as the key \`${key.key}\`.`,
        hint: `Write a space after the colon: \`${key.key}: ${excerpt(key.value)}\`.`,
        certain: true,
      };
    }
    // Text where a key is expected: neither quoted nor bracketed, and no `: ` in it
    // (the parser's other errors at a line start are left to their own messages).
    if (/^["'[{|>#&*!-]/.test(rest) || /:(?:\s|$)/.test(rest)) return undefined;
    return {
      offset,
      length: rest.length,
      message: `YAML syntax error: no \`: \` follows \`${excerpt(rest)}\`, so this line of a mapping is neither a key with its value nor part of the value above.`,
      hint: 'Write the line as `key: value`, with a colon and a space after the key; if it continues the text of the key above, indent it further than that key.',
      certain: false,
    };
  }

  if (code === 'BLOCK_AS_IMPLICIT_KEY') {
    const key = KEY_BEFORE_VALUE.exec(text.slice(lineStart, offset));
    if (!key || /^["'[{|>]/.test(rest) || !/:(?:\s|$)/.test(rest)) return undefined;
    return {
      offset,
      length: rest.replace(/\s+#.*$/, '').length,
      message: `YAML syntax error: the value of \`${key[1]}\` holds \`: \`, which YAML reads as the start of a key inside the value.`,
      hint: `Put the whole value in double quotes (\`${key[1]}: "…"\`), so that its colon is text; inside double quotes, write \\" for a quote.`,
      certain: true,
    };
  }
  return undefined;
}
