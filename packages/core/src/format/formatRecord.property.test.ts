// Property: over random texts, `fmt` never writes a line longer than LINE_WIDTH unless
// that line holds one word that is longer by itself, and never changes the data. Texts are
// prose: words of 1 to 14 characters (sometimes one of 90 to 140), separated by single
// spaces, single line breaks and paragraph breaks, in `notes` (multi-line) and in one-line
// fields at several depths (title, a participant's title_as_reported, a source's supports).
import fc from 'fast-check';
import { parseRecordText } from '../load/parseYaml.js';
import { describe, expect, it } from 'vitest';
import { formatRecord, LINE_WIDTH } from './formatRecord.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,.;()—éō河';

const word = fc.oneof(
  { weight: 30, arbitrary: fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 1, maxLength: 14 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 90, maxLength: 140 }) },
);

/** One line of prose: words joined by single spaces. */
const line = fc.array(word, { minLength: 1, maxLength: 60 }).map((ws) => ws.join(' '));

/** Several lines, joined by line breaks and paragraph breaks. */
const paragraphs = fc
  .array(fc.tuple(line, fc.constantFrom('\n', '\n\n', '\n\n\n')), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.map(([l, sep], i) => (i === parts.length - 1 ? l : l + sep)).join(''));

/** A record whose text fields are written as JSON strings (valid YAML), the way no person writes them. */
function recordText(notes: string, title: string, reported: string, supports: string): string {
  return [
    `id: 2020-01-01-aa-bb-call`,
    `title: ${JSON.stringify(title)}`,
    `participants:`,
    `  - organization: x`,
    `    title_as_reported: ${JSON.stringify(reported)}`,
    `sources:`,
    `  - id: s`,
    `    supports: ${JSON.stringify(supports)}`,
    `notes: ${JSON.stringify(notes)}`,
    '',
  ].join('\n');
}

/** What follows the indentation, a `- ` and a `key: ` or block indicator on an over-long line: it must be one word. */
function overLimitIsOneWord(row: string): boolean {
  const rest = row.trimStart().replace(/^- /, '').replace(/^[a-z_]+: (?:[>|][0-9]?-?)?/, '');
  return rest.length > 0 && !/\s/.test(rest);
}

describe('formatRecord over random texts', () => {
  it(`writes no line over ${LINE_WIDTH} characters unless one word is longer, and keeps the data`, () => {
    fc.assert(
      fc.property(paragraphs, line, line, line, (notes, title, reported, supports) => {
        const input = recordText(notes, title, reported, supports);
        const result = formatRecord(input, 'engagement');
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const before = parseRecordText(input);
        const after = parseRecordText(result.text);
        expect(after.ok && before.ok && after.value).toEqual(before.ok && before.value);
        for (const row of result.text.split('\n')) {
          if ([...row].length > LINE_WIDTH) expect(overLimitIsOneWord(row), `over the limit with more than one word:\n${row}`).toBe(true);
        }
        // Multi-paragraph notes stay folded.
        if (notes.includes('\n')) expect(result.text).toMatch(/^notes: >[0-9]?-$/m);
      }),
      { numRuns: 300, seed: 20261130 },
    );
  });

  it('folds the issue\'s case: a multi-paragraph `notes: >-` stays `>-` within 100 columns', () => {
    const para = 'The Pakistani reports, printed on Friday 2020-08-07, say the call took place on Thursday, which is 2020-08-06; the Japanese text states August 6, 2020, and a three-point understanding.';
    const input = `id: 2020-01-01-aa-bb-call\nnotes: >-\n  ${para}\n\n  ${para} ${para}\n`;
    const result = formatRecord(input, 'engagement');
    expect(result.ok && result.text).toMatch(/\nnotes: >-\n/);
    const text = result.ok ? result.text : '';
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(LINE_WIDTH);
    const reread = parseRecordText(text);
    expect(reread.ok && (reread.value as { notes: string }).notes).toBe(`${para}\n${para} ${para}`);
  });
});
