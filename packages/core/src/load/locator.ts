import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Span } from '../diagnostics.js';
import type { SourceLocator } from '../dataset.js';
import { lineStartsOf, spanFromLineStarts } from './span.js';

/**
 * Finds YAML nodes by JSON path in a parsed document. For a path that does not exist
 * (a missing property) it falls back to the nearest existing ancestor, so every
 * diagnostic has a location.
 */
export function createLocator(doc: Document, lineCounter: LineCounter, text: string): SourceLocator {
  const spanOf = (start: number, end: number): Span => {
    const a = lineCounter.linePos(start);
    // A collection's range runs to its last line; point at its first line only, which
    // is where a reader looks for "this mapping is missing a key".
    const b = lineCounter.linePos(Math.max(start, end));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const nodeSpan = (node: Node): Span => {
    const [start, valueEnd] = node.range ?? [0, 0, 0];
    if (isMap(node) || isSeq(node)) {
      const lineEnd = text.indexOf('\n', start);
      const firstLineEnd = lineEnd === -1 ? text.length : lineEnd;
      const end = Math.min(valueEnd, text[firstLineEnd - 1] === '\r' ? firstLineEnd - 1 : firstLineEnd);
      return spanOf(start, Math.max(end, start));
    }
    return spanOf(start, valueEnd);
  };
  // Pairs of each mapping by key, built on first use: one lookup per diagnostic would
  // otherwise scan the mapping, which is quadratic for a file of thousands of unknown keys.
  const index = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairsOf = (map: YAMLMap): Map<string, Pair> => {
    let pairs = index.get(map);
    if (!pairs) {
      pairs = new Map();
      for (const p of map.items) {
        const key = isPair(p) ? keyText(p.key) : undefined;
        if (key !== undefined && !pairs.has(key)) pairs.set(key, p);
      }
      index.set(map, pairs);
    }
    return pairs;
  };
  let lineStarts: number[] | undefined;
  return {
    locate(path, target = 'value', within) {
      let node: unknown = doc.contents;
      let pair: Pair | undefined;
      let last: Node | undefined = isNode(node) ? node : undefined;
      for (const segment of path) {
        pair = undefined;
        if (isMap(node)) {
          pair = pairsOf(node).get(String(segment));
          node = pair?.value;
        } else if (isSeq(node) && typeof segment === 'number') {
          node = node.items[segment];
        } else {
          node = undefined;
        }
        if (!isNode(node) || isEmptyValue(node)) {
          // The key exists with an empty value, or the path stops here: point at the key.
          if (pair && isNode(pair.key)) return nodeSpan(pair.key);
          return last ? nodeSpan(last) : spanOf(0, 0);
        }
        last = node;
      }
      if (target === 'key' && pair && isNode(pair.key)) return nodeSpan(pair.key);
      if (within !== undefined && last?.range) {
        const at = text.indexOf(within, last.range[0]);
        if (at !== -1 && at + within.length <= last.range[1]) return spanFromLineStarts((lineStarts ??= lineStartsOf(text)), text, at, within.length);
      }
      return last ? nodeSpan(last) : spanOf(0, 0);
    },
  };
}

/** The implicit null of a key written without a value (`notes:`): it has no text to point at. */
function isEmptyValue(node: Node): boolean {
  return isScalar(node) && node.value === null && node.range !== undefined && node.range !== null && node.range[0] === node.range[1];
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value && Array.isArray((value as Node).range);
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}
