// A jsonld.js documentLoader that never touches the network: it serves our own context
// for its published IRI and refuses every other IRI.
import { contextDocument } from './context.js';
import { CONTEXT_IRI } from './namespaces.js';

/** A jsonld.js document loader (the shape `documentLoader` options take). */
export type DocumentLoader = (url: string, options?: unknown) => Promise<{ contextUrl: string | null; document: unknown; documentUrl: string }>;

/**
 * Loader for `jsonld.expand(doc, { documentLoader })` and friends: `CONTEXT_IRI` resolves to
 * the context this package generates, anything else throws. Pass `extra` to serve more
 * documents by IRI.
 */
export function offlineDocumentLoader(extra: Record<string, unknown> = {}): DocumentLoader {
  const documents = new Map<string, unknown>([[CONTEXT_IRI, contextDocument()], ...Object.entries(extra)]);
  return async (url: string) => {
    const document = documents.get(url);
    if (document === undefined) throw new Error(`Refusing to load ${url}: the JSON-LD export is processed offline.`);
    return { contextUrl: null, document: structuredClone(document), documentUrl: url };
  };
}
