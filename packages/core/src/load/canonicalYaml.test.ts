// The canonical form's reader against the full path's parser (yaml v2, YAML 1.2 core
// schema): on every text, it either returns undefined (not in its subset) or exactly the
// value the full path reads (and then createCanonicalLocator the full path's spans) — the same types (a number is not a string), the same key
// order, -0 and NaN told apart. Inputs: every record of the repository, samples of both
// bench corpora (generated with the bench's own generator), the hostile-input corpus,
// texts `engagements fmt` writes for random data, near-canonical texts built to probe the
// subset's edges, and random mutations of real records.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRecordFiles } from '../check.js';
import { formatRecord } from '../format/formatRecord.js';
import { CASES } from '../../../../tests/hostile/cases.js';
import { parseCanonicalYaml } from './canonicalYaml.js';
import { fastParse } from './fastParse.js';
import { LIMITS } from './limits.js';
import { parseRecordText } from './parseYaml.js';
import { expectSameSpans } from '../../../../tests/support/sameSpans.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const recordsDir = path.join(ROOT, 'records');
const runs = (n: number) => Number(process.env.FUZZ_RUNS ?? n);
const seed = (n: number) => Number(process.env.FUZZ_SEED ?? n);

/** A JSON rendering that keeps key order and tells numbers from strings, -0 from 0, NaN and infinities apart. */
function exact(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' ? `${Object.is(v, -0) ? '-0' : String(v)} (number)` : v));
}

/**
 * The contract: if the canonical reader accepts the text, the full path accepts it too
 * and reads exactly the same value. Returns whether the reader accepted it.
 */
function agrees(text: string): boolean {
  const fast = parseCanonicalYaml(text);
  if (fast === undefined) return false;
  const full = parseRecordText(text);
  expect(full.ok, `the full path rejects what the canonical reader accepted:\n${text}\n${full.ok ? '' : JSON.stringify(full.problems)}`).toBe(true);
  if (!full.ok) return true;
  expect(exact(fast), text).toBe(exact(full.value));
  // Same types, prototypes and own properties all the way down (-0 is not 0; NaN is NaN).
  expect(isDeepStrictEqual(fast, full.value), text).toBe(true);
  // And the locator that reads it without the full parser gives the full parser's spans.
  expectSameSpans(text, fast);
  return true;
}

/** The value of `v` in a one-key document, as the canonical reader reads it. */
function valueOf(line: string): unknown {
  const read = parseCanonicalYaml(`v: ${line}\n`);
  expect(read, line).toBeDefined();
  return read?.v;
}

describe('parseCanonicalYaml: the records and the bench corpora', () => {
  let bench = '';
  let founding = '';
  beforeAll(() => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'canonical-yaml-'));
    bench = path.join(tmp, 'bench');
    founding = path.join(tmp, 'founding');
    // The bench's own generator, at a small size: the same shapes as its 10k corpora.
    execFileSync(process.execPath, ['bench/generate.mjs', '--records', '300', '--out', bench, '--shape', 'bench', '--seed', '7'], { cwd: ROOT, stdio: 'ignore' });
    execFileSync(process.execPath, ['bench/generate.mjs', '--records', '300', '--out', founding, '--shape', 'founding', '--seed', '7'], { cwd: ROOT, stdio: 'ignore' });
  }, 60_000);
  afterAll(() => rmSync(path.dirname(bench), { recursive: true, force: true }));

  it('accepts every record of the repository and reads it exactly as the full path does', async () => {
    const files = await findRecordFiles(recordsDir);
    expect(files.length).toBeGreaterThan(300);
    for (const file of files) expect(agrees(readFileSync(file, 'utf8')), file).toBe(true);
  });

  for (const [name, dir] of [['bench', () => bench], ['founding-shaped', () => founding]] as const) {
    it(`accepts every record of a ${name} corpus sample and reads it exactly as the full path does`, async () => {
      const files = await findRecordFiles(path.join(dir(), 'records'));
      expect(files.length).toBeGreaterThan(300);
      for (const file of files) expect(agrees(readFileSync(file, 'utf8')), file).toBe(true);
    });
  }
});

describe('parseCanonicalYaml: the hostile-input corpus', () => {
  it('reads a hostile file only where the full path reads the same value, and refuses every file the full path rejects', () => {
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    let accepted = 0;
    let texts = 0;
    for (const c of CASES) {
      for (const [file, content] of Object.entries(c.files)) {
        let text: string;
        try {
          text = typeof content === 'string' ? content : utf8.decode(content);
        } catch {
          continue; // not UTF-8: the loader refuses the bytes before any parser sees them
        }
        texts++;
        const rejected = !parseRecordText(text).ok;
        const read = agrees(text);
        if (read) accepted++;
        if (rejected) expect(read, `${c.name}: ${file}`).toBe(false);
      }
    }
    expect(texts).toBeGreaterThan(80);
    // The valid cases and those that break a rule or a schema (not the YAML) are canonical text.
    expect(accepted).toBeGreaterThan(10);
  });
});

describe('parseCanonicalYaml: scalars', () => {
  it('resolves plain scalars as the YAML 1.2 core schema does', () => {
    const cases: Array<[string, unknown]> = [
      ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nULL', 'nULL'],
      ['true', true], ['True', true], ['TRUE', true], ['false', false], ['False', false], ['FALSE', false], ['tRUE', 'tRUE'],
      ['yes', 'yes'], ['no', 'no'], ['on', 'on'], ['off', 'off'], ['y', 'y'],
      ['0', 0], ['-0', -0], ['+0', 0], ['007', 7], ['-12', -12], ['+12', 12], ['1_000', '1_000'],
      ['0o7', 7], ['0o17', 15], ['0o8', '0o8'], ['0O7', '0O7'], ['-0o7', '-0o7'],
      ['0x1F', 31], ['0xff', 255], ['0x', '0x'], ['0X1F', '0X1F'], ['-0x1F', '-0x1F'], ['0b101', '0b101'],
      ['1e3', 1000], ['1E3', 1000], ['1e-3', 0.001], ['-1.5e+2', -150], ['.5e1', 5], ['1e', '1e'], ['e3', 'e3'],
      ['.5', 0.5], ['-.5', -0.5], ['+.5', 0.5], ['5.', 5], ['1.0', 1], ['0.10', 0.1], ['1.2.3', '1.2.3'], ['.', '.'],
      ['.inf', Infinity], ['.Inf', Infinity], ['.INF', Infinity], ['-.inf', -Infinity], ['+.inf', Infinity], ['.iNF', '.iNF'],
      ['.nan', NaN], ['.NaN', NaN], ['.NAN', NaN], ['-.nan', '-.nan'],
      ['2020-08-06', '2020-08-06'], ['12:30', '12:30'], ['1:2', '1:2'], ['Q1161024', 'Q1161024'],
      ['99999999999999999999', 99999999999999999999], ['1e400', Infinity],
      ['-', undefined], ['--', '--'], ['?b', '?b'], [':b', ':b'], ['?', undefined], ['---', '---'], ['...', '...'], ['-x', '-x'],
      ['a # comment', 'a'], ['a   # comment', 'a'], ['a#b', 'a#b'], ['http://x.example/#f', 'http://x.example/#f'],
      ['a:b', 'a:b'], ['x]', 'x]'], ['x{y}', 'x{y}'], ['a, b', 'a, b'], ["Taro's", "Taro's"], ['say "hi"', 'say "hi"'],
      ['河野太郎 Kōno', '河野太郎 Kōno'], ['é', 'é'],
    ];
    for (const [written, expected] of cases) {
      const text = `v: ${written}\n`;
      const read = parseCanonicalYaml(text)?.v;
      if (expected === undefined) {
        expect(parseCanonicalYaml(text), written).toBeUndefined();
        continue;
      }
      expect(exact(read), written).toBe(exact(expected));
      expect(agrees(text), written).toBe(true);
    }
  });

  it('reads quoted scalars with the escapes of the subset', () => {
    expect(valueOf("'it''s'")).toBe("it's");
    expect(valueOf("''")).toBe('');
    expect(valueOf("'a # b: c'")).toBe('a # b: c');
    expect(valueOf("'x' # comment")).toBe('x');
    expect(valueOf('"\\u00e9"')).toBe('é');
    expect(valueOf('"\\U0001F600"')).toBe('😀');
    expect(valueOf('"\\x41\\t\\n\\r\\\\\\"\\/"')).toBe('A\t\n\r\\"/');
    expect(valueOf('"2020-08-06"')).toBe('2020-08-06');
    expect(valueOf('"123"')).toBe('123');
    expect(valueOf('""')).toBe('');
    expect(valueOf('"a # b"   # c')).toBe('a # b');
    expect(valueOf("' a '")).toBe(' a ');
    expect(valueOf('" a  "')).toBe(' a  ');
    for (const line of ["'it''s'", "''", "'a # b: c'", "'x' # comment", '"\\u00e9"', '"\\U0001F600"', '"\\x41\\t\\n\\r\\\\\\"\\/"', '"2020-08-06"', '"123"', '""', '"a # b"   # c', "' a '", '" a  "']) {
      expect(agrees(`v: ${line}\n`), line).toBe(true);
    }
  });

  it('reads flow sequences as fmt writes them', () => {
    expect(valueOf('[]')).toEqual([]);
    expect(valueOf('[a, b c, "d, e", \'f\']')).toEqual(['a', 'b c', 'd, e', 'f']);
    expect(exact(valueOf('[1, -.5, ~, true, 0x1F, "1"]'))).toBe(exact([1, -0.5, null, true, 31, '1']));
    expect(valueOf('[x] # comment')).toEqual(['x']);
    for (const line of ['[]', '[a, b c, "d, e", \'f\']', '[1, -.5, ~, true, 0x1F, "1"]', '[x] # comment']) expect(agrees(`v: ${line}\n`)).toBe(true);
  });

  it('reads block scalars: folding, more-indented lines, empty lines and the three chomping indicators', () => {
    const cases: Array<[string, string]> = [
      ['>-\n  a\n  b\n\n  c\n', 'a b\nc'],
      ['>\n  a\n  b\n', 'a b\n'],
      ['>+\n  a\n\n\n', 'a\n\n\n'],
      ['>+\n  a\n\nw: 1\n', 'a\n\n'],
      ['|-\n  a\n  b\n\n  c\n', 'a\nb\n\nc'],
      ['|\n  a\n\n', 'a\n'],
      ['|+\n  a\n\n\n', 'a\n\n\n'],
      ['>-\n  a\n    b\n  c\n', 'a\n  b\nc'],
      ['>-\n  a\n\n    b\n\n  c\n', 'a\n\n  b\n\nc'],
      ['>-\n  a\n\n\n  b\n', 'a\n\nb'],
      ['|-\n  # not a comment\n  key: not a key\n', '# not a comment\nkey: not a key'],
      ['>-\n  a\n# a comment ends it\nw: 1\n', 'a'],
    ];
    for (const [written, expected] of cases) {
      const text = `v: ${written}`;
      expect(parseCanonicalYaml(text)?.v, written).toBe(expected);
      expect(agrees(text), written).toBe(true);
    }
    // In sequences and compact mappings, content is indented two more than the `-` or the key.
    const nested = 'list:\n  - >-\n    one\n    two\n  - k: |-\n      three\n    other: x\n';
    expect(parseCanonicalYaml(nested)).toEqual({ list: ['one two', { k: 'three', other: 'x' }] });
    expect(agrees(nested)).toBe(true);
  });

  it('reads nested collections, empty values and comment lines', () => {
    const text = [
      '# yaml-language-server: $schema=../../schemas/organization.schema.json',
      'id: x',
      'empty:',
      'commented: # nothing here',
      'map:',
      '  # a comment inside',
      '  inner: 1',
      '',
      '  deeper:',
      '    leaf: ~',
      'list:',
      '  - a',
      '  - k: v',
      '    j:',
      '      - 1',
      '  - [b]',
      'last: end',
      '',
    ].join('\n');
    expect(exact(parseCanonicalYaml(text))).toBe(exact({ id: 'x', empty: null, commented: null, map: { inner: 1, deeper: { leaf: null } }, list: ['a', { k: 'v', j: [1] }, ['b']], last: 'end' }));
    expect(agrees(text)).toBe(true);
    // Keys the prototype also has are ordinary keys.
    expect(agrees('constructor: 1\ntoString: x\n')).toBe(true);
    expect(Object.hasOwn(parseCanonicalYaml('constructor: 1\n')!, 'constructor')).toBe(true);
  });
});

describe('parseCanonicalYaml: what is outside the subset', () => {
  const org = 'id: x\nname: X\n';
  const outside: Record<string, string> = {
    'empty text': '',
    'only a comment': '# nothing\n',
    'no final line feed': 'a: 1',
    'CRLF line endings': 'a: 1\r\nb: 2\r\n',
    'a carriage return alone': 'a: 1\rb: 2\n',
    'a tab': 'a:\tb\n',
    'a tab inside a value': 'a: b\tc\n',
    'a trailing space': 'a: b \n',
    'a line of spaces': 'a: b\n  \nc: d\n',
    'a line of spaces in a block scalar': 'a: |-\n  b\n   \n  c\n',
    'a byte-order mark': '\uFEFFa: 1\n',
    'a NUL': 'a: b\0\n',
    'a no-break space (YAML007)': 'a: b\u00A0c\n',
    'a zero-width space in a folded block (YAML007)': 'a: >-\n  b\n\n  c\u200Bd\n',
    'a bidirectional control in a comment (YAML007)': '# \u202E\na: 1\n',
    'a lone surrogate': 'a: \uD800\n',
    'a private-use character': 'a: \uE000\n',
    'a noncharacter': 'a: \uFFFF\n',
    'an anchor': 'a: &x 1\nb: 2\n',
    'an alias': 'a: *x\n',
    'a tag': 'a: !!str 1\n',
    'a local tag': 'a: !x 1\n',
    'a directive': '%YAML 1.2\n---\na: 1\n',
    'a document start marker': '---\na: 1\n',
    'a document end marker': 'a: 1\n...\n',
    'a second document': 'a: 1\n---\nb: 2\n',
    'a flow mapping': 'a: {b: 1}\n',
    'a nested flow sequence': 'a: [[1]]\n',
    'a flow sequence over two lines': 'a: [1,\n  2]\n',
    'a flow sequence without a space after a comma': 'a: [1,2]\n',
    'a padded flow sequence': 'a: [ 1 ]\n',
    'a trailing comma': 'a: [1, ]\n',
    'a colon in a flow item': 'a: [b: c]\n',
    'a quoted key': '"a": 1\n',
    'a single-quoted key': "'a': 1\n",
    'a complex key': '? a\n: 1\n',
    'a key with a space': 'a b: 1\n',
    'a non-ASCII key': 'é: 1\n',
    'a numeric key': '1: a\n',
    'a null key': 'null: a\n',
    'a boolean key': 'true: a\n',
    'a merge key': '<<: {a: 1}\n',
    'the __proto__ key': '__proto__: 1\n',
    'a duplicate key': 'a: 1\na: 2\n',
    'a duplicate key in a list item': 'l:\n  - a: 1\n    a: 2\n',
    'a top level that is a list': '- a\n',
    'a top level that is a scalar': 'just text\n',
    'an indented top level': '  a: 1\n',
    'a key indented one space': 'a:\n   b: 1\n',
    'a key indented four spaces': 'a:\n    b: 1\n',
    'a sequence not indented under its key': 'a:\n- b\n',
    'a sequence item indented one space too many': 'a:\n  - b\n   - c\n',
    'an empty sequence item': 'a:\n  -\n',
    'a sequence item holding a sequence': 'a:\n  - - b\n',
    'a compact mapping key indented too far': 'a:\n  - b: 1\n     c: 2\n',
    'a sibling key after a sequence at its indentation': 'a:\n  - b\n  c: 1\n',
    'a multi-line plain scalar': 'a: b\n  c\n',
    'a multi-line plain scalar in a list': 'a:\n  - b\n    c\n',
    'a multi-line double-quoted scalar': 'a: "b\n  c"\n',
    'a multi-line single-quoted scalar': "a: 'b\n  c'\n",
    'two spaces after a colon': 'a:  b\n',
    'a key without a space after its colon': 'a:b\n',
    'a colon and space inside a plain value': 'a: b: c\n',
    'a plain value ending with a colon': 'a: b:\n',
    'a # glued to a closing quote': 'a: "b"# c\n',
    'text after a closing quote': 'a: "b" c\n',
    'an unsupported escape': 'a: "\\a"\n',
    'an escaped line break': 'a: "b\\\n  c"\n',
    'a surrogate escape': 'a: "\\ud83d\\ude00"\n',
    'a short \\u escape': 'a: "\\u00e"\n',
    'a value starting with an indicator (@)': 'a: @b\n',
    'a value starting with a backquote': 'a: `b\n',
    'a value starting with %': 'a: %b\n',
    'a lone ?': 'a: ?\n',
    'a ? and a space': 'a: ? b\n',
    'a colon and a space as a value': 'a: : b\n',
    'a ? starting a flow item': 'a: [?b]\n',
    'a value starting with a comma': 'a: ,b\n',
    'a value starting with ]': 'a: ]\n',
    'a lone dash': 'a: -\n',
    'a dash and a space': 'a: - b\n',
    'an explicit indentation indicator': 'a: |2-\n  b\n',
    'a comment after a block scalar header': 'a: >- # c\n  b\n',
    'a keep indicator before the chomping indicator': 'a: >-2\n  b\n',
    'a block scalar with no content': 'a: |-\nb: 1\n',
    'a block scalar with a leading empty line': 'a: |-\n\n  b\n',
    'a block scalar more indented than two spaces': 'a: |-\n    b\n',
    'a block scalar indented one space': 'a: |-\n b\n',
    'a block scalar not ended at a key': 'a: |-\n  b\n c: 1\n',
    'a file over the size limit': `a: ${'x'.repeat(LIMITS.maxFileBytes)}\n`,
    'block mappings nested past the depth limit': 'n:\n' + Array.from({ length: LIMITS.maxDepth + 1 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n') + ' end\n',
    'block sequences nested past the depth limit': 'n:\n' + Array.from({ length: LIMITS.maxDepth + 1 }, (_, i) => `${'  '.repeat(i + 1)}- k${i}:`).join('\n') + ' end\n',
    'a schema line and an org with an anchor': `# yaml-language-server: $schema=x\n${org}aliases: &a [b]\n`,
  };
  for (const [name, text] of Object.entries(outside)) {
    it(`returns undefined for ${name}`, () => {
      expect(parseCanonicalYaml(text)).toBeUndefined();
    });
  }

  it('reads collections nested exactly to the depth limit (the full path reads them too)', () => {
    const text = 'n:\n' + Array.from({ length: LIMITS.maxDepth }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n') + ' end\n';
    expect(agrees(text)).toBe(true);
  });

  it('leaves non-canonical YAML to js-yaml behind the guard, as before', () => {
    // Valid YAML outside the subset: the canonical reader declines, fastParse still reads it.
    for (const [text, value] of [
      ['a:  b\n', { a: 'b' }],
      ['a:\n- b\n', { a: ['b'] }],
      ['a: [1,2]\n', { a: [1, 2] }],
      ['"a": 1\n', { a: 1 }],
      ['a: b\n  c\n', { a: 'b c' }],
    ] as const) {
      expect(parseCanonicalYaml(text), text).toBeUndefined();
      expect(fastParse(text), text).toEqual(value);
    }
    // And the guard still sends what js-yaml may read differently to the full path.
    expect(fastParse('a: &x 1\nb: *x\n')).toBeUndefined();
    expect(fastParse('a: b\u00A0c\n')).toBeUndefined();
  });
});

// ------------------------------------------------------------------ generated texts

/** Strings that probe the core schema, quoting and the subset's edges. */
const SPECIAL_STRINGS = [
  'yes', 'no', 'on', 'off', '~', 'null', 'Null', 'true', 'False', '0x1F', '0o7', '0o8', '1e3', '.inf', '-.inf', '.nan', '-.5', '+.5', '.5', '5.', '-0', '007', '1_000',
  '12:30', '2020-08-06', "it's", 'a: b', 'a:b', 'a #b', 'a#b', '# c', '- x', '-', '--', '---', '...', '[a]', '{a}', '&a', '*a', '!a', '%a', '@a', '`a', '?a', ':a', '|', '>',
  '"q"', "'q'", 'é', 'Kōno 河野', 'a  b', ' lead', 'trail ', '', ' ', 'back\\slash', 'http://x.example/#f', 'a, b', 'x: y # z',
];
const LETTERS = 'abcxyzABC019 .,:;#-\'"[]{}&*!|>%@`?~\\/é河';

const scalarString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...LETTERS), maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'abcdef gh'), minLength: 90, maxLength: 220 }) },
);
/** Multi-line text: lines of words, empty lines, more-indented lines, trailing line feeds. */
const multiLine = fc
  .tuple(
    fc.oneof({ weight: 6, arbitrary: fc.constantFrom('x', 'abc de', 'key: value', '# hash') }, { weight: 1, arbitrary: fc.constantFrom('', '  indented') }),
    fc.array(fc.oneof(fc.constantFrom('', '  indented', ' one space', '# hash', 'key: value', 'x'), fc.string({ unit: fc.constantFrom(...'abc de:#'), minLength: 1, maxLength: 30 })), { minLength: 1, maxLength: 5 }),
    fc.constantFrom('', '\n', '\n\n'),
  )
  .map(([first, lines, tail]) => [first, ...lines].join('\n') + tail);
const scalar = fc.oneof(
  { weight: 6, arbitrary: scalarString },
  { weight: 2, arbitrary: multiLine },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
);
// Keys outside `[A-Za-z_][A-Za-z0-9_-]*` are outside the subset (see the list above); fmt quotes these reserved ones.
const KEYS = ['id', 'name', 'aliases', 'notes', 'kind', 'country', 'sources', 'a', 'b_c', 'd-e', 'yes', 'on', 'x1', 'constructor'];
const key = fc.oneof({ weight: 15, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.constantFrom('True', 'null', '1') });
const { node } = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(tie('node'), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 4 }) },
  ),
}));
const record = fc.dictionary(key, node, { minKeys: 1, maxKeys: 6 });

/**
 * What fmt may write that the canonical reader leaves to the general parser: a line
 * ending with a space, an explicit indentation indicator (text whose first line starts
 * with a space), a sequence directly inside a sequence (`- - `), an escape outside the
 * subset, a quoted or complex key, a double-quoted scalar over several lines, a flow
 * item with a colon or starting with `?`.
 */
const FMT_FEATURES_OUTSIDE_SUBSET = /(?: $|(?:: |- )\[(?:[^\]\n]*:|(?:[^\]\n]*, )?\?)|[>|][0-9]|^ *- - |"(?:[^"\\\n]|\\.)*?\\[^"\\/ntrxuU]|^ *(?:- )?(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'):(?: |$)|^ *(?:- )?\? |^ *(?:- )?(?:[\w-]+: )?"(?:[^"\\\n]|\\.)*$)/m;

/** A small deterministic random source (fast-check gives the seed). */
function randomSource(seedValue: number): { pick: <T>(list: readonly T[]) => T; chance: (p: number) => boolean; int: (n: number) => number } {
  let a = seedValue >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { pick: (list) => list[Math.floor(next() * list.length)]!, chance: (p) => next() < p, int: (n) => Math.floor(next() * n) };
}

const PLAIN_POOL = [
  'value', 'two words', 'Kōno', '~', 'null', 'yes', 'True', '0x1F', '0o7', '1e3', '.inf', '-.5', '+.5', '007', '-0', '12:30', '2020-08-06', 'a:b', 'a#b', 'a # c', 'x]', '---', '...',
  "'it''s'", "''", '"\\u00e9"', '"a\\"b"', '"\\x41"', '"\\a"', '"#"', "'a: b'", '[a, b]', '[]', '[1, ~, "x"]', '[a,b]', '[ a ]', '[[a]]', '{a: 1}', '&x a', '*x', '!!str 1', '- x', '-', '-x',
  '|', '>-', ':x', '?x', '@x', 'a: b', 'value # comment', '"q" # c', '[a] # c', '"q"#c', "' a '", '" a "', "'a''b'' '", "[it's, \"a\"]", '[a  b, --, -1, .5]', '[a:b]', '[a, ]',
];
const KEY_POOL = ['id', 'name', 'notes', 'a', 'b-c', '_x', 'yes', 'on', 'null', 'True', 'constructor', '__proto__', 'k1', '"q"', 'a b'];
const HEADERS = ['>-', '>-', '|-', '>', '|', '>+', '|+', '>2-', '|1', '>- # c', '|-  '];

/**
 * A text close to the canonical form: mostly two-space indentation and ordinary values,
 * with, at random, the deviations and special scalars that the subset must either read
 * exactly or decline.
 */
function nearCanonical(seedValue: number): string {
  const r = randomSource(seedValue);
  const lines: string[] = [];
  if (r.chance(0.5)) lines.push('# yaml-language-server: $schema=../../schemas/organization.schema.json');
  const pad = (n: number) => ' '.repeat(Math.max(0, r.chance(0.92) ? n : n + r.pick([-2, -1, 1, 2])));
  const comment = () => {
    if (r.chance(0.06)) lines.push(`${' '.repeat(r.int(6))}# comment`);
    if (r.chance(0.06)) lines.push(r.chance(0.9) ? '' : '  ');
  };
  const inline = () => r.pick(PLAIN_POOL) + (r.chance(0.03) ? ' ' : '');
  const blockScalar = (prefix: string, k: number) => {
    lines.push(`${prefix}${r.pick(HEADERS)}`);
    const count = 1 + r.int(4);
    for (let i = 0; i < count; i++) {
      const kind = r.int(10);
      if (kind < 5) lines.push(`${pad(k)}${r.pick(['word', 'two words', 'a: b', '# not a comment', 'x #y', '- item', "it's"])}`);
      else if (kind < 7) lines.push(`${' '.repeat(k + 1 + r.int(3))}more indented`);
      else if (kind < 9) lines.push('');
      else lines.push(`${' '.repeat(k)}${r.chance(0.5) ? 'trailing ' : ''}`);
    }
    for (let i = r.int(3); i > 0; i--) lines.push('');
  };
  const mapping = (n: number, depth: number, firstPrefix?: string) => {
    const count = 1 + r.int(4);
    for (let i = 0; i < count; i++) {
      comment();
      const key = r.pick(KEY_POOL);
      const prefix = i === 0 && firstPrefix !== undefined ? firstPrefix : pad(n);
      value(`${prefix}${key}:`, n, depth);
    }
  };
  const value = (head: string, n: number, depth: number) => {
    const kind = depth > 3 ? r.int(5) : r.int(10);
    if (kind < 4) lines.push(`${head} ${inline()}`);
    else if (kind < 6) blockScalar(`${head} `, n + 2);
    else if (kind === 6) lines.push(r.chance(0.5) ? head : `${head} # empty`);
    else if (kind === 7) {
      lines.push(head);
      mapping(n + 2, depth + 1);
    } else {
      lines.push(head);
      sequence(r.chance(0.9) ? n + 2 : n, depth + 1);
    }
  };
  const sequence = (m: number, depth: number) => {
    const count = 1 + r.int(4);
    for (let i = 0; i < count; i++) {
      comment();
      const dash = `${pad(m)}${r.pick(['- ', '- ', '- ', '-', '- - '])}`;
      const kind = r.int(4);
      if (kind < 2) lines.push(`${dash}${inline()}`);
      else if (kind === 2) blockScalar(dash, m + 2);
      else mapping(m + 2, depth + 1, dash);
    }
  };
  mapping(0, 0);
  const text = lines.join('\n');
  return r.chance(0.97) ? `${text}\n` : text;
}

/** Short edits of a text: a snippet inserted or put in place of a few characters. */
const MUTATION_SNIPPETS = [
  '', ' ', '  ', ':', ': ', '- ', '-', '"', "'", "''", '#', ' #', ' # c', '[', ']', ', ', '{', '}', '\n', '\n  ', '\n\n', '|', '>', '|-', '>+', '? ',
  'yes', '~', 'null', 'True', '0x1F', '0o7', '1e3', '.inf', '-.5', '+.5', '007', "'it''s'", '"\\u00e9"', '"\\a"', '\\', 'é', '\u00a0', '\t', '\r', '&a', '*a', '!', '%', '@', '---',
];

describe('parseCanonicalYaml: generated texts (property-based, differential)', () => {
  it('reads what `engagements fmt` writes for random data exactly as the full path does, and declines it only for a feature outside the subset', () => {
    let inSubset = 0;
    fc.assert(
      fc.property(record, (value) => {
        const formatted = formatRecord(stringify(value), 'organization');
        expect(formatted.ok).toBe(true);
        if (!formatted.ok) return;
        const accepted = agrees(formatted.text);
        if (FMT_FEATURES_OUTSIDE_SUBSET.test(formatted.text)) return;
        inSubset++;
        expect(accepted, `fmt wrote this and the canonical reader declined it:\n${formatted.text}`).toBe(true);
      }),
      { seed: seed(23), numRuns: runs(1500) },
    );
    // Most texts use none of those features: the must-accept branch is exercised.
    expect(inSubset).toBeGreaterThan(runs(1500) * 0.4);
  });

  it('reads near-canonical texts exactly as the full path does, or declines them', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.integer(), (s) => {
        if (agrees(nearCanonical(s))) accepted++;
      }),
      { seed: seed(29), numRuns: runs(4000) },
    );
    // The generator reaches both sides of the subset's edge.
    expect(accepted).toBeGreaterThan(runs(4000) * 0.05);
  });

  it('reads random mutations of real records exactly as the full path does, or declines them', async () => {
    const files = await findRecordFiles(recordsDir);
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: texts.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...MUTATION_SNIPPETS), fc.boolean()), { minLength: 1, maxLength: 3 }),
        (which, edits) => {
          let text = texts[which]!;
          for (const [at, len, snippet, replace] of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + snippet + text.slice(replace ? i + (len % 6) : i);
          }
          if (agrees(text)) accepted++;
        },
      ),
      { seed: seed(31), numRuns: runs(1500) },
    );
    expect(accepted).toBeGreaterThan(runs(1500) * 0.05);
  });
});
