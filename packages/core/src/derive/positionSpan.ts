// When a person is known to hold a position, from dates given to a precision and, with
// `start_qualifier: in-post-by`, a start that is only the earliest day sources show the
// person in post. One place decides it, for RULE005 (position on date), RULE006 (a
// position's own dates in order) and the `new` command's choice of organization.
import type { Position } from '@engagements/schema';
import { dateSpan } from '../rules/shared.js';

/**
 * The days (YYYY-MM-DD, inclusive) on which the records allow that a position was held:
 * `from` is the first day `start` can mean (the 1st of its month or year at coarser
 * precision; with `start_qualifier` `in-post-by` that day too, since nothing shows the
 * person in post before it); `to` is the last day `end` can mean, or undefined while no
 * end is recorded. Throws nothing.
 */
export function positionSpan(position: Position): { from: string; to: string | undefined } {
  const from = dateSpan(position.start, position.start_precision ?? 'day').start;
  const to = position.end !== undefined ? dateSpan(position.end, position.end_precision ?? 'day').end : undefined;
  return { from, to };
}

/** Whether the position may have been held on some day between `first` and `last` (inclusive). */
export function positionCovers(position: Position, first: string, last: string = first): boolean {
  const { from, to } = positionSpan(position);
  return from <= last && (to === undefined || to >= first);
}

/**
 * The spans (positionSpan) of a list of positions, as `[from, to, from, to, ...]` with
 * `to` undefined while no end is recorded: worked out once per list (a person's
 * positions) and kept while the list lives, since RULE005 asks for them from every
 * engagement the person takes part in. The list must not change once asked about.
 */
const spansByList = new WeakMap<readonly Position[], readonly (string | undefined)[]>();

function spansOf(positions: readonly Position[]): readonly (string | undefined)[] {
  let spans = spansByList.get(positions);
  if (spans === undefined) {
    const made: (string | undefined)[] = [];
    for (const position of positions) {
      const { from, to } = positionSpan(position);
      made.push(from, to);
    }
    spansByList.set(positions, (spans = made));
  }
  return spans;
}

/** Whether one of the positions may have been held on some day between `first` and `last` (inclusive): positionCovers for any of them. */
export function anyPositionCovers(positions: readonly Position[], first: string, last: string = first): boolean {
  const spans = spansOf(positions);
  for (let k = 0; k < spans.length; k += 2) {
    const to = spans[k + 1];
    if (spans[k]! <= last && (to === undefined || to >= first)) return true;
  }
  return false;
}

/** A position's dates in words, for messages: `from 2021-10 to 2022-11-29`, `in post by 2021-11-30 with no end date`. */
export function describePositionDates(position: Position): string {
  const at = (date: string, precision: Position['start_precision']): string => (precision === 'month' ? date.slice(0, 7) : precision === 'year' ? date.slice(0, 4) : date);
  const from = `${position.start_qualifier === 'in-post-by' ? 'in post by' : 'from'} ${at(position.start, position.start_precision)}`;
  const to = position.end !== undefined ? `to ${at(position.end, position.end_precision)}` : 'with no end date';
  return `${from} ${to}`;
}
