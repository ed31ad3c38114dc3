import jsYaml from 'js-yaml';
import { firstErrorValidators, type RecordKind } from '@engagements/schema';
import { LIMITS } from './limits.js';
import { hasInvisible } from './invisible.js';
import { parseCanonicalYaml } from './canonicalYaml.js';

/**
 * The fast path for the common case, a valid record. A record in the canonical form that
 * `engagements fmt` writes is read by canonicalYaml.ts, several times faster than js-yaml;
 * other text goes to js-yaml's core schema, about six times faster than yaml v2 but
 * without positions. Either is only trusted where its result is provably the same as yaml
 * v2's YAML 1.2 core reading (see the differential tests); any text that uses a feature
 * where js-yaml and yaml v2 may differ goes to the full parser, and so does any text
 * js-yaml rejects. Returns undefined to mean "use the full path".
 */
export function fastParse(text: string): Record<string, unknown> | undefined {
  const canonical = parseCanonicalYaml(text);
  if (canonical !== undefined) return canonical;
  if (needsFullParser(text)) return undefined;
  let value: unknown;
  try {
    value = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: false });
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return value as Record<string, unknown>;
}

/**
 * Text features where js-yaml and yaml v2 can disagree or where the full parser's limits
 * matter: anchors and aliases (alias bombs), tags, directives and document markers,
 * tabs, NUL and other C0 controls, a carriage return without a line feed, a leading BOM, flow mappings/sequences nested deeper than
 * a few levels, numbers written as `+.5` or `0b101` (resolved differently), and the `<<`
 * merge key. Real records use none of these.
 */
export const NEEDS_FULL_PARSER = new RegExp(
  [
    '(?:^|[\\s\\[\\]{},:-])[&*!][^\\s]', // anchor, alias or tag
    '^(?:%|---|\\.\\.\\.)', // directive or document marker
    '[\\t\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\ufeff]', // tabs, controls, BOM
    '\\r(?!\\n)', // a carriage return alone: a line break to js-yaml, text to yaml v2
    '(?:^|[\\s:\\[,-])[-+]?\\.[0-9]', // +.5 style floats
    '(?:^|[\\s:\\[,-])[-+]?0[bB][01]', // binary integers
    '<<\\s*:', // merge key
    '\\{', // flow mappings (records write mappings in block style)
    '\\[[^\\n\\]]*\\[', // nested flow sequences
    '^[^\\S\\n]*\\? ', // explicit keys (white space within the line: \s* would span lines and backtrack quadratically)
    '[\\]}"\']#', // a # glued to a closing bracket or quote (js-yaml reads a comment, YAML 1.2 an error)
  ].join('|'),
  'm',
);

/**
 * Characters without which no branch of NEEDS_FULL_PARSER can match, in two regular
 * expressions that V8 scans fast (a character class, then a few literal pairs): most
 * records contain none, and then the costly alternation never runs. Measured on the
 * founding record: the full alternation about 160 us, these about 25-55 us.
 */
const TRIGGER_CHARACTERS = /[^\n\x20-\x7e]|[&*!%{<?]/;
const TRIGGER_PAIRS = /\.[0-9]|0[bB]|[\]}"']#|\[[^\n\]]*\[|^---|^\.\.\./m;

/**
 * Invisible and look-alike characters: control characters other than tab and line breaks,
 * format characters (zero-width, joiners, soft hyphen, bidirectional controls, an inner
 * byte-order mark), every Unicode space but the plain space, line and paragraph
 * separators, and the other default-ignorable code points. Files holding any take the
 * full path, which reports them at their own place: a superset of the loader's own set
 * (see invisible.ts), so those diagnostics are the same whichever path would run.
 */
const INVISIBLE_OR_CONTROL = /(?![ \t\n\r])[\p{Cc}\p{Cf}\p{Z}\p{Default_Ignorable_Code_Point}]/u;

/** Whether the text must go to the full parser (see NEEDS_FULL_PARSER and INVISIBLE_OR_CONTROL). */
export function needsFullParser(text: string): boolean {
  if (!TRIGGER_CHARACTERS.test(text) && !TRIGGER_PAIRS.test(text)) return false;
  // hasInvisible: the loader's own set (YAML007); INVISIBLE_OR_CONTROL is a superset kept as a safety net.
  return INVISIBLE_OR_CONTROL.test(text) || hasInvisible(text) || NEEDS_FULL_PARSER.test(text);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The fast path of loading: a file within the limits that js-yaml reads and the
 * precompiled validator accepts is a valid record, and its value is the one the full
 * YAML 1.2 parser would give (the differential test proves this contract). Positions are
 * computed later, only if a rule reports on the record. Anything else returns undefined
 * and takes the full path, which finds and locates every problem.
 */
export function fastLoad(input: Uint8Array | string, kind: RecordKind): Record<string, unknown> | undefined {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    if (input.byteLength > LIMITS.maxFileBytes) return undefined;
    try {
      text = strictUtf8.decode(input);
    } catch {
      return undefined;
    }
  }
  const value = fastParse(text);
  // Only the answer matters here: a record that fails goes to the full path, whose
  // validateRecord reports every error with the allErrors validators.
  return value && firstErrorValidators[kind](value) ? value : undefined;
}
