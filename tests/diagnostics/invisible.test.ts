// Invisible and look-alike characters (YAML007): wherever they sit in a file (key,
// indentation, the `: ` after a key, flow or block scalar, comment), each is reported at
// its own line and column, named by code point and Unicode name, and the pretty frame
// shows it as `⟨U+00A0⟩`. The checks run through checkDataset, so both the fast path
// (which must hand such files to the full loader) and the full loader are exercised.
import { LOAD_CODES } from '@engagements/core';
import { renderPretty } from '@engagements/cli';
import { describe, expect, it } from 'vitest';
import { after, checkEdited, FOUNDING, positionOf } from './helpers.js';

const KONO = 'people/kono-taro.yaml';
const check = checkEdited;

describe('YAML007: invisible and look-alike characters', () => {
  it('a no-break space after `name:` is named at its own column, not "implicit keys need to be on a single line"', async () => {
    const { text, diagnostics } = await check(KONO, (t) => t.replace('name: Kono Taro', 'name:\u00A0Kono Taro'));
    const at = after(text, 'name:');
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: LOAD_CODES.invisibleCharacter, severity: 'error', line: at.line, column: 6, endLine: at.line, endColumn: 7 }),
    ]);
    expect(at.column).toBe(6);
    expect(diagnostics[0]!.message).toBe('Look-alike character U+00A0 NO-BREAK SPACE after the `:` of a key: it looks like a space but is not one.');
    expect(diagnostics[0]!.hint).toMatch(/^Replace it with a plain space: YAML separates a key from its value with `: `/);
  });

  it('a zero-width space inside a multi-paragraph `notes: >-` is reported at its own line and column', async () => {
    const { text, diagnostics } = await check(FOUNDING, (t) =>
      t.replace('No source says which side\n', 'No source says which side\n\n').replace('the Free and Open', 'the Free and\u200BOpen'),
    );
    const at = after(text, 'the Free and');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'YAML007', line: at.line, column: at.column, endLine: at.line, endColumn: at.column + 1 });
    expect(at.line).toBeGreaterThan(positionOf(text, 'notes: >-').line + 3);
    expect(diagnostics[0]!.message).toBe('Invisible character U+200B ZERO WIDTH SPACE.');
    expect(diagnostics[0]!.message).not.toMatch(/at character/);
    expect(diagnostics[0]!.hint).toMatch(/^Delete it: it cannot be seen/);
  });

  it('in a literal block scalar too', async () => {
    const { text, diagnostics } = await check(KONO, (t) => t.replace('notes: >-\n  Japan', 'notes: |-\n  Japan').replace('many outlets', 'many\u2060outlets'));
    const at = after(text, 'many');
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([['YAML007', at.line, at.column, 'Invisible character U+2060 WORD JOINER.']]);
  });

  it('in the indentation, where it is named as indentation', async () => {
    const { text, diagnostics } = await check(FOUNDING, (t) => t.replace(/\n    role: principal/, '\n  \u00A0 role: principal'));
    const at = positionOf(text, '\u00A0');
    expect(diagnostics.map((d) => [d.line, d.column, d.endColumn])).toEqual([[at.line, 3, 4]]);
    expect(diagnostics[0]!.message).toBe('Look-alike character U+00A0 NO-BREAK SPACE in the indentation: it looks like a space but is not one.');
    expect(diagnostics[0]!.hint).toMatch(/YAML indents with plain spaces only/);
  });

  it('in a key, a flow list, a comment: each occurrence at its own place, in file order', async () => {
    const { text, diagnostics } = await check(KONO, (t) =>
      t
        .replace('native_name:', 'native\u00ADname:') // soft hyphen in a key
        .replace('aliases:\n  - Taro Kono\n  - KONO\n  - KONO Taro\n  - Tara Kono\n  - Kano', 'aliases: [Taro Kono, KONO,\u3000KONO Taro, Tara Kono, Kano]')
        .replace('id: kono-taro', 'id: kono-taro # checked\u202E here'),
    );
    const comment = after(text, '# checked');
    const flow = after(text, 'KONO,');
    const key = after(text, 'native');
    expect(diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [comment.line, comment.column, 'Invisible character U+202E RIGHT-TO-LEFT OVERRIDE in a comment.'],
      [flow.line, flow.column, 'Look-alike character U+3000 IDEOGRAPHIC SPACE: it looks like a space but is not one.'],
      [key.line, key.column, 'Invisible character U+00AD SOFT HYPHEN.'],
    ]);
    expect(diagnostics[0]!.hint).toMatch(/changes how the text around it is displayed/);
  });

  it('every kind of the issue: other spaces, joiners, a byte-order mark past the start, bidi isolates, controls', async () => {
    const chars: Array<[string, string]> = [
      ['\u2009', 'U+2009 THIN SPACE'],
      ['\u202F', 'U+202F NARROW NO-BREAK SPACE'],
      ['\u200C', 'U+200C ZERO WIDTH NON-JOINER'],
      ['\u200D', 'U+200D ZERO WIDTH JOINER'],
      ['\uFEFF', 'U+FEFF ZERO WIDTH NO-BREAK SPACE (a byte-order mark)'],
      ['\u2067', 'U+2067 RIGHT-TO-LEFT ISOLATE'],
      ['\u200F', 'U+200F RIGHT-TO-LEFT MARK'],
      ['\u0007', 'U+0007 ALERT'],
      ['\u3164', 'U+3164 HANGUL FILLER'],
    ];
    for (const [ch, named] of chars) {
      const { text, diagnostics } = await check(KONO, (t) => t.replace('Tara Kono', `Tara${ch}Kono`));
      const at = after(text, 'Tara');
      expect(diagnostics.map((d) => [d.code, d.line, d.column, d.endColumn]), named).toEqual([['YAML007', at.line, at.column, at.column + 1]]);
      expect(diagnostics[0]!.message).toContain(named);
    }
  });

  it('a run of the same character is one diagnostic; after 20, the last one counts the rest', async () => {
    const { diagnostics: run } = await check(KONO, (t) => t.replace('Tara Kono', 'Tara\u00A0\u00A0\u00A0Kono'));
    expect(run.map((d) => [d.column, d.endColumn, d.message])).toEqual([[9, 12, 'Look-alike character U+00A0 NO-BREAK SPACE (3 in a row): it looks like a space but is not one.']]);
    const { diagnostics: many } = await check(KONO, (t) => t.replace('many outlets', Array.from({ length: 25 }, () => 'a\u200Bb').join(' ')));
    expect(many).toHaveLength(20);
    expect(many.at(-1)!.message).toMatch(/The file holds 5 more such characters after this one\.$/);
  });

  it('a byte-order mark at the very start, and characters written as escapes, are not reported here', async () => {
    const { diagnostics: bom } = await check(KONO, (t) => `\uFEFF${t}`);
    expect(bom).toEqual([]);
    const { diagnostics: escaped } = await check(KONO, (t) => t.replace('name: Kono Taro', 'name: "Kono\\u00A0Taro"'));
    expect(escaped.filter((d) => d.code === 'YAML007')).toEqual([]);
  });

  it('the pretty frame shows the character as ⟨U+00A0⟩, with the marker under it', async () => {
    const { text, diagnostics } = await check(KONO, (t) => t.replace('name: Kono Taro', 'name:\u00A0Kono Taro'));
    const out = renderPretty(diagnostics, { files: 1, records: 1, errors: 1, warnings: 0 }, { color: false, sources: new Map([[diagnostics[0]!.file, text]]) });
    const lines = out.split('\n');
    const row = lines.find((l) => l.includes('name:'))!;
    expect(row).toMatch(/> \d+ \| name:⟨U\+00A0⟩Kono Taro$/);
    const marker = lines[lines.indexOf(row) + 1]!;
    expect(marker.indexOf('^')).toBe(row.indexOf('⟨'));
    expect(marker.trimEnd().length - marker.indexOf('^')).toBe('⟨U+00A0⟩'.length);
    expect(out).not.toContain('\u00A0');
  });
});
