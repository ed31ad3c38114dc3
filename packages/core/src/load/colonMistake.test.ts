import { describe, expect, it } from 'vitest';
import { findColonMistake } from './colonMistake.js';

describe('findColonMistake', () => {
  it('names a key with no space after its colon, at the key and its colon', () => {
    const text = 'id: a\nmedium:video\ntype: call\n';
    expect(findColonMistake(text, 'MULTILINE_IMPLICIT_KEY', text.indexOf('medium'))).toMatchObject({ offset: 6, length: 7, certain: true, hint: 'Write a space after the colon: `medium: video`.' });
  });

  it('takes a URL\'s `//` for no key: that line gets the "no `: `" words, not a made-up key `https`', () => {
    const text = 'a:\n  b: 1\n  https://example.org/x\n';
    const found = findColonMistake(text, 'MISSING_CHAR', text.indexOf('https'));
    expect(found?.certain).toBe(false);
    expect(found?.message).not.toMatch(/key `https`/);
  });

  it('leaves quoted and bracketed text, and other errors, to their own messages', () => {
    expect(findColonMistake('a: 1\n"b\nc": 2\n', 'MULTILINE_IMPLICIT_KEY', 5)).toBeUndefined();
    expect(findColonMistake('a: 1\n[b, c]\n', 'MISSING_CHAR', 5)).toBeUndefined();
    expect(findColonMistake('a: "x: y\n', 'MISSING_CHAR', 3)).toBeUndefined();
    expect(findColonMistake('title: a: b\n', 'DUPLICATE_KEY', 7)).toBeUndefined();
  });

  it('names a `: ` inside a plain value only when a key stands before the value on its line', () => {
    const text = 'title: Call: the chiefs # a comment\n';
    expect(findColonMistake(text, 'BLOCK_AS_IMPLICIT_KEY', 7)).toMatchObject({ offset: 7, length: 'Call: the chiefs'.length, certain: true });
    expect(findColonMistake('  Call: the chiefs\n', 'BLOCK_AS_IMPLICIT_KEY', 2)).toBeUndefined();
  });
});
