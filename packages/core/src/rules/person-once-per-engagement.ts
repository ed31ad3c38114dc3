import type { RecordRule } from './rule.js';

/**
 * RULE012. A person takes part in an engagement once: listed twice, they would be counted
 * twice in participant tables and network exports. A person who acted in two capacities is
 * one participant whose title as reported names both.
 */
export const personOncePerEngagement: RecordRule<'engagement'> = {
  code: 'RULE012',
  name: 'person-once-per-engagement',
  description: 'The same person is not listed twice among one engagement\'s participants: they would be counted twice.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement'],
  check(record, _context, report) {
    const first = new Map<string, number>();
    record.data.participants.forEach((p, i) => {
      if (p.person === undefined) return;
      const earlier = first.get(p.person);
      if (earlier === undefined) {
        first.set(p.person, i);
        return;
      }
      const line = record.source.locate(['participants', earlier, 'person']).line;
      report(
        { record, path: ['participants', i, 'person'] },
        `The person "${p.person}" is already a participant of this engagement (line ${line}).`,
        'List each person once; if they acted in two capacities, keep one entry and give both in `title_as_reported`.',
      );
    });
  },
};
