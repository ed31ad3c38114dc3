// Walks every field of every record and checks that the expanded graph states it: for each
// leaf value of a record (a string in the YAML, or an item of a list), the triple it must
// become. A field without a mapping here fails, so a new schema field cannot be forgotten.
import type { PublishedDataset } from '@engagements/core';
import type { Engagement, Organization, Person } from '@engagements/schema';
import { CONCEPT, ENG, ID, PROV, SCHEMA, SKOS, valuesOf, XSD_DATE, type ExpandedNode, type ExpandedValue } from './helpers.js';

type Expected = { id: string } | { value: string; type?: string };
interface Check {
  record: string;
  field: string;
  subject: string;
  property: string;
  object: Expected;
}

const iri = (id: string): Expected => ({ id });
const lit = (value: unknown): Expected => ({ value: String(value) });
const date = (value: unknown): Expected => ({ value: String(value), type: XSD_DATE });
const concept = (scheme: string) => (value: unknown): Expected => iri(CONCEPT(scheme, String(value)));
const engagementIri = (id: string): string => `${ID}engagement/${id}`;
const personIri = (id: string): string => `${ID}person/${id}`;
const organizationIri = (id: string): string => `${ID}organization/${id}`;

/** Every leaf of a JSON value: [path pattern with `[]` for array items, indices, value]. */
function* leaves(value: unknown, pattern = '', indices: number[] = []): Generator<[string, number[], unknown]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* leaves(item, `${pattern}[]`, [...indices, i]);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) yield* leaves(item, pattern ? `${pattern}.${key}` : key, indices);
  } else {
    yield [pattern, indices, value];
  }
}

/**
 * The triples of a source's own fields, the same for an engagement's and a person's
 * sources (the exporter writes both with one `sourceNode`).
 */
function sourceChecks(field: string, S: string, src: string, v: unknown, add: (field: string, subject: string, property: string, object: Expected) => void): void {
  switch (field) {
    case 'sources[].id':
      add(field, S, `${SCHEMA}subjectOf`, iri(src));
      add(field, src, `${SCHEMA}identifier`, lit(v));
      break;
    case 'sources[].publisher': add(field, src, `${SCHEMA}publisher`, iri(organizationIri(String(v)))); break;
    case 'sources[].kind': add(field, src, `${ENG}sourceKind`, concept('source-kind')(v)); break;
    case 'sources[].title': add(field, src, `${SCHEMA}name`, lit(v)); break;
    case 'sources[].url': add(field, src, `${SCHEMA}url`, iri(String(v))); break;
    case 'sources[].published': add(field, src, `${SCHEMA}datePublished`, date(v)); break;
    case 'sources[].language': add(field, src, `${SCHEMA}inLanguage`, lit(v)); break;
    default: throw new Error(`source field ${field} has no expected triple in tests/jsonld/fields.ts`);
  }
}

function engagementChecks(e: Engagement): Check[] {
  const S = engagementIri(e.id);
  const source = (ref: unknown): Expected => iri(`${S}#source-${String(ref)}`);
  const checks: Check[] = [];
  const add = (field: string, subject: string, property: string, object: Expected): void => {
    checks.push({ record: e.id, field, subject, property, object });
  };
  for (const [field, [i = 0, j = 0], v] of leaves(e)) {
    const participant = `${S}#participant-${i + 1}`;
    const outcome = `${S}#outcome-${i + 1}`;
    const disagreement = `${S}#disagreement-${i + 1}`;
    const src = `${S}#source-${e.sources[i]?.id}`;
    switch (field) {
      case 'id': add(field, S, `${SCHEMA}identifier`, lit(v)); break;
      case 'title': add(field, S, `${SCHEMA}name`, lit(v)); break;
      case 'date': add(field, S, `${SCHEMA}startDate`, date(v)); break;
      case 'end_date': add(field, S, `${SCHEMA}endDate`, date(v)); break;
      case 'date_precision': add(field, S, `${ENG}datePrecision`, concept('date-precision')(v)); break;
      case 'type': add(field, S, `${ENG}engagementType`, concept('engagement-type')(v)); break;
      case 'medium': add(field, S, `${ENG}medium`, concept('medium')(v)); break;
      case 'participants[].person':
        add(field, S, `${SCHEMA}attendee`, iri(participant));
        add(field, participant, `${SCHEMA}attendee`, iri(personIri(String(v))));
        break;
      case 'participants[].organization':
        add(field, S, `${SCHEMA}attendee`, iri(participant));
        add(field, participant, `${ENG}organization`, iri(organizationIri(String(v))));
        if (!e.participants[i]!.person) add(field, participant, `${SCHEMA}attendee`, iri(organizationIri(String(v))));
        break;
      case 'participants[].country': add(field, participant, `${ENG}country`, lit(v)); break;
      case 'participants[].role': add(field, participant, `${SCHEMA}roleName`, concept('participant-role')(v)); break;
      case 'participants[].title_as_reported': add(field, participant, `${ENG}titleAsReported`, lit(v)); break;
      case 'participants[].name_as_reported': add(field, participant, `${ENG}nameAsReported`, lit(v)); break;
      case 'host': add(field, S, `${ENG}hostCountry`, lit(v)); break;
      case 'location': add(field, S, `${SCHEMA}location`, lit(v)); break;
      case 'initiator': add(field, S, `${ENG}initiator`, concept('initiator')(v)); break;
      case 'initiator.country':
        add(field, S, `${ENG}initiator`, iri(`${S}#initiator`));
        add(field, `${S}#initiator`, `${ENG}country`, lit(v));
        break;
      case 'initiator.person': add(field, `${S}#initiator`, `${ENG}person`, iri(personIri(String(v)))); break;
      case 'initiator.sources[]': add(field, `${S}#initiator`, `${PROV}wasDerivedFrom`, source(v)); break;
      case 'topics[]': add(field, S, `${ENG}topic`, concept('topic')(v)); break;
      case 'outcomes[].kind':
        add(field, S, `${ENG}outcome`, iri(outcome));
        add(field, outcome, `${ENG}outcomeKind`, concept('outcome-kind')(v));
        break;
      case 'outcomes[].summary': add(field, outcome, `${SCHEMA}description`, lit(v)); break;
      case 'outcomes[].by': add(field, outcome, `${ENG}byCountry`, lit(v)); break;
      case 'outcomes[].sources[]': add(field, outcome, `${PROV}wasDerivedFrom`, source(v)); break;
      case 'sources[].id':
      case 'sources[].publisher':
      case 'sources[].kind':
      case 'sources[].title':
      case 'sources[].url':
      case 'sources[].published':
      case 'sources[].language':
        sourceChecks(field, S, src, v, add);
        break;
      case 'sources[].reproduces[]': add(field, src, `${PROV}wasDerivedFrom`, source(v)); break;
      case 'sources[].supports': add(field, src, `${ENG}supports`, lit(v)); break;
      case 'disagreements[].field':
        add(field, S, `${ENG}disagreement`, iri(disagreement));
        add(field, disagreement, `${ENG}disagreementField`, lit(v));
        break;
      case 'disagreements[].description': add(field, disagreement, `${SCHEMA}description`, lit(v)); break;
      case 'disagreements[].sources[]': add(field, disagreement, `${ENG}source`, source(v)); break;
      case 'confidence.level': add(field, S, `${ENG}confidence`, concept('confidence-level')(v)); break;
      case 'confidence.reason': add(field, S, `${ENG}confidenceReason`, lit(v)); break;
      case 'notes': add(field, S, `${SKOS}note`, lit(v)); break;
      case 'related[].engagement': {
        const relation = e.related![i]!.relation;
        const property = { follows: 'follows', 'same-series': 'sameSeriesAs', 'same-occasion': 'sameOccasionAs' }[relation];
        add(field, S, `${ENG}${property}`, iri(engagementIri(String(v))));
        break;
      }
      case 'related[].relation': break; // checked with related[].engagement: the relation is the property.
      default:
        throw new Error(`engagement field ${field} has no expected triple in tests/jsonld/fields.ts (j=${j})`);
    }
  }
  return checks;
}

function personChecks(p: Person): Check[] {
  const S = personIri(p.id);
  const checks: Check[] = [];
  const add = (field: string, subject: string, property: string, object: Expected): void => {
    checks.push({ record: p.id, field, subject, property, object });
  };
  const source = (ref: unknown): Expected => iri(`${S}#source-${String(ref)}`);
  for (const [field, [i = 0], v] of leaves(p)) {
    const position = `${S}#position-${i + 1}`;
    const src = `${S}#source-${p.sources?.[i]?.id}`;
    switch (field) {
      case 'id': add(field, S, `${SCHEMA}identifier`, lit(v)); break;
      case 'name': add(field, S, `${SCHEMA}name`, lit(v)); break;
      case 'aliases[]': add(field, S, `${SCHEMA}alternateName`, lit(v)); break;
      case 'native_name': add(field, S, `${ENG}nativeName`, lit(v)); break;
      case 'wikidata': add(field, S, `${SCHEMA}sameAs`, iri(`http://www.wikidata.org/entity/${String(v)}`)); break;
      case 'positions[].title':
        add(field, S, `${SCHEMA}memberOf`, iri(position));
        add(field, position, `${SCHEMA}roleName`, lit(v));
        break;
      case 'positions[].organization': add(field, position, `${SCHEMA}memberOf`, iri(organizationIri(String(v)))); break;
      case 'positions[].country': add(field, position, `${ENG}country`, lit(v)); break;
      case 'positions[].start': add(field, position, `${SCHEMA}startDate`, date(v)); break;
      case 'positions[].end': add(field, position, `${SCHEMA}endDate`, date(v)); break;
      case 'positions[].start_precision': add(field, position, `${ENG}startDatePrecision`, concept('date-precision')(v)); break;
      case 'positions[].start_qualifier': add(field, position, `${ENG}startQualifier`, concept('start-qualifier')(v)); break;
      case 'positions[].end_precision': add(field, position, `${ENG}endDatePrecision`, concept('date-precision')(v)); break;
      case 'positions[].start_sources[]': add(field, position, `${ENG}startSource`, source(v)); break;
      case 'positions[].end_sources[]': add(field, position, `${ENG}endSource`, source(v)); break;
      case 'sources[].id':
      case 'sources[].publisher':
      case 'sources[].kind':
      case 'sources[].title':
      case 'sources[].url':
      case 'sources[].published':
      case 'sources[].language':
        sourceChecks(field, S, src, v, add);
        break;
      case 'sources[].supports': add(field, src, `${ENG}supports`, lit(v)); break;
      case 'notes': add(field, S, `${SKOS}note`, lit(v)); break;
      default:
        throw new Error(`person field ${field} has no expected triple in tests/jsonld/fields.ts`);
    }
  }
  return checks;
}

function organizationChecks(o: Organization): Check[] {
  const S = organizationIri(o.id);
  const checks: Check[] = [];
  const add = (field: string, property: string, object: Expected): void => {
    checks.push({ record: o.id, field, subject: S, property, object });
  };
  for (const [field, , v] of leaves(o)) {
    switch (field) {
      case 'id': add(field, `${SCHEMA}identifier`, lit(v)); break;
      case 'name': add(field, `${SCHEMA}name`, lit(v)); break;
      case 'aliases[]': add(field, `${SCHEMA}alternateName`, lit(v)); break;
      case 'kind': add(field, `${ENG}organizationKind`, concept('organization-kind')(v)); break;
      case 'country': add(field, `${ENG}country`, lit(v)); break;
      case 'parent': add(field, `${SCHEMA}parentOrganization`, iri(organizationIri(String(v)))); break;
      case 'wikidata': add(field, `${SCHEMA}sameAs`, iri(`http://www.wikidata.org/entity/${String(v)}`)); break;
      case 'url': add(field, `${SCHEMA}url`, iri(String(v))); break;
      case 'notes': add(field, `${SKOS}note`, lit(v)); break;
      default:
        throw new Error(`organization field ${field} has no expected triple in tests/jsonld/fields.ts`);
    }
  }
  return checks;
}

/** Number of leaf values of a record: the fields the graph must carry. */
export function leafCount(record: unknown): number {
  return [...leaves(record)].length;
}

function matches(value: ExpandedValue, expected: Expected): boolean {
  if ('id' in expected) return value['@id'] === expected.id;
  return value['@value'] === expected.value && value['@type'] === expected.type && value['@language'] === undefined;
}

export interface FieldReport {
  /** Leaf values walked per record id (engagements, people, organizations). */
  leaves: Map<string, number>;
  checks: number;
  missing: string[];
}

/** Checks every field of every record against the flattened, expanded graph. */
export function checkEveryField(dataset: PublishedDataset, nodes: Map<string, ExpandedNode>): FieldReport {
  const checks = [
    ...dataset.engagements.flatMap(engagementChecks),
    ...dataset.people.flatMap(personChecks),
    ...dataset.organizations.flatMap(organizationChecks),
  ];
  const missing: string[] = [];
  for (const c of checks) {
    if (!valuesOf(nodes.get(c.subject), c.property).some((v) => matches(v, c.object))) {
      missing.push(`${c.record} ${c.field}: <${c.subject}> <${c.property}> ${JSON.stringify(c.object)}`);
    }
  }
  const leavesById = new Map<string, number>();
  for (const record of [...dataset.engagements, ...dataset.people, ...dataset.organizations]) {
    leavesById.set(record.id, (leavesById.get(record.id) ?? 0) + leafCount(record));
  }
  return { leaves: leavesById, checks: checks.length, missing };
}
