// N-Quads of a JSON-LD document: jsonld.toRDF in safe mode (an undefined term or a dropped
// value is an error), offline, then sorted and de-duplicated lines. The graph has no blank
// nodes, so the sorted lines are its canonical form.
import jsonld from 'jsonld';
import { offlineDocumentLoader } from './offline.js';

export async function toNQuads(document: unknown): Promise<string> {
  const nquads = await jsonld.toRDF(document, { format: 'application/n-quads', safe: true, documentLoader: offlineDocumentLoader() });
  const lines = [...new Set(nquads.split('\n').filter((line) => line.length > 0))];
  for (const line of lines) {
    // Subject, then the predicate (always an IRI without spaces), then the object.
    const match = /^(\S+) <[^>]*> (.*)$/.exec(line);
    if (!match || match[1]!.startsWith('_:') || match[2]!.startsWith('_:')) throw new Error(`Unexpected blank node or malformed line in the N-Quads: ${line}`);
  }
  lines.sort();
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
