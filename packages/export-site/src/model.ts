// What the pages show, derived once from the published dataset: lookups by id, the
// engagements of each person, organization, country and vocabulary term, who met whom.
// Everything is sorted explicitly so that the pages are the same bytes whatever the order
// the records came in.
import { dateSpan, deriveFacts, type DerivedFacts, type PublishedDataset } from '@engagements/core';
import { vocabularies, type Engagement, type Organization, type Person } from '@engagements/schema';

export interface Term {
  id: string;
  label: string;
  definition: string;
}

/** The vocabularies the site lists engagements by (one folder of pages each). */
export const FACETS = [
  { vocabulary: 'engagement-type', folder: 'types', field: 'type', label: 'Type' },
  { vocabulary: 'medium', folder: 'media', field: 'medium', label: 'Medium' },
  { vocabulary: 'topic', folder: 'topics', field: 'topics', label: 'Topic' },
] as const;
export type Facet = (typeof FACETS)[number];

/** A date as the record gives it (YYYY-MM-DD) with how precisely it is known. */
export interface PreciseDate {
  date: string;
  precision: 'day' | 'month' | 'year';
}

export interface EngagementView {
  record: Engagement;
  facts: DerivedFacts;
  /** YYYY-MM of the date. */
  month: string;
  year: string;
}

export interface Partner {
  country: string;
  count: number;
}

export interface SiteModel {
  dataset: PublishedDataset;
  engagements: EngagementView[];
  engagementById: Map<string, EngagementView>;
  personById: Map<string, Person>;
  organizationById: Map<string, Organization>;
  /** Engagement ids in date order (then id), for every person, organization and country. */
  byPerson: Map<string, EngagementView[]>;
  byOrganization: Map<string, EngagementView[]>;
  byCountry: Map<string, EngagementView[]>;
  /** Engagements per term of each facet, and per year. */
  byTerm: Map<string, Map<string, EngagementView[]>>;
  byYear: Map<string, EngagementView[]>;
  /** Countries that take part in at least one engagement, sorted by English name. */
  countries: string[];
  /** Every country a record names (participants, hosts, initiators, organizations, positions), sorted by English name: each has a page. */
  allCountries: string[];
  /** For each pair of countries "AA|BB" (AA < BB), the engagements they both took part in. */
  pairs: Map<string, number>;
  terms: Record<string, readonly Term[]>;
  /** Earliest and latest dates (end dates included), or null for an empty dataset. */
  span: { start: PreciseDate; end: PreciseDate } | null;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** A country's English name from its ISO 3166-1 alpha-2 code (ICU's names; the code when ICU has none). */
export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}

// A fixed English collation (not the machine's locale) so that the order is the same everywhere.
const nameCollator = new Intl.Collator('en', { usage: 'sort', sensitivity: 'variant', numeric: false, ignorePunctuation: false });

/** Orders ISO 3166-1 alpha-2 codes by their displayed English name (then by code, for equal names). */
export function byCountryName(a: string, b: string): number {
  return nameCollator.compare(countryName(a), countryName(b)) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Codes sorted by displayed name, as a new array: every list of countries the site shows. */
export function sortCountries(codes: Iterable<string>): string[] {
  return [...codes].sort(byCountryName);
}

/** The terms of a controlled vocabulary, in the schema's order. */
export function vocabularyTerms(id: string): readonly Term[] {
  const vocabulary = (vocabularies as Readonly<Record<string, { terms: readonly Term[] }>>)[id];
  if (!vocabulary) throw new Error(`unknown vocabulary ${id}`);
  return vocabulary.terms;
}

/** A term's label, or the id itself when the vocabulary does not have it. */
export function termLabel(model: SiteModel, vocabulary: string, id: string): string {
  return model.terms[vocabulary]?.find((t) => t.id === id)?.label ?? id;
}

const byDateThenId = (a: EngagementView, b: EngagementView) =>
  a.record.date < b.record.date ? -1 : a.record.date > b.record.date ? 1 : a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== value) list.push(value);
  } else map.set(key, [value]);
}

export function buildModel(dataset: PublishedDataset): SiteModel {
  const engagements = dataset.engagements
    .map((record): EngagementView => ({ record, facts: deriveFacts(record), month: record.date.slice(0, 7), year: record.date.slice(0, 4) }))
    .sort(byDateThenId);
  const terms = Object.fromEntries(FACETS.map((f) => [f.vocabulary, vocabularyTerms(f.vocabulary)]));
  for (const extra of ['participant-role', 'outcome-kind', 'source-kind', 'organization-kind']) terms[extra] = vocabularyTerms(extra);
  const byPerson = new Map<string, EngagementView[]>();
  const byOrganization = new Map<string, EngagementView[]>();
  const byCountry = new Map<string, EngagementView[]>();
  const byYear = new Map<string, EngagementView[]>();
  const byTerm = new Map<string, Map<string, EngagementView[]>>(FACETS.map((f) => [f.vocabulary, new Map()]));
  const pairs = new Map<string, number>();
  let start: PreciseDate | null = null;
  let end: PreciseDate | null = null;
  for (const view of engagements) {
    const e = view.record;
    for (const p of e.participants) {
      if (p.person) push(byPerson, p.person, view);
      if (p.organization) push(byOrganization, p.organization, view);
    }
    for (const c of view.facts.countries) push(byCountry, c, view);
    push(byYear, view.year, view);
    push(byTerm.get('engagement-type')!, e.type, view);
    push(byTerm.get('medium')!, e.medium, view);
    for (const t of e.topics) push(byTerm.get('topic')!, t, view);
    const cs = view.facts.countries;
    for (let i = 0; i < cs.length; i++) for (let j = i + 1; j < cs.length; j++) pairs.set(`${cs[i]}|${cs[j]}`, (pairs.get(`${cs[i]}|${cs[j]}`) ?? 0) + 1);
    // A coarse date covers a period: the span starts at the earliest first day and ends at
    // the latest last day any date can mean (core's dateSpan), and keeps that date's precision.
    const last: PreciseDate = { date: e.end_date ?? e.date, precision: e.date_precision };
    if (start === null || e.date < start.date) start = { date: e.date, precision: e.date_precision };
    if (end === null || dateSpan(last.date, last.precision).end > dateSpan(end.date, end.precision).end) end = last;
  }
  const named = new Set<string>(byCountry.keys());
  for (const e of dataset.engagements) {
    if (e.host) named.add(e.host);
    if (e.initiator !== 'unknown') named.add(e.initiator.country);
    for (const o of e.outcomes ?? []) if (o.by) named.add(o.by);
  }
  for (const o of dataset.organizations) if (o.country) named.add(o.country);
  for (const p of dataset.people) for (const pos of p.positions) named.add(pos.country);
  return {
    dataset,
    engagements,
    allCountries: sortCountries(named),
    engagementById: new Map(engagements.map((v) => [v.record.id, v])),
    personById: new Map(dataset.people.map((p) => [p.id, p])),
    organizationById: new Map(dataset.organizations.map((o) => [o.id, o])),
    byPerson,
    byOrganization,
    byCountry,
    byTerm,
    byYear,
    countries: sortCountries(byCountry.keys()),
    pairs,
    terms,
    span: start && end ? { start, end } : null,
  };
}

/** The countries a country met, with how many engagements they shared, most first (then by name). */
export function partnersOf(model: SiteModel, country: string): Partner[] {
  const out: Partner[] = [];
  for (const [pair, count] of model.pairs) {
    const [a, b] = pair.split('|') as [string, string];
    if (a === country) out.push({ country: b, count });
    else if (b === country) out.push({ country: a, count });
  }
  return out.sort((x, y) => y.count - x.count || byCountryName(x.country, y.country));
}

/** The organizations a list of engagements was shared with (other than `self`), most first. */
export function partnerOrganizations(views: readonly EngagementView[], self: string): Array<{ id: string; count: number }> {
  const counts = new Map<string, number>();
  for (const v of views) {
    const seen = new Set<string>();
    for (const p of v.record.participants) if (p.organization && p.organization !== self) seen.add(p.organization);
    for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
}
