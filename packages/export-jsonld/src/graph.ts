// The dataset as one JSON-LD graph: engagements (schema:Event + eng:Engagement) with their
// participants (schema:Role), initiator, outcomes, disagreements and sources embedded;
// people (schema:Person) with their positions (schema:OrganizationRole); organizations
// (schema:Organization). Every node has an IRI (no blank nodes), so the N-Quads are
// canonical once sorted. Keys are written in a fixed order and top-level nodes are sorted
// by IRI, so the output is deterministic. The nodes are built one at a time, in that order,
// as they are written (graphNodeStream), so the graph is never held whole.
import { deriveFacts, participantCameoOf, type PublishedDataset } from '@engagements/core';
import type { Engagement, Medium, Organization, Person, PersonSource, Source, SourceKind } from '@engagements/schema';
import { buildContext, type JsonObject } from './context.js';
import { stableJsonChunks } from './json.js';
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

/** A source node; `iriOf` gives the IRI of a source of the same record by local id. */
function sourceNode(iriOf: (localId: string) => string, source: Source | PersonSource): JsonObject {
  const node: JsonObject = {
    '@id': iriOf(source.id),
    '@type': [SOURCE_TYPE[source.kind] ?? 'CreativeWork', 'Source'],
    identifier: source.id,
  };
  put(node, 'name', source.title);
  node.sourceKind = source.kind;
  node.publisher = iri.organization(source.publisher);
  put(node, 'url', source.url);
  put(node, 'datePublished', source.published);
  put(node, 'inLanguage', source.language);
  put(node, 'wasDerivedFrom', 'reproduces' in source ? source.reproduces?.map(iriOf) : undefined);
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
  node.subjectOf = e.sources.map((s) => sourceNode(sourceIri, s));
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
  const sourceIri = (ref: string): string => iri.personSource(person.id, ref);
  node.memberOf = person.positions.map((p, i) => {
    const position: JsonObject = { '@id': iri.position(person.id, i + 1), '@type': ['OrganizationRole', 'Position'], positionTitle: p.title };
    put(position, 'memberOf', p.organization && [iri.organization(p.organization)]);
    position.country = p.country;
    // A date known to the month or year is its first day with its precision, as for engagements.
    // With `startQualifier` in-post-by, `startDate` is the earliest day sources show the
    // person in post, not the first day in office (EDTF's "on or before").
    position.startDate = p.start;
    position.startDatePrecision = p.start_precision ?? 'day';
    put(position, 'startQualifier', p.start_qualifier);
    put(position, 'startSource', p.start_sources?.map(sourceIri));
    put(position, 'endDate', p.end);
    put(position, 'endDatePrecision', p.end === undefined ? undefined : (p.end_precision ?? 'day'));
    put(position, 'endSource', p.end_sources?.map(sourceIri));
    return position;
  });
  put(node, 'subjectOf', person.sources?.map((s) => sourceNode(sourceIri, s)));
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

/** The records of one kind in id order: the list itself when it is already sorted (as a published dataset is). */
function byId<T extends { id: string }>(records: readonly T[]): readonly T[] {
  for (let i = 1; i < records.length; i++) {
    if (!(records[i - 1]!.id < records[i]!.id)) return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return records;
}

/** One kind's records in IRI order (they share one IRI prefix, so id order is IRI order). */
class KindCursor<T extends { id: string }> {
  private readonly records: readonly T[];
  private next = 0;
  /** The IRI of the next record, or undefined when there is none left. */
  head: string | undefined;

  constructor(
    records: readonly T[],
    private readonly iriOf: (id: string) => string,
    private readonly nodeOf: (record: T) => JsonObject,
  ) {
    this.records = byId(records);
    this.head = this.records[0] && iriOf(this.records[0].id);
  }

  /** The next record's node, built now. */
  take(): JsonObject {
    const node = this.nodeOf(this.records[this.next++]!);
    const following = this.records[this.next];
    this.head = following && this.iriOf(following.id);
    return node;
  }
}

/**
 * The top-level nodes of the graph in IRI order, each built from its record only when it
 * is asked for: a merge of the three kinds, each in id order. Nothing but the sorted record
 * lists (the dataset's own when they are already sorted) is held.
 */
export function* graphNodeStream(dataset: PublishedDataset): Generator<JsonObject> {
  const kinds: Pick<KindCursor<never>, 'head' | 'take'>[] = [
    new KindCursor(dataset.engagements, iri.engagement, engagementNode),
    new KindCursor(dataset.people, iri.person, personNode),
    new KindCursor(dataset.organizations, iri.organization, organizationNode),
  ];
  for (;;) {
    let best: (typeof kinds)[number] | undefined;
    for (const kind of kinds) {
      if (kind.head !== undefined && (best === undefined || kind.head < best.head!)) best = kind;
    }
    if (!best) return;
    yield best.take();
  }
}

/** The top-level nodes of the graph, sorted by IRI (all in memory: for tests and small datasets). */
export function graphNodes(dataset: PublishedDataset): JsonObject[] {
  return [...graphNodeStream(dataset)];
}

/** The graph document, with the context embedded so it is processed without any fetch (all in memory). */
export function graphDocument(dataset: PublishedDataset): JsonObject {
  return { '@context': buildContext(), '@graph': graphNodes(dataset) };
}

/**
 * The text of `engagements.jsonld` as chunks: exactly `stableJson(graphDocument(dataset))`,
 * written as the head (the context inline), then each top-level node serialized on its own
 * as it is built from its record, then the tail.
 */
export function graphJsonChunks(dataset: PublishedDataset): Generator<string> {
  return stableJsonChunks({ '@context': buildContext() }, '@graph', graphNodeStream(dataset));
}
