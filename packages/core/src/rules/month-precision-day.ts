import type { DatePrecision } from '@engagements/schema';
import type { AnyRecord } from '../dataset.js';
import type { RecordRule } from './rule.js';

/**
 * RULE014. A date known only to the month or year is written as the first day of that
 * month or year (ACLED-style precision): `2020-08-01` with `month`, `2020-01-01` with
 * `year`. Any other day suggests the precision is wrong, or makes a day look known.
 */
export const monthPrecisionDay: RecordRule = {
  code: 'RULE014',
  name: 'month-precision-day',
  description:
    'With `date_precision` (or a position\'s `start_precision`/`end_precision`) `month` the date is the 1st of the month, with `year` it is January 1st: a coarse date written with another day claims a precision it does not have.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement', 'person'],
  check(record: AnyRecord, _context, report) {
    const check = (path: (string | number)[], date: string | undefined, precision: DatePrecision | undefined, field: string): void => {
      if (date === undefined) return;
      if (precision === 'month' && date.slice(8) !== '01') {
        report(
          { record, path },
          `With ${field} "month" the date is written as the first day of the month, but it is ${date}.`,
          `Write ${date.slice(0, 8)}01, or set ${field} to "day" if the exact day is known.`,
        );
      } else if (precision === 'year' && date.slice(5) !== '01-01') {
        report(
          { record, path },
          `With ${field} "year" the date is written as January 1st, but it is ${date}.`,
          `Write ${date.slice(0, 4)}-01-01, or set ${field} to "month" or "day" if more is known.`,
        );
      }
    };
    if (record.kind === 'engagement') {
      // A day-precise date (the common case) has nothing to check: no path is made for it.
      if (record.data.date_precision !== 'day') check(['date'], record.data.date, record.data.date_precision, 'date_precision');
    } else if (record.kind === 'person') {
      record.data.positions.forEach((p, i) => {
        check(['positions', i, 'start'], p.start, p.start_precision, 'start_precision');
        check(['positions', i, 'end'], p.end, p.end_precision, 'end_precision');
      });
    }
  },
};
