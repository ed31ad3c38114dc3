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
    const countries = new Set(record.data.participants.map((p) => p.country));
    if (countries.size >= 2) return;
    report(
      { record, path: ['participants'] },
      `All participants represent ${[...countries][0]}; an engagement needs participants from at least two countries.`,
      'Check each participant\'s `country` (the state they represent), or add the other side of the engagement.',
    );
  },
};
