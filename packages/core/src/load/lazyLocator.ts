import { LineCounter, parseDocument } from 'yaml';
import type { SourceLocator } from '../dataset.js';
import { createLocator } from './locator.js';

/**
 * A locator that parses the text with yaml v2 (which keeps positions) only when a
 * diagnostic first asks for a position. Valid records, the common case, never pay for
 * it, and nothing but a way to get the text back is kept in memory meanwhile.
 */
export function createLazyLocator(readText: () => string): SourceLocator {
  let real: SourceLocator | undefined;
  return {
    locate(path, target, within) {
      if (!real) {
        const text = readText().replace(/^\uFEFF/, '');
        const lineCounter = new LineCounter();
        const doc = parseDocument(text, { lineCounter, version: '1.2', schema: 'core', uniqueKeys: true, keepSourceTokens: false });
        real = createLocator(doc, lineCounter, text);
      }
      return real.locate(path, target, within);
    },
  };
}
