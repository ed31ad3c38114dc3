// The hostile-input corpus: each case is a set of files written over the base dataset
// (see harness.ts) and every diagnostic the whole dataset must then report — code, line
// and column, nothing more and nothing less. Positions are computed from the case's own
// text with `at(text, needle)` so that they say what they point at.
import { baseText, FOUNDING, at, type Files } from './harness.js';
import { LIMITS } from '@engagements/core';

export interface Expected {
  code: string;
  line: number;
  column: number;
  /** Path relative to records/; default: the case's only (or first) file. */
  file?: string;
}

export interface HostileCase {
  name: string;
  /** What the case covers, for the table in SECURITY.md and for failures. */
  group: 'yaml' | 'encoding' | 'limits' | 'values' | 'dataset' | 'valid';
  files: Files;
  remove?: string[];
  expect: Expected[];
}

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))));

const ORG_FILE = 'organizations/hostile-org.yaml';
/** A valid organization that nothing references; cases break it in one way each. */
const ORG = 'id: hostile-org\nname: Hostile Org\nkind: ministry\ncountry: PK\n';
const org = (extra: string): string => ORG + extra;

const PERSON_FILE = 'people/hostile-person.yaml';
const PERSON = `id: hostile-person
name: Hostile Person
positions:
  - title: Minister of Defense
    organization: japan-ministry-of-defense
    country: JP
    start: 2019-09-11
    start_sources: [hostile-source]
    end: 2020-09-16
    end_sources: [hostile-source]
sources:
  - id: hostile-source
    publisher: the-nation
    kind: other
`;

const founding = baseText(FOUNDING);
/** The founding engagement with exactly one occurrence of `from` replaced. */
function foundingWith(from: string, to: string): string {
  const i = founding.indexOf(from);
  if (i === -1 || founding.indexOf(from, i + 1) !== -1) throw new Error(`foundingWith: ${JSON.stringify(from)} is not unique in the founding record`);
  return founding.slice(0, i) + to + founding.slice(i + from.length);
}

/** A single-file case whose expectations are computed from its own text. */
function one(name: string, group: HostileCase['group'], file: string, text: string, expect: (t: string) => Expected[]): HostileCase {
  return { name, group, files: { [file]: text }, expect: expect(text) };
}

const billionLaughs = [
  'id: hostile-org',
  'name: Hostile Org',
  'kind: ministry',
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
  'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]',
  'h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]',
  'i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]',
  '',
].join('\n');

/**
 * `levels` block mappings nested under `notes:` (the mapping holding `k<i>` is at depth
 * i + 1; the top-level mapping is depth 0), each indented `step` more spaces than the last.
 */
const deepBlock = (levels: number, step = 2): string =>
  org('notes:\n' + Array.from({ length: levels }, (_, i) => `${' '.repeat(step * (i + 1))}k${i}:`).join('\n') + ' end\n');

const manyBlankLines = '\n'.repeat(LIMITS.maxFileBytes - 1);

export const CASES: HostileCase[] = [
  // ---------------------------------------------------------------- broken YAML
  one('no-break space after a key\'s colon', 'yaml', ORG_FILE, 'id: hostile-org\nname:\u00A0Hostile Org\nkind: ministry\n', (t) => [{ code: 'YAML007', ...at(t, '\u00A0') }]),
  one('no-break space in the indentation of a list item', 'yaml', ORG_FILE, org('aliases:\n\u00A0 - HO\n'), (t) => [{ code: 'YAML007', ...at(t, '\u00A0') }]),
  one('zero-width space in the second paragraph of a folded block', 'yaml', ORG_FILE, org('notes: >-\n  First.\n\n  Sec\u200Bond.\n'), (t) => [{ code: 'YAML007', ...at(t, '\u200B') }]),
  one('a run of ideographic spaces, reported once', 'yaml', ORG_FILE, org('notes: a\u3000\u3000\u3000b\n'), (t) => [{ code: 'YAML007', ...at(t, '\u3000') }]),
  one('tab used for indentation', 'yaml', ORG_FILE, 'id: hostile-org\nname: Hostile Org\n\tkind: ministry\n', (t) => [{ code: 'YAML001', ...at(t, '\tkind') }]),
  one('tab indenting a list item', 'yaml', ORG_FILE, org('aliases:\n\t- HO\n'), (t) => [{ code: 'YAML001', ...at(t, '\t- HO') }]),
  one('unclosed double quote, reported where it opens', 'yaml', ORG_FILE, 'id: hostile-org\nname: "Hostile Org\nkind: ministry\n', (t) => [{ code: 'YAML001', ...at(t, '"Hostile') }]),
  one('unclosed single quote, reported where it opens', 'yaml', ORG_FILE, "id: hostile-org\nname: 'Hostile Org\nkind: ministry\n", (t) => [{ code: 'YAML001', ...at(t, "'Hostile") }]),
  one('unclosed flow sequence, reported at its [', 'yaml', ORG_FILE, org('aliases: [HO, Hostile\nnotes: x\n'), (t) => [{ code: 'YAML001', ...at(t, '[HO') }]),
  one('unclosed flow mapping, reported at its {', 'yaml', ORG_FILE, 'id: hostile-org\nname: {first: Hostile\nkind: ministry\n', (t) => [{ code: 'YAML001', ...at(t, '{first') }]),
  one('stray closing bracket', 'yaml', ORG_FILE, org(']\n'), (t) => [{ code: 'YAML001', ...at(t, ']') }]),
  one('key indented deeper than its siblings', 'yaml', ORG_FILE, 'id: hostile-org\nname: Hostile Org\n  kind: ministry\n', (t) => [{ code: 'YAML001', ...at(t, 'kind') }]),
  one('list item indented less than the one before', 'yaml', ORG_FILE, org('aliases:\n  - HO\n - Hostile\n'), (t) => [{ code: 'YAML001', ...at(t, '- Hostile') }]),
  one('a line of text that is not a key', 'yaml', ORG_FILE, 'id: hostile-org\nname: Hostile Org\njust some words\nkind: ministry\n', (t) => [{ code: 'YAML001', ...at(t, 'just') }]),
  one('duplicate top-level key, reported at the second', 'yaml', ORG_FILE, org('name: Other Name\n'), (t) => [{ code: 'YAML002', ...at(t, 'name', 1) }]),
  one('duplicate key, one of them quoted', 'yaml', ORG_FILE, org('"kind": ministry\n'), (t) => [{ code: 'YAML002', ...at(t, '"kind"') }]),
  one('duplicate key inside a list item', 'yaml', PERSON_FILE, PERSON.replace('    end: 2020-09-16\n', '    end: 2020-09-16\n    start: 2019-09-12\n'), (t) => [{ code: 'YAML002', ...at(t, 'start: 2019-09-12') }]),
  one('a second YAML document', 'yaml', ORG_FILE, org('---\nid: other-org\n'), (t) => [{ code: 'LOAD005', ...at(t, '---') }]),
  one('a document end marker followed by more content', 'yaml', ORG_FILE, org('...\nnotes: after the end\n'), (t) => [{ code: 'LOAD005', ...at(t, 'notes') }]),
  one('!!python/object/apply tag', 'yaml', ORG_FILE, org('notes: !!python/object/apply:os.system ["echo pwned"]\n'), (t) => [{ code: 'YAML004', ...at(t, '!!python') }]),
  one('!!js/function tag', 'yaml', ORG_FILE, org('notes: !!js/function "function () { return process.exit(1) }"\n'), (t) => [{ code: 'YAML004', ...at(t, '!!js') }]),
  one('!!binary tag (YAML 1.1 only)', 'yaml', ORG_FILE, org('notes: !!binary aGVsbG8=\n'), (t) => [{ code: 'YAML004', ...at(t, '!!binary') }]),
  one('!!timestamp tag (YAML 1.1 only)', 'yaml', PERSON_FILE, PERSON.replace('start: 2019-09-11', 'start: !!timestamp 2019-09-11'), (t) => [{ code: 'YAML004', ...at(t, '!!timestamp') }]),
  one('!!set tag (YAML 1.1 only)', 'yaml', ORG_FILE, org('aliases: !!set {HO, Hostile}\n'), (t) => [{ code: 'YAML004', ...at(t, '!!set') }]),
  one('local tag !ruby/object', 'yaml', ORG_FILE, org('notes: !ruby/object:Gem::Installer {i: x}\n'), (t) => [{ code: 'YAML004', ...at(t, '!ruby') }]),
  one('verbatim tag', 'yaml', ORG_FILE, org('notes: !<tag:example.com,2000:app/evil> x\n'), (t) => [{ code: 'YAML004', ...at(t, '!<tag') }]),
  one('alias to an anchor that does not exist', 'yaml', ORG_FILE, org('notes: *nowhere\n'), (t) => [{ code: 'YAML003', ...at(t, '*nowhere') }]),
  one('alias inside the node it names', 'yaml', ORG_FILE, org('aliases: &loop [HO, *loop]\n'), (t) => [{ code: 'YAML003', ...at(t, '*loop') }]),
  one('complex (collection) key', 'yaml', ORG_FILE, org('? [a, b]\n: value\n'), (t) => [{ code: 'YAML001', ...at(t, '[a, b]') }]),
  one('unknown directive', 'yaml', ORG_FILE, '%EVIL on\n---\n' + ORG, (t) => [{ code: 'YAML001', ...at(t, '%EVIL') }]),
  one('top level is a list', 'yaml', ORG_FILE, '- id: hostile-org\n- name: Hostile Org\n', (t) => [{ code: 'LOAD006', ...at(t, '- id') }]),
  one('top level is a single word', 'yaml', ORG_FILE, 'hostile-org\n', (t) => [{ code: 'LOAD006', ...at(t, 'hostile-org') }]),
  one('a document marker and nothing else', 'yaml', ORG_FILE, '---\n', () => [{ code: 'LOAD006', line: 1, column: 4 }]),
  one('empty file', 'yaml', ORG_FILE, '', () => [{ code: 'LOAD003', line: 1, column: 1 }]),
  one('comments only', 'yaml', ORG_FILE, '# id: hostile-org\n   # name: Hostile Org\n', () => [{ code: 'LOAD003', line: 1, column: 1 }]),
  one('a file outside the kind folders', 'yaml', 'misc/hostile-org.yaml', ORG, () => [{ code: 'LOAD007', line: 1, column: 1 }]),

  // ---------------------------------------------------------------- encoding
  { name: 'invalid UTF-8 byte, located at it', group: 'encoding', files: { [ORG_FILE]: bytes('id: hostile-org\nname: Hostile ', [0xff], ' Org\nkind: ministry\n') }, expect: [{ code: 'LOAD002', line: 2, column: 15 }] },
  { name: 'overlong UTF-8 encoding of "/"', group: 'encoding', files: { [ORG_FILE]: bytes('id: hostile-org\nname: a', [0xc0, 0xaf], 'b\nkind: ministry\n') }, expect: [{ code: 'LOAD002', line: 2, column: 8 }] },
  { name: 'UTF-8-encoded surrogate half', group: 'encoding', files: { [ORG_FILE]: bytes('id: hostile-org\nname: a', [0xed, 0xa0, 0x80], '\nkind: ministry\n') }, expect: [{ code: 'LOAD002', line: 2, column: 8 }] },
  { name: 'multi-byte sequence cut off at the end of the file', group: 'encoding', files: { [ORG_FILE]: bytes(ORG + 'notes: caf', [0xc3]) }, expect: [{ code: 'LOAD002', line: 5, column: 11 }] },
  { name: 'UTF-16 file (with its byte-order mark)', group: 'encoding', files: { [ORG_FILE]: new Uint8Array(Buffer.from('\uFEFF' + ORG, 'utf16le')) }, expect: [{ code: 'LOAD002', line: 1, column: 1 }] },
  { name: 'NUL byte', group: 'encoding', files: { [ORG_FILE]: bytes('id: hostile-org\nname: Hostile', [0], ' Org\nkind: ministry\n') }, expect: [{ code: 'YAML006', line: 2, column: 14 }] },
  one('old Mac line endings (a carriage return alone)', 'encoding', ORG_FILE, ORG.replace(/\n/g, '\r'), () => [{ code: 'YAML001', line: 1, column: 'id: hostile-org'.length + 1 }]),
  one('a carriage return that would hide a key inside a comment (the parsers disagree)', 'encoding', ORG_FILE, '# note\rid: hostile-org\nname: Hostile Org\nkind: ministry\n', (t) => [{ code: 'YAML001', ...at(t, '\r') }]),
  one('control character U+0001 in a value', 'encoding', ORG_FILE, org('notes: bell\u0001here\n'), (t) => [{ code: 'YAML007', ...at(t, '\u0001') }]),

  // ---------------------------------------------------------------- limits
  { name: 'file over the size limit', group: 'limits', files: { [ORG_FILE]: org(`notes: ${'x'.repeat(LIMITS.maxFileBytes)}\n`) }, expect: [{ code: 'LOAD004', line: 1, column: 1 }] },
  {
    name: 'file of exactly the size limit is read (and its notes are too long)',
    group: 'limits',
    files: { [ORG_FILE]: org('notes: ' + 'x'.repeat(LIMITS.maxFileBytes - ORG.length - 'notes: '.length - 1) + '\n') },
    expect: [{ code: 'SCH006', line: 5, column: 8 }],
  },
  one('a megabyte of blank lines (was quadratic)', 'limits', ORG_FILE, manyBlankLines, () => [{ code: 'LOAD003', line: 1, column: 1 }]),
  one('billion laughs (alias bomb)', 'limits', ORG_FILE, billionLaughs, (t) => [{ code: 'YAML003', ...at(t, '*a') }]),
  one(
    'more aliases than the limit, at the first one over it',
    'limits',
    ORG_FILE,
    org(`aliases: [${Array.from({ length: LIMITS.maxAliases + 1 }, () => '*n').join(', ')}]\nnotes: &n x\n`).replace('notes: &n x\n', '').replace('name: Hostile Org', 'name: &n Hostile Org'),
    (t) => [{ code: 'YAML003', ...at(t, '*n', LIMITS.maxAliases) }],
  ),
  one('flow sequences nested 10,000 deep', 'limits', ORG_FILE, org(`notes: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`), (t) => [{ code: 'YAML005', line: at(t, 'notes').line, column: 'notes: '.length + LIMITS.maxDepth + 1 }]),
  one('flow mappings nested 5,000 deep', 'limits', ORG_FILE, org(`notes: ${'{a: '.repeat(5_000)}x${'}'.repeat(5_000)}\n`), (t) => [{ code: 'YAML005', line: at(t, 'notes').line, column: 'notes: '.length + LIMITS.maxDepth * 4 + 1 }]),
  one('flow nesting one level past the limit', 'limits', ORG_FILE, org(`notes: ${'['.repeat(LIMITS.maxDepth + 1)}${']'.repeat(LIMITS.maxDepth + 1)}\n`), (t) => [{ code: 'YAML005', line: at(t, 'notes').line, column: 'notes: '.length + LIMITS.maxDepth + 1 }]),
  one('flow nesting exactly at the limit loads (and is not text)', 'limits', ORG_FILE, org(`notes: ${'['.repeat(LIMITS.maxDepth)}${']'.repeat(LIMITS.maxDepth)}\n`), (t) => [{ code: 'SCH004', ...at(t, '[') }]),
  one('block mappings nested 1,400 deep (the parser runs out of stack)', 'limits', ORG_FILE, deepBlock(1_400, 1), (t) => [{ code: 'YAML005', ...at(t, `k${LIMITS.maxDepth}:`) }]),
  one('block mappings nested one level past the limit', 'limits', ORG_FILE, deepBlock(LIMITS.maxDepth + 1), (t) => [{ code: 'YAML005', ...at(t, `k${LIMITS.maxDepth}:`) }]),
  one('block mappings nested exactly at the limit load (and are not text)', 'limits', ORG_FILE, deepBlock(LIMITS.maxDepth), (t) => [{ code: 'SCH004', ...at(t, 'k0:') }]),
  one('compact block sequences nested 200,000 deep', 'limits', ORG_FILE, org(`aliases:\n  ${'- '.repeat(200_000)}x\n`), (t) => [{ code: 'YAML005', line: at(t, 'aliases').line + 1, column: 3 + 2 * LIMITS.maxDepth }]),
  one('20,000 unknown keys (was quadratic)', 'limits', ORG_FILE, org(Array.from({ length: 20_000 }, (_, i) => `k${i}: v`).join('\n') + '\n'), (t) => {
    const first = at(t, 'k0:').line;
    return Array.from({ length: 20_000 }, (_, i) => ({ code: 'SCH001', line: first + i, column: 1 }));
  }),
  one('a name longer than the schema allows', 'limits', ORG_FILE, ORG.replace('Hostile Org', 'H'.repeat(501)), (t) => [{ code: 'SCH006', ...at(t, 'HHH') }]),
  one('notes longer than the schema allows', 'limits', ORG_FILE, org(`notes: ${'word '.repeat(1_100)}end\n`), (t) => [{ code: 'SCH006', ...at(t, 'word') }]),
  one('a URL of 900,000 characters (message stays short)', 'limits', ORG_FILE, org(`url: "https://example.com/${'%'.repeat(900_000)}"\n`), (t) => [
    { code: 'SCH005', ...at(t, '"https') },
    { code: 'SCH006', ...at(t, '"https') },
  ]),
  one('an id longer than the schema allows', 'limits', ORG_FILE, ORG.replace('id: hostile-org', `id: ${'a'.repeat(101)}`), (t) => [{ code: 'SCH006', ...at(t, 'aaa') }]),

  // ---------------------------------------------------------------- hostile values
  one('__proto__ key is an unknown property', 'values', ORG_FILE, org('__proto__:\n  polluted: yes\n'), (t) => [{ code: 'SCH001', ...at(t, '__proto__') }]),
  one('constructor.prototype key is an unknown property', 'values', ORG_FILE, org('constructor:\n  prototype:\n    polluted: yes\n'), (t) => [{ code: 'SCH001', ...at(t, 'constructor') }]),
  one('__proto__ in flow style inside a list item', 'values', PERSON_FILE, PERSON.replace('    end: 2020-09-16\n', '    end: 2020-09-16\n    __proto__: {polluted: yes}\n'), (t) => [{ code: 'SCH001', ...at(t, '__proto__') }]),
  one('hasOwnProperty and toString keys', 'values', ORG_FILE, org('hasOwnProperty: x\ntoString: y\n'), (t) => [
    { code: 'SCH001', ...at(t, 'hasOwnProperty') },
    { code: 'SCH001', ...at(t, 'toString') },
  ]),
  one('right-to-left override in a name', 'values', ORG_FILE, ORG.replace('Hostile Org', 'Hostile \u202Egro'), (t) => [{ code: 'YAML007', ...at(t, '\u202E') }]),
  one('zero-width space in a name', 'values', ORG_FILE, ORG.replace('Hostile Org', 'Hostile\u200BOrg'), (t) => [{ code: 'YAML007', ...at(t, '\u200B') }]),
  one('byte-order mark inside a value', 'values', ORG_FILE, org('aliases:\n  - H\uFEFFO\n'), (t) => [{ code: 'YAML007', ...at(t, '\uFEFF') }]),
  one('byte-order mark at the end of a value', 'values', ORG_FILE, org('aliases:\n  - HO\uFEFF\n'), (t) => [{ code: 'YAML007', ...at(t, '\uFEFF') }]),
  // Written as escapes, the same characters are visible in the file: the clean-text rule names them in the value.
  one('zero-width space written as an escape', 'values', ORG_FILE, ORG.replace('Hostile Org', '"Hostile\\u200BOrg"'), (t) => [{ code: 'RULE011', ...at(t, '"Hostile') }]),
  one('no-break space written as an escape at the end of a value (white space to the schema)', 'values', ORG_FILE, org('aliases:\n  - "HO\\u00A0"\n'), (t) => [{ code: 'SCH005', ...at(t, '"HO') }]),
  one('Cyrillic "а" in an id', 'values', ORG_FILE, ORG.replace('id: hostile-org', 'id: hostile-\u043Erg'), (t) => [{ code: 'SCH005', ...at(t, 'hostile-') }]),
  one('Greek omicron in a referenced person id', 'values', FOUNDING, foundingWith('person: kono-taro', 'person: k\u03BFno-taro'), (t) => [{ code: 'SCH005', ...at(t, 'k\u03BFno') }]),
  one('capitals in an id', 'values', ORG_FILE, ORG.replace('id: hostile-org', 'id: Hostile-Org'), (t) => [{ code: 'SCH005', ...at(t, 'Hostile-Org') }]),
  one('February 30th', 'values', PERSON_FILE, PERSON.replace('start: 2019-09-11', 'start: 2020-02-30'), (t) => [{ code: 'SCH005', ...at(t, '2020-02-30') }]),
  one('February 29th of a year that is not a leap year', 'values', PERSON_FILE, PERSON.replace('start: 2019-09-11', 'start: 2019-02-29'), (t) => [{ code: 'SCH005', ...at(t, '2019-02-29') }]),
  one('month 13', 'values', PERSON_FILE, PERSON.replace('end: 2020-09-16', 'end: 2020-13-01'), (t) => [{ code: 'SCH005', ...at(t, '2020-13-01') }]),
  one('date with a time', 'values', PERSON_FILE, PERSON.replace('end: 2020-09-16', 'end: 2020-09-16T10:00:00Z'), (t) => [{ code: 'SCH005', ...at(t, '2020-09-16T') }]),
  one('date written as a number', 'values', PERSON_FILE, PERSON.replace('end: 2020-09-16', 'end: 20200916'), (t) => [{ code: 'SCH004', ...at(t, '20200916') }]),
  one('year 0000 (the position ends before it starts)', 'values', PERSON_FILE, PERSON.replace('end: 2020-09-16', 'end: 0000-01-01'), (t) => [{ code: 'RULE006', ...at(t, '0000-01-01') }, { code: 'RULE019', ...at(t, '0000-01-01') }]),
  one('year 0000 as a start', 'values', PERSON_FILE, PERSON.replace('start: 2019-09-11', 'start: 0000-01-01'), (t) => [{ code: 'RULE019', ...at(t, '0000-01-01') }]),
  one('year 9999 (in the future)', 'values', PERSON_FILE, PERSON.replace('end: 2020-09-16', 'end: 9999-12-31'), (t) => [{ code: 'RULE007', ...at(t, '9999-12-31') }]),
  one('javascript: URL', 'values', ORG_FILE, org('url: "javascript:alert(document.cookie)"\n'), (t) => [{ code: 'SCH005', ...at(t, '"javascript') }]),
  one('data: URL', 'values', ORG_FILE, org('url: "data:text/html,<script>alert(1)</script>"\n'), (t) => [{ code: 'SCH005', ...at(t, '"data') }]),
  one('file: URL', 'values', ORG_FILE, org('url: file:///etc/passwd\n'), (t) => [{ code: 'SCH005', ...at(t, 'file:') }]),
  one('http URL with a space in it', 'values', ORG_FILE, org('url: https://example.com/a b\n'), (t) => [{ code: 'SCH005', ...at(t, 'https:') }]),
  one('a mapping where text belongs', 'values', ORG_FILE, ORG.replace('name: Hostile Org', 'name: {first: Hostile}'), (t) => [{ code: 'SCH004', ...at(t, '{first') }]),
  one('a mapping where a word of a vocabulary belongs (was not reported at all)', 'values', ORG_FILE, ORG.replace('kind: ministry', 'kind: {constructor: {prototype: {polluted: 1}}}'), (t) => [{ code: 'SCH004', ...at(t, '{constructor') }]),
  one('a list where a word of a vocabulary belongs (was not reported at all)', 'values', FOUNDING, foundingWith('type: call', 'type: [call, meeting]'), (t) => [{ code: 'SCH004', ...at(t, '[call') }]),
  one('a list for the initiator, which is a word or a mapping (was not reported at all)', 'values', FOUNDING, foundingWith('initiator: unknown', 'initiator: [unknown]'), (t) => [{ code: 'SCH004', ...at(t, '[unknown]') }]),
  one('null where text belongs', 'values', ORG_FILE, ORG.replace('name: Hostile Org', 'name: ~'), (t) => [{ code: 'SCH004', ...at(t, '~') }]),

  // ---------------------------------------------------------------- broken datasets
  {
    name: 'two people with one id (the copy named after another id)',
    group: 'dataset',
    files: { 'people/kono-taro-2.yaml': baseText('people/kono-taro.yaml').replace('name: Kono Taro', 'name: Kono Taro II') },
    expect: [
      // Records are compared in id, then file order: the copy's file name sorts first, so the original is the repeat.
      { code: 'RULE001', file: 'people/kono-taro.yaml', ...at(baseText('people/kono-taro.yaml'), 'kono-taro') },
      { code: 'RULE002', file: 'people/kono-taro-2.yaml', ...at(baseText('people/kono-taro.yaml'), 'kono-taro') },
    ],
  },
  {
    name: 'a person and an organization share an id',
    group: 'dataset',
    files: { 'organizations/kono-taro.yaml': 'id: kono-taro\nname: Kono Office\nkind: ministry\ncountry: JP\n' },
    expect: [
      { code: 'RULE001', file: 'organizations/kono-taro.yaml', line: 1, column: 5 },
      { code: 'RULE001', file: 'people/kono-taro.yaml', ...at(baseText('people/kono-taro.yaml'), 'kono-taro') },
    ],
  },
  one('dangling person reference', 'dataset', FOUNDING, foundingWith('person: kono-taro', 'person: kono-tarou'), (t) => [{ code: 'RULE003', ...at(t, 'kono-tarou') }]),
  one('dangling publisher reference', 'dataset', FOUNDING, foundingWith('publisher: tdm-news', 'publisher: tdm-newz'), (t) => [{ code: 'RULE003', ...at(t, 'tdm-newz') }]),
  {
    name: 'a referenced organization deleted',
    group: 'dataset',
    files: {},
    remove: ['organizations/ispr.yaml'],
    expect: [{ code: 'RULE003', file: FOUNDING, line: at(founding, 'publisher: ispr\n').line, column: at(founding, 'publisher: ispr\n').column + 'publisher: '.length }],
  },
  {
    name: 'organizations that are each other\'s parent',
    group: 'dataset',
    files: {
      'organizations/loop-a.yaml': 'id: loop-a\nname: Loop A\nkind: ministry\ncountry: PK\nparent: loop-b\n',
      'organizations/loop-b.yaml': 'id: loop-b\nname: Loop B\nkind: ministry\ncountry: PK\nparent: loop-a\n',
    },
    expect: [{ code: 'RULE003', file: 'organizations/loop-a.yaml', line: 5, column: 9 }],
  },
  {
    name: 'a loop of three parent organizations',
    group: 'dataset',
    files: {
      'organizations/loop-a.yaml': 'id: loop-a\nname: Loop A\nkind: ministry\ncountry: PK\nparent: loop-c\n',
      'organizations/loop-b.yaml': 'id: loop-b\nname: Loop B\nkind: ministry\ncountry: PK\nparent: loop-a\n',
      'organizations/loop-c.yaml': 'id: loop-c\nname: Loop C\nkind: ministry\ncountry: PK\nparent: loop-b\n',
    },
    expect: [{ code: 'RULE003', file: 'organizations/loop-a.yaml', line: 5, column: 9 }],
  },
  one('an organization that is its own parent', 'dataset', ORG_FILE, org('parent: hostile-org\n'), (t) => [{ code: 'RULE003', ...at(t, 'hostile-org', 1) }]),
  one('sources that reproduce each other', 'dataset', FOUNDING, foundingWith('    kind: official-statement\n    published: 2020-08-06\n    language: en\n    supports: Pakistani', '    kind: official-statement\n    published: 2020-08-06\n    language: en\n    reproduces: [the-news]\n    supports: Pakistani'), (t) => [
    { code: 'RULE004', line: at(t, 'reproduces: [the-news]').line, column: at(t, 'reproduces: [the-news]').column + 'reproduces: ['.length },
  ]),
  one('a source that reproduces itself', 'dataset', FOUNDING, foundingWith('    reproduces: [mod-release]\n', '    reproduces: [mod-release, centreline]\n'), (t) => [{ code: 'RULE004', ...at(t, 'centreline]') }]),
  one('a person without positions', 'dataset', PERSON_FILE, PERSON.replace(/positions:[\s\S]*?(?=^sources:)/m, 'positions: []\n'), (t) => [{ code: 'SCH006', ...at(t, '[]') }]),
  one('a person with no positions key', 'dataset', PERSON_FILE, 'id: hostile-person\nname: Hostile Person\nsources: [{ id: hostile-source, publisher: the-nation, kind: other }]\n', () => [{ code: 'SCH002', line: 1, column: 1 }]),

  // ---------------------------------------------------------------- valid edge cases: no diagnostics
  { name: 'byte-order mark', group: 'valid', files: { [ORG_FILE]: bytes([0xef, 0xbb, 0xbf], ORG) }, expect: [] },
  { name: 'CRLF line endings', group: 'valid', files: { [ORG_FILE]: ORG.replace(/\n/g, '\r\n'), [FOUNDING]: founding.replace(/\n/g, '\r\n') }, expect: [] },
  { name: 'BOM and CRLF together, with an error located on the right line', group: 'valid', files: { [ORG_FILE]: bytes([0xef, 0xbb, 0xbf], org('colour: red\n').replace(/\n/g, '\r\n')) }, expect: [{ code: 'SCH001', line: 5, column: 1 }] },
  one('a tab between a key and its value', 'valid', ORG_FILE, ORG.replace('name: Hostile Org', 'name:\tHostile Org'), () => []),
  one('formula-like text (the CSV exporter neutralises it)', 'valid', ORG_FILE, org('aliases:\n  - =HYPERLINK("http://evil.example","x")\n  - "+1-1"\n  - "@SUM(A1:A2)"\n  - "-2+3"\n  - "=cmd|\' /C calc\'!A0"\n'), () => []),
  one('right-to-left script without control characters', 'valid', PERSON_FILE, PERSON.replace('name: Hostile Person', 'name: Hostile Person\nnative_name: قمر جاوید باجوہ'), () => []),
  one('brackets inside block text are not nesting', 'valid', ORG_FILE, org(`notes: |-\n  ${'['.repeat(LIMITS.maxDepth + 10)} and ${'{'.repeat(LIMITS.maxDepth + 10)}\n`), () => []),
  one('a %YAML 1.1 directive is read as YAML 1.2 (yes stays text)', 'valid', ORG_FILE, '%YAML 1.1\n---\n' + ORG.replace('Hostile Org', 'yes'), () => []),
  one('document start and end markers around one document', 'valid', ORG_FILE, '---\n' + ORG + '...\n', () => []),
  one('quoted dates and flow lists', 'valid', PERSON_FILE, PERSON.replace('start: 2019-09-11', "start: '2019-09-11'").replace('name: Hostile Person', 'name: Hostile Person\naliases: [HP, "H. Person"]'), () => []),
  one('a name of exactly the maximum length', 'valid', ORG_FILE, ORG.replace('Hostile Org', 'H'.repeat(500)), () => []),
  one('comments everywhere', 'valid', ORG_FILE, '# head\nid: hostile-org # trailing\n# between\nname: Hostile Org\nkind: ministry # more\ncountry: PK\n# tail\n', () => []),
];
