import type { AnyRecord } from '../dataset.js';
import type { RecordRule } from './rule.js';
import { dateSpan, describeDate } from './shared.js';

/**
 * RULE006. A period cannot end before it starts: an engagement's `end_date` is on or after
 * its `date`, and a position's `end` is on or after its `start` (compared as periods at
 * month or year precision), with every `in_post_by` date between them. A reversed pair is
 * almost always a typo in one of the two dates, and would make date filters and the
 * position-on-date rule give nonsense.
 */
export const endNotBeforeStart: RecordRule = {
  code: 'RULE006',
  name: 'end-not-before-start',
  description: 'An engagement\'s `end_date` is not before its `date`, a position\'s `end` is not before its `start` and its `in_post_by` dates lie between them: a reversed period is a typo.',
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
        const start = p.start === undefined ? undefined : dateSpan(p.start, p.start_precision ?? 'day');
        const end = p.end === undefined ? undefined : dateSpan(p.end, p.end_precision ?? 'day');
        const startWords = p.start === undefined ? '' : describeDate(p.start, p.start_precision ?? 'day');
        const endWords = p.end === undefined ? '' : describeDate(p.end, p.end_precision ?? 'day');
        if (start && end && end.end < start.start) {
          report({ record, path: ['positions', i, 'end'] }, `The position "${p.title}" ends ${endWords}, before it starts ${startWords}.`, 'Check both dates and their precisions; `end` is the last day in office.');
        }
        (p.in_post_by ?? []).forEach((a, k) => {
          if (start && a.date < start.start) {
            report({ record, path: ['positions', i, 'in_post_by', k, 'date'] }, `The position "${p.title}" is attested on ${a.date}, before it starts ${startWords}.`, 'Check the in-post-by date and the start; an attestation before the start means one of them is wrong.');
          } else if (end && a.date > end.end) {
            report({ record, path: ['positions', i, 'in_post_by', k, 'date'] }, `The position "${p.title}" is attested on ${a.date}, after it ends ${endWords}.`, 'Check the in-post-by date and the end; an attestation after the end means one of them is wrong.');
          }
        });
      });
    }
  },
};
