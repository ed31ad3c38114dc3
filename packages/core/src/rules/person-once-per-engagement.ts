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
    const { participants } = record.data;
    for (let i = 1; i < participants.length; i++) {
      const person = participants[i]!.person;
      if (person === undefined) continue;
      // The first participant with the same person, if any (a few participants: no map needed).
      let earlier = -1;
      for (let k = 0; k < i && earlier === -1; k++) if (participants[k]!.person === person) earlier = k;
      if (earlier === -1) continue;
      const p = participants[i]!;
      const line = record.source.locate(['participants', earlier, 'person']).line;
      report(
        { record, path: ['participants', i, 'person'] },
        `The person "${p.person}" is already a participant of this engagement (line ${line}).`,
        'List each person once; if they acted in two capacities, keep one entry and give both in `title_as_reported`.',
      );
    }
  },
};
