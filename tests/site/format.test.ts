import { describe, expect, it } from 'vitest';
import { displayDate, isoDate } from '../../packages/export-site/src/format.js';

// The one pair of functions every date the site prints goes through (text and <time>/JSON-LD).
describe('site date formats', () => {
  it('print a date at its precision in words', () => {
    expect(displayDate('2020-08-06')).toBe('6 August 2020');
    expect(displayDate('2020-08-06', 'day')).toBe('6 August 2020');
    expect(displayDate('2019-01-01', 'month')).toBe('January 2019');
    expect(displayDate('2019-01-01', 'year')).toBe('2019');
  });

  it('write ISO 8601 reduced precision for <time datetime> and schema.org Date', () => {
    expect(isoDate('2020-08-06')).toBe('2020-08-06');
    expect(isoDate('2020-08-06', 'day')).toBe('2020-08-06');
    expect(isoDate('2019-01-01', 'month')).toBe('2019-01');
    expect(isoDate('2019-01-01', 'year')).toBe('2019');
  });
});
