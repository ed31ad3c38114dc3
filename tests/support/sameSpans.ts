// For tests: whether createCanonicalLocator answers every question a diagnostic can ask
// of a canonical text exactly as the full parser's locator does.
import { expect } from 'vitest';
import type { SourceLocator } from '../../packages/core/src/dataset.js';
import { createCanonicalLocator } from '../../packages/core/src/load/canonicalLocator.js';
import { parseRecordText } from '../../packages/core/src/load/parseYaml.js';

type Path = (string | number)[];

/** Every path into `value` (the root too), and beside each a few that leave it: a missing key, an index past the end, a key below a scalar. */
function questions(value: unknown, path: Path = [], out: Array<{ path: Path; within?: string }> = []): Array<{ path: Path; within?: string }> {
  out.push({ path });
  if (Array.isArray(value)) {
    value.forEach((item, i) => questions(item, [...path, i], out));
    out.push({ path: [...path, value.length] }, { path: [...path, 'key'] });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) questions(item, [...path, key], out);
    out.push({ path: [...path, 'missing'] }, { path: [...path, 0] });
  } else {
    out.push({ path: [...path, 'below'] });
    if (typeof value === 'string' && value.length > 0) {
      // A character inside the value (its last, as RULE011 points at one), a word, and text it does not hold.
      out.push({ path, within: value.at(-1)! }, { path, within: value.slice(0, 3) }, { path, within: '\u0000' });
    }
  }
  if (value !== null && typeof value === 'object') out.push({ path, within: 'a' });
  return out;
}

/** Asserts that the canonical locator of `text` (which parseCanonicalYaml accepts, reading `value`) gives the full parser's span for every question. */
export function expectSameSpans(text: string, value: unknown): void {
  const full = parseRecordText(text);
  if (!full.ok) throw new Error(`the full parser rejects a canonical text:\n${text}`);
  const expected: SourceLocator = full.locator;
  const canonical = createCanonicalLocator(text, () => expected);
  for (const { path, within } of questions(value)) {
    for (const target of ['value', 'key'] as const) {
      const want = expected.locate(path, target, within);
      const got = canonical.locate(path, target, within);
      if (got.line !== want.line || got.column !== want.column || got.endLine !== want.endLine || got.endColumn !== want.endColumn) {
        expect(got, `${JSON.stringify(path)} ${target}${within === undefined ? '' : ` within ${JSON.stringify(within)}`} in:\n${text}`).toEqual(want);
      }
    }
  }
}
