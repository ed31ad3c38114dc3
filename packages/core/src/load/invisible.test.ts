import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeCodePoint, findInvisible, hasInvisible, INVISIBLE, showInvisible } from './invisible.js';

const GENERATOR = path.resolve(import.meta.dirname, '../../scripts/generate-invisible.mjs');

describe('invisible characters', () => {
  it('the generated set and names are fresh (regenerate with node packages/core/scripts/generate-invisible.mjs)', () => {
    const r = spawnSync(process.execPath, [GENERATOR, '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('holds what the issue lists, and not tab, line feed, carriage return or the plain space', () => {
    for (const cp of [0xa0, 0x2007, 0x202f, 0x3000, 0x200b, 0x200c, 0x200d, 0x2060, 0xad, 0xfeff, 0x202e, 0x2066, 0x200e, 0x061c, 0x0007, 0x0085, 0x2028, 0xe0041, 0xfe0f]) {
      expect(INVISIBLE.test(String.fromCodePoint(cp)), describeCodePoint(cp)).toBe(true);
    }
    for (const ch of ['\t', '\n', '\r', ' ', 'a', 'é', '河', '😀', '＝']) expect(INVISIBLE.test(ch), ch).toBe(false);
  });

  it('names characters by code point and Unicode name', () => {
    expect(describeCodePoint(0xa0)).toBe('U+00A0 NO-BREAK SPACE');
    expect(describeCodePoint(0x200d)).toBe('U+200D ZERO WIDTH JOINER');
    expect(describeCodePoint(0x2069)).toBe('U+2069 POP DIRECTIONAL ISOLATE');
    expect(describeCodePoint(0xe0041)).toBe('U+E0041 TAG LATIN CAPITAL LETTER A');
    expect(describeCodePoint(0xe0080)).toBe('U+E0080'); // unassigned: the code point alone
  });

  it('a leading byte-order mark is not counted; one further on is', () => {
    expect(hasInvisible('\uFEFFid: x\n')).toBe(false);
    expect(hasInvisible('id: x\uFEFF\n')).toBe(true);
    expect(findInvisible('\uFEFF\uFEFFid: x\n').map((f) => [f.offset, f.length])).toEqual([[1, 1]]);
  });

  it('counts characters outside the Basic Multilingual Plane as two code units', () => {
    const [f] = findInvisible('name: a\u{E0041}b\n');
    expect(f).toMatchObject({ offset: 7, length: 2, codePoint: 0xe0041 });
  });

  it('shows characters as ⟨U+XXXX⟩ and maps columns onto the shown line', () => {
    const shown = showInvisible('a\u00A0b\u200Bc');
    expect(shown.text).toBe('a⟨U+00A0⟩b⟨U+200B⟩c');
    expect([1, 2, 3, 4, 5, 6].map(shown.columnOf)).toEqual([1, 2, 10, 11, 19, 20]);
    expect(showInvisible('plain').text).toBe('plain');
    expect(showInvisible('a\u0007b').text).toBe('a\u0007b'); // controls are left to the renderer's pictures (␇)
  });

  it('is linear: a megabyte of no-break spaces and zero-width spaces is scanned at once', () => {
    const text = 'notes: ' + 'a\u00A0\u200B'.repeat(350_000);
    const findings = findInvisible(text);
    expect(findings).toHaveLength(20);
    expect(findings.at(-1)!.message).toMatch(/The file holds 699980 more such characters after this one\.$/);
  });
});
