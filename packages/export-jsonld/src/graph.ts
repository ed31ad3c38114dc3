// The dataset as one JSON-LD graph: engagements (schema:Event + eng:Engagement) with their
// participants (schema:Role), initiator, outcomes, disagreements and sources embedded;
// people (schema:Person) with their positions (schema:OrganizationRole); organizations
// (schema:Organization). Every node has an IRI (no blank nodes), so the N-Quads are
// canonical once sorted. Keys are written in a fixed order and top-level nodes are sorted
// by IRI, so the output is deterministic.
import { deriveFacts, participantCameoOf, type PublishedDataset } from '@engagements/core';
import type { Engagement, Medium, Organization, Person, Source, SourceKind } from '@engagements/schema';
import { buildContext, type JsonObject } from './context.js';
import { iri } from './namespaces.js';
import { RELATION_TERMS } from './terms.js';

/** schema.org's attendance mode for each medium; written contact has none. */
const ATTENDANCE_MODE: Partial<Record<Medium, string>> = {
  'in-person': 'OfflineEventAttendanceMode',
  video: 'OnlineEventAttendanceMode',
  telephone: 'OnlineEventAttendanceMode',
  mixed: 'MixedEventAttendanceMode',
};

/** The schema.org type of each source kind (CreativeWork for kinds without a closer type). */
const SOURCE_TYPE: Partial<Record<SourceKind, string>> = {
  'official-statement': 'Article',
  'embassy-release': 'Article',
  'news-report': 'NewsArticle',
  'wire-report': 'NewsArticle',
  reprint: 'NewsArticle',
  'social-media-post': 'SocialMediaPosting',
};

/**
 * Source kinds issued by one of the sides themselves: published as the engagement's
 * `prov:hadPrimarySource` (every source is also `schema:subjectOf`).
 */
export const PRIMARY_SOURCE_KINDS: ReadonlySet<string> = new Set<SourceKind>(['official-statement', 'embassy-release', 'social-media-post']);

/** Adds `key: value` unless the value is undefined or an empty array. */
function put(node: JsonObject, key: string, value: unknown): void {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
  node[key] = value;
}

function sourceNode(engagement: Engagement, source: Source): JsonObject {
  const node: JsonObject = {
    '@id': iri.source(engagement.id, source.id),
    '@type': [SOURCE_TYPE[source.kind] ?? 'CreativeWork', 'Source'],
    identifier: source.id,
  };
  put(node, 'name', source.title);
  node.sourceKind = source.kind;
  node.publisher = iri.organization(source.publisher);
  put(node, 'url', source.url);
  put(node, 'datePublished', source.published);
  put(node, 'inLanguage', source.language);
  put(node, 'wasDerivedFrom', source.reproduces?.map((ref) => iri.source(engagement.id, ref)));
  put(node, 'supports', source.supports);
  return node;
}

export function engagementNode(engagement: Engagement): JsonObject {
  const e = engagement;
  const facts = deriveFacts(e);
  const sourceIri = (ref: string): string => iri.source(e.id, ref);
  const node: JsonObject = {
    '@id': iri.engagement(e.id),
    '@type': ['Event', 'Engagement'],
    identifier: e.id,
    name: e.title,
    startDate: e.date,
  };
  put(node, 'endDate', e.end_date);
  node.datePrecision = e.date_precision;
  node.engagementType = e.type;
  node.medium = e.medium;
  put(node, 'eventAttendanceMode', ATTENDANCE_MODE[e.medium]);
  put(node, 'hostCountry', e.host);
  put(node, 'location', e.location);
  node.attendee = e.participants.map((p, i) => {
    const role: JsonObject = { '@id': iri.participant(e.id, i + 1), '@type': ['Role', 'Participant'], roleName: p.role };
    // The attendee is the person; an unnamed participant is its organization.
    role.attendee = p.person ? iri.person(p.person) : iri.organization(p.organization!);
    put(role, 'organization', p.organization && iri.organization(p.organization));
    role.country = p.country;
    put(role, 'titleAsReported', p.title_as_reported);
    put(role, 'nameAsReported', p.name_as_reported);
    const cameo = participantCameoOf(e, p.role, p.country);
    put(role, 'cameoCode', cameo?.code);
    put(role, 'cameoLabel', cameo?.label);
    return role;
  });
  if (e.initiator === 'unknown') {
    node.initiator = 'unknown';
  } else {
    const initiator: JsonObject = { '@id': iri.initiator(e.id), '@type': 'Initiator', country: e.initiator.country };
    put(initiator, 'person', e.initiator.person && iri.person(e.initiator.person));
    initiator.wasDerivedFrom = e.initiator.sources.map(sourceIri);
    node.initiator = initiator;
  }
  put(node, 'topic', [...e.topics]);
  put(
    node,
    'outcome',
    e.outcomes?.map((o, i) => {
      const outcome: JsonObject = { '@id': iri.outcome(e.id, i + 1), '@type': 'Outcome', outcomeKind: o.kind, description: o.summary };
      put(outcome, 'byCountry', o.by);
      outcome.wasDerivedFrom = o.sources.map(sourceIri);
      return outcome;
    }),
  );
  put(
    node,
    'disagreement',
    e.disagreements?.map((d, i) => ({
      '@id': iri.disagreement(e.id, i + 1),
      '@type': 'Disagreement',
      disagreementField: d.field,
      description: d.description,
      source: d.sources.map(sourceIri),
    })),
  );
  node.confidence = e.confidence.level;
  node.confidenceReason = e.confidence.reason;
  put(node, 'note', e.notes);
  for (const [relation, term] of Object.entries(RELATION_TERMS)) {
    put(node, term, e.related?.filter((r) => r.relation === relation).map((r) => iri.engagement(r.engagement)));
  }
  node.subjectOf = e.sources.map((s) => sourceNode(e, s));
  put(node, 'hadPrimarySource', e.sources.filter((s) => PRIMARY_SOURCE_KINDS.has(s.kind)).map((s) => sourceIri(s.id)));
  node.countries = facts.countries;
  node.scope = facts.scope;
  put(node, 'cameoCode', facts.cameo?.code);
  put(node, 'cameoLabel', facts.cameo?.label);
  return node;
}

export function personNode(person: Person): JsonObject {
  const node: JsonObject = { '@id': iri.person(person.id), '@type': 'Person', identifier: person.id, name: person.name };
  put(node, 'alternateName', person.aliases && [...person.aliases]);
  put(node, 'nativeName', person.native_name);
  put(node, 'sameAs', person.wikidata && [iri.wikidata(person.wikidata)]);
  node.memberOf = person.positions.map((p, i) => {
    const position: JsonObject = { '@id': iri.position(person.id, i + 1), '@type': ['OrganizationRole', 'Position'], positionTitle: p.title };
    put(position, 'memberOf', p.organization && [iri.organization(p.organization)]);
    position.country = p.country;
    position.startDate = p.start;
    put(position, 'endDate', p.end);
    return position;
  });
  put(node, 'note', person.notes);
  return node;
}

export function organizationNode(organization: Organization): JsonObject {
  const o = organization;
  const node: JsonObject = { '@id': iri.organization(o.id), '@type': 'Organization', identifier: o.id, name: o.name };
  put(node, 'alternateName', o.aliases && [...o.aliases]);
  node.organizationKind = o.kind;
  put(node, 'country', o.country);
  put(node, 'parentOrganization', o.parent && iri.organization(o.parent));
  put(node, 'sameAs', o.wikidata && [iri.wikidata(o.wikidata)]);
  put(node, 'url', o.url);
  put(node, 'note', o.notes);
  return node;
}

/** The top-level nodes of the graph, sorted by IRI. */
export function graphNodes(dataset: PublishedDataset): JsonObject[] {
  const nodes = [
    ...dataset.engagements.map(engagementNode),
    ...dataset.people.map(personNode),
    ...dataset.organizations.map(organizationNode),
  ];
  return nodes.sort((a, b) => {
    const ia = a['@id'] as string;
    const ib = b['@id'] as string;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
}

/** The graph document, with the context embedded so it is processed without any fetch. */
export function graphDocument(dataset: PublishedDataset): JsonObject {
  return { '@context': buildContext(), '@graph': graphNodes(dataset) };
}
