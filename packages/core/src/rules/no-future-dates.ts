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
    // Dates are compared first; the path and the words are made only for a finding.
    const future = (value: string | undefined): value is string => value !== undefined && value > today;
    const found = (path: (string | number)[], value: string, what: string, hint: string): void => report({ record, path }, `${what} ${value} is in the future (today is ${today}).`, hint);
    if (record.kind === 'engagement') {
      const { date, end_date, sources } = record.data;
      if (future(date)) found(['date'], date, 'The date', 'Record engagements once they have taken place; check the year.');
      if (future(end_date)) found(['end_date'], end_date, 'The end date', 'Check the year; for an engagement still going on, record it once it has ended.');
      publications(sources, future, found);
    } else if (record.kind === 'person') {
      const { positions } = record.data;
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i]!;
        if (future(p.start)) found(['positions', i, 'start'], p.start, `The start of the position "${p.title}"`, 'Record a position once it has begun; check the year.');
        if (future(p.end)) found(['positions', i, 'end'], p.end, `The end of the position "${p.title}"`, 'Leave `end` out while the person still holds the office, even when the term has a planned end.');
      }
      publications(record.data.sources ?? [], future, found);
    }
  },
};

function publications(
  sources: readonly { id: string; published?: string }[],
  future: (value: string | undefined) => value is string,
  found: (path: (string | number)[], value: string, what: string, hint: string) => void,
): void {
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    if (future(s.published)) found(['sources', i, 'published'], s.published, `The publication date of source "${s.id}"`, 'Check the year of the publication date.');
  }
}
