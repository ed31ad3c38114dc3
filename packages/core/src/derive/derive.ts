import type { CountryCode, Engagement } from '@engagements/schema';
import { cameoOf, type CameoCode } from './cameo.js';

/** Facts derived from an engagement at build time, never written by hand. */
export interface DerivedFacts {
  /** The distinct countries of the participants, sorted. */
  countries: CountryCode[];
  /** bilateral with two countries, multilateral with more. */
  scope: 'bilateral' | 'multilateral';
  /** Remote when no participant met in person. */
  remote: boolean;
  cameo: CameoCode | null;
}

export function deriveFacts(engagement: Engagement): DerivedFacts {
  const countries = [...new Set(engagement.participants.map((p) => p.country))].sort();
  return {
    countries,
    scope: countries.length > 2 ? 'multilateral' : 'bilateral',
    remote: engagement.medium === 'video' || engagement.medium === 'telephone' || engagement.medium === 'written',
    cameo: cameoOf(engagement),
  };
}
