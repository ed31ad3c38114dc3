// Display formats that do not depend on the locale or time zone of the machine: dates are
// written from their ISO parts with English month names.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** How precisely a date is known (`date_precision`, `start_precision`, `end_precision`); absent means `day`. */
export type Precision = 'day' | 'month' | 'year';

/**
 * A record date (`YYYY-MM-DD`, written as the 1st of the month or of January at coarser
 * precision) as ISO 8601 reduced precision: `2020-08-06`, `2020-08` (month), `2020` (year).
 * Valid for HTML `<time datetime>` and for schema.org Date (startDate, temporalCoverage).
 */
export function isoDate(iso: string, precision: Precision = 'day'): string {
  if (precision === 'year') return iso.slice(0, 4);
  if (precision === 'month') return iso.slice(0, 7);
  return iso;
}

/** `2020-08-06` as "6 August 2020"; with precision `month` "August 2020", `year` "2020". */
export function displayDate(iso: string, precision: Precision = 'day'): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  if (precision === 'year') return y;
  const month = MONTHS[Number(m) - 1] ?? m;
  if (precision === 'month') return `${month} ${y}`;
  return `${Number(d)} ${month} ${y}`;
}

/** `2020-08` as "August 2020". */
export function displayMonth(yearMonth: string): string {
  const [y, m] = yearMonth.split('-') as [string, string];
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** "1 engagement", "3 engagements". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
