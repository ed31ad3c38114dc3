import type { RecordRule } from './rule.js';
import { anyPositionCovers, describePositionDates } from '../derive/positionSpan.js';
import { dateSpan, describeDate } from './shared.js';

/**
 * RULE005. A participant who is a person took part in an official capacity, so one of
 * their recorded positions must cover the engagement's date (Kono could not have called
 * as defence minister before 2019-09-11). A position without `end` is still held. With
 * month or year precision any day of that month or year counts (for the engagement's date
 * and for a position's `start_precision`/`end_precision`), and a multi-day engagement
 * counts when a position covers any of its days. A position whose `start_qualifier` is
 * `in-post-by` is held from its `start` too: nothing shows the person in post before it.
 * Unresolved person ids are RULE003's concern.
 */
export const positionOnDate: RecordRule<'engagement'> = {
  code: 'RULE005',
  name: 'position-on-date',
  description:
    'A participant who is a person held one of their recorded positions on the engagement\'s date (any day of the month or year at coarser precision): it catches wrong dates, wrong people and missing positions.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement'],
  check(record, { dataset }, report) {
    const { date, end_date, date_precision, participants } = record.data;
    const span = dateSpan(date, date_precision);
    const last = end_date !== undefined && end_date > span.end ? end_date : span.end;
    for (let i = 0; i < participants.length; i++) {
      const participant = participants[i]!;
      if (participant.person === undefined) continue;
      const person = dataset.personById.get(participant.person);
      if (!person || !person.valid) continue;
      const { positions, name, id } = person.data;
      // The person's spans are worked out once, not for every engagement they take part in.
      if (anyPositionCovers(positions, span.start, last)) continue;
      const when = end_date !== undefined && end_date > span.end ? `between ${span.start} and ${end_date}` : describeDate(date, date_precision);
      const listed = positions.map((p) => `${p.title}${p.organization ? ` (${p.organization})` : ''} ${describePositionDates(p)}`);
      report(
        { record, path: ['participants', i, 'person'] },
        `${name} (${id}) held no recorded position ${when}.`,
        `Recorded positions: ${listed.join('; ')}. Check the engagement's date and the person; or, when a source shows them in that office then, add the position or an earlier start citing that source to ${person.file} (with \`start_qualifier: in-post-by\` when the source shows them in post but not their first day).`,
      );
    }
  },
};
