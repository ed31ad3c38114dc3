import { LineCounter, parseDocument, visit, isCollection, isMap, isPair, isScalar, Scalar, type Document, type Node, type YAMLError } from 'yaml';
import type { Span } from '../diagnostics.js';
import { FILE_START } from '../diagnostics.js';
import type { SourceLocator } from '../dataset.js';
import { LOAD_CODES } from './codes.js';
import { LIMITS } from './limits.js';
import { createLocator } from './locator.js';
import { findInvisible } from './invisible.js';
import { findIndentationMistake } from './indentation.js';
import { findColonMistake } from './colonMistake.js';
import { lineStartsOf, spanFromLineStarts } from './span.js';
import { parseCanonicalYaml } from './canonicalYaml.js';
import { createCanonicalLocator } from './canonicalLocator.js';

/** A problem found while decoding or parsing, before a record exists. */
export interface LoadProblem extends Span {
  code: string;
  message: string;
  hint?: string;
}

export type ParseResult =
  | { ok: true; value: Record<string, unknown>; locator: SourceLocator; text: string }
  | { ok: false; problems: LoadProblem[] };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes and parses one record file. YAML 1.2 (core schema), one document whose top
 * level is a mapping; every way it can fail is a located problem with its own code,
 * never an exception.
 */
export function parseRecordBytes(bytes: Uint8Array): ParseResult {
  if (bytes.byteLength > LIMITS.maxFileBytes) {
    return fail(LOAD_CODES.tooLarge, `File is ${bytes.byteLength} bytes, over the limit of ${LIMITS.maxFileBytes} bytes.`, FILE_START, 'A record is a few kilobytes; split the content or remove what does not belong in a record.');
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail(LOAD_CODES.notUtf8, 'File is not valid UTF-8.', spanOfBadUtf8(bytes), 'Save the file as UTF-8 (without a legacy code page).');
  }
  // A byte-order mark is valid input; TextDecoder already removed it.
  return parseRecordTextQuickly(text);
}

/**
 * parseRecordText's result, read without the full parser when the text is in the
 * canonical form (most records, invalid ones included): the canonical reader gives the
 * same value (canonicalYaml.test.ts) and its locator the same spans
 * (canonicalLocator.test.ts); a canonical text has none of the problems below.
 */
export function parseRecordTextQuickly(text: string): ParseResult {
  const value = parseCanonicalYaml(text);
  if (value === undefined) return parseRecordText(text);
  return { ok: true, value, locator: createCanonicalLocator(text, () => fullLocator(text)), text };
}

/** The full parser's locator of a text it reads without a problem. */
function fullLocator(text: string): SourceLocator {
  const parsed = parseRecordText(text);
  if (!parsed.ok) throw new Error('the full parser rejected a text the canonical reader accepted');
  return parsed.locator;
}

/** Parses one record's text with the full parser (yaml v2), whatever its form: see parseRecordBytes. */
export function parseRecordText(text: string): ParseResult {
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    return fail(LOAD_CODES.nulByte, 'File contains a NUL character.', spanAt(text, nul, 1), 'Remove the NUL character; it is not allowed in YAML.');
  }
  // Invisible and look-alike characters are found in the text itself, before parsing: the
  // parser's own errors for them (an implicit key that is not on one line, a value that
  // spans the whole block) point away from the character, and inside a folded scalar the
  // character's place is lost. Each is reported at its own line and column.
  const invisible = findInvisible(text);
  if (invisible.length > 0) {
    const starts = lineStartsOf(text);
    return {
      ok: false,
      problems: invisible.map((f) => ({ code: LOAD_CODES.invisibleCharacter, message: f.message, hint: f.hint, ...spanFromLineStarts(starts, text, f.offset, f.length) })),
    };
  }
  // YAML reads a carriage return alone as a line break, the parser used here as text
  // (and js-yaml, which reads valid records faster, as a line break): a comment could hide
  // what an editor shows as the next line. Refuse it rather than pick a reading.
  const cr = /\r(?!\n)/.exec(text);
  if (cr) {
    return fail(LOAD_CODES.syntax, 'A line ends with a carriage return alone (an old Mac line ending).', spanAt(text, cr.index, 1), 'Save the file with LF (or CRLF) line endings.');
  }
  if (holdsNothing(text)) {
    return fail(LOAD_CODES.empty, 'File is empty: it holds no record.', FILE_START, 'Write the record as a YAML mapping, or delete the file. `engagements new` writes a template.');
  }
  // Deep flow nesting is found before parsing: the parser recurses and takes seconds to
  // give up on a megabyte of brackets. Below this guard the exact check after parsing
  // decides, so brackets inside text (a block scalar) never make a valid file fail.
  const depth = maxFlowDepth(text);
  if (depth.depth > PRESCAN_FLOW_DEPTH) {
    return fail(LOAD_CODES.tooDeep, `Nesting is deeper than ${LIMITS.maxDepth} levels.`, spanAt(text, depth.offset, 1), 'Records are at most a few levels deep; remove the extra brackets.');
  }

  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  let extra: number | undefined;
  try {
    const docs = parseAll(text, lineCounter);
    doc = docs[0]!;
    if (docs.length > 1) extra = docs[1]!.range[0];
  } catch (error) {
    if (error instanceof RangeError) {
      return fail(LOAD_CODES.tooDeep, `Nesting is deeper than ${LIMITS.maxDepth} levels.`, FILE_START, 'Records are at most a few levels deep.');
    }
    throw error;
  }
  // Positions come from the text itself, not from the parser's line counter: the parser
  // skips the line breaks inside a token it cannot read, which put the ends of spans (and
  // anything reported after such a token) on the wrong line.
  const lineStarts = lineStartsOf(text);
  const pos = (offset: number, length = 1): Span => spanFromLineStarts(lineStarts, text, offset, length);

  // The parser gives up on deep block nesting with one error per level it unwinds:
  // report the nesting once, where it first goes past the limit.
  const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) {
    const at = tooDeepOffset(doc) ?? exhausted.pos[0];
    return fail(LOAD_CODES.tooDeep, `Nesting is deeper than ${LIMITS.maxDepth} levels.`, pos(at), 'Records are at most a few levels deep.');
  }
  const problems: LoadProblem[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) problems.push(yamlProblem(error, pos, doc, text));
  // A syntax error that a misindented line explains (the line is at the error or next to
  // it: the parser complains where the line's meaning went wrong, often at the value
  // above it) is reported as that indentation, with the column the line should start at.
  const syntax = problems.filter((p) => p.code === LOAD_CODES.syntax).sort((a, b) => a.line - b.line)[0];
  if (syntax) {
    const mistake = namedByItsLine.has(syntax) ? undefined : findIndentationMistake(text);
    if (mistake && mistake.line <= syntax.line + 2 && mistake.line >= syntax.line - 3) {
      problems.splice(0, problems.length, ...problems.filter((p) => p.code !== LOAD_CODES.syntax));
      problems.push({ code: LOAD_CODES.syntax, message: mistake.message, hint: mistake.hint, line: mistake.line, column: mistake.column, endLine: mistake.line, endColumn: mistake.column + mistake.length });
    }
  }
  problems.push(...duplicateKeys(doc, pos));
  if (extra !== undefined) {
    problems.push({
      code: LOAD_CODES.multipleDocuments,
      message: 'File holds more than one YAML document.',
      hint: 'Keep one record per file: remove the `---` separator and what follows, or move it to a file of its own.',
      ...pos(extra, 3),
    });
  }
  if (problems.length > 0) return { ok: false, problems: dedupe(problems) };

  // Depth first, without recursion: the visits below recurse.
  const tooDeepAt = tooDeepOffset(doc);
  if (tooDeepAt !== undefined) {
    return fail(LOAD_CODES.tooDeep, `Nesting is deeper than ${LIMITS.maxDepth} levels.`, pos(tooDeepAt), 'Records are at most a few levels deep.');
  }
  let aliases = 0;
  let overLimitAt = 0;
  let collectionKeyAt: number | undefined;
  let mergeKeyAt: number | undefined;
  const anchors = new Set<string>();
  let unresolved: { at: number; name: string } | undefined;
  let circular: { at: number; name: string } | undefined;
  visit(doc, {
    Alias(_key, node, path) {
      aliases++;
      if (aliases === LIMITS.maxAliases + 1) overLimitAt = node.range?.[0] ?? 0;
      if (!anchors.has(node.source) && !unresolved) unresolved = { at: node.range?.[0] ?? 0, name: node.source };
      // An alias inside the node it names would make the record a circular structure.
      const inside = path.some((p) => typeof p === 'object' && p !== null && 'anchor' in p && (p as Node).anchor === node.source);
      if (inside && !circular) circular = { at: node.range?.[0] ?? 0, name: node.source };
    },
    Pair(_key, pair) {
      if (isCollection(pair.key) && collectionKeyAt === undefined) collectionKeyAt = (pair.key as Node).range?.[0] ?? 0;
      if (mergeKeyAt === undefined && isMergeKey(pair.key)) mergeKeyAt = pair.key.range?.[0] ?? 0;
    },
    Node(_key, node) {
      if (node.anchor) anchors.add(node.anchor);
    },
  });
  // Before the alias checks: `<<: *name` is the usual way to write one, and the merge key is the fix.
  if (mergeKeyAt !== undefined) {
    return fail(
      LOAD_CODES.mergeKey,
      'Merge key `<<`: records do not use YAML merge keys.',
      pos(mergeKeyAt, 2),
      'Write out here each key that `<<` would copy. YAML 1.2 readers (`engagements validate` among them) read `<<` as an ordinary key, while editors and YAML 1.1 readers merge it, so the record would not mean the same to everyone.',
    );
  }
  if (aliases > LIMITS.maxAliases) {
    return fail(LOAD_CODES.aliasLimit, `File uses ${aliases} aliases, more than the limit of ${LIMITS.maxAliases}.`, pos(overLimitAt), 'Write values out instead of using anchors and aliases.');
  }
  if (unresolved) {
    return fail(LOAD_CODES.aliasLimit, `The alias \`*${unresolved.name}\` refers to no anchor \`&${unresolved.name}\` before it.`, pos(unresolved.at, unresolved.name.length + 1), 'Write the value out instead of using anchors and aliases.');
  }
  if (circular) {
    return fail(LOAD_CODES.aliasLimit, `The alias \`*${circular.name}\` is inside the value it refers to, which makes it endless.`, pos(circular.at, circular.name.length + 1), 'Write the value out instead of using anchors and aliases.');
  }
  if (collectionKeyAt !== undefined) {
    return fail(LOAD_CODES.syntax, 'A key must be plain text, not a list or a mapping.', pos(collectionKeyAt), 'Write keys as `name: value`; records use no `? ` complex keys.');
  }

  const contents = doc.contents;
  let value: unknown;
  try {
    // yaml counts the anchored node itself as the first use: + 1 so that the limit means
    // what it says (100 aliases of a value load; their expansion is what is bounded).
    value = doc.toJS({ maxAliasCount: LIMITS.maxAliases + 1 });
  } catch (error) {
    const alias = firstAlias(doc);
    if (error instanceof ReferenceError || /alias/i.test(String((error as Error).message))) {
      return fail(LOAD_CODES.aliasLimit, 'Aliases expand to too many nodes (an alias bomb).', pos(alias.at, alias.length), 'Write values out instead of nesting anchors and aliases.');
    }
    if (error instanceof RangeError) {
      return fail(LOAD_CODES.tooDeep, `Nesting is deeper than ${LIMITS.maxDepth} levels.`, FILE_START, 'Records are at most a few levels deep.');
    }
    throw error;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const at = contents?.range?.[0] ?? 0;
    const what = value === null ? 'nothing' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    return fail(LOAD_CODES.notMapping, `The top level of a record must be a mapping of keys to values, but this file holds ${what}.`, pos(at), 'Start the record with `id: ...` at the beginning of a line, without a leading `-`.');
  }
  return { ok: true, value: value as Record<string, unknown>, locator: createLocator(doc, lineCounter, text), text };
}

function parseAll(text: string, lineCounter: LineCounter): Document.Parsed[] {
  // parseAllDocuments, but with the options every record is read with.
  const docs: Document.Parsed[] = [];
  // resolveKnownTags: false keeps YAML 1.1 tags such as !!binary or !!timestamp out
  // (reported as unknown tags); logLevel 'error' keeps the library from printing warnings.
  // Duplicate keys are found by duplicateKeys(): the library's own check compares every
  // key with every other one, which takes minutes on a megabyte of keys.
  let doc = parseDocument(text, { lineCounter, version: '1.2', schema: 'core', uniqueKeys: false, prettyErrors: false, strict: true, keepSourceTokens: false, resolveKnownTags: false, logLevel: 'error' });
  docs.push(doc);
  // parseDocument stops after the first document and reports the rest as an error;
  // find whether a second document starts, to report it with its own code.
  const multi = doc.errors.findIndex((e) => e.code === 'MULTIPLE_DOCS');
  if (multi !== -1) {
    const err = doc.errors[multi]!;
    doc.errors.splice(multi, 1);
    docs.push({ range: [err.pos[0], err.pos[1], err.pos[1]] } as unknown as Document.Parsed);
  }
  return docs;
}

/** Syntax problems whose own line says what is wrong: no indentation mistake nearby replaces them. */
const namedByItsLine = new WeakSet<LoadProblem>();

function yamlProblem(error: YAMLError, pos: (offset: number, length?: number) => Span, doc: Document, text: string): LoadProblem {
  const [start, end] = error.pos;
  const span = pos(start, Math.max(1, end - start));
  const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  // An unclosed quote or bracket is found where the file ends or the next key starts;
  // point at where it was opened instead, which is where the fix goes.
  const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
  if (quote) {
    const opened = unclosedQuoteStart(doc, text, quote, start);
    if (opened !== undefined) {
      return { code: LOAD_CODES.syntax, message: `YAML syntax error: this quoted value has no closing ${quote}.`, hint: 'Add the closing quote at the end of the value. Inside "...", write \\" for a quote; inside \'...\', write \'\'.', ...pos(opened, 1) };
    }
  }
  const bracket = /end with an? ([\]}])$/.exec(message)?.[1];
  if (bracket) {
    const opened = unclosedFlowStart(doc, text, bracket, start);
    const misplaced = opened === undefined ? undefined : flowLineTooShallow(text, opened, start, bracket);
    if (opened !== undefined && misplaced) {
      // The closer (or an item) is there, but not indented further than the key the
      // collection belongs to: say so at that line, not "not closed" at the opening bracket.
      const what = bracket === ']' ? 'list' : 'mapping';
      const openedAt = pos(opened);
      const owner = misplaced.key ? `\`${misplaced.key}:\` (column ${misplaced.keyColumn})` : `the line it opens on (column ${misplaced.keyColumn})`;
      if (misplaced.closer) {
        return { code: LOAD_CODES.syntax, message: `YAML syntax error: the \`${bracket}\` that closes the ${what} opened on line ${openedAt.line} is not indented further than ${owner}.`, hint: `Move the \`${bracket}\` to the end of the last item's line, or indent it further than ${misplaced.key ? `\`${misplaced.key}:\`` : 'that line'}: inside a block, every line of a ${what} in brackets is indented further than its key.`, ...pos(start, 1) };
      }
      return { code: LOAD_CODES.syntax, message: `YAML syntax error: this line continues the ${what} opened on line ${openedAt.line} but is not indented further than ${owner}.`, hint: `Indent it further than ${misplaced.key ? `\`${misplaced.key}:\`` : 'that line'}, or write the ${what} on one line.`, ...pos(start, 1) };
    }
    if (opened !== undefined) {
      const what = bracket === ']' ? 'list' : 'mapping';
      return { code: LOAD_CODES.syntax, message: `YAML syntax error: the ${what} opened here with \`${text[opened]}\` is not closed with \`${bracket}\`.`, hint: `Add the closing \`${bracket}\`, or write the items on lines of their own.`, ...pos(opened, 1) };
    }
  }
  const colon = findColonMistake(text, error.code, start);
  if (colon) {
    const problem = { code: LOAD_CODES.syntax, message: colon.message, hint: colon.hint, ...pos(colon.offset, colon.length) };
    if (colon.certain) namedByItsLine.add(problem);
    return problem;
  }
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return { code: LOAD_CODES.duplicateKey, message: 'This key appears twice in the same mapping.', hint: 'Keep one of the two entries; YAML does not allow duplicate keys.', ...span };
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
      return { code: LOAD_CODES.aliasLimit, message: `Invalid alias: ${message}`, hint: 'Write values out instead of using anchors and aliases.', ...span };
    case 'TAG_RESOLVE_FAILED':
      return { code: LOAD_CODES.unknownTag, message: `Unknown tag \`${tagName(message)}\`.`, hint: 'Remove the tag; records use plain YAML values only.', ...span };
    case 'TAB_AS_INDENT':
      return { code: LOAD_CODES.syntax, message: 'A tab is used for indentation.', hint: 'Indent with spaces (two per level); YAML does not allow tabs for indentation.', ...span };
    default:
      return { code: LOAD_CODES.syntax, message: `YAML syntax error: ${message}`, hint: syntaxHint(error.code), ...span };
  }
}

function syntaxHint(code: string): string | undefined {
  switch (code) {
    case 'MISSING_CHAR':
      return 'A closing quote or bracket is missing.';
    case 'BAD_INDENT':
    case 'MISSING_INDENT':
      return 'Check the indentation: keys of one mapping start in the same column, two spaces per level.';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'A key must fit on one line and end with `: `; quote values that contain `: `.';
    case 'UNEXPECTED_TOKEN':
      return 'Quote the value if it contains characters such as `:`, `#`, `[` or `{`.';
    default:
      return undefined;
  }
}

/**
 * One problem per place and code; of syntax errors only the first the parser reports,
 * since its recovery after one makes the next ones mostly echoes of it.
 */
function dedupe(problems: LoadProblem[]): LoadProblem[] {
  const seen = new Set<string>();
  let syntax = false;
  return problems
    .filter((p) => {
      const key = `${p.line}:${p.column}:${p.code}`;
      if (seen.has(key) || (p.code === LOAD_CODES.syntax && syntax)) return false;
      seen.add(key);
      if (p.code === LOAD_CODES.syntax) syntax = true;
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** `!!binary` for `tag:yaml.org,2002:binary`, the tag as written otherwise. */
function tagName(message: string): string {
  const tag = message.replace(/^Unresolved tag: /, '');
  return tag.startsWith('tag:yaml.org,2002:') ? '!!' + tag.slice('tag:yaml.org,2002:'.length) : tag;
}

/** Offset of the opening quote of the quoted scalar that runs on to `at` without being closed. */
function unclosedQuoteStart(doc: Document, text: string, quote: string, at: number): number | undefined {
  const type = quote === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
  let found: number | undefined;
  visit(doc, {
    Scalar(_key, node) {
      const [start, end] = node.range ?? [0, 0];
      if (node.type === type && text[start] === quote && start < at && end >= at && (found === undefined || start > found)) found = start;
    },
  });
  return found;
}

/** Offset of the opening bracket of the innermost flow collection before `at` that is not closed. */
function unclosedFlowStart(doc: Document, text: string, bracket: string, at: number): number | undefined {
  const open = bracket === ']' ? '[' : '{';
  let found: number | undefined;
  visit(doc, {
    Node(_key, node) {
      if (!isCollection(node) || !node.flow) return;
      const [start, end] = node.range ?? [0, 0];
      if (text[start] !== open || start >= at) return;
      if (closesWithin(text, start, end)) return;
      if (found === undefined || start > found) found = start;
    },
  });
  return found;
}

/** A plain `<<` key: YAML 1.1's merge key (quoted, it is an ordinary key everywhere). */
function isMergeKey(key: unknown): key is Scalar {
  return isScalar(key) && key.type === Scalar.PLAIN && key.value === '<<';
}

function firstAlias(doc: Document): { at: number; length: number } {
  let found = { at: 0, length: 1 };
  visit(doc, {
    Alias(_k, node) {
      found = { at: node.range?.[0] ?? 0, length: node.source.length + 1 };
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * Nesting of flow brackets above which a file is rejected before parsing. The parser
 * cannot go much deeper anyway (it runs out of stack at about a thousand levels).
 */
const PRESCAN_FLOW_DEPTH = 1000;

/** Whether the text holds nothing but white space and comments (linear: no backtracking regex). */
function holdsNothing(text: string): boolean {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end).trim();
    if (line !== '' && !line.startsWith('#')) return false;
    start = end + 1;
  }
  return true;
}

/**
 * Offset of the first collection nested deeper than the limit (a collection directly in
 * the top-level mapping is level 1), found with an explicit stack so that no depth of
 * input can overflow it.
 */
function tooDeepOffset(doc: Document): number | undefined {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: doc.contents, depth: 0 }];
  let found: number | undefined;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isCollection(node)) continue;
    const start = node.range?.[0] ?? 0;
    if (depth > LIMITS.maxDepth) {
      if (found === undefined || start < found) found = start;
      continue;
    }
    for (const item of node.items as unknown[]) {
      if (isPair(item)) stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return found;
}

/**
 * Keys that appear twice in one mapping, compared as the record will see them (`1` and
 * `"1"` are the same property). One set per mapping: linear in the number of keys.
 */
function duplicateKeys(doc: Document, pos: (offset: number, length?: number) => Span): LoadProblem[] {
  const problems: LoadProblem[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    const seen = isMap(node) ? new Set<string>() : undefined;
    for (const item of node.items as unknown[]) {
      if (!isPair(item)) {
        stack.push(item);
        continue;
      }
      stack.push(item.key, item.value);
      if (!seen || !isScalar(item.key)) continue;
      const name = String(item.key.value);
      if (!seen.has(name)) {
        seen.add(name);
        continue;
      }
      const [start, end] = item.key.range ?? [0, 1];
      problems.push({ code: LOAD_CODES.duplicateKey, message: `The key \`${shorten(name)}\` appears twice in the same mapping.`, hint: 'Keep one of the two entries; YAML does not allow duplicate keys.', ...pos(start, Math.max(1, end - start)) });
    }
  }
  return problems;
}

function shorten(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Deepest nesting of flow collections ([ and {), found without parsing: the parser
 * recurses. `offset` is where the nesting first goes past the limit.
 */
function maxFlowDepth(text: string): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let offset = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\n') quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth > max) {
        max = depth;
        // Where the nesting first goes past the limit: that is what the diagnostic points at.
        if (max === LIMITS.maxDepth + 1) offset = i;
        if (max > PRESCAN_FLOW_DEPTH) break;
      }
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return { depth: max, offset };
}

function spanAt(text: string, offset: number, length: number): Span {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, endLine: line, endColumn: column + length };
}

function spanOfBadUtf8(bytes: Uint8Array): Span {
  const bad = firstInvalidUtf8(bytes);
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
  return spanAt(prefix + ' ', prefix.length, 1);
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    try {
      utf8.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return bytes.length;
}

function fail(code: string, message: string, span: Span, hint?: string): ParseResult {
  return { ok: false, problems: [{ code, message, ...(hint ? { hint } : {}), ...span }] };
}


/**
 * When the parser stops a flow collection at `at` for its indentation: whether `at` is the
 * collection's own closer, or a line of it that goes on to close it, rather than a block
 * key after a collection that was never closed. Gives the key the collection belongs to.
 */
function flowLineTooShallow(text: string, opened: number, at: number, bracket: string): { closer: boolean; key?: string; keyColumn: number } | undefined {
  const lineStart = text.lastIndexOf('\n', opened - 1) + 1;
  const openerLine = text.slice(lineStart, opened);
  const m = /^(\s*(?:-\s+)*)([^\s#'"][^:#]*?):\s*$/.exec(openerLine);
  const owner = m ? { key: m[2]!, keyColumn: m[1]!.length + 1 } : { keyColumn: openerLine.length - openerLine.trimStart().length + 1 };
  if (text[at] === bracket) return { closer: true, ...owner };
  // Not the closer: an item line that still closes the collection further on its own line.
  const lineEnd = text.indexOf('\n', at);
  const rest = text.slice(at, lineEnd === -1 ? text.length : lineEnd);
  const depthBefore = flowBalance(text.slice(opened, at));
  return depthBefore + flowBalance(rest) <= 0 ? { closer: false, ...owner } : undefined;
}

/** Opening minus closing brackets in a piece of flow text, quoted text skipped. */
function flowBalance(piece: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (const c of piece) {
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth;
}

/** Whether the bracket at `start` is matched before `end` (quoted text skipped). */
function closesWithin(text: string, start: number, end: number): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return true;
    }
  }
  return false;
}
