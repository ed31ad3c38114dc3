import type { CountryCode, Engagement, EngagementType, Medium, ParticipantRole, Topic } from '@engagements/schema';
import { stringify } from 'yaml';
import type { Dataset } from '../dataset.js';
import { formatRecord, folderFor } from '../format/formatRecord.js';
import { positionCovers } from '../derive/positionSpan.js';
import { slugify } from '../slug.js';

export { slugify };

export interface NewParticipant {
  person?: string;
  organization?: string;
  /** Needed only when neither the person's position nor the organization says it. */
  country?: CountryCode;
  role: ParticipantRole;
}

export interface NewEngagementFacts {
  date: string;
  type: EngagementType;
  medium: Medium;
  participants: NewParticipant[];
  title?: string;
  /** The part of the id after the date; derived from countries and type when absent. */
  slug?: string;
  topics?: Topic[];
}

export interface ScaffoldResult {
  id: string;
  /** Path relative to the records folder. */
  relativePath: string;
  text: string;
}

/**
 * Writes a new engagement record from the facts a contributor gave, in canonical form,
 * in the right folder under the right id. Facts the schema requires but nobody gave yet
 * (sources, confidence) are left out, so that validation names each one until it is filled.
 */
export function scaffoldEngagement(facts: NewEngagementFacts, dataset: Dataset): ScaffoldResult {
  const participants = facts.participants.map((p) => {
    const country = p.country ?? countryOf(p, facts.date, dataset);
    return {
      ...(p.person ? { person: p.person } : {}),
      ...(p.organization ? { organization: p.organization } : {}),
      ...(country ? { country } : {}),
      role: p.role,
    };
  });
  const countries = [...new Set(participants.map((p) => p.country).filter(Boolean))].map((c) => c!.toLowerCase());
  const slug = slugify(facts.slug ?? [...countries, facts.type, facts.medium === 'in-person' ? '' : facts.medium].filter(Boolean).join('-'));
  const id = `${facts.date}-${slug}`;
  const record: Partial<Engagement> & Record<string, unknown> = {
    id,
    ...(facts.title ? { title: facts.title } : {}),
    date: facts.date,
    date_precision: 'day',
    type: facts.type,
    medium: facts.medium,
    participants: participants as Engagement['participants'],
    initiator: 'unknown',
    topics: facts.topics ?? [],
  };
  const text = formatRecord(stringify(record), 'engagement');
  if (!text.ok) throw new Error(`could not format the new record: ${text.reason}`);
  return { id, relativePath: `${folderFor('engagement', facts.date)}/${id}.yaml`, text: text.text };
}

/** The country a participant represents: the organization's, or the person's position on that date. */
export function countryOf(p: NewParticipant, date: string, dataset: Dataset): CountryCode | undefined {
  if (p.organization) {
    const org = dataset.organizationById.get(p.organization)?.data;
    if (org?.country) return org.country;
  }
  if (p.person) {
    const person = dataset.personById.get(p.person)?.data;
    const held = person?.positions.find((pos) => positionCovers(pos, date)) ?? person?.positions.at(-1);
    return held?.country;
  }
  return undefined;
}

