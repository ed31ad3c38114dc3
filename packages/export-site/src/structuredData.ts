// schema.org markup in JSON-LD: a `Dataset` on the home page, an `Event` on each engagement
// page. The nodes are typed with schema-dts (generated from schema.org's vocabulary), so a
// property schema.org does not define for the type fails to compile; the tests check the
// emitted bytes again the same way and expand them with jsonld.js.
import { iri } from '@engagements/export-jsonld';
import type { Country, CreativeWork, DataDownload, Dataset, DefinedTerm, Event, Organization as SdoOrganization, Person as SdoPerson } from 'schema-dts';
import type { Engagement } from '@engagements/schema';
import { countryName, termLabel, type SiteModel } from './model.js';
import type { Download } from './downloads.js';
import { isoDate } from './format.js';

/** The context every block names: schema.org's, as search engines and schema-dts expect. */
export const SCHEMA_CONTEXT = 'https://schema.org';

export const LICENSE_URL = 'https://creativecommons.org/licenses/by/4.0/';

/**
 * JSON for a `<script type="application/ld+json">` block. `<`, `>` and `&` are written as
 * JSON escapes (`\u003c`...), so no text from a record can close the block (`</script`)
 * or open a comment (`<!--`); U+2028 and U+2029 are escaped too. The JSON means the same.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** An absolute URL when the site's address is known, otherwise the path relative to the page (JSON-LD resolves it against the page). */
export function siteUrl(base: string | undefined, sitePath: string, relative: string): string {
  return base ? new URL(sitePath, base).href : relative;
}

export interface DatasetInput {
  model: SiteModel;
  version: string | null;
  downloads: readonly Download[];
  /** The site's address (ends with `/`), when known. */
  base: string | undefined;
}

export function datasetNode(input: DatasetInput): Exclude<Dataset, string> & { '@context': string } {
  const { model, version, downloads, base } = input;
  const counts = `${model.engagements.length} engagements, ${model.dataset.people.length} people and ${model.dataset.organizations.length} organizations`;
  const distribution: DataDownload[] = downloads.map((d) => ({
    '@type': 'DataDownload',
    name: d.title,
    description: d.description,
    encodingFormat: d.mediaType,
    contentUrl: siteUrl(base, d.sitePath, d.sitePath),
  }));
  const spatial: Country[] = model.countries.map((code) => ({ '@type': 'Country', name: countryName(code), identifier: code }));
  const node: Exclude<Dataset, string> = {
    '@type': 'Dataset',
    '@id': 'https://w3id.org/engagements/',
    name: 'Defence-diplomacy engagements',
    description:
      `An open, schema-validated dataset of defence-diplomacy engagements: calls, meetings, visits, dialogues and exercises between defence and security officials of different states, each with the sources that report it (${counts}).`,
    ...(version ? { version } : {}),
    license: LICENSE_URL,
    isAccessibleForFree: true,
    creator: { '@type': 'Organization', name: 'The engagements project contributors' },
    keywords: ['defence diplomacy', 'military diplomacy', 'event data', 'CAMEO'],
    ...(model.span ? { temporalCoverage: `${isoDate(model.span.start.date, model.span.start.precision)}/${isoDate(model.span.end.date, model.span.end.precision)}` } : {}),
    ...(spatial.length ? { spatialCoverage: spatial } : {}),
    ...(base ? { url: base } : {}),
    distribution,
  };
  return { '@context': SCHEMA_CONTEXT, ...node };
}

/** How a medium maps onto schema.org's attendance modes; telephone and letters have none. */
const ATTENDANCE: Record<string, string | undefined> = {
  'in-person': 'https://schema.org/OfflineEventAttendanceMode',
  video: 'https://schema.org/OnlineEventAttendanceMode',
  mixed: 'https://schema.org/MixedEventAttendanceMode',
};

function attendee(model: SiteModel, p: Engagement['participants'][number]): SdoPerson | SdoOrganization {
  const organization = p.organization ? model.organizationById.get(p.organization) : undefined;
  const orgNode: SdoOrganization | undefined = organization
    ? {
        '@type': 'Organization',
        '@id': iri.organization(organization.id),
        name: organization.name,
        ...(organization.wikidata ? { sameAs: `https://www.wikidata.org/wiki/${organization.wikidata}` } : {}),
      }
    : undefined;
  if (p.person) {
    const person = model.personById.get(p.person);
    return {
      '@type': 'Person',
      '@id': iri.person(p.person),
      name: person?.name ?? p.person,
      ...(p.title_as_reported ? { jobTitle: p.title_as_reported } : {}),
      ...(person?.wikidata ? { sameAs: `https://www.wikidata.org/wiki/${person.wikidata}` } : {}),
      ...(orgNode ? { affiliation: orgNode } : {}),
      nationality: { '@type': 'Country', name: countryName(p.country), identifier: p.country },
    };
  }
  return orgNode ?? { '@type': 'Organization', name: p.organization ?? p.country };
}

export function eventNode(model: SiteModel, e: Engagement, base: string | undefined, sitePath: string): Exclude<Event, string> & { '@context': string } {
  const mode = ATTENDANCE[e.medium];
  const topics: DefinedTerm[] = e.topics.map((t) => ({
    '@type': 'DefinedTerm',
    name: termLabel(model, 'topic', t),
    termCode: t,
    inDefinedTermSet: iri.scheme('topic'),
  }));
  const sources: CreativeWork[] = e.sources.map((s) => {
    const publisher = model.organizationById.get(s.publisher);
    return {
      '@type': 'CreativeWork',
      '@id': iri.source(e.id, s.id),
      ...(s.title ? { name: s.title } : {}),
      ...(s.url ? { url: s.url } : {}),
      ...(s.published ? { datePublished: s.published } : {}),
      ...(s.language ? { inLanguage: s.language } : {}),
      publisher: { '@type': 'Organization', '@id': iri.organization(s.publisher), name: publisher?.name ?? s.publisher },
    };
  });
  const node: Exclude<Event, string> = {
    '@type': 'Event',
    '@id': iri.engagement(e.id),
    name: e.title,
    ...(e.notes ? { description: e.notes } : {}),
    startDate: isoDate(e.date, e.date_precision),
    ...(e.end_date ? { endDate: isoDate(e.end_date, e.date_precision) } : {}),
    ...(mode ? { eventAttendanceMode: mode as 'https://schema.org/OnlineEventAttendanceMode' } : {}),
    ...(e.location || e.host
      ? {
          location: {
            '@type': 'Place',
            ...(e.location ? { name: e.location } : {}),
            ...(e.host ? { address: { '@type': 'PostalAddress', addressCountry: e.host } } : {}),
          },
        }
      : {}),
    attendee: e.participants.map((p) => attendee(model, p)),
    about: topics,
    subjectOf: sources,
    ...(base ? { url: siteUrl(base, sitePath, '') } : {}),
  };
  return { '@context': SCHEMA_CONTEXT, ...node };
}
