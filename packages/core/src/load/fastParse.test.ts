import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findRecordFiles } from '../check.js';
import type { RecordKind } from '@engagements/schema';
import { recordKindOf } from './recordKind.js';
import { fastLoad, fastParse, needsFullParser, NEEDS_FULL_PARSER } from './fastParse.js';
import { parseRecordText } from './parseYaml.js';
import { parseCanonicalYaml } from './canonicalYaml.js';

const recordsDir = path.resolve(import.meta.dirname, '../../../../records');

/** The contract of the fast path: whenever it accepts a record, the full YAML 1.2 parser reads exactly the same value. */
function agreesWithFullParser(text: string, kind: RecordKind): void {
  const fast = fastLoad(text, kind);
  if (fast === undefined) return;
  const full = parseRecordText(text);
  expect(full.ok, `full parser rejects what the fast path accepted:\n${text}`).toBe(true);
  if (full.ok) expect(fast).toEqual(full.value);
}

describe('fastParse (differential against yaml v2)', () => {
  it('reads every record of the repository exactly as the full parser does', async () => {
    const files = await findRecordFiles(recordsDir);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(fastLoad(text, recordKindOf(file)!), file).toBeDefined();
      agreesWithFullParser(text, recordKindOf(file)!);
    }
  });

  it('hands every text that uses a feature where the parsers differ to the full parser', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n---\nb: 2\n',
      'a:\tb\n',
      'a: +.5\n',
      'a: 0b101\n',
      '<<: {a: 1}\n',
      'a: [[[1]]]\n',
      '\uFEFFa: 1\n',
      'a: 1\na: 2\n',
      '- a\n',
      'just text\n',
      // Invisible and look-alike characters: the full path reports each where it stands (YAML007).
      'a: b\u00A0c\n',
      'a:\u00A0b\n',
      'a: b\u200Bc\n',
      '# a comment\u202E\na: 1\n',
      'a: >-\n  b\n\n  c\u2060d\n',
    ]) {
      // js-yaml never reads them (the guard, or it throws); the canonical reader reads the two
      // plain scalars whose js-yaml reading differs exactly as the full parser does.
      if (text === 'a: +.5\n') expect(fastParse(text)).toStrictEqual({ a: 0.5 });
      else if (text === 'a: 0b101\n') expect(fastParse(text)).toStrictEqual({ a: '0b101' });
      else expect(fastParse(text), JSON.stringify(text)).toBeUndefined();
    }
    for (const text of ['a: +.5\n', 'a: 0b101\n']) {
      expect(needsFullParser(text)).toBe(true);
      expect(parseCanonicalYaml(text)).toBeDefined();
      const full = parseRecordText(text);
      expect(full.ok && full.value).toStrictEqual(fastParse(text));
    }
  });

  it('agrees with the full parser on random mutations of real records', async () => {
    const files = await findRecordFiles(recordsDir);
    const texts = files.map((f) => ({ text: readFileSync(f, 'utf8'), kind: recordKindOf(f)! }));
    const snippets = ['', ' ', ':', '- ', '"', "'", '#', '[', ']', '{', '}', ',', '\n', '  ', '|', '>', '? ', '0x1F', '1e3', '.5', 'true', 'null', '~', '2020-08-06', '12:30', '\\', '\u00e9', '\u202e', 'yes', '-1', '0o17', '1_000'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: texts.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...snippets), fc.boolean()), { minLength: 1, maxLength: 4 }),
        (which, edits) => {
          let { text } = texts[which]!;
          for (const [at, len, snippet, replace] of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + snippet + text.slice(replace ? i + (len % 8) : i);
          }
          agreesWithFullParser(text, texts[which]!.kind);
        },
      ),
      { seed: Number(process.env.FUZZ_SEED ?? 7), numRuns: Number(process.env.FUZZ_RUNS ?? 1000) },
    );
  });

  it('agrees with the full parser on random scalar values', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), (value) => {
        const org = (field: string) => `id: x-y\nname: X\nkind: ministry\n${field}\n`;
        agreesWithFullParser(org(`notes: ${value}`), 'organization');
        agreesWithFullParser(org(`aliases: [${value}, b]`), 'organization');
        agreesWithFullParser(org(`aliases:\n  - ${value}`), 'organization');
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 11), numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });

  it('sends every file with an invisible or look-alike character to the full path, wherever it is', () => {
    const record = readFileSync(path.join(recordsDir, 'people/kono-taro.yaml'), 'utf8');
    expect(fastParse(record)).toBeDefined();
    // No-break and other spaces, zero-width, joiners, soft hyphen, inner BOM, bidi controls,
    // other format characters, tag characters, variation selectors, controls, separators.
    const characters = [0xa0, 0x2007, 0x202f, 0x3000, 0x200b, 0x200c, 0x200d, 0x2060, 0xad, 0xfeff, 0x202a, 0x202e, 0x2066, 0x2069, 0x200e, 0x200f, 0x61c, 0x600, 0xfff9, 0xe0041, 0xfe0f, 0x115f, 0x3164, 0x85, 0x1b, 0x2028, 0x2029];
    for (const codePoint of characters) {
      const ch = String.fromCodePoint(codePoint);
      for (const text of [record.replace('name: Kono Taro', `name: Kono${ch}Taro`), record.replace('# yaml', `#${ch} yaml`), `${record}# ${ch}\n`]) {
        expect(needsFullParser(text), codePoint.toString(16)).toBe(true);
        expect(fastParse(text), codePoint.toString(16)).toBeUndefined();
      }
    }
    // Visible non-ASCII text stays on the fast path.
    expect(fastParse(record.replace('name: Kono Taro', 'name: 河野太郎 Kōno'))).toBeDefined();
  });

  it('runs the full guard whenever any branch of it could match (its cheap pre-checks never hide one)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        if (NEEDS_FULL_PARSER.test(text)) expect(needsFullParser(text)).toBe(true);
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 13), numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('&', '*', '!', '%', '---', '...', '\t', '\r', '.5', '0b1', '<<', '{', '[', ']', '? ', '"#', ']#', ' ', '\n', 'a', ':', '-', ',', '+'), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        if (NEEDS_FULL_PARSER.test(text)) expect(needsFullParser(text), JSON.stringify(text)).toBe(true);
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 17), numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });
});
