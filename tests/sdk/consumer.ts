// The TypeScript consumers that package.test.ts compiles against the installed package.

const NAMES = `engagements, people, organizations, redirects, version,
  getEngagement, getPerson, getOrganization, findEngagements,
  isEngagement, isPerson, isOrganization,
  schemas, vocabularies, getTerm,
  type Engagement, type Person, type Organization, type Participant, type Redirect, type RecordKind,
  type EngagementFilter, type IsoDate, type CountryCode, type EngagementType, type Medium, type Topic,
  type ParticipantRole, type OutcomeKind, type SourceKind, type OrganizationKind,
  type Vocabulary, type VocabularyTerm, type VocabularyId, type JsonSchema, type SchemaFile`;

/** Uses every export; prints what the test checks as JSON. Misuses are compile errors and, at run time, rejected or harmless. */
const BODY = `
const FOUNDING = '2020-08-06-pk-jp-army-chief-defence-minister-video-call';
const filter: EngagementFilter = { country: ['PK', 'JP'], from: '2020-08-06', to: '2020-08-06' };
const found: Engagement[] = findEngagements(filter);
const founding: Engagement | undefined = found.find((e) => e.id === FOUNDING);
const foundingPeople = (founding?.participants ?? []).flatMap((p: Participant) => {
  if (p.person === undefined) return [];
  const person: Person | undefined = getPerson(p.person);
  return person ? [{ id: person.id, name: person.name }] : [];
});

const first: Engagement = engagements[0]!;
const firstOrganizationId = first.participants.find((p) => p.organization !== undefined)?.organization ?? '';
const organization: Organization | undefined = getOrganization(firstOrganizationId);
const copy = <T,>(value: T): unknown => JSON.parse(JSON.stringify(value));
const throws = (f: () => unknown): boolean => {
  try {
    f();
    return false;
  } catch {
    return true;
  }
};
const sorted = (ids: readonly string[]) => ids.every((id, i) => i === 0 || ids[i - 1]! < id);
const byDate = (list: readonly Engagement[]) => list.every((e, i) => i === 0 || list[i - 1]!.date < e.date || (list[i - 1]!.date === e.date && list[i - 1]!.id < e.id));
const kinds: RecordKind[] = redirects.map((r: Redirect) => r.kind);
const from: IsoDate = '2019-01-01';
const pk: CountryCode = 'PK';
const call: EngagementType = 'call';
const video: Medium = 'video';
const topic: Topic = first.topics[0] ?? 'covid-19';
const role: ParticipantRole = first.participants[0]!.role;
const outcomeKinds: OutcomeKind[] = (first.outcomes ?? []).map((o) => o.kind);
const sourceKinds: SourceKind[] = first.sources.map((s) => s.kind);
const organizationKind: OrganizationKind | undefined = organization?.kind;
const mediumVocabulary: Vocabulary<Medium> = vocabularies.medium;
const callTerm: VocabularyTerm<EngagementType> | undefined = getTerm('engagement-type', call);
const vocabularyIds: VocabularyId[] = Object.keys(vocabularies) as VocabularyId[];
const schemaFile: SchemaFile = 'engagement.schema.json';
const engagementJsonSchema: JsonSchema = schemas[schemaFile];

const checks = {
  engagementsSortedById: sorted(engagements.map((e) => e.id)),
  peopleSortedById: sorted(people.map((p) => p.id)),
  organizationsSortedById: sorted(organizations.map((o) => o.id)),
  foundSortedByDate: byDate(found) && byDate(findEngagements({ from })),
  deeplyFrozen: Object.isFrozen(engagements) && Object.isFrozen(first) && Object.isFrozen(first.participants[0]) && Object.isFrozen(vocabularies.medium.terms),
  lookupById: getEngagement(first.id) === first && getPerson(people[0]!.id) === people[0] && organization !== undefined,
  unknownIdIsUndefined: getEngagement('2020-01-01-no-such-engagement') === undefined && getPerson('nobody') === undefined && getOrganization('nothing') === undefined,
  redirectsResolve: kinds.length === redirects.length && redirects.every((r) => r.kind !== 'engagement' || getEngagement(r.from)?.id === r.to),
  orWithinKey: findEngagements({ country: ['PK', 'JP'] }).length >= Math.max(findEngagements({ country: pk }).length, findEngagements({ country: 'JP' }).length),
  andAcrossKeys: findEngagements({ country: pk, medium: video }).every((e) => e.medium === video && e.participants.some((p) => p.country === pk)),
  topicFilter: findEngagements({ topic }).every((e) => e.topics.includes(topic)),
  roleIsKnown: vocabularies['participant-role'].terms.some((t) => t.id === role),
  outcomeAndSourceKinds: outcomeKinds.every((k) => getTerm('outcome-kind', k) !== undefined) && sourceKinds.every((k) => getTerm('source-kind', k) !== undefined),
  organizationKind: organizationKind === undefined || getTerm('organization-kind', organizationKind) !== undefined,
  guardsAcceptRecords: isEngagement(copy(first)) && isPerson(copy(people[0])) && isOrganization(copy(organizations[0])),
  guardsRejectOthers: !isEngagement({}) && !isPerson(copy(first)) && !isOrganization(null) && !isEngagement({ ...first, type: 'not-a-type' }),
  guardNarrows: ((value: unknown) => (isEngagement(value) ? value.participants.length >= 2 : false))(copy(first)),
  vocabularies: mediumVocabulary.terms.some((t) => t.id === 'video' && t.label.length > 0 && t.definition.length > 0) && vocabularyIds.includes('topic'),
  getTerm: callTerm?.label === 'Call',
  schemas: engagementJsonSchema.$id === engagementSchema.$id && engagementSchema.title === 'Engagement',
  changes: changes.version === version && Array.isArray(changes.added),
  // Code written against 0.1.0 reads a position's start as a string: it stays required
  // (a start that is only "in post by" says so in start_qualifier, which this code ignores).
  positionStartIsAString: people.every((p) => p.positions.every((position) => /^[0-9]{4}$/.test(position.start.slice(0, 4)))),
  unknownKeyThrows: throws(() =>
    // @ts-expect-error a wrong field is a compile error
    findEngagements({ typo: 'call' }),
  ),
  badDateThrows: throws(() =>
    // @ts-expect-error a date is a YYYY-MM-DD string
    findEngagements({ from: 20200806 }),
  ),
  recordsAreReadOnly: throws(() => {
    // @ts-expect-error records are read-only
    first.title = 'changed';
  }),
  // The lists are Proxies that load the data on first use: they act as frozen arrays.
  listsActAsArrays:
    Array.isArray(engagements) &&
    [...engagements].length === engagements.length &&
    engagements.slice(0, 2).every((e, i) => e === engagements[i]) &&
    engagements.indexOf(first) === 0 &&
    engagements.includes(first) &&
    people.filter((p) => getPerson(p.id) === p).length === people.length &&
    Array.from(organizations).length === organizations.length &&
    (JSON.parse(JSON.stringify(organizations)) as unknown[]).length === organizations.length,
  listsAreReadOnly: throws(() => {
    // @ts-expect-error lists are read-only
    engagements.push(first);
  }),
  unknownTypeMatchesNothing:
    // @ts-expect-error an unknown type value is a compile error
    findEngagements({ type: 'not-a-type' }).length === 0,
  unknownCountryMatchesNothing:
    // @ts-expect-error an unknown country code is a compile error
    findEngagements({ country: 'XX' }).length === 0,
  termOfAnotherVocabulary:
    // @ts-expect-error 'call' is an engagement type, not a medium
    getTerm('medium', 'call') === undefined,
  lookupTakesAString:
    // @ts-expect-error ids are strings
    getPerson(42) === undefined,
};

console.log(JSON.stringify({ found: found.map((e) => e.id), foundingPeople, engagements: engagements.length, version, checks, exports: Object.keys(sdk).sort() }));
`;

export const ESM_CONSUMER = `import {
  ${NAMES},
} from '@engagements/sdk';
import * as sdk from '@engagements/sdk';
import engagementSchema from '@engagements/sdk/schemas/engagement.schema.json' with { type: 'json' };
import changes from '@engagements/sdk/changes.json' with { type: 'json' };
${BODY}`;

export const CJS_CONSUMER = `import {
  ${NAMES},
} from '@engagements/sdk';
import sdk = require('@engagements/sdk');
import engagementSchema = require('@engagements/sdk/schemas/engagement.schema.json');
import changes = require('@engagements/sdk/changes.json');
${BODY}`;

/** Type tests: the generated types are exactly the schema's, read-only, and the API is typed with them. */
export const TYPE_TESTS = (version: string) => `import type {
  Engagement, Person, Organization, Participant, EngagementFilter, IsoDate, CountryCode, EngagementType, Medium, Topic,
  ParticipantRole, OutcomeKind, SourceKind, OrganizationKind, Vocabularies, VocabularyId, SchemaFile, Redirect,
} from '@engagements/sdk';
import { engagements, people, organizations, redirects, getEngagement, getPerson, findEngagements, isEngagement, isPerson, version, getTerm, schemas } from '@engagements/sdk';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): void {}

assertType<Equal<Medium, 'in-person' | 'video' | 'telephone' | 'written' | 'mixed'>>();
assertType<Equal<Engagement['type'], EngagementType>>();
assertType<Equal<Engagement['medium'], Medium>>();
assertType<Equal<Engagement['topics'], readonly Topic[]>>();
assertType<Equal<Engagement['participants'], readonly Participant[]>>();
assertType<Equal<Participant['role'], ParticipantRole>>();
assertType<Equal<Participant['country'], CountryCode>>();
assertType<Equal<NonNullable<Engagement['outcomes']>[number]['kind'], OutcomeKind>>();
assertType<Equal<Engagement['sources'][number]['kind'], SourceKind>>();
assertType<Equal<Organization['kind'], OrganizationKind>>();
assertType<Equal<Engagement['end_date'], string | undefined>>();
assertType<Equal<typeof engagements, readonly Engagement[]>>();
assertType<Equal<typeof people, readonly Person[]>>();
assertType<Equal<typeof organizations, readonly Organization[]>>();
assertType<Equal<typeof redirects, readonly Redirect[]>>();
assertType<Equal<ReturnType<typeof getEngagement>, Engagement | undefined>>();
assertType<Equal<ReturnType<typeof getPerson>, Person | undefined>>();
assertType<Equal<ReturnType<typeof findEngagements>, Engagement[]>>();
assertType<Equal<Parameters<typeof findEngagements>[0], EngagementFilter | undefined>>();
assertType<Equal<EngagementFilter['type'], EngagementType | readonly EngagementType[] | undefined>>();
assertType<Equal<EngagementFilter['country'], CountryCode | readonly CountryCode[] | undefined>>();
assertType<Equal<EngagementFilter['topic'], Topic | readonly Topic[] | undefined>>();
assertType<Equal<EngagementFilter['from'], IsoDate | undefined>>();
assertType<Equal<Vocabularies['medium']['terms'][number]['id'], Medium>>();
assertType<Equal<Vocabularies['topic']['terms'][number]['id'], Topic>>();
assertType<Equal<Vocabularies['engagement-type']['terms'][number]['id'], EngagementType>>();
assertType<Equal<VocabularyId, 'engagement-type' | 'medium' | 'organization-kind' | 'outcome-kind' | 'participant-role' | 'source-kind' | 'topic'>>();
assertType<Equal<typeof version, ${JSON.stringify(version)}>>();
assertType<Equal<'PK' extends CountryCode ? true : false, true>>();
assertType<Equal<'XX' extends CountryCode ? true : false, false>>();
assertType<Equal<'engagement.schema.json' extends SchemaFile ? true : false, true>>();
assertType<Equal<ReturnType<typeof getTerm<'medium'>>, Vocabularies['medium']['terms'][number] | undefined>>();
assertType<Equal<(typeof schemas)['person.schema.json']['$id'], string | undefined>>();

export function narrows(value: unknown): EngagementType | undefined {
  if (isEngagement(value)) {
    assertType<Equal<typeof value, Engagement>>();
    return value.type;
  }
  if (isPerson(value)) assertType<Equal<typeof value, Person>>();
  return undefined;
}

// A record is assignable to the read-only type; a mutable copy can be passed in.
export const literal: Person = { id: 'a-b', name: 'A B', positions: [{ title: 'Minister', country: 'JP', start: '2020-01-01', start_precision: 'month', start_sources: ['src'] }], sources: [{ id: 'src', publisher: 'the-nation', kind: 'news-report' }] };
`;
