import { describe, it, expect } from 'vitest';
import { cleanText } from './clean-text.js';
import { describeCodePoint } from '../load/invisible.js';
import { ENGAGEMENT_FILE, ENGAGEMENT_SHOWN, FOUNDING, KONO, baseFiles, datasetFromYaml, edit, positionOf, withEngagement } from './testing.js';

const NOTES = `notes: |-
  The Pakistani reports, printed on Friday 2020-08-07, say the call took place on Thursday.
  The Japanese text states August 6, 2020.
`;

describe('RULE011 clean-text', () => {
  it('passes clean text, including native scripts and line breaks in notes', async () => {
    expect(FOUNDING).toContain(NOTES);
    expect(await datasetFromYaml(baseFiles(), [cleanText])).toEqual([]);
  });

  it('reports a zero-width character in a nested value, naming it and its code point', async () => {
    const files = withEngagement((t) => edit(t, 'summary: The army chief thanked Japan', 'summary: "The army\\u200B chief thanked Japan'));
    files[ENGAGEMENT_FILE] = edit(files[ENGAGEMENT_FILE]!, 'locust threat.\n', 'locust threat."\n');
    const text = files[ENGAGEMENT_FILE]!;
    const diagnostics = await datasetFromYaml(files, [cleanText]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: ENGAGEMENT_SHOWN, code: 'RULE011', severity: 'error', ...positionOf(text, '"The army'), path: '/outcomes/1/summary' });
    expect(diagnostics[0]!.message).toBe('The text contains an invisible character at character 9.');
    expect(diagnostics[0]!.hint).toBe('Remove U+200B ZERO WIDTH SPACE (written as an escape); it makes text that looks the same compare different.');
  });

  it('reports a tab inside a one-line value', async () => {
    const files = withEngagement((t) => edit(t, "title: Pakistan's army chief", "title: \"Pakistan's\\tarmy chief"));
    files[ENGAGEMENT_FILE] = edit(files[ENGAGEMENT_FILE]!, 'video teleconference\n', 'video teleconference"\n');
    const diagnostics = await datasetFromYaml(files, [cleanText]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'RULE011', line: 2, column: 8, path: '/title' });
    expect(diagnostics[0]!.message).toBe('The text contains a control character at character 11.');
    expect(diagnostics[0]!.hint).toBe('Remove U+0009 CHARACTER TABULATION; use spaces instead.');
  });

  it('reports text that is not NFC, showing the composed form', async () => {
    const files = baseFiles();
    const text = edit(KONO, '  - KONO\n', '  - "Ko\\u0304no Taro"\n');
    files['people/kono-taro.yaml'] = text;
    const diagnostics = await datasetFromYaml(files, [cleanText]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'records/people/kono-taro.yaml', code: 'RULE011', ...positionOf(text, '"Ko'), path: '/aliases/1' });
    expect(diagnostics[0]!.message).toContain('not in Unicode normalization form NFC');
    expect(diagnostics[0]!.hint).toBe('"ō" at character 2 is written as U+006F U+0304; write it as U+014D. Most editors can convert a file to NFC.');
  });

  it('reports a decomposed character where it is written, in a folded block, a plain and a quoted scalar', async () => {
    const e = 'e\u0301'; // "é" as e + U+0301 COMBINING ACUTE ACCENT, written as is in the file
    const block = `notes: >-\n  Japan's government writes the family name first in English (KONO Taro); many outlets\n  use the given-name-first order Taro Kono; a cafe${e} reported it.\n`;
    for (const [text, needle, path] of [
      [KONO + block, `cafe${e}`, '/notes'],
      [edit(KONO, '  - KONO\n', `  - Kono Re${e}mi\n`), `Re${e}`, '/aliases/1'],
      [edit(KONO, '  - KONO\n', `  - 'Kono Re${e}mi'\n`), `Re${e}`, '/aliases/1'],
    ] as const) {
      const files = baseFiles();
      files['people/kono-taro.yaml'] = text;
      const diagnostics = await datasetFromYaml(files, [cleanText]);
      expect(diagnostics).toHaveLength(1);
      const at = positionOf(text, needle);
      // The span covers the two code points of the decomposed character, on its own line.
      const column = at.column + needle.length - 2;
      expect(diagnostics[0]).toMatchObject({ file: 'records/people/kono-taro.yaml', code: 'RULE011', line: at.line, column, endLine: at.line, endColumn: column + 2, path });
      expect(diagnostics[0]!.message).toBe('The text is not in Unicode normalization form NFC: a character is written in a decomposed or non-standard form.');
    }
  });

  it('reports other invisible characters written as escapes: a soft hyphen, a word joiner', async () => {
    const files = baseFiles();
    files['organizations/ispr.yaml'] = 'id: ispr\nname: Inter-Services Public Relations\naliases:\n  - "IS\\u00ADPR"\n  - "IS\\u2060PR"\nkind: media-wing\ncountry: PK\n';
    const diagnostics = await datasetFromYaml(files, [cleanText]);
    expect(diagnostics.map((d) => [d.line, d.column, d.message, d.hint])).toEqual([
      [4, 5, 'The text contains an invisible character at character 3.', 'Remove U+00AD SOFT HYPHEN (written as an escape); it makes text that looks the same compare different.'],
      [5, 5, 'The text contains an invisible character at character 3.', 'Remove U+2060 WORD JOINER (written as an escape); it makes text that looks the same compare different.'],
    ]);
  });

  it('reports bidirectional controls', async () => {
    const files = baseFiles();
    files['organizations/ispr.yaml'] = 'id: ispr\nname: Inter-Services Public Relations\naliases:\n  - "\\u202EISPR"\nkind: media-wing\ncountry: PK\n';
    const diagnostics = await datasetFromYaml(files, [cleanText]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'records/organizations/ispr.yaml', code: 'RULE011', line: 4, column: 5, path: '/aliases/0' });
    expect(diagnostics[0]!.hint).toBe('Remove U+202E RIGHT-TO-LEFT OVERRIDE (written as an escape); it changes how the text is displayed without being visible.');
  });

  it('reports leading and trailing white space in multi-line notes, and a carriage return', async () => {
    const trailing = await datasetFromYaml(withEngagement((t) => edit(t, 'notes: |-', 'notes: |')), [cleanText]);
    expect(trailing).toHaveLength(1);
    expect(trailing[0]).toMatchObject({ code: 'RULE011', ...positionOf(FOUNDING, '|-'), path: '/notes' });
    expect(trailing[0]!.message).toBe('The text ends with white space.');
    expect(trailing[0]!.hint).toBe('Remove the trailing U+000A LINE FEED. A block scalar keeps its final line break unless written with `|-` or `>-`.');

    const leading = await datasetFromYaml(withEngagement((t) => edit(t, NOTES, 'notes: "\\u00A0Call on Thursday.\\r\\nSecond line."\n')), [cleanText]);
    expect(leading.map((d) => [d.path, d.message, d.hint])).toEqual([
      ['/notes', 'The text contains a control character at character 19.', 'Remove U+000D CARRIAGE RETURN. Only line feeds are allowed here.'],
      ['/notes', 'The text starts with white space.', 'Remove the leading U+00A0 NO-BREAK SPACE.'],
    ]);
  });

  it('names code points', () => {
    expect(describeCodePoint(0xfeff)).toBe('U+FEFF ZERO WIDTH NO-BREAK SPACE');
    expect(describeCodePoint(0x07)).toBe('U+0007 ALERT');
    expect(describeCodePoint(0xad)).toBe('U+00AD SOFT HYPHEN');
    expect(describeCodePoint(0x1f600)).toBe('U+1F600');
  });
});
