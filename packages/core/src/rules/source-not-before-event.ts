import type { RecordRule } from './rule.js';
import { truncateDate } from './shared.js';

/**
 * RULE008. A source reports the engagement, so it cannot be published before it took
 * place. A date earlier than the event usually means the event's date was taken from a
 * report of another event, or a typo. With month or year precision the comparison is by
 * month or year: a source from earlier in the same month is not flagged.
 */
export const sourceNotBeforeEvent: RecordRule<'engagement'> = {
  code: 'RULE008',
  name: 'source-not-before-event',
  description:
    'A source\'s `published` date is not before the engagement\'s date (compared by month or year at coarser precision): a report cannot precede the event it reports.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement'],
  check(record, _context, report) {
    const { date, date_precision, sources } = record.data;
    const event = truncateDate(date, date_precision);
    sources.forEach((s, i) => {
      if (s.published === undefined) return;
      const published = truncateDate(s.published, date_precision);
      if (published >= event) return;
      report(
        { record, path: ['sources', i, 'published'] },
        `The source "${s.id}" is dated ${s.published}, before the engagement ${date_precision === 'day' ? `on ${date}` : `in ${event}`}.`,
        'Check the publication date and the engagement\'s date; a report announcing a planned engagement is not a source for it having happened.',
      );
    });
  },
};
