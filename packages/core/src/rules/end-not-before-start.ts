import type { AnyRecord } from '../dataset.js';
import type { RecordRule } from './rule.js';
import { dateSpan, describeDate } from './shared.js';

/**
 * RULE006. A period cannot end before it starts: an engagement's `end_date` is on or after
 * its `date`, and a position's `end` is on or after its `start` (compared as periods at
 * month or year precision). A reversed pair is
 * almost always a typo in one of the two dates, and would make date filters and the
 * position-on-date rule give nonsense.
 */
export const endNotBeforeStart: RecordRule = {
  code: 'RULE006',
  name: 'end-not-before-start',
  description: 'An engagement\'s `end_date` is not before its `date`, a position\'s `end` is not before its `start`: a reversed period is a typo.',
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
        const start = dateSpan(p.start, p.start_precision ?? 'day');
        const end = p.end === undefined ? undefined : dateSpan(p.end, p.end_precision ?? 'day');
        const startWords = describeDate(p.start, p.start_precision ?? 'day');
        const endWords = p.end === undefined ? '' : describeDate(p.end, p.end_precision ?? 'day');
        if (end && end.end < start.start) {
          if (p.start_qualifier === 'in-post-by') {
            report(
              { record, path: ['positions', i, 'end'] },
              `The position "${p.title}" ends ${endWords}, before ${p.start}, a day its sources show the person already in it.`,
              'Check both dates: `end` is the last day in office, and with `start_qualifier: in-post-by` the `start` is a day the person was already in post.',
            );
          } else {
            report({ record, path: ['positions', i, 'end'] }, `The position "${p.title}" ends ${endWords}, before it starts ${startWords}.`, 'Check both dates and their precisions; `end` is the last day in office.');
          }
        }
      });
    }
  },
};
