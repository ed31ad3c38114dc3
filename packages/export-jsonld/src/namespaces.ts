// Every IRI the JSON-LD export mints, in one place. `https://w3id.org/engagements/` is the
// planned permanent namespace of the project (a w3id.org redirect); nothing here is fetched.

/** The project's namespace: records, vocabulary and context all live under it. */
export const BASE = 'https://w3id.org/engagements/';
/** The IRI the context is published under; documents may reference it with an offline loader. */
export const CONTEXT_IRI = `${BASE}context.jsonld`;
/** The ontology: our own classes and properties are `vocab#Name`. */
export const ONTOLOGY_IRI = `${BASE}vocab`;
/** Our own classes and properties (prefix `eng:`). */
export const ENG = `${BASE}vocab#`;
/** Controlled vocabularies: `vocab/<vocabulary>` is a concept scheme, `vocab/<vocabulary>/<term>` a concept. */
export const SCHEME_BASE = `${BASE}vocab/`;
/** Records: `id/engagement/<id>`, `id/person/<id>`, `id/organization/<id>`. */
export const ID_BASE = `${BASE}id/`;

export const SCHEMA = 'https://schema.org/';
export const PROV = 'http://www.w3.org/ns/prov#';
export const XSD = 'http://www.w3.org/2001/XMLSchema#';
export const SKOS = 'http://www.w3.org/2004/02/skos/core#';
export const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
export const OWL = 'http://www.w3.org/2002/07/owl#';
export const WIKIDATA_ENTITY = 'http://www.wikidata.org/entity/';

/** The IRIs of records and of the nodes inside them. Ids are slugs, so they need no escaping. */
export const iri = {
  engagement: (id: string): string => `${ID_BASE}engagement/${id}`,
  person: (id: string): string => `${ID_BASE}person/${id}`,
  organization: (id: string): string => `${ID_BASE}organization/${id}`,
  /** A source of an engagement, by its local id. */
  source: (engagementId: string, localId: string): string => `${iri.engagement(engagementId)}#source-${localId}`,
  /** The n-th participant (1-based, in record order). */
  participant: (engagementId: string, n: number): string => `${iri.engagement(engagementId)}#participant-${n}`,
  outcome: (engagementId: string, n: number): string => `${iri.engagement(engagementId)}#outcome-${n}`,
  disagreement: (engagementId: string, n: number): string => `${iri.engagement(engagementId)}#disagreement-${n}`,
  initiator: (engagementId: string): string => `${iri.engagement(engagementId)}#initiator`,
  /** The n-th position (1-based, in record order) of a person. */
  position: (personId: string, n: number): string => `${iri.person(personId)}#position-${n}`,
  /** A source of a person record, by its local id. */
  personSource: (personId: string, localId: string): string => `${iri.person(personId)}#source-${localId}`,
  scheme: (scheme: string): string => `${SCHEME_BASE}${scheme}`,
  concept: (scheme: string, term: string): string => `${SCHEME_BASE}${scheme}/${term}`,
  /**
   * Where a value outside a vocabulary lands when a consumer's document uses our context:
   * `not-a-term/<vocabulary>/<value>`, outside `vocab/`, so that it is visibly no concept
   * (and never an IRI under the consumer's own base).
   */
  notATerm: (scheme: string, value = ''): string => `${BASE}not-a-term/${scheme}/${value}`,
  wikidata: (qid: string): string => `${WIKIDATA_ENTITY}${qid}`,
};
