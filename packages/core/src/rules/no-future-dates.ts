import type { AnyRecord } from '../dataset.js';
import type { RecordRule } from './rule.js';

/**
 * RULE007. The dataset records engagements that took place, as reported: no engagement
 * date, end date or source publication date, and no position start or end, lies after
 * today. A future date is a typo (often the year) or a planned event that does not belong
 * here yet. "Today" is the run's UTC date, injectable for tests.
 */
export const noFutureDates: RecordRule = {
  code: 'RULE007',
  name: 'no-future-dates',
  description:
    'No engagement date, end date, source publication date or position start or end is after today: the dataset records what happened, and a future date is usually a mistyped year.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement', 'person'],
  check(record: AnyRecord, { today }, report) {
    const check = (path: (string | number)[], value: string | undefined, what: string, hint: string): void => {
      if (value !== undefined && value > today) report({ record, path }, `${what} ${value} is in the future (today is ${today}).`, hint);
    };
    if (record.kind === 'engagement') {
      const { date, end_date, sources } = record.data;
      const planned = 'Record engagements once they have taken place; check the year.';
      check(['date'], date, 'The date', planned);
      check(['end_date'], end_date, 'The end date', 'Check the year; for an engagement still going on, record it once it has ended.');
      sources.forEach((s, i) => check(['sources', i, 'published'], s.published, `The publication date of source "${s.id}"`, 'Check the year of the publication date.'));
    } else if (record.kind === 'person') {
      record.data.positions.forEach((p, i) => {
        check(['positions', i, 'start'], p.start, `The start of the position "${p.title}"`, 'Record a position once it has begun; check the year.');
        check(['positions', i, 'end'], p.end, `The end of the position "${p.title}"`, 'Leave `end` out while the person still holds the office, even when the term has a planned end.');
      });
      (record.data.sources ?? []).forEach((s, i) => check(['sources', i, 'published'], s.published, `The publication date of source "${s.id}"`, 'Check the year of the publication date.'));
    }
  },
};
