import type { RecordRule } from './rule.js';
import { missingReferenceHint } from './shared.js';

/**
 * RULE018. `related` links an engagement to others it continues or belongs with; a link
 * to an id that no engagement has is broken in every export, and a link to the record
 * itself says nothing.
 */
export const relatedResolves: RecordRule<'engagement'> = {
  code: 'RULE018',
  name: 'related-resolves',
  description: 'Each `related[].engagement` names an existing engagement other than the record itself: broken links break the exports.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement'],
  check(record, { dataset }, report) {
    (record.data.related ?? []).forEach((relation, i) => {
      const path = ['related', i, 'engagement'];
      if (relation.engagement === record.data.id) {
        report({ record, path }, 'The engagement is listed as related to itself.', 'Link to other engagements only; remove this entry.');
      } else if (!dataset.engagementById.has(relation.engagement)) {
        report({ record, path }, `The related engagement "${relation.engagement}" does not exist.`, missingReferenceHint(dataset, 'engagement', relation.engagement, record.data.id));
      }
    });
  },
};
