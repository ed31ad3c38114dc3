// vocabulary.jsonld expands in safe mode offline, defines every term of our namespace that
// the context maps and the graph uses, and carries every controlled vocabulary of
// @engagements/schema as a SKOS concept scheme, term for term.
import { schemas, vocabularies } from '@engagements/schema';
import { describe, expect, it } from 'vitest';
import { CONCEPT, ENG, exportFiles, FOUNDING_RECORDS, jsonld, loadPublished, nodeIndex, offlineLoader, RDFS, REAL_RECORDS, SKOS, valuesOf, type ExpandedNode } from './helpers.js';

const RDF_PROPERTY = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#Property';
const RDFS_CLASS = `${RDFS}Class`;
const OURS = 'https://w3id.org/engagements/vocab';

type Json = Record<string, unknown>;

describe('vocabulary.jsonld', async () => {
  const files = await exportFiles(await loadPublished(FOUNDING_RECORDS));
  const vocabulary = JSON.parse(files.get('vocabulary.jsonld')!) as Json;
  const context = (JSON.parse(files.get('context.jsonld')!) as { '@context': Json })['@context'];
  const loader = offlineLoader(files.get('context.jsonld')!);
  const nodes = await nodeIndex(vocabulary, loader);

  const english = (node: ExpandedNode | undefined, property: string): string | undefined => {
    const value = valuesOf(node, property).find((v) => v['@language'] === 'en');
    return typeof value?.['@value'] === 'string' ? value['@value'] : undefined;
  };

  it('expands in safe mode without loading anything', async () => {
    await jsonld.expand(vocabulary, { safe: true, documentLoader: loader });
    expect(loader.refused).toEqual([]);
  });

  it('defines every term of our namespace the context maps, with a type, label and comment', () => {
    const ours = Object.values(context)
      .map((d) => (typeof d === 'string' ? d : (d as Json)?.['@id']))
      .filter((id): id is string => typeof id === 'string' && id.startsWith('eng:'))
      .map((id) => ENG + id.slice(4));
    expect(ours.length).toBeGreaterThan(20);
    for (const id of ours) {
      const node = nodes.get(id);
      expect(node, id).toBeDefined();
      expect(node!['@type']!.some((t) => t === RDFS_CLASS || t === RDF_PROPERTY), id).toBe(true);
      expect(english(node, `${RDFS}label`), id).toBeTruthy();
      expect(english(node, `${RDFS}comment`), id).toBeTruthy();
      expect(valuesOf(node, `${RDFS}isDefinedBy`)).toEqual([{ '@id': OURS }]);
    }
  });

  it('defines every concept the context maps as a skos:Concept of a skos:ConceptScheme', () => {
    // The concept terms of each scoped context (the rest of it catches values that are no concept).
    const concepts = Object.values(context)
      .flatMap((d) => Object.entries(((d as Json)?.['@context'] as Record<string, unknown>) ?? {}))
      .filter(([term, id]) => !term.startsWith('@') && typeof id === 'string')
      .map(([, id]) => id as string);
    expect(concepts.every((id) => id.startsWith(`${OURS}/`))).toBe(true);
    expect(concepts.length).toBeGreaterThan(50);
    for (const id of concepts) {
      const node = nodes.get(id);
      expect(node?.['@type'], id).toEqual([`${SKOS}Concept`]);
      expect(english(node, `${SKOS}prefLabel`), id).toBeTruthy();
      expect(english(node, `${SKOS}definition`), id).toBeTruthy();
      const [scheme] = valuesOf(node, `${SKOS}inScheme`);
      expect(nodes.get(scheme!['@id']!)?.['@type'], id).toEqual([`${SKOS}ConceptScheme`]);
    }
  });

  it('carries every controlled vocabulary of @engagements/schema, term for term', () => {
    for (const v of Object.values(vocabularies)) {
      const scheme = nodes.get(`${OURS}/${v.id}`);
      expect(english(scheme, `${SKOS}prefLabel`)).toBe(v.label);
      expect(english(scheme, `${SKOS}definition`)).toBe(v.definition);
      expect(valuesOf(scheme, `${SKOS}hasTopConcept`).map((x) => x['@id']).sort()).toEqual(v.terms.map((t) => CONCEPT(v.id, t.id)).sort());
      for (const t of v.terms) {
        const concept = nodes.get(CONCEPT(v.id, t.id));
        expect(english(concept, `${SKOS}prefLabel`)).toBe(t.label);
        expect(english(concept, `${SKOS}definition`)).toBe(t.definition);
        expect(valuesOf(concept, `${SKOS}notation`)).toEqual([{ '@value': t.id }]);
      }
    }
  });

  it('takes the labels of our properties from the schemas', () => {
    const participant = (schemas['engagement.schema.json'].$defs.Participant.properties as Record<string, { title: string; description: string }>).title_as_reported!;
    expect(english(nodes.get(`${ENG}titleAsReported`), `${RDFS}label`)).toBe(participant.title);
    expect(english(nodes.get(`${ENG}titleAsReported`), `${RDFS}comment`)).toBe(participant.description);
  });
});

describe('every IRI of our namespace in the real graph', async () => {
  const files = await exportFiles(await loadPublished(REAL_RECORDS, { allowRuleErrors: true }));
  const vocabularyNodes = await nodeIndex(JSON.parse(files.get('vocabulary.jsonld')!), offlineLoader(files.get('context.jsonld')!));

  it('is defined in the vocabulary (predicates, types and concepts)', () => {
    const used = new Set<string>();
    for (const line of files.get('engagements.nq')!.split('\n')) {
      for (const match of line.matchAll(/<(https:\/\/w3id\.org\/engagements\/vocab[^>]*)>/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(10);
    for (const id of used) expect(vocabularyNodes.has(id), id).toBe(true);
  });
});
