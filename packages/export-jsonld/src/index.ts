// The JSON-LD stage: dataset -> jsonld/context.jsonld, jsonld/vocabulary.jsonld,
// jsonld/engagements.jsonld (one graph, context embedded) and jsonld/engagements.nq.
// The two large files are streamed: their content is a generator that builds and writes
// one top-level node at a time, so memory does not grow with the dataset.
import type { Exporter, OutputFile, PublishedDataset } from '@engagements/core';
import { contextDocument } from './context.js';
import { graphJsonChunks, graphNodeStream } from './graph.js';
import { stableJson } from './json.js';
import { nquadsChunks } from './nquads.js';
import { vocabularyDocument } from './vocabulary.js';

export { buildContext, contextDocument, type JsonObject } from './context.js';
export { engagementNode, graphDocument, graphJsonChunks, graphNodes, graphNodeStream, organizationNode, personNode, PRIMARY_SOURCE_KINDS } from './graph.js';
export { BASE, CONTEXT_IRI, ENG, ID_BASE, iri, ONTOLOGY_IRI, SCHEME_BASE } from './namespaces.js';
export { nquadsChunks, toNQuads } from './nquads.js';
export { stableJson, stableJsonChunks } from './json.js';
export { offlineDocumentLoader, type DocumentLoader } from './offline.js';
export { conceptSchemes, type Concept, type ConceptScheme, type SchemeId } from './schemes.js';
export { PREFIXES, RELATION_TERMS, termTable, type TermDef } from './terms.js';
export { vocabularyDocument } from './vocabulary.js';

/** The JSON-LD files of a dataset, paths relative to the output folder. */
export function exportJsonld(dataset: PublishedDataset): OutputFile[] {
  return [
    { path: 'jsonld/context.jsonld', content: stableJson(contextDocument()) },
    { path: 'jsonld/engagements.jsonld', content: () => graphJsonChunks(dataset) },
    { path: 'jsonld/engagements.nq', content: () => nquadsChunks(graphNodeStream(dataset)) },
    { path: 'jsonld/vocabulary.jsonld', content: stableJson(vocabularyDocument()) },
  ];
}

export const jsonldExporter: Exporter = {
  name: 'jsonld',
  export: (dataset) => exportJsonld(dataset),
};
