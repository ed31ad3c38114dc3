// Fuzzing the loader's first stage: random text and random bytes through
// parseRecordText / parseRecordBytes never throw, never hang, and give either a mapping
// or located problems with a code and a message.
import fc from 'fast-check';
import { parseRecordBytes, parseRecordText } from '@engagements/core';
import { describe, expect, it } from 'vitest';
import { badParseResult, decodeLossy, timed } from './checks.js';
import { arbInsertedText } from './mutations.js';
import { fuzzParameters, fuzzTimeout, RUN_BUDGET_MS } from './settings.js';

/** Pieces of YAML syntax, so that random text reaches past the first character of the parser. */
const TOKENS = [
  'id', 'name', 'kind', 'x', 'a b', ': ', ':', '- ', '-', '? ', ', ', '[', ']', '{', '}', '"', "'", '\\', '#', '# c',
  '&a ', '*a', '&b ', '*b', '!!str ', '!!python/object ', '!t ', '!<x> ', '|', '>-', '|+2', '---', '...', '%YAML 1.2',
  '%TAG ! x', '\n', '\n', '\n', '  ', '  ', '    ', '\t', '\r\n', '\r', '\uFEFF', '\u0000', '\u0085', '\u2028', 'é', '河野',
  '0x1F', '1e3', '.inf', '~', 'true', '2020-08-06', '__proto__', '<<',
];

const arbYamlish = fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: arbInsertedText }), { maxLength: 120 }).map((t) => t.join(''));

function check(result: ReturnType<typeof parseRecordText>, text: string, ms: number): void {
  expect(badParseResult(result, text)).toEqual([]);
  expect(ms).toBeLessThan(RUN_BUDGET_MS);
}

describe('fuzz: parseRecordText and parseRecordBytes', () => {
  it('random unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const { value, ms } = timed(() => parseRecordText(text));
        check(value, text, ms);
      }),
      fuzzParameters(),
    );
  }, fuzzTimeout(5));

  it('random YAML-like text', () => {
    fc.assert(
      fc.property(arbYamlish, (text) => {
        const { value, ms } = timed(() => parseRecordText(text));
        check(value, text, ms);
      }),
      fuzzParameters(),
    );
  }, fuzzTimeout(5));

  it('random bytes, with and without a byte-order mark', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.uint8Array({ maxLength: 600 }), (bom, random) => {
        const bytes = bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...random]) : random;
        const { value, ms } = timed(() => parseRecordBytes(bytes));
        check(value, decodeLossy(bytes), ms);
      }),
      fuzzParameters(),
    );
  }, fuzzTimeout(5));

  it('YAML-like text encoded as bytes, with a few bytes flipped', () => {
    fc.assert(
      fc.property(arbYamlish, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }), (text, flips) => {
        const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
        for (const [at, byte] of flips) if (bytes.length > 0) bytes[at % bytes.length] = byte;
        const { value, ms } = timed(() => parseRecordBytes(bytes));
        check(value, decodeLossy(bytes), ms);
      }),
      fuzzParameters(),
    );
  }, fuzzTimeout(5));

  it('leaves Object.prototype untouched', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
