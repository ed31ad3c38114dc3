import { LineCounter, Pair, Scalar, YAMLMap, YAMLSeq, isCollection, type Document, type Node } from 'yaml';
import type { SourceLocator } from '../dataset.js';
import { createLocator } from './locator.js';
import { LF, SPACE, DOUBLE_QUOTE, HASH, SINGLE_QUOTE, COMMA, DASH, COLON, OPEN_BRACKET, BACKSLASH, CLOSE_BRACKET, GREATER, BAR, PLUS } from './charCodes.js';

/**
 * The locator of a text in the canonical form (one that parseCanonicalYaml accepts),
 * without the full parser: the text's structure is walked once, on the first `locate`,
 * into yaml v2 nodes that carry the ranges yaml v2 gives them (where each node starts,
 * and where a scalar's or flow sequence's value ends), and createLocator answers from
 * them. Same spans as the full parser's locator (the differential test compares every
 * path); parsing an invalid record with yaml v2 costs about 6 ms when the parser is cold,
 * this walk a few microseconds.
 *
 * The one case the walk does not model, a search for a character (`within`) inside a
 * block mapping or sequence (whose value range yaml v2 ends by rules about trailing
 * comments), asks `fallback`: the full parser's locator.
 *
 * Only for canonical text: on any other text the spans are meaningless.
 */
export function createCanonicalLocator(text: string, fallback: () => SourceLocator): SourceLocator {
  let nodes: SourceLocator | undefined;
  let walked: YAMLMap | undefined;
  let full: SourceLocator | undefined;
  return {
    locate(path, target, within) {
      if (!nodes) {
        const walk = new Walk(text);
        walked = walk.document();
        nodes = createLocator({ contents: walked } as unknown as Document, walk.lines, text);
      }
      if (within !== undefined && isCollection(nodeAt(walked!, path))) return (full ??= fallback()).locate(path, target, within);
      return nodes.locate(path, target, within);
    },
  };
}

/** The node at `path` as createLocator walks it (undefined where the path leaves the tree). */
function nodeAt(root: Node, path: readonly (string | number)[]): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (node instanceof YAMLMap) node = node.items.find((p) => (p.key as Scalar).value === String(segment))?.value;
    else if (node instanceof YAMLSeq && typeof segment === 'number') node = node.items[segment];
    else return undefined;
  }
  return node;
}


/**
 * The structure of a canonical text as yaml v2 nodes with yaml v2's ranges: each node's
 * `range` is [start, end of its value, end of its value] (the third entry, which
 * createLocator does not read, is not modelled), except for mappings and sequences in
 * block style (see blockRange).
 * The grammar is canonicalYaml.ts's; the text is trusted to follow it.
 */
class Walk {
  readonly lines = new LineCounter();
  /** Start of the current line, and the offset of its line feed. */
  private pos = 0;
  private eol = 0;

  constructor(private readonly text: string) {
    this.lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lines.addNewLine(i + 1);
  }

  document(): YAMLMap {
    this.nextContent();
    return this.blockMapping(0, new YAMLMap(), this.pos);
  }

  /**
   * The range of a mapping or sequence in block style that starts at `start`: createLocator
   * points at its first line, which its value range (in yaml v2 up to its last item, with
   * or without the comments after it) always covers; here it runs to the text's end.
   */
  private blockRange(start: number): [number, number, number] {
    return [start, this.text.length, this.text.length];
  }

  /** Moves to the next line that is neither empty nor a comment; its indentation, or -1 at the end. */
  private nextContent(): number {
    const text = this.text;
    let pos = this.pos;
    while (pos < text.length) {
      const eol = text.indexOf('\n', pos);
      let p = pos;
      while (text.charCodeAt(p) === SPACE) p++;
      if (p !== eol && text.charCodeAt(p) !== HASH) {
        this.pos = pos;
        this.eol = eol;
        return p - pos;
      }
      pos = eol + 1;
    }
    this.pos = pos;
    return -1;
  }

  /** The entries at indentation n, added to `map` (which may hold a compact mapping's first entry), which starts at `start`. */
  private blockMapping(n: number, map: YAMLMap, start: number): YAMLMap {
    map.range = this.blockRange(start);
    for (;;) {
      const indent = this.nextContent();
      if (indent < n) return map;
      this.entry(map, this.pos + n);
    }
  }

  /** The colon after a simple key starting at `start` on the current line (followed by a space or the line's end), or -1. */
  private keyEnd(start: number): number {
    const text = this.text;
    let c = text.charCodeAt(start);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) return -1;
    let p = start + 1;
    for (c = text.charCodeAt(p); (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === DASH; c = text.charCodeAt(++p));
    if (c !== COLON) return -1;
    return p + 1 === this.eol || text.charCodeAt(p + 1) === SPACE ? p : -1;
  }

  /** The entry whose key starts at `start` on the current line; moves past its value. */
  private entry(map: YAMLMap, start: number): void {
    const colon = this.text.indexOf(':', start);
    const key = scalar(this.text.slice(start, colon), start, colon);
    const column = start - this.pos;
    let value: Node;
    if (colon + 1 === this.eol || this.text.charCodeAt(colon + 2) === HASH) {
      // `key:` or `key: # comment`: a nested collection, or an empty value (null).
      this.pos = this.eol + 1;
      const indent = this.nextContent();
      if (indent > column) {
        const at = this.pos + indent;
        value = this.text.charCodeAt(at) === DASH && this.text.charCodeAt(at + 1) === SPACE ? this.blockSequence(indent) : this.blockMapping(indent, new YAMLMap(), at);
      } else value = scalar(null, colon + 1, colon + 1);
    } else value = this.inlineValue(colon + 2, column);
    map.items.push(new Pair(key, value));
  }

  /** The items of a block sequence whose `-` stand at column m. */
  private blockSequence(m: number): YAMLSeq {
    const seq = new YAMLSeq();
    seq.range = this.blockRange(this.pos + m);
    for (;;) {
      const indent = this.nextContent();
      if (indent < m) return seq;
      const at = this.pos + m + 2;
      if (this.keyEnd(at) !== -1) {
        const item = new YAMLMap();
        this.entry(item, at);
        seq.items.push(this.blockMapping(m + 2, item, at));
      } else seq.items.push(this.inlineValue(at, m));
    }
  }

  /** A value starting at `at` on the current line, owned by a key or `-` at column n; moves past its lines. */
  private inlineValue(at: number, n: number): Node {
    const c = this.text.charCodeAt(at);
    let node: Node;
    if (c === GREATER || c === BAR) return this.blockScalar(at, n);
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) node = this.quoted(at);
    else if (c === OPEN_BRACKET) node = this.flowSequence(at);
    else {
      let end = this.eol;
      const comment = this.text.indexOf(' #', at);
      if (comment !== -1 && comment < end) {
        end = comment;
        while (this.text.charCodeAt(end - 1) === SPACE) end--;
      }
      node = scalar(this.text.slice(at, end), at, end);
    }
    this.pos = this.eol + 1;
    return node;
  }

  /** A quoted scalar on one line starting at `at` (its closing quote ends it: `''` and `\"` do not). */
  private quoted(at: number): Scalar {
    const text = this.text;
    const quote = text.charCodeAt(at);
    let p = at + 1;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === BACKSLASH && quote === DOUBLE_QUOTE) p += 2;
      else if (c !== quote) p++;
      else if (quote === SINGLE_QUOTE && text.charCodeAt(p + 1) === SINGLE_QUOTE) p += 2;
      else return scalar(text.slice(at, p + 1), at, p + 1);
    }
  }

  /** A one-line flow sequence of scalars starting at `at`. */
  private flowSequence(at: number): YAMLSeq {
    const text = this.text;
    const seq = new YAMLSeq();
    let p = at + 1;
    while (text.charCodeAt(p) !== CLOSE_BRACKET) {
      const c = text.charCodeAt(p);
      let item: Scalar;
      if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) item = this.quoted(p);
      else {
        let end = p;
        for (let e = text.charCodeAt(end); e !== COMMA && e !== CLOSE_BRACKET && e !== LF; e = text.charCodeAt(++end));
        item = scalar(text.slice(p, end), p, end);
      }
      seq.items.push(item);
      p = item.range![1];
      if (text.charCodeAt(p) === COMMA) p += 2;
    }
    seq.range = [at, p + 1, p + 1];
    return seq;
  }

  /**
   * A block scalar whose header stands at `at`, its content indented n + 2. yaml v2 ends
   * its range after the last line of text, or, kept (`+`), after the empty lines that follow.
   */
  private blockScalar(at: number, n: number): Scalar {
    const text = this.text;
    const keep = text.charCodeAt(at + 1) === PLUS;
    const k = n + 2;
    let pos = this.eol + 1;
    let empties = 0;
    for (let first = true; pos < text.length; first = false) {
      const eol = text.indexOf('\n', pos);
      if (eol === pos) empties++;
      else if (!first && indentedLess(text, pos, k)) break;
      else empties = 0;
      pos = eol + 1;
    }
    this.pos = pos;
    const end = keep ? pos : pos - empties;
    return scalar(text.slice(at, end), at, end);
  }
}

/** Whether the line at `pos` has fewer than k leading spaces. */
function indentedLess(text: string, pos: number, k: number): boolean {
  for (let p = pos; p < pos + k; p++) if (text.charCodeAt(p) !== SPACE) return true;
  return false;
}

/** A scalar node over [start, end); `value` null only for an empty value (createLocator then points at the key). */
function scalar(value: string | null, start: number, end: number): Scalar {
  const node = new Scalar(value);
  node.range = [start, end, end];
  return node;
}
