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
    // Dates are compared first; the path and the words are made only for a finding.
    const found = (path: (string | number)[], value: string, what: string): void => report({ record, path }, `${what} ${value} is before ${EARLIEST_DATE}.`, 'Check the year: it is probably mistyped.');
    if (record.kind === 'engagement') {
      const { date, end_date, sources } = record.data;
      if (tooEarly(date)) found(['date'], date, 'The date');
      if (tooEarly(end_date)) found(['end_date'], end_date, 'The end date');
      publications(sources, found);
    } else if (record.kind === 'person') {
      const { positions } = record.data;
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i]!;
        if (tooEarly(p.start)) found(['positions', i, 'start'], p.start, `The start of the position "${p.title}"`);
        if (tooEarly(p.end)) found(['positions', i, 'end'], p.end, `The end of the position "${p.title}"`);
      }
      publications(record.data.sources ?? [], found);
    }
  },
};

function tooEarly(value: string | undefined): value is string {
  return value !== undefined && value < EARLIEST_DATE;
}

function publications(sources: readonly { id: string; published?: string }[], found: (path: (string | number)[], value: string, what: string) => void): void {
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    if (tooEarly(s.published)) found(['sources', i, 'published'], s.published, `The publication date of source "${s.id}"`);
  }
}
