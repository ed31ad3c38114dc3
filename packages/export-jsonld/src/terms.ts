// The terms of our JSON-LD context: one table from which the context (term -> IRI and
// coercion) and the vocabulary document (labels and comments of our own terms) are both
// generated. schema.org terms are used where schema.org has one; PROV for derivation;
// our own namespace (`eng:`) for the rest. Labels and comments of our own terms come
// from the JSON Schemas where the field is defined there.
import type { Relation } from '@engagements/schema';
import { ENG, PROV, SCHEMA, SKOS, XSD } from './namespaces.js';
import { constsOf, schemaText, type SchemeId } from './schemes.js';

/** Prefixes of the context, in output order. */
export const PREFIXES = {
  schema: SCHEMA,
  eng: ENG,
  prov: PROV,
  skos: SKOS,
  xsd: XSD,
} as const;

/**
 * How a term's string values are read: `@id` (an IRI), `xsd:date` (a typed literal),
 * `@vocab` (a term of this context, such as `OnlineEventAttendanceMode`) or a concept
 * scheme (the value is a term id of that scheme, such as `video`, read as the concept IRI).
 */
export type Coercion = '@id' | 'xsd:date' | '@vocab' | { scheme: SchemeId };

export interface TermDef {
  /** The key used in JSON. */
  term: string;
  /** Compact IRI with one of PREFIXES. */
  id: string;
  kind: 'class' | 'property';
  type?: Coercion;
  /** Always an array in the JSON (`@container: @set`). */
  set?: boolean;
  /** For our own terms: label and comment for the vocabulary document. */
  doc?: { label: string; comment: string };
  /** rdfs:subClassOf / rdfs:subPropertyOf (compact IRIs). */
  sub?: string[];
  /** rdfs:range of our own properties (compact IRI); concept-valued ones default to skos:Concept, null for none. */
  range?: string | null;
}

const eng = (file: Parameters<typeof schemaText>[0], pointer: string, label?: string) => {
  const text = schemaText(file, pointer);
  return { label: label ?? text.label, comment: text.comment };
};
const E = 'engagement.schema.json';
const P = 'person.schema.json';
const O = 'organization.schema.json';

/** Relation kinds of `related`, each published as a property between engagements. */
export const RELATION_TERMS: Record<Relation['relation'], string> = {
  follows: 'follows',
  'same-series': 'sameSeriesAs',
  'same-occasion': 'sameOccasionAs',
};

function relationTerms(): TermDef[] {
  const consts = constsOf(E, '/$defs/Relation/properties/relation');
  return Object.entries(RELATION_TERMS).map(([relation, term]) => {
    const c = consts.find((x) => x.id === relation);
    if (!c) throw new Error(`The schema has no relation ${relation}`);
    return { term, id: `eng:${term}`, kind: 'property', type: '@id', set: true, doc: { label: c.label, comment: `Relation \`${relation}\` of \`related\`: ${c.definition}` }, range: 'eng:Engagement' } satisfies TermDef;
  });
}

/** The whole term table, in context order. */
export function termTable(): TermDef[] {
  return [
    // Classes.
    { term: 'Event', id: 'schema:Event', kind: 'class' },
    { term: 'Person', id: 'schema:Person', kind: 'class' },
    { term: 'Organization', id: 'schema:Organization', kind: 'class' },
    { term: 'Role', id: 'schema:Role', kind: 'class' },
    { term: 'OrganizationRole', id: 'schema:OrganizationRole', kind: 'class' },
    { term: 'CreativeWork', id: 'schema:CreativeWork', kind: 'class' },
    { term: 'Article', id: 'schema:Article', kind: 'class' },
    { term: 'NewsArticle', id: 'schema:NewsArticle', kind: 'class' },
    { term: 'SocialMediaPosting', id: 'schema:SocialMediaPosting', kind: 'class' },
    { term: 'OnlineEventAttendanceMode', id: 'schema:OnlineEventAttendanceMode', kind: 'class' },
    { term: 'OfflineEventAttendanceMode', id: 'schema:OfflineEventAttendanceMode', kind: 'class' },
    { term: 'MixedEventAttendanceMode', id: 'schema:MixedEventAttendanceMode', kind: 'class' },
    { term: 'Engagement', id: 'eng:Engagement', kind: 'class', doc: eng(E, ''), sub: ['schema:Event'] },
    { term: 'Participant', id: 'eng:Participant', kind: 'class', doc: eng(E, '/$defs/Participant'), sub: ['schema:Role'] },
    { term: 'Initiator', id: 'eng:Initiator', kind: 'class', doc: eng(E, '/$defs/Initiator') },
    { term: 'Outcome', id: 'eng:Outcome', kind: 'class', doc: eng(E, '/$defs/Outcome') },
    { term: 'Source', id: 'eng:Source', kind: 'class', doc: eng(E, '/$defs/Source'), sub: ['schema:CreativeWork'] },
    { term: 'Disagreement', id: 'eng:Disagreement', kind: 'class', doc: eng(E, '/$defs/Disagreement') },
    { term: 'Position', id: 'eng:Position', kind: 'class', doc: eng(P, '/$defs/Position'), sub: ['schema:OrganizationRole'] },

    // schema.org properties.
    { term: 'identifier', id: 'schema:identifier', kind: 'property' },
    { term: 'name', id: 'schema:name', kind: 'property' },
    { term: 'alternateName', id: 'schema:alternateName', kind: 'property', set: true },
    { term: 'description', id: 'schema:description', kind: 'property' },
    { term: 'startDate', id: 'schema:startDate', kind: 'property', type: 'xsd:date' },
    { term: 'endDate', id: 'schema:endDate', kind: 'property', type: 'xsd:date' },
    { term: 'eventAttendanceMode', id: 'schema:eventAttendanceMode', kind: 'property', type: '@vocab' },
    { term: 'location', id: 'schema:location', kind: 'property' },
    { term: 'attendee', id: 'schema:attendee', kind: 'property', type: '@id', set: true },
    { term: 'roleName', id: 'schema:roleName', kind: 'property', type: { scheme: 'participant-role' } },
    { term: 'positionTitle', id: 'schema:roleName', kind: 'property' },
    { term: 'memberOf', id: 'schema:memberOf', kind: 'property', type: '@id', set: true },
    { term: 'parentOrganization', id: 'schema:parentOrganization', kind: 'property', type: '@id' },
    { term: 'sameAs', id: 'schema:sameAs', kind: 'property', type: '@id', set: true },
    { term: 'url', id: 'schema:url', kind: 'property', type: '@id' },
    { term: 'subjectOf', id: 'schema:subjectOf', kind: 'property', type: '@id', set: true },
    { term: 'publisher', id: 'schema:publisher', kind: 'property', type: '@id' },
    { term: 'datePublished', id: 'schema:datePublished', kind: 'property', type: 'xsd:date' },
    { term: 'inLanguage', id: 'schema:inLanguage', kind: 'property' },
    // PROV: where claims and documents come from.
    { term: 'hadPrimarySource', id: 'prov:hadPrimarySource', kind: 'property', type: '@id', set: true },
    { term: 'wasDerivedFrom', id: 'prov:wasDerivedFrom', kind: 'property', type: '@id', set: true },
    // SKOS: curator's notes.
    { term: 'note', id: 'skos:note', kind: 'property' },

    // Our own properties: engagements.
    { term: 'engagementType', id: 'eng:engagementType', kind: 'property', type: { scheme: 'engagement-type' }, doc: eng(E, '/properties/type', 'Engagement type') },
    { term: 'medium', id: 'eng:medium', kind: 'property', type: { scheme: 'medium' }, doc: eng(E, '/properties/medium') },
    { term: 'datePrecision', id: 'eng:datePrecision', kind: 'property', type: { scheme: 'date-precision' }, doc: eng(E, '/properties/date_precision') },
    { term: 'hostCountry', id: 'eng:hostCountry', kind: 'property', doc: eng(E, '/properties/host'), range: 'xsd:string' },
    { term: 'initiator', id: 'eng:initiator', kind: 'property', type: { scheme: 'initiator' }, doc: { label: 'Initiator', comment: `${schemaText(E, '/properties/initiator').comment} The value is the concept \`unknown\` or an Initiator node.` }, range: null },
    { term: 'topic', id: 'eng:topic', kind: 'property', type: { scheme: 'topic' }, set: true, doc: eng(E, '/properties/topics', 'Topic'), sub: ['schema:about'] },
    { term: 'outcome', id: 'eng:outcome', kind: 'property', set: true, doc: eng(E, '/properties/outcomes', 'Outcome'), range: 'eng:Outcome' },
    { term: 'disagreement', id: 'eng:disagreement', kind: 'property', set: true, doc: eng(E, '/properties/disagreements', 'Disagreement'), range: 'eng:Disagreement' },
    { term: 'confidence', id: 'eng:confidence', kind: 'property', type: { scheme: 'confidence-level' }, doc: eng('defs.schema.json', '/$defs/ConfidenceLevel') },
    { term: 'confidenceReason', id: 'eng:confidenceReason', kind: 'property', doc: eng(E, '/$defs/Confidence/properties/reason', 'Confidence reason'), range: 'xsd:string' },
    ...relationTerms(),
    // Participants, initiators, outcomes, sources, disagreements.
    { term: 'country', id: 'eng:country', kind: 'property', doc: { label: 'Country', comment: 'The state a participant represents, an initiator or an outcome speaks for, a person served in an office or an organization belongs to, as an ISO 3166-1 alpha-2 code.' }, range: 'xsd:string' },
    { term: 'organization', id: 'eng:organization', kind: 'property', type: '@id', doc: eng(E, '/$defs/Participant/properties/organization'), range: 'schema:Organization' },
    { term: 'titleAsReported', id: 'eng:titleAsReported', kind: 'property', doc: eng(E, '/$defs/Participant/properties/title_as_reported'), range: 'xsd:string' },
    { term: 'nameAsReported', id: 'eng:nameAsReported', kind: 'property', doc: eng(E, '/$defs/Participant/properties/name_as_reported'), range: 'xsd:string' },
    { term: 'person', id: 'eng:person', kind: 'property', type: '@id', doc: eng(E, '/$defs/Initiator/properties/person'), range: 'schema:Person' },
    { term: 'outcomeKind', id: 'eng:outcomeKind', kind: 'property', type: { scheme: 'outcome-kind' }, doc: eng(E, '/$defs/Outcome/properties/kind', 'Outcome kind') },
    { term: 'byCountry', id: 'eng:byCountry', kind: 'property', doc: eng(E, '/$defs/Outcome/properties/by'), range: 'xsd:string' },
    { term: 'sourceKind', id: 'eng:sourceKind', kind: 'property', type: { scheme: 'source-kind' }, doc: eng(E, '/$defs/Source/properties/kind', 'Source kind') },
    { term: 'supports', id: 'eng:supports', kind: 'property', doc: eng(E, '/$defs/Source/properties/supports'), range: 'xsd:string' },
    { term: 'disagreementField', id: 'eng:disagreementField', kind: 'property', doc: eng(E, '/$defs/Disagreement/properties/field', 'Disagreement field'), range: 'xsd:string' },
    { term: 'source', id: 'eng:source', kind: 'property', type: '@id', set: true, doc: eng(E, '/$defs/Disagreement/properties/sources', 'Source'), range: 'eng:Source' },
    // People and organizations.
    { term: 'nativeName', id: 'eng:nativeName', kind: 'property', doc: eng(P, '/properties/native_name'), sub: ['schema:alternateName'] },
    { term: 'startDatePrecision', id: 'eng:startDatePrecision', kind: 'property', type: { scheme: 'date-precision' }, doc: eng(P, '/$defs/Position/properties/start_precision') },
    { term: 'startQualifier', id: 'eng:startQualifier', kind: 'property', type: { scheme: 'start-qualifier' }, doc: eng(P, '/$defs/Position/properties/start_qualifier') },
    { term: 'endDatePrecision', id: 'eng:endDatePrecision', kind: 'property', type: { scheme: 'date-precision' }, doc: eng(P, '/$defs/Position/properties/end_precision') },
    { term: 'startSource', id: 'eng:startSource', kind: 'property', type: '@id', set: true, doc: eng(P, '/$defs/Position/properties/start_sources'), range: 'eng:Source', sub: ['prov:wasDerivedFrom'] },
    { term: 'endSource', id: 'eng:endSource', kind: 'property', type: '@id', set: true, doc: eng(P, '/$defs/Position/properties/end_sources'), range: 'eng:Source', sub: ['prov:wasDerivedFrom'] },
    { term: 'organizationKind', id: 'eng:organizationKind', kind: 'property', type: { scheme: 'organization-kind' }, doc: eng(O, '/properties/kind', 'Organization kind') },
    // Derived at build time.
    { term: 'countries', id: 'eng:countries', kind: 'property', set: true, doc: { label: 'Countries', comment: 'Derived at build time: the distinct countries of the participants, as ISO 3166-1 alpha-2 codes.' }, range: 'xsd:string' },
    { term: 'scope', id: 'eng:scope', kind: 'property', doc: { label: 'Scope', comment: 'Derived at build time: `bilateral` with two countries, `multilateral` with more.' }, range: 'xsd:string' },
    { term: 'cameoCode', id: 'eng:cameoCode', kind: 'property', doc: { label: 'CAMEO code', comment: 'Derived at build time: the CAMEO event code of the engagement, or of one participant\'s side of it (the host of a visit hosts, 043), where one applies.' }, range: 'xsd:string' },
    { term: 'cameoLabel', id: 'eng:cameoLabel', kind: 'property', doc: { label: 'CAMEO label', comment: 'Derived at build time: the official label of the CAMEO code.' }, range: 'xsd:string' },
  ];
}
