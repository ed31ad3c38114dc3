import type { RecordRule } from './rule.js';

/**
 * RULE009. An engagement is a contact between officials of two or more states; with one
 * country among the participants it is domestic, or a participant's country is wrong.
 */
export const twoCountries: RecordRule<'engagement'> = {
  code: 'RULE009',
  name: 'two-countries',
  description: 'The participants represent at least two different countries: an engagement is a contact between states.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement'],
  check(record, _context, report) {
    const { participants } = record.data;
    // Two countries as soon as one participant's differs from the first's; the set is made only for a finding.
    for (let i = 1; i < participants.length; i++) if (participants[i]!.country !== participants[0]!.country) return;
    const countries = new Set(participants.map((p) => p.country));
    report(
      { record, path: ['participants'] },
      `All participants represent ${[...countries][0]}; an engagement needs participants from at least two countries.`,
      'Check each participant\'s `country` (the state they represent), or add the other side of the engagement.',
    );
  },
};
