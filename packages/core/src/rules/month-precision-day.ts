import type { RecordRule } from './rule.js';

/**
 * RULE014. A date known only to the month or year is written as the first day of that
 * month or year (ACLED-style precision): `2020-08-01` with `month`, `2020-01-01` with
 * `year`. Any other day suggests the precision is wrong, or makes a day look known.
 */
export const monthPrecisionDay: RecordRule<'engagement'> = {
  code: 'RULE014',
  name: 'month-precision-day',
  description:
    'With `date_precision: month` the date is the 1st of the month, with `year` it is January 1st: a coarse date written with another day claims a precision it does not have.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement'],
  check(record, _context, report) {
    const { date, date_precision } = record.data;
    if (date_precision === 'month' && date.slice(8) !== '01') {
      report(
        { record, path: ['date'] },
        `With date_precision "month" the date is written as the first day of the month, but it is ${date}.`,
        `Write ${date.slice(0, 8)}01, or set date_precision to "day" if the exact day is known.`,
      );
    } else if (date_precision === 'year' && date.slice(5) !== '01-01') {
      report(
        { record, path: ['date'] },
        `With date_precision "year" the date is written as January 1st, but it is ${date}.`,
        `Write ${date.slice(0, 4)}-01-01, or set date_precision to "month" or "day" if more is known.`,
      );
    }
  },
};
