// The registry of rules beyond the schema: one rule per file, each with a stable code
// and a test beside it. Add new rules here in code order; codes are never reused.
import type { Rule } from './rule.js';
import { uniqueIds } from './unique-ids.js';
import { idMatchesFile } from './id-matches-file.js';
import { referencesResolve } from './references-resolve.js';
import { sourceRefsResolve } from './source-refs-resolve.js';
import { positionOnDate } from './position-on-date.js';
import { endNotBeforeStart } from './end-not-before-start.js';
import { noFutureDates } from './no-future-dates.js';
import { sourceNotBeforeEvent } from './source-not-before-event.js';
import { twoCountries } from './two-countries.js';
import { outcomeCitesSource } from './outcome-cites-source.js';
import { cleanText } from './clean-text.js';
import { personOncePerEngagement } from './person-once-per-engagement.js';
import { aliasUnique } from './alias-unique.js';
import { monthPrecisionDay } from './month-precision-day.js';
import { remoteHasNoHost } from './remote-has-no-host.js';
import { hostIsParticipant } from './host-is-participant.js';
import { participantOrgCountry } from './participant-org-country.js';
import { relatedResolves } from './related-resolves.js';
import { plausibleDates } from './plausible-dates.js';
import { aliasNotSplit } from './alias-not-split.js';
import { positionDatesCited } from './position-dates-cited.js';

export const rules: readonly Rule[] = [
  uniqueIds,
  idMatchesFile,
  referencesResolve,
  sourceRefsResolve,
  positionOnDate,
  endNotBeforeStart,
  noFutureDates,
  sourceNotBeforeEvent,
  twoCountries,
  outcomeCitesSource,
  cleanText,
  personOncePerEngagement,
  aliasUnique,
  monthPrecisionDay,
  remoteHasNoHost,
  hostIsParticipant,
  participantOrgCountry,
  relatedResolves,
  plausibleDates,
  aliasNotSplit,
  positionDatesCited,
];

export type { Rule, RecordRule, DatasetRule, RuleContext, Report, RuleLocation } from './rule.js';
