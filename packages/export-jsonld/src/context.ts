// Our JSON-LD context, generated from the term table: every term maps explicitly to an
// IRI (schema.org, PROV, SKOS or our own namespace), so nothing depends on fetching
// schema.org's context. There is no global `@vocab`: a key that is not a term is an error
// in safe mode rather than a silently invented IRI.
import { iri } from './namespaces.js';
import { conceptScheme } from './schemes.js';
import { PREFIXES, termTable, type TermDef } from './terms.js';

export type JsonObject = { [key: string]: unknown };

/**
 * The scoped context of a property whose values are concepts. Each term id of the scheme
 * is a term for its concept IRI; any other value lands under `iri.notATerm(scheme)`,
 * visibly not a concept, the same in jsonld.js, pyld and rdflib, with or without a base:
 *
 * - `@vocab` catches a value that is no term at all (without it, a processor resolves it
 *   against the document's base, an IRI under the consumer's own location);
 * - the other terms of the context (not the prefixes, so `schema:Thing` stays an IRI) are
 *   redefined as `{}`, which takes the `@vocab` IRI: otherwise a value equal to a term
 *   (`medium: name`) would become that term's IRI (`schema:name`);
 * - the property's own term keeps its coercion but points there too (`medium: medium`),
 *   since processors read the coercion of the value from this scoped context;
 * - `@propagate: false` keeps all this out of node objects under the property.
 *
 * A property whose value may also be a node (`initiator`) gets the scheme terms and
 * `@vocab` only: jsonld.js applies a property-scoped context inside such a node even with
 * `@propagate: false`, so redefined terms would rename the node's own properties. (With the
 * scheme terms alone, pyld 2.0.3 dropped the node's `country` and `person`.)
 */
function conceptTerms(schemeId: Parameters<typeof conceptScheme>[0], property: string, others: readonly string[], nodes: boolean): JsonObject {
  const scoped: JsonObject = { '@propagate': false, '@vocab': iri.notATerm(schemeId) };
  if (!nodes) {
    for (const term of others) scoped[term] = term === property ? { '@id': iri.notATerm(schemeId, term), '@type': '@vocab' } : {};
  }
  for (const term of conceptScheme(schemeId).terms) scoped[term.id] = iri.concept(schemeId, term.id);
  return scoped;
}

/** Properties whose value is a concept or a node: the initiator (`unknown`, or who it was). */
const CONCEPT_OR_NODE = new Set(['initiator']);

function termDefinition(def: TermDef, others: readonly string[]): string | JsonObject {
  if (!def.type && !def.set) return def.id;
  const out: JsonObject = { '@id': def.id };
  if (def.type === '@id' || def.type === '@vocab' || def.type === 'xsd:date') {
    out['@type'] = def.type;
  } else if (def.type) {
    out['@type'] = '@vocab';
    out['@context'] = conceptTerms(def.type.scheme, def.term, others, CONCEPT_OR_NODE.has(def.term));
  }
  if (def.set) out['@container'] = '@set';
  return out;
}

/** The context object (the value of `@context`), with a stable key order. */
export function buildContext(): JsonObject {
  const context: JsonObject = { '@version': 1.1 };
  for (const [prefix, namespace] of Object.entries(PREFIXES)) context[prefix] = namespace;
  const terms = termTable();
  const others = terms.map((def) => def.term);
  for (const def of terms) {
    if (def.term in context) throw new Error(`Term ${def.term} is defined twice`);
    context[def.term] = termDefinition(def, others);
  }
  return context;
}

/** The published `context.jsonld` document. */
export function contextDocument(): JsonObject {
  return { '@context': buildContext() };
}
