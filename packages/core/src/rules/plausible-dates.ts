import type { AnyRecord } from '../dataset.js';
import type { RecordRule } from './rule.js';

/** The earliest date the dataset accepts: modern defence diplomacy, with room for long careers. */
export const EARLIEST_DATE = '1900-01-01';

/**
 * RULE019. A date the calendar allows can still be absurd: year 0000 or 0202 is a typo,
 * and the schema's date format accepts it. No engagement date, end date, publication date
 * or position start or end lies before 1900. (Dates after today are RULE007.)
 */
export const plausibleDates: RecordRule = {
  code: 'RULE019',
  name: 'plausible-dates',
  description: `No engagement date, end date, source publication date or position start or end is before ${EARLIEST_DATE}: an older date is a mistyped year.`,
  severity: 'error',
  scope: 'record',
  kinds: ['engagement', 'person'],
  check(record: AnyRecord, _context, report) {
    const check = (path: (string | number)[], value: string | undefined, what: string): void => {
      if (value !== undefined && value < EARLIEST_DATE) report({ record, path }, `${what} ${value} is before ${EARLIEST_DATE}.`, 'Check the year: it is probably mistyped.');
    };
    if (record.kind === 'engagement') {
      const { date, end_date, sources } = record.data;
      check(['date'], date, 'The date');
      check(['end_date'], end_date, 'The end date');
      sources.forEach((s, i) => check(['sources', i, 'published'], s.published, `The publication date of source "${s.id}"`));
    } else if (record.kind === 'person') {
      record.data.positions.forEach((p, i) => {
        check(['positions', i, 'start'], p.start, `The start of the position "${p.title}"`);
        check(['positions', i, 'end'], p.end, `The end of the position "${p.title}"`);
      });
      (record.data.sources ?? []).forEach((s, i) => check(['sources', i, 'published'], s.published, `The publication date of source "${s.id}"`));
    }
  },
};
