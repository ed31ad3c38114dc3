import type { AnyRecord } from '../dataset.js';
import type { RecordRule } from './rule.js';

/**
 * RULE006. A period cannot end before it starts: an engagement's `end_date` is on or after
 * its `date`, and a position's `end` is on or after its `start`. A reversed pair is almost
 * always a typo in one of the two dates, and would make date filters and the
 * position-on-date rule give nonsense.
 */
export const endNotBeforeStart: RecordRule = {
  code: 'RULE006',
  name: 'end-not-before-start',
  description: 'An engagement\'s `end_date` is not before its `date`, and a position\'s `end` is not before its `start`: a reversed period is a typo.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement', 'person'],
  check(record: AnyRecord, _context, report) {
    if (record.kind === 'engagement') {
      const { date, end_date } = record.data;
      if (end_date !== undefined && end_date < date) {
        report({ record, path: ['end_date'] }, `The end date ${end_date} is before the start date ${date}.`, 'Check both dates; `end_date` is the last day of the engagement.');
      }
    } else if (record.kind === 'person') {
      record.data.positions.forEach((p, i) => {
        if (p.end !== undefined && p.end < p.start) {
          report({ record, path: ['positions', i, 'end'] }, `The position "${p.title}" ends on ${p.end}, before it starts on ${p.start}.`, 'Check both dates; `end` is the last day in office.');
        }
      });
    }
  },
};
