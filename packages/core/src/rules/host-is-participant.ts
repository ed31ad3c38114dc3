import type { RecordRule } from './rule.js';

/**
 * RULE016. The host of an engagement is one of the sides taking part: a host country that
 * no participant represents is usually a typo or a swapped code. A meeting on neutral
 * ground (on the sidelines of a summit abroad) has no host among the sides: give its place
 * in `location` and leave `host` out.
 */
export const hostIsParticipant: RecordRule<'engagement'> = {
  code: 'RULE016',
  name: 'host-is-participant',
  description: 'The `host` country is the country of one of the participants: the host is one of the sides.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement'],
  check(record, _context, report) {
    const { host, participants } = record.data;
    if (host === undefined) return;
    const countries = [...new Set(participants.map((p) => p.country))];
    if (countries.includes(host)) return;
    report(
      { record, path: ['host'] },
      `The host country ${host} is not the country of any participant (${countries.join(', ')}).`,
      'Check the country code; for a meeting held in a third country, leave `host` out and give the place in `location`.',
    );
  },
};
