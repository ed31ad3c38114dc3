/**
 * Finds the first line whose indentation is the likely cause of a YAML syntax error, by
 * following the block structure line by line (without the parser, whose messages for
 * a misindented key name what it became, "Nested mappings are not allowed in compact
 * mappings", "Sequence item without - indicator", rather than what is wrong with it).
 * Linear in the length of the text. Only asked when the parser has found an error, so
 * what this reads as a mistake never fails a file the parser accepts.
 */

/** A misindented line: where it is, what it should have been, and the words for it. */
export interface IndentationMistake {
  /** 1-based line and column of the line's first character (the key or the `-`). */
  line: number;
  column: number;
  /** Length of what is named (the key with its colon, or the `-`). */
  length: number;
  /** The column (1-based) the line was expected to start at. */
  expectedColumn: number;
  message: string;
  hint: string;
}

interface Level {
  indent: number;
  kind: 'map' | 'seq';
  /** 1-based line that opened this level, and how to name it (`country:` or `- `). */
  line: number;
  name: string;
}

const KEY = /^((?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"[\]{},:&*!|>%@`-][^#]*?|-[^\s#][^#]*?)):(?:[ \t]+|$)/;

/** Where the text of a line's value starts, and what it opens: nothing, a nested block, a block scalar, or a multi-line flow or quoted value. */
function valueOpens(value: string): 'nothing' | 'block' | 'scalar' | 'flow' | 'quote' {
  const v = value.replace(/^(?:[&!][^\s]*\s*)+/, ''); // anchors and tags before the value
  if (v === '' || v.startsWith('#')) return 'block';
  if (v[0] === '|' || v[0] === '>') return 'scalar';
  if (v[0] === '[' || v[0] === '{') return flowDepth(v) > 0 ? 'flow' : 'nothing';
  if ((v[0] === '"' || v[0] === "'") && !closesQuote(v)) return 'quote';
  return 'nothing';
}

/** Net bracket depth of a piece of flow text (quoted text skipped). */
function flowDepth(text: string, start = 0): number {
  let depth = start;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) break;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth;
}

/** Whether a value that starts with a quote ends it on the same line. */
function closesQuote(v: string): boolean {
  const q = v[0]!;
  for (let i = 1; i < v.length; i++) {
    if (q === '"' && v[i] === '\\') i++;
    else if (v[i] === q) {
      if (q === "'" && v[i + 1] === "'") i++;
      else return true;
    }
  }
  return false;
}

const spaces = (n: number) => (n === 1 ? '1 space' : `${n} spaces`);
const where = (indent: number) => (indent === 0 ? 'at column 1, without indentation' : `by ${spaces(indent)} (column ${indent + 1})`);
/** The fix, in words: "Indent `role:` by 4 spaces (column 5)" or "Start `topics:` at column 1, without indentation". */
const moveTo = (name: string, indent: number) => (indent === 0 ? `Start ${name} at column 1, without indentation` : `Indent ${name} ${where(indent)}`);

export function findIndentationMistake(text: string): IndentationMistake | undefined {
  const lines = text.split('\n');
  const stack: Level[] = [];
  let opens = true; // the start of the file opens the top-level mapping
  let scalarOwner: number | undefined; // inside a block scalar: the indentation of its key
  let flow = 0; // inside a multi-line flow collection: its depth
  let quote: string | undefined; // inside a multi-line quoted value: its quote
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!.replace(/\r$/, '');
    const indent = raw.length - raw.trimStart().length;
    if (raw.slice(0, indent).includes('\t') && scalarOwner === undefined && flow === 0 && !quote) return undefined; // a tab: the parser's own message says so
    const rest = raw.slice(indent);
    if (scalarOwner !== undefined) {
      if (rest === '' || indent > scalarOwner) continue;
      scalarOwner = undefined;
    }
    if (flow > 0) {
      flow = flowDepth(raw, flow);
      continue;
    }
    if (quote) {
      if (raw.includes(quote)) quote = undefined;
      continue;
    }
    if (rest === '' || rest.startsWith('#')) continue;
    if (rest.startsWith('---') || rest.startsWith('...') || rest.startsWith('%')) return undefined; // not a plain record: leave it to the parser

    const dash = /^-(?:[ \t]+|$)/.exec(rest);
    const key = dash ? undefined : KEY.exec(rest);
    if (!dash && !key) continue; // a continuation of a plain value: not structure
    const kind: Level['kind'] = dash ? 'seq' : 'map';
    const name = dash ? 'the list item `-`' : `\`${key![1]}:\``;
    const line = n + 1;

    // Close the levels this line is outside of.
    let popped: Level | undefined;
    while (stack.length > 0 && stack[stack.length - 1]!.indent > indent) popped = stack.pop();
    let top = stack[stack.length - 1];
    // `key:` followed by `- item` at the same indentation (a compact list), and back.
    if (top && top.indent === indent && top.kind !== kind) {
      if (kind === 'seq' && opens) top = undefined; // a list under the key above, at its indentation
      else if (kind === 'map' && stack.length > 1 && stack[stack.length - 2]!.indent === indent) {
        stack.pop();
        top = stack[stack.length - 1];
      } else if (kind === 'map' && top.kind === 'seq') {
        const inner = popped && popped.kind === 'map' ? popped : undefined;
        return mistake(line, indent, name, inner?.indent ?? indent + 2, `${name} is indented ${where(indent)}, like the \`-\` of the list item on line ${top.line}, but it is not a list item.`, `${moveTo(name, inner?.indent ?? indent + 2)}${inner ? `, like ${inner.name} on line ${inner.line},` : ''} to keep it in the item above, or start a new item with \`- \`.`);
      }
    }
    if (top && top.indent === indent) {
      top.line = line;
      top.name = name;
    } else if (top && popped && indent > top.indent) {
      // Between two levels: shallower than the one just closed, deeper than the enclosing one.
      const near = indent - top.indent < popped.indent - indent ? top : popped;
      return mistake(line, indent, name, near.indent, `${name} is indented ${where(indent)}, which lines up with nothing above it: ${popped.name} on line ${popped.line} is indented by ${spaces(popped.indent)} and ${top.name} on line ${top.line} by ${spaces(top.indent)}.`, `${moveTo(name, near.indent)}, like ${near.name} on line ${near.line}.`);
    } else if (top && !opens) {
      // Deeper than the key above, which already has a value on its line.
      return mistake(line, indent, name, top.indent, `${name} is indented ${where(indent)}, further than ${top.name} on line ${top.line}, the key above it, which already has a value.`, `${moveTo(name, top.indent)}, like ${top.name}: a key indented further than the one above it would belong to that key's value.`);
    } else {
      stack.push({ indent, kind, line, name });
    }

    // What this line opens.
    let value: string;
    if (dash) {
      const after = rest.slice(dash[0].length);
      const inner = KEY.exec(after);
      if (inner && after !== '') {
        const col = indent + dash[0].length;
        stack.push({ indent: col, kind: 'map', line, name: `\`${inner[1]}:\`` });
        value = after.slice(inner[0].length);
      } else value = after;
    } else value = rest.slice(key![0].length);
    const what = valueOpens(value);
    opens = what === 'block';
    const owner = stack[stack.length - 1]!.indent;
    if (what === 'scalar') scalarOwner = owner;
    else if (what === 'flow') flow = flowDepth(value);
    else if (what === 'quote') quote = value.replace(/^(?:[&!][^\s]*\s*)+/, '')[0];
  }
  return undefined;
}

function mistake(line: number, indent: number, name: string, expected: number, message: string, hint: string): IndentationMistake {
  const item = name.startsWith('the ');
  const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return { line, column: indent + 1, length: item ? 1 : name.length - 2, expectedColumn: expected + 1, message: `Indentation: ${message}`, hint: upper(hint) };
}
