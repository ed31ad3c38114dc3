// Random mutations of valid record text for the fuzz tests: the edits a contributor (or an
// attacker) makes by hand — a key dropped, a value of another type, unicode inserted, a line
// duplicated, swapped or re-indented, the file cut short — applied one to three at a time.
import fc from 'fast-check';

export type Mutation =
  | { kind: 'drop-key'; line: number }
  | { kind: 'change-type'; line: number; value: string }
  | { kind: 'insert'; offset: number; text: string }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'truncate'; offset: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'indent'; line: number; by: number };

/** Values of every YAML type and some that trip parsers and validators. */
const VALUES = [
  '123', '-1.5e10', '0x1F', '0o17', '.nan', '-.inf', 'true', 'false', '~', 'null', '',
  '[]', '{}', '[a, b]', '{a: 1}', '"x"', "''", '"\\u0000"', '"\\uD800"', '2020-02-30', '0000-00-00',
  '__proto__', '{__proto__: {polluted: 1}}', '{constructor: {prototype: {polluted: 1}}}',
  '&anchor value', '*anchor', '!!str 1', '!!binary aGk=', '!custom x', '|\n  block', '>-\n  folded',
  '"=cmd|\' /C calc\'!A0"', 'javascript:alert(1)', 'https://example.com/a b', '"a\\tb"',
  'a'.repeat(600), '- item', '? key', '- - nested',
];

/** Text that is awkward to read or to locate: scripts, combining marks, controls, bidi, zero-width, surrogates. */
const NASTY = [
  '\u202E', '\u2066', '\u200B', '\u200D', '\uFEFF', '\u0000', '\u0001', '\u007F', '\u0085', '\u2028', '\u00A0',
  '\t', '\r', '\r\n', '\n', 'e\u0301', '河野太郎', 'قمر', '🇵🇰', '😀', 'а', 'ο', '\\', '"', "'", '#', ': ', '- ',
  '[', ']', '{', '}', '&', '*', '!', '%', '@', '`', '|', '>', '---', '...',
];

export const arbInsertedText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.array(fc.constantFrom(...NASTY), { minLength: 1, maxLength: 4 }).map((a) => a.join('')),
);

/** One mutation of a text with `lines` lines and `length` characters. */
function arbMutation(lines: number, length: number): fc.Arbitrary<Mutation> {
  const line = fc.nat({ max: Math.max(0, lines - 1) });
  const offset = fc.nat({ max: length });
  return fc.oneof(
    fc.record({ kind: fc.constant('drop-key' as const), line }),
    fc.record({ kind: fc.constant('change-type' as const), line, value: fc.constantFrom(...VALUES) }),
    fc.record({ kind: fc.constant('insert' as const), offset, text: arbInsertedText }),
    fc.record({ kind: fc.constant('duplicate-line' as const), line }),
    fc.record({ kind: fc.constant('truncate' as const), offset }),
    fc.record({ kind: fc.constant('swap-lines' as const), a: line, b: line }),
    fc.record({ kind: fc.constant('indent' as const), line, by: fc.integer({ min: -4, max: 4 }) }),
  );
}

/** Applies one mutation; line numbers and offsets beyond the text are clamped. */
export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const at = (i: number): number => Math.min(i, Math.max(0, lines.length - 1));
  switch (m.kind) {
    case 'drop-key': {
      // The line and the lines indented under it (its value, when it is a block).
      const i = at(m.line);
      const indent = (lines[i] ?? '').search(/\S|$/);
      let end = i + 1;
      while (end < lines.length && lines[end]!.trim() !== '' && lines[end]!.search(/\S|$/) > indent) end++;
      lines.splice(i, end - i);
      return lines.join('\n');
    }
    case 'change-type': {
      const i = at(m.line);
      const colon = (lines[i] ?? '').search(/:( |$)/);
      if (colon === -1) lines[i] = (lines[i] ?? '').replace(/(^\s*- ).*/, `$1${m.value}`);
      else lines[i] = `${lines[i]!.slice(0, colon)}: ${m.value}`;
      return lines.join('\n');
    }
    case 'insert': {
      const o = Math.min(m.offset, text.length);
      return text.slice(0, o) + m.text + text.slice(o);
    }
    case 'duplicate-line': {
      const i = at(m.line);
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, Math.min(m.offset, text.length));
    case 'swap-lines': {
      const a = at(m.a);
      const b = at(m.b);
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
    case 'indent': {
      const i = at(m.line);
      const l = lines[i] ?? '';
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + l : l.replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
  }
}

/** A seed text and one to three mutations of it (each drawn against the text as mutated so far). */
export function arbMutated(seeds: readonly { file: string; text: string }[]): fc.Arbitrary<{ file: string; text: string; mutations: Mutation[] }> {
  return fc.constantFrom(...seeds).chain((seed) =>
    fc.integer({ min: 1, max: 3 }).chain((count) => {
      let arb: fc.Arbitrary<{ text: string; mutations: Mutation[] }> = fc.constant({ text: seed.text, mutations: [] });
      for (let k = 0; k < count; k++) {
        arb = arb.chain(({ text, mutations }) =>
          arbMutation(text.split('\n').length, text.length).map((m) => ({ text: mutate(text, m), mutations: [...mutations, m] })),
        );
      }
      return arb.map(({ text, mutations }) => ({ file: seed.file, text, mutations }));
    }),
  );
}
