// When a person is known to hold a position, from dates given to a precision or only
// attested ("in post by"). One place decides it, for RULE005 (position on date), RULE006
// (a position's own dates in order) and the `new` command's choice of organization.
import type { Position } from '@engagements/schema';
import { dateSpan } from '../rules/shared.js';

/**
 * The days (YYYY-MM-DD, inclusive) on which the records allow that a position was held:
 * `from` is the first day `start` can mean (the 1st of its month or year at coarser
 * precision) or, without `start`, the earliest `in_post_by` date, since nothing shows the
 * person in post before it; `to` is the last day `end` can mean, or undefined while no end
 * is recorded. Throws nothing: a position has `start` or `in_post_by` (the schema requires one).
 */
export function positionSpan(position: Position): { from: string; to: string | undefined } {
  const attested = (position.in_post_by ?? []).map((a) => a.date).sort();
  const from = position.start !== undefined ? dateSpan(position.start, position.start_precision ?? 'day').start : (attested[0] ?? '9999-12-31');
  const to = position.end !== undefined ? dateSpan(position.end, position.end_precision ?? 'day').end : undefined;
  return { from, to };
}

/** Whether the position may have been held on some day between `first` and `last` (inclusive). */
export function positionCovers(position: Position, first: string, last: string = first): boolean {
  const { from, to } = positionSpan(position);
  return from <= last && (to === undefined || to >= first);
}

/** A position's dates in words, for messages: `from 2021-10 (month) to 2022-11-29`, `in post by 2021-11-30, no end date`. */
export function describePositionDates(position: Position): string {
  const at = (date: string, precision: Position['start_precision']): string => (precision === 'month' ? date.slice(0, 7) : precision === 'year' ? date.slice(0, 4) : date);
  const attested = (position.in_post_by ?? []).map((a) => a.date).sort();
  const from = position.start !== undefined ? `from ${at(position.start, position.start_precision)}` : `in post by ${attested[0]} (start unknown)`;
  const to = position.end !== undefined ? `to ${at(position.end, position.end_precision)}` : 'with no end date';
  return `${from} ${to}`;
}
