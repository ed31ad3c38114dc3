// fast-check arbitraries for valid records and whole consistent datasets, shared by the
// export tests (CSV round trip, JSON-LD, ...).
//
//   arbDataset(options?)      -> { engagements, people, organizations }, each sorted by id
//   arbEngagement(options?)   -> one valid Engagement
//   arbPerson(options?)       -> one valid Person
//   arbOrganization(options?) -> one valid Organization
//   arbText(options?), arbLongText(options?) -> strings valid as `Text` / `LongText`
//
// Every generated record is valid against its JSON Schema (check it with `validators`
// from @engagements/schema). A dataset is also consistent: every person, organization
// and source reference resolves, ids are unique (and no person shares an id with an
// organization), names and aliases are unique, each engagement has two or more
// countries and each person participant holds a position on its date, sources are not
// published before the event, and no date is after 2025-12-31. Optional fields are
// left out (never `undefined`); optional lists are sometimes absent, sometimes empty.
//
// Text always includes characters that break naive exporters: formula starters
// (`=`, `+`, `-`, `@`), quotes, commas, semicolons, pipes, backslashes, non-Latin scripts
// and emoji, and line breaks in long text (notes). By default it also passes the
// clean-text rule (NFC, trimmed, no control characters other than line feeds in notes).
// With `{ hostile: true }` text may also contain what only the schema allows: tabs, NUL
// and other control characters, CR, U+2028, bidirectional and zero-width characters,
// decomposed (non-NFC) letters, and long text that starts or ends with white space.
import fc from 'fast-check';
import { schemas, vocabularies } from '@engagements/schema';
import { positionCovers } from '@engagements/core';
import type { CountryCode, Engagement, Organization, Person, Position, Source } from '@engagements/schema';

export interface ArbitraryDataset {
  engagements: Engagement[];
  people: Person[];
  organizations: Organization[];
}

export interface TextOptions {
  /** Allow text that is valid by the schema but not by the clean-text rule (control characters, ...). */
  hostile?: boolean;
}

export interface DatasetOptions extends TextOptions {
  /** Upper bounds on the number of records of each kind (defaults 4, 4, 5; at least 1 organization). */
  maxEngagements?: number;
  maxPeople?: number;
  maxOrganizations?: number;
}

/** The latest date generated: every date is on or before it, so no-future-dates holds. */
export const MAX_DATE = '2025-12-31';

// ---------------------------------------------------------------------------------------
// Values from the schemas, so the arbitraries follow them.

type Node = Record<string, unknown>;
const defs = (schemas['defs.schema.json'] as unknown as { $defs: Record<string, Node> }).$defs;
const engagementDefs = (schemas['engagement.schema.json'] as unknown as { $defs: Record<string, Node> }).$defs;
const consts = (node: Node | undefined): string[] => ((node?.oneOf as Node[] | undefined) ?? []).map((b) => b.const as string);
const termsOf = (id: keyof typeof vocabularies): string[] => vocabularies[id].terms.map((t) => t.id);

const COUNTRIES = defs.CountryCode!.enum as CountryCode[];
const TEXT_PATTERN = new RegExp(defs.Text!.pattern as string, 'u');
const DATE_PRECISIONS = consts(defs.DatePrecision) as Engagement['date_precision'][];
const CONFIDENCE = consts(defs.ConfidenceLevel) as Engagement['confidence']['level'][];
const RELATIONS = consts((engagementDefs.Relation!.properties as Record<string, Node>).relation) as NonNullable<Engagement['related']>[number]['relation'][];
const DISAGREEMENT_FIELDS = ((engagementDefs.Disagreement!.properties as Record<string, Node>).field!.enum as string[]) as NonNullable<Engagement['disagreements']>[number]['field'][];
const TYPES = termsOf('engagement-type') as Engagement['type'][];
const MEDIA = termsOf('medium') as Engagement['medium'][];
const ROLES = termsOf('participant-role') as Engagement['participants'][number]['role'][];
const TOPICS = termsOf('topic') as Engagement['topics'][number][];
const OUTCOME_KINDS = termsOf('outcome-kind') as NonNullable<Engagement['outcomes']>[number]['kind'][];
const SOURCE_KINDS = termsOf('source-kind') as Source['kind'][];
const ORGANIZATION_KINDS = termsOf('organization-kind') as Organization['kind'][];

// ---------------------------------------------------------------------------------------
// Text

const CLEAN_PIECES = [
  'a', 'Z', 'defence', 'talks', '0', '42', '3.5', ' ', ' ', ' ',
  '=', '+', '-', '@', "'", '"', '""', ',', ';', '|', '\\', '%', '#', '(', ')', '[', ']', '{', '}', '*', '?', '/', '<', '>', '&',
  '=1+2', '=HYPERLINK("http://example.com","x")', "=cmd|' /C calc'!A0", '@SUM(A1:A9)', '+33 1 23', '-2+3', "'quoted'", '"a, b"',
  'é', 'Ω', 'ß', 'İ', 'Kōno', '河野太郎', 'パキスタン', 'قمر جاوید باجوہ', 'Привет', '😀', '🇵🇰', '\u00A0', '\u3000', '＝', '＋', '－', '＠',
];
const HOSTILE_PIECES = ['👩🏽‍✈️', '\t', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u200b', '\u202e', '\u2066', '\ufeff', 'e\u0301', '\u0301', 'A\u030a'];
const LINE_BREAKS = ['\n', '\n\n'];
const HOSTILE_LINE_BREAKS = ['\r\n', '\r', '\u2028', '\u2029'];

function pieces(options: TextOptions, long: boolean): string[] {
  return [...CLEAN_PIECES, ...(options.hostile ? HOSTILE_PIECES : []), ...(long ? LINE_BREAKS : []), ...(long && options.hostile ? HOSTILE_LINE_BREAKS : [])];
}

function cleanEnough(text: string, options: TextOptions, long: boolean): boolean {
  if (options.hostile) return true;
  if (text.normalize('NFC') !== text) return false;
  if (/^\p{White_Space}|\p{White_Space}$/u.test(text)) return false;
  return !(long ? /(?!\n)\p{Cc}/u : /\p{Cc}/u).test(text);
}

const codePoints = (text: string): number => [...text].length;

/** One line of text valid as the schema's `Text` (at most `maxLength` code points, default 300). */
export function arbText(options: TextOptions & { maxLength?: number } = {}): fc.Arbitrary<string> {
  const max = options.maxLength ?? 300;
  return fc
    .array(fc.constantFrom(...pieces(options, false)), { minLength: 1, maxLength: 12 })
    .map((parts) => parts.join(''))
    .filter((text) => TEXT_PATTERN.test(text) && codePoints(text) <= max && cleanEnough(text, options, false));
}

/** Free text valid as the schema's `LongText`: several lines, formula starters and all. */
export function arbLongText(options: TextOptions = {}): fc.Arbitrary<string> {
  return fc
    .array(fc.constantFrom(...pieces(options, true)), { minLength: 1, maxLength: 40 })
    .map((parts) => parts.join(''))
    .filter((text) => text.length >= 1 && codePoints(text) <= 5000 && cleanEnough(text, options, true));
}

// ---------------------------------------------------------------------------------------
// Small values

const SLUG_CHARS = [...'abcdefghijklmnopqrstuvwxyz0123456789'];

/** An id valid as the schema's `Slug`. */
export function arbSlug(): fc.Arbitrary<string> {
  return fc
    .array(fc.string({ unit: fc.constantFrom(...SLUG_CHARS), minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 })
    .map((words) => words.join('-'))
    .filter((slug) => slug.length >= 2 && slug.length <= 100);
}

const DAY = 86_400_000;
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const MAX_DAY = dayNumber(MAX_DATE);

/** A calendar date between `from` and `to` (inclusive, YYYY-MM-DD). */
export function arbDate(from = '1980-01-01', to = MAX_DATE): fc.Arbitrary<string> {
  return fc.integer({ min: dayNumber(from), max: dayNumber(to) }).map(dateOf);
}

const arbCountry = (): fc.Arbitrary<CountryCode> => fc.constantFrom(...COUNTRIES);
const arbUrl = (): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom('http', 'https'), arbSlug(), fc.constantFrom('', '?a=1&b=2', '?q=a,b;c', '#x', '/=x', '/-@+', '?x=%22y%22'))
    .map(([scheme, path, tail]) => `${scheme}://example.org/${path}${tail}`);
const arbLanguage = (): fc.Arbitrary<string> => fc.constantFrom('en', 'ja', 'ur', 'ar', 'zh-Hant', 'pt-BR', 'fil');
const arbWikidata = (): fc.Arbitrary<string> => fc.integer({ min: 1, max: 999_999_999 }).map((n) => `Q${n}`);

/** Drops keys whose value is undefined, keeping the order of the others. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Picks items by generated numbers, without repeats, in the order picked. */
function pickUnique<T>(items: readonly T[], picks: readonly number[]): T[] {
  const out: T[] = [];
  for (const p of picks) {
    const item = items[p % items.length];
    if (items.length && item !== undefined && !out.includes(item)) out.push(item);
  }
  return out;
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// ---------------------------------------------------------------------------------------
// Organizations and people

export interface OrganizationOptions extends TextOptions {
  id?: string;
  /** Ids that may be the parent (never the organization itself). */
  parents?: readonly string[];
}

/** A valid organization; names and aliases end with its id, so they are unique in a dataset. */
export function arbOrganization(options: OrganizationOptions = {}): fc.Arbitrary<Organization> {
  const parents = (options.parents ?? []).filter((p) => p !== options.id);
  return fc
    .record({
      id: options.id ? fc.constant(options.id) : arbSlug(),
      name: arbText({ ...options, maxLength: 200 }),
      aliases: fc.option(fc.array(arbText({ ...options, maxLength: 200 }), { maxLength: 3 }), { nil: undefined }),
      kind: fc.constantFrom(...ORGANIZATION_KINDS),
      country: fc.option(arbCountry(), { nil: undefined }),
      parent: parents.length ? fc.option(fc.constantFrom(...parents), { nil: undefined }) : fc.constant(undefined),
      wikidata: fc.option(arbWikidata(), { nil: undefined }),
      url: fc.option(arbUrl(), { nil: undefined }),
      notes: fc.option(arbLongText(options), { nil: undefined }),
    })
    .map((o) =>
      compact({
        ...o,
        name: `${o.name} [${o.id}]`,
        aliases: o.aliases?.map((alias, k) => `${alias} [${o.id}/${k + 1}]`),
      }),
    );
}

export interface PersonOptions extends TextOptions {
  id?: string;
  /** Organization ids that positions may name (and, without `publishers`, that publish the person's source). */
  organizations?: readonly string[];
  /** Organization ids that may publish the person's source. */
  publishers?: readonly string[];
}

/** The local id of the one source a generated person's position dates cite. */
const PERSON_SOURCE = 'person-source';

/** A valid person with one to three positions; names and aliases end with the id. */
export function arbPerson(options: PersonOptions = {}): fc.Arbitrary<Person> {
  const organizations = options.organizations ?? [];
  const arbPosition = fc
    .record({
      title: arbText({ ...options, maxLength: 200 }),
      organization: organizations.length ? fc.option(fc.constantFrom(...organizations), { nil: undefined }) : fc.constant(undefined),
      country: arbCountry(),
      start: arbDate('1980-01-01', MAX_DATE),
      length: fc.option(fc.integer({ min: 0, max: 20 * 366 }), { nil: undefined }),
      // How the start is known: to the day, to the month, or only as the earliest day a source shows the person in post.
      known: fc.constantFrom('day', 'month', 'in-post-by'),
    })
    .map(({ length, known, start, ...p }): Position => {
      const from = known === 'month' ? `${start.slice(0, 8)}01` : start;
      const end = length === undefined ? undefined : dateOf(Math.min(MAX_DAY, dayNumber(from) + length));
      return compact({
        ...p,
        start: from,
        start_precision: known === 'month' ? ('month' as const) : undefined,
        start_qualifier: known === 'in-post-by' ? ('in-post-by' as const) : undefined,
        start_sources: [PERSON_SOURCE],
        end,
        end_sources: end === undefined ? undefined : [PERSON_SOURCE],
      });
    });
  return fc
    .record({
      id: options.id ? fc.constant(options.id) : arbSlug(),
      name: arbText({ ...options, maxLength: 200 }),
      aliases: fc.option(fc.array(arbText({ ...options, maxLength: 200 }), { maxLength: 3 }), { nil: undefined }),
      native_name: fc.option(arbText({ ...options, maxLength: 200 }), { nil: undefined }),
      wikidata: fc.option(arbWikidata(), { nil: undefined }),
      positions: fc.array(arbPosition, { minLength: 1, maxLength: 3 }),
      notes: fc.option(arbLongText(options), { nil: undefined }),
      source: fc.record({
        publisher: fc.constantFrom(...(options.publishers?.length ? options.publishers : organizations.length ? organizations : ['org-a'])),
        kind: fc.constantFrom(...SOURCE_KINDS),
        supports: fc.option(arbText({ ...options, maxLength: 200 }), { nil: undefined }),
      }),
    })
    .map(({ source, ...p }) =>
      compact({
        ...p,
        sources: [compact({ id: PERSON_SOURCE, ...source })],
        name: `${p.name} [${p.id}]`,
        aliases: p.aliases?.map((alias, k) => `${alias} [${p.id}/${k + 1}]`),
      }),
    );
}

// ---------------------------------------------------------------------------------------
// Engagements

export interface EngagementOptions extends TextOptions {
  /** People that participants may be (only those holding a position on the date are used). */
  people?: readonly Person[];
  /** Organizations for participants and source publishers (default: two made-up ids with no country). */
  organizations?: readonly Pick<Organization, 'id' | 'country'>[];
  /** Ids of other engagements that `related` may name; without any, `related` is absent or empty. */
  engagements?: readonly string[];
  /** The slug of the id (after the date). */
  slug?: string;
}

/** The first and last day a date of a precision can mean (as the position-on-date rule reads it). */
function span(date: string, precision: string): { start: string; end: string } {
  if (precision === 'year') return { start: `${date.slice(0, 4)}-01-01`, end: `${date.slice(0, 4)}-12-31` };
  if (precision === 'month') {
    const last = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();
    return { start: `${date.slice(0, 7)}-01`, end: `${date.slice(0, 7)}-${String(last).padStart(2, '0')}` };
  }
  return { start: date, end: date };
}

const arbParticipantSeed = (options: TextOptions) =>
  fc.record({
    person: fc.option(fc.nat(), { nil: undefined }),
    organization: fc.nat(),
    withOrganization: fc.boolean(),
    country: arbCountry(),
    role: fc.constantFrom(...ROLES),
    title_as_reported: fc.option(arbText({ ...options, maxLength: 200 }), { nil: undefined }),
    name_as_reported: fc.option(arbText({ ...options, maxLength: 200 }), { nil: undefined }),
  });

const arbSourceSeed = (options: TextOptions) =>
  fc.record({
    publisher: fc.nat(),
    kind: fc.constantFrom(...SOURCE_KINDS),
    title: fc.option(arbText({ ...options, maxLength: 200 }), { nil: undefined }),
    url: fc.option(arbUrl(), { nil: undefined }),
    published: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
    language: fc.option(arbLanguage(), { nil: undefined }),
    reproduces: fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    supports: fc.option(arbText({ ...options, maxLength: 200 }), { nil: undefined }),
  });

const arbCitations = () => fc.array(fc.nat(), { minLength: 1, maxLength: 4 });

/** A valid engagement whose references name the given people and organizations. */
export function arbEngagement(options: EngagementOptions = {}): fc.Arbitrary<Engagement> {
  const people = options.people ?? [];
  const organizations: readonly Pick<Organization, 'id' | 'country'>[] = options.organizations?.length ? options.organizations : [{ id: 'org-a' }, { id: 'org-b' }];
  const text = (maxLength = 300) => arbText({ ...options, maxLength });
  return fc
    .record({
      slug: options.slug ? fc.constant(options.slug) : arbSlug(),
      title: text(),
      day: fc.integer({ min: dayNumber('1995-01-01'), max: MAX_DAY }),
      length: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      date_precision: fc.constantFrom(...DATE_PRECISIONS),
      type: fc.constantFrom(...TYPES),
      medium: fc.constantFrom(...MEDIA),
      participants: fc.array(arbParticipantSeed(options), { minLength: 2, maxLength: 5 }),
      host: fc.option(fc.nat(), { nil: undefined }),
      location: fc.option(text(200), { nil: undefined }),
      initiator: fc.option(
        fc.record({ country: fc.nat(), person: fc.option(fc.nat(), { nil: undefined }), sources: arbCitations() }),
        { nil: undefined },
      ),
      topics: fc.uniqueArray(fc.constantFrom(...TOPICS), { maxLength: 5 }),
      outcomes: fc.option(
        fc.array(fc.record({ kind: fc.constantFrom(...OUTCOME_KINDS), summary: text(), by: fc.option(arbCountry(), { nil: undefined }), sources: arbCitations() }), { maxLength: 3 }),
        { nil: undefined },
      ),
      sourceIds: fc.uniqueArray(arbSlug(), { minLength: 1, maxLength: 4 }),
      sources: fc.array(arbSourceSeed(options), { minLength: 4, maxLength: 4 }),
      disagreements: fc.option(
        fc.array(fc.record({ field: fc.constantFrom(...DISAGREEMENT_FIELDS), description: text(), sources: arbCitations() }), { maxLength: 2 }),
        { nil: undefined },
      ),
      confidence: fc.record({ level: fc.constantFrom(...CONFIDENCE), reason: text() }),
      notes: fc.option(arbLongText(options), { nil: undefined }),
      related: fc.option(
        fc.array(fc.record({ other: fc.nat(), relation: fc.constantFrom(...RELATIONS) }), { maxLength: 2 }),
        { nil: undefined },
      ),
    })
    .map((g): Engagement => {
      // Dates: month and year precision write the first day of the month or year.
      let date = dateOf(g.day);
      if (g.date_precision === 'month') date = `${date.slice(0, 7)}-01`;
      if (g.date_precision === 'year') date = `${date.slice(0, 4)}-01-01`;
      const end_date = g.length === undefined ? undefined : dateOf(Math.min(MAX_DAY, dayNumber(date) + g.length));
      const { start, end } = span(date, g.date_precision);
      const last = end_date !== undefined && end_date > end ? end_date : end;
      const eligible = people.filter((p) => p.positions.some((pos) => positionCovers(pos, start, last)));

      // Participants: a person only when they hold a position then, each person once, two countries at least.
      const used = new Set<string>();
      const participants = g.participants.map((seed) => {
        let person: string | undefined;
        if (seed.person !== undefined && eligible.length) {
          const candidate = eligible[seed.person % eligible.length]!.id;
          if (!used.has(candidate)) {
            used.add(candidate);
            person = candidate;
          }
        }
        const organization = person === undefined || seed.withOrganization ? organizations[seed.organization % organizations.length]! : undefined;
        return compact({
          person,
          organization: organization?.id,
          // A participant represents the country of its organization, when that has one.
          country: organization?.country ?? seed.country,
          role: seed.role,
          title_as_reported: seed.title_as_reported,
          name_as_reported: seed.name_as_reported,
        }) as Engagement['participants'][number];
      });
      if (new Set(participants.map((p) => p.country)).size < 2) {
        // Two countries at least: move the second participant to another country, with an
        // organization of that country (or of none) when it has one.
        const first = participants[0]!.country;
        const second = participants[1]!;
        const other = organizations.find((o) => o.country !== undefined && o.country !== first) ?? organizations.find((o) => o.country === undefined);
        if (second.organization !== undefined && other) second.organization = other.id;
        second.country = other?.country ?? COUNTRIES[(COUNTRIES.indexOf(first) + 1) % COUNTRIES.length]!;
      }

      // Sources: unique local ids, published on or after the event, reproducing earlier sources only.
      const ids = g.sourceIds;
      const sources = ids.map((id, i): Source => {
        const seed = g.sources[i]!;
        const reproduces = seed.reproduces && i > 0 ? pickUnique(ids.slice(0, i), seed.reproduces) : [];
        return compact({
          id,
          publisher: organizations[seed.publisher % organizations.length]!.id,
          kind: seed.kind,
          title: seed.title,
          url: seed.url,
          published: seed.published === undefined ? undefined : dateOf(Math.min(MAX_DAY, dayNumber(date) + seed.published)),
          language: seed.language,
          reproduces: reproduces.length ? reproduces : undefined,
          supports: seed.supports,
        });
      });
      const cite = (picks: number[]): string[] => pickUnique(ids, picks);
      const countries = [...new Set(participants.map((p) => p.country))];
      const initiator: Engagement['initiator'] =
        g.initiator === undefined
          ? 'unknown'
          : compact({
              country: countries[g.initiator.country % countries.length]!,
              person: g.initiator.person === undefined || people.length === 0 ? undefined : people[g.initiator.person % people.length]!.id,
              sources: cite(g.initiator.sources),
            });
      const self = [`${date}-${g.slug}`, `0000-00-00-${g.slug}`];
      const otherIds = (options.engagements ?? []).filter((id) => !self.includes(id));
      // Host and location only for engagements in person; the host is one of the sides.
      const inPerson = g.medium === 'in-person' || g.medium === 'mixed';
      return compact({
        id: `${date}-${g.slug}`,
        title: g.title,
        date,
        end_date,
        date_precision: g.date_precision,
        type: g.type,
        medium: g.medium,
        participants,
        host: inPerson && g.host !== undefined ? countries[g.host % countries.length] : undefined,
        location: inPerson ? g.location : undefined,
        initiator,
        topics: g.topics,
        outcomes: g.outcomes?.map((o) => compact({ ...o, sources: cite(o.sources) })),
        sources,
        disagreements: g.disagreements?.map((d) => ({ ...d, sources: cite(d.sources) })),
        confidence: { ...g.confidence }, // fc.record may build null-prototype objects; records are plain
        notes: g.notes,
        related: g.related?.flatMap((r) => (otherIds.length ? [{ engagement: otherIds[r.other % otherIds.length]!, relation: r.relation }] : [])),
      });
    });
}

// ---------------------------------------------------------------------------------------
// Datasets

/** A whole consistent dataset: every reference resolves; lists sorted by id. */
export function arbDataset(options: DatasetOptions = {}): fc.Arbitrary<ArbitraryDataset> {
  const maxOrganizations = Math.max(1, options.maxOrganizations ?? 5);
  const maxPeople = options.maxPeople ?? 4;
  const maxEngagements = options.maxEngagements ?? 4;
  return fc
    .record({
      ids: fc.uniqueArray(arbSlug(), { minLength: 1 + maxPeople + maxEngagements, maxLength: 1 + maxPeople + maxEngagements + maxOrganizations }),
      organizations: fc.integer({ min: 1, max: maxOrganizations }),
      people: fc.integer({ min: 0, max: maxPeople }),
      engagements: fc.integer({ min: 0, max: maxEngagements }),
    })
    .chain(({ ids, organizations: nOrg, people: nPeople, engagements: nEng }) => {
      // Distinct slugs for engagement slugs, people and organizations: no id is shared between kinds.
      const engagementSlugs = ids.slice(0, nEng);
      const personIds = ids.slice(maxEngagements, maxEngagements + nPeople);
      // ids has at least maxEngagements + maxPeople + 1 entries, so there is always an organization.
      const orgIds = ids.slice(maxEngagements + maxPeople, maxEngagements + maxPeople + nOrg);
      const arbOrgs = fc.tuple(...orgIds.map((id, i) => arbOrganization({ ...options, id, parents: orgIds.slice(0, i) })));
      const arbPeople = personIds.length ? fc.tuple(...personIds.map((id) => arbPerson({ ...options, id, organizations: orgIds }))) : fc.constant([] as Person[]);
      return fc.tuple(arbOrgs, arbPeople).chain(([orgs, people]) => {
        // Engagement ids are their date and slug, known only once generated: `related` is
        // generated against placeholders and pointed at the real ids afterwards.
        const placeholders = engagementSlugs.map((slug) => `0000-00-00-${slug}`);
        const arbEngs = engagementSlugs.length
          ? fc.tuple(...engagementSlugs.map((slug) => arbEngagement({ ...options, slug, people, organizations: orgs, engagements: placeholders })))
          : fc.constant([] as Engagement[]);
        return arbEngs.map((engagements) => {
          const realId = new Map(placeholders.map((p, i) => [p, engagements[i]!.id]));
          const linked = engagements.map((e) =>
            e.related ? { ...e, related: e.related.map((r) => ({ ...r, engagement: realId.get(r.engagement) ?? r.engagement })) } : e,
          );
          return {
            engagements: [...linked].sort(byId),
            people: [...people].sort(byId),
            organizations: [...orgs].sort(byId),
          };
        });
      });
    });
}
