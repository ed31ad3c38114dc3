import type { RecordRule } from './rule.js';

/**
 * RULE017 (warning). A participant represents a country through an organization; when the
 * organization belongs to a country, it is normally the participant's country. A mismatch
 * is usually a wrong organization id or a swapped country. A warning, because some
 * participants legitimately act for another state's body (a liaison officer, a seconded
 * official). International bodies (no country) are never flagged.
 */
export const participantOrgCountry: RecordRule<'engagement'> = {
  code: 'RULE017',
  name: 'participant-org-country',
  description: 'A participant\'s organization, when it has a country, is of the participant\'s country; a mismatch is usually a wrong id or a swapped country (warning).',
  severity: 'warning',
  scope: 'record',
  kinds: ['engagement'],
  check(record, { dataset }, report) {
    record.data.participants.forEach((p, i) => {
      if (p.organization === undefined) return;
      const organization = dataset.organizationById.get(p.organization);
      if (!organization || !organization.valid) return;
      const { country, name } = organization.data;
      if (country === undefined || country === p.country) return;
      report(
        { record, path: ['participants', i, 'organization'] },
        `The organization "${p.organization}" (${name}) is of ${country}, but the participant represents ${p.country}.`,
        'Check the organization id and the participant\'s `country`.',
      );
    });
  },
};
