// createCanonicalLocator: spans of a canonical text without the full parser. Every path
// of thousands of texts is compared with the full parser's locator in
// canonicalYaml.test.ts (agrees); here, the spans a contributor sees, and when the full
// parser is asked after all.
import { describe, expect, it, vi } from 'vitest';
import { createCanonicalLocator } from './canonicalLocator.js';
import { parseCanonicalYaml } from './canonicalYaml.js';
import { parseRecordText } from './parseYaml.js';
import { expectSameSpans } from '../../../../tests/support/sameSpans.js';

const TEXT = `# a comment line
id: 2020-01-01-a
medium: vidoe   # misspelt
topics: [trade, 'it''s', "b\\"c"]
participants:
  - person: kono-taro
    role: host

  - organization: x
notes: >-
  Folded text
  on two lines.

sources:
`;

function fullLocator() {
  const parsed = parseRecordText(TEXT);
  if (!parsed.ok) throw new Error('not parsed');
  return parsed.locator;
}

describe('createCanonicalLocator', () => {
  it('points at values, keys, list items and the first line of a mapping, as the full parser does', () => {
    const fallback = vi.fn(fullLocator);
    const locator = createCanonicalLocator(TEXT, fallback);
    expect(locator.locate(['medium'])).toEqual({ line: 3, column: 9, endLine: 3, endColumn: 14 });
    expect(locator.locate(['medium'], 'key')).toEqual({ line: 3, column: 1, endLine: 3, endColumn: 7 });
    expect(locator.locate(['topics', 1])).toEqual({ line: 4, column: 17, endLine: 4, endColumn: 24 });
    expect(locator.locate(['topics', 2])).toEqual({ line: 4, column: 26, endLine: 4, endColumn: 32 });
    expect(locator.locate(['participants', 1])).toEqual({ line: 9, column: 5, endLine: 9, endColumn: 20 });
    expect(locator.locate(['participants', 0, 'missing'])).toEqual({ line: 6, column: 5, endLine: 6, endColumn: 22 });
    expect(locator.locate(['notes'])).toEqual({ line: 10, column: 8, endLine: 13, endColumn: 1 });
    // An empty value: the key.
    expect(locator.locate(['sources'])).toEqual({ line: 14, column: 1, endLine: 14, endColumn: 8 });
    expect(locator.locate(['notes'], 'value', 'two')).toEqual({ line: 12, column: 6, endLine: 12, endColumn: 9 });
    expect(fallback).not.toHaveBeenCalled();
    expectSameSpans(TEXT, parseCanonicalYaml(TEXT));
  });

  it('asks the full parser for a character inside a mapping or a list in block style, and only then', () => {
    const fallback = vi.fn(fullLocator);
    const locator = createCanonicalLocator(TEXT, fallback);
    expect(locator.locate(['participants'], 'value', 'kono')).toEqual(fullLocator().locate(['participants'], 'value', 'kono'));
    expect(locator.locate(['participants'], 'value', 'kono')).toEqual({ line: 6, column: 13, endLine: 6, endColumn: 17 });
    expect(fallback).toHaveBeenCalledTimes(1);
  });
});
