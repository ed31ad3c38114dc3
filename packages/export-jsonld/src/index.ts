// The JSON-LD stage: dataset -> jsonld/context.jsonld, jsonld/vocabulary.jsonld,
// jsonld/engagements.jsonld (one graph, context embedded) and jsonld/engagements.nq.
import type { Exporter, OutputFile, PublishedDataset } from '@engagements/core';
import { contextDocument } from './context.js';
import { graphDocument } from './graph.js';
import { stableJson } from './json.js';
import { toNQuads } from './nquads.js';
import { vocabularyDocument } from './vocabulary.js';

export { buildContext, contextDocument, type JsonObject } from './context.js';
export { engagementNode, graphDocument, graphNodes, organizationNode, personNode, PRIMARY_SOURCE_KINDS } from './graph.js';
export { BASE, CONTEXT_IRI, ENG, ID_BASE, iri, ONTOLOGY_IRI, SCHEME_BASE } from './namespaces.js';
export { toNQuads } from './nquads.js';
export { offlineDocumentLoader, type DocumentLoader } from './offline.js';
export { conceptSchemes, type Concept, type ConceptScheme, type SchemeId } from './schemes.js';
export { PREFIXES, RELATION_TERMS, termTable, type TermDef } from './terms.js';
export { vocabularyDocument } from './vocabulary.js';

/** The JSON-LD files of a dataset, paths relative to the output folder. */
export function exportJsonld(dataset: PublishedDataset): OutputFile[] {
  const graph = graphDocument(dataset);
  return [
    { path: 'jsonld/context.jsonld', content: stableJson(contextDocument()) },
    { path: 'jsonld/engagements.jsonld', content: stableJson(graph) },
    { path: 'jsonld/engagements.nq', content: toNQuads(graph) },
    { path: 'jsonld/vocabulary.jsonld', content: stableJson(vocabularyDocument()) },
  ];
}

export const jsonldExporter: Exporter = {
  name: 'jsonld',
  export: (dataset) => exportJsonld(dataset),
};
