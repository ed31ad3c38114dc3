import { LineCounter, parseDocument } from 'yaml';
import type { SourceLocator } from '../dataset.js';
import { parseCanonicalYaml } from './canonicalYaml.js';
import { createCanonicalLocator } from './canonicalLocator.js';
import { createLocator } from './locator.js';

/**
 * A locator that reads the text only when a diagnostic first asks for a position. Valid
 * records, the common case, never pay for it, and nothing but a way to get the text back
 * is kept in memory meanwhile. Text in the canonical form is walked by
 * createCanonicalLocator; other text is parsed with yaml v2, which keeps positions.
 */
export function createLazyLocator(readText: () => string): SourceLocator {
  let real: SourceLocator | undefined;
  return {
    locate(path, target, within) {
      if (!real) {
        const text = readText().replace(/^\uFEFF/, '');
        real = parseCanonicalYaml(text) === undefined ? parseFully(text) : createCanonicalLocator(text, () => parseFully(text));
      }
      return real.locate(path, target, within);
    },
  };
}

function parseFully(text: string): SourceLocator {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, version: '1.2', schema: 'core', uniqueKeys: true, keepSourceTokens: false });
  return createLocator(doc, lineCounter, text);
}
