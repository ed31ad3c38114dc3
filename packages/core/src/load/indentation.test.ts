import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRecordFiles } from './findFiles.js';
import { findIndentationMistake } from './indentation.js';

describe('findIndentationMistake', () => {
  it('finds nothing in any record of the repository', async () => {
    const files = await findRecordFiles(path.resolve(import.meta.dirname, '../../../../records'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(findIndentationMistake(readFileSync(file, 'utf8')), file).toBeUndefined();
  });

  it('finds nothing in valid structures: compact lists, block scalars, multi-line flow and quoted values, comments', () => {
    const valid = [
      'a:\n- x\n- y\nb: 1\n',
      'a: |-\n  text: that looks\n      like keys: here\nb: 1\n',
      'a: >2-\n    indented\nb: 1\n',
      'a: [x,\n  y]\nb: {c: 1,\n  d: 2}\ne: 1\n',
      'a: "one\n  two: three"\nb: 1\n',
      'a:\n  # a comment at any indentation\n      # here too\n  b: 1\n',
      'list:\n  - a: 1\n    b:\n      - c\n  - d: 2\ne: 3\n',
    ];
    for (const text of valid) expect(findIndentationMistake(text), text).toBeUndefined();
  });

  it('names the expected column for each kind of mistake', () => {
    expect(findIndentationMistake('a: 1\n  b: 2\n')).toMatchObject({ line: 2, column: 3, length: 2, expectedColumn: 1 });
    expect(findIndentationMistake('a:\n  - b: 1\n    c: 2\n   d: 3\n')).toMatchObject({ line: 4, column: 4, expectedColumn: 5 });
    expect(findIndentationMistake('a:\n  - b: 1\n  c: 2\n')).toMatchObject({ line: 3, column: 3, expectedColumn: 5 });
    expect(findIndentationMistake('a:\n  - x\n - y\n')).toMatchObject({ line: 3, column: 2, length: 1, expectedColumn: 3 });
  });

  it('leaves tabs to the parser\'s own message', () => {
    expect(findIndentationMistake('a: 1\n\tb: 2\n')).toBeUndefined();
  });
});
