// Our JSON-LD context, generated from the term table: every term maps explicitly to an
// IRI (schema.org, PROV, SKOS or our own namespace), so nothing depends on fetching
// schema.org's context. There is no `@vocab`: a key that is not a term is an error in
// safe mode rather than a silently invented IRI.
import { iri } from './namespaces.js';
import { conceptScheme } from './schemes.js';
import { PREFIXES, termTable, type TermDef } from './terms.js';

export type JsonObject = { [key: string]: unknown };

/**
 * The scoped context of a property whose values are concepts: each term id of the scheme
 * is a term for its concept IRI. Defined explicitly (rather than with a scoped `@vocab`)
 * so a value can never be captured by a property term of the same name (the confidence
 * level `medium` is not the property `medium`) and an unknown value is an error, not an IRI.
 */
function conceptTerms(schemeId: Parameters<typeof conceptScheme>[0]): JsonObject {
  const scoped: JsonObject = {};
  for (const term of conceptScheme(schemeId).terms) scoped[term.id] = iri.concept(schemeId, term.id);
  return scoped;
}

function termDefinition(def: TermDef): string | JsonObject {
  if (!def.type && !def.set) return def.id;
  const out: JsonObject = { '@id': def.id };
  if (def.type === '@id' || def.type === '@vocab' || def.type === 'xsd:date') {
    out['@type'] = def.type;
  } else if (def.type) {
    out['@type'] = '@vocab';
    out['@context'] = conceptTerms(def.type.scheme);
  }
  if (def.set) out['@container'] = '@set';
  return out;
}

/** The context object (the value of `@context`), with a stable key order. */
export function buildContext(): JsonObject {
  const context: JsonObject = { '@version': 1.1 };
  for (const [prefix, namespace] of Object.entries(PREFIXES)) context[prefix] = namespace;
  for (const def of termTable()) {
    if (def.term in context) throw new Error(`Term ${def.term} is defined twice`);
    context[def.term] = termDefinition(def);
  }
  return context;
}

/** The published `context.jsonld` document. */
export function contextDocument(): JsonObject {
  return { '@context': buildContext() };
}
