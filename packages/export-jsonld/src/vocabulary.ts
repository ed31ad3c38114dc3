// The vocabulary document: our own classes and properties (rdfs:Class / rdf:Property with
// label and comment) and every concept scheme with its concepts (skos:Concept with
// prefLabel and definition), all generated from the term table and @engagements/schema.
import type { JsonObject } from './context.js';
import { ENG, iri, ONTOLOGY_IRI, OWL, RDF, RDFS } from './namespaces.js';
import { conceptSchemes } from './schemes.js';
import { PREFIXES, termTable } from './terms.js';

/** The context of the vocabulary document (embedded in it). */
export function vocabularyContext(): JsonObject {
  return {
    '@version': 1.1,
    ...PREFIXES,
    rdf: RDF,
    rdfs: RDFS,
    owl: OWL,
    label: { '@id': 'rdfs:label', '@language': 'en' },
    comment: { '@id': 'rdfs:comment', '@language': 'en' },
    isDefinedBy: { '@id': 'rdfs:isDefinedBy', '@type': '@id' },
    subClassOf: { '@id': 'rdfs:subClassOf', '@type': '@id', '@container': '@set' },
    subPropertyOf: { '@id': 'rdfs:subPropertyOf', '@type': '@id', '@container': '@set' },
    range: { '@id': 'rdfs:range', '@type': '@id' },
    seeAlso: { '@id': 'rdfs:seeAlso', '@type': '@id' },
    prefLabel: { '@id': 'skos:prefLabel', '@language': 'en' },
    definition: { '@id': 'skos:definition', '@language': 'en' },
    notation: 'skos:notation',
    inScheme: { '@id': 'skos:inScheme', '@type': '@id' },
    topConceptOf: { '@id': 'skos:topConceptOf', '@type': '@id' },
    hasTopConcept: { '@id': 'skos:hasTopConcept', '@type': '@id', '@container': '@set' },
  };
}

/** The graph of the vocabulary document, sorted by IRI. */
export function vocabularyNodes(): JsonObject[] {
  const nodes: JsonObject[] = [
    {
      '@id': ONTOLOGY_IRI,
      '@type': 'owl:Ontology',
      label: 'Defence-diplomacy engagements vocabulary',
      comment: `Classes and properties of the engagements dataset that schema.org, PROV and SKOS do not provide (namespace ${ENG}), and the controlled vocabularies of the dataset as SKOS concept schemes under ${iri.scheme('')}.`,
    },
  ];
  const seen = new Set<string>();
  for (const def of termTable()) {
    if (!def.id.startsWith('eng:') || !def.doc) continue;
    if (seen.has(def.id)) continue;
    seen.add(def.id);
    const node: JsonObject = {
      '@id': def.id,
      '@type': def.kind === 'class' ? 'rdfs:Class' : 'rdf:Property',
      label: def.doc.label,
      comment: def.doc.comment,
      isDefinedBy: ONTOLOGY_IRI,
    };
    if (def.sub) node[def.kind === 'class' ? 'subClassOf' : 'subPropertyOf'] = def.sub;
    const conceptValued = def.type !== undefined && typeof def.type === 'object';
    const range = def.range !== undefined ? def.range : conceptValued ? 'skos:Concept' : def.type === 'xsd:date' ? 'xsd:date' : null;
    if (range) node.range = range;
    if (def.type && typeof def.type === 'object') node.seeAlso = iri.scheme(def.type.scheme);
    nodes.push(node);
  }
  for (const scheme of conceptSchemes()) {
    const schemeIri = iri.scheme(scheme.id);
    nodes.push({
      '@id': schemeIri,
      '@type': 'skos:ConceptScheme',
      prefLabel: scheme.label,
      definition: scheme.definition,
      isDefinedBy: ONTOLOGY_IRI,
      hasTopConcept: scheme.terms.map((t) => iri.concept(scheme.id, t.id)),
    });
    for (const term of scheme.terms) {
      nodes.push({
        '@id': iri.concept(scheme.id, term.id),
        '@type': 'skos:Concept',
        notation: term.id,
        prefLabel: term.label,
        definition: term.definition,
        inScheme: schemeIri,
        topConceptOf: schemeIri,
      });
    }
  }
  const key = (n: JsonObject): string => expandPrefixed(n['@id'] as string);
  return nodes.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function expandPrefixed(id: string): string {
  const colon = id.indexOf(':');
  const prefix = id.slice(0, colon) as keyof typeof PREFIXES;
  return colon > 0 && prefix in PREFIXES ? PREFIXES[prefix] + id.slice(colon + 1) : id;
}

/** The published `vocabulary.jsonld` document. */
export function vocabularyDocument(): JsonObject {
  return { '@context': vocabularyContext(), '@graph': vocabularyNodes() };
}
