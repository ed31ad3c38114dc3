import type { RecordRule } from './rule.js';

/** Types where one side receives the other: the host must be one of the sides. */
const HOSTED_BY_A_SIDE = new Set(['official-visit', 'courtesy-call', 'port-call']);

/**
 * RULE016. In a visit, a courtesy call or a port call one side receives the other, so the
 * host country is the country of a participant; anything else is usually a typo or a
 * swapped code. Other in-person engagements may take place on neutral ground (a meeting
 * on the sidelines of a summit abroad): there `host` is the venue's country, which is
 * what makes the meeting "at a third location" (CAMEO 044).
 */
export const hostIsParticipant: RecordRule<'engagement'> = {
  code: 'RULE016',
  name: 'host-is-participant',
  description: 'In a visit, courtesy call or port call the `host` country is the country of one of the participants.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement'],
  check(record, _context, report) {
    const { host, participants, type } = record.data;
    if (host === undefined || !HOSTED_BY_A_SIDE.has(type)) return;
    const countries = [...new Set(participants.map((p) => p.country))];
    if (countries.includes(host)) return;
    report(
      { record, path: ['host'] },
      `The host country ${host} of this ${type} is not the country of any participant (${countries.join(', ')}).`,
      'In a visit one side receives the other: check the country code, or the type if the engagement took place on neutral ground.',
    );
  },
};
