import { closest } from '../validate/closest.js';
import type { RecordRule } from './rule.js';

/**
 * RULE010. Every outcome is a claim, and claims must be attributable: each cites at least
 * one source, and every cited local id names a source of the same record. The schema
 * already requires a non-empty list; this rule checks what it cites.
 */
export const outcomeCitesSource: RecordRule<'engagement'> = {
  code: 'RULE010',
  name: 'outcome-cites-source',
  description: 'Each outcome cites at least one source, and every id it cites is a source of the same record: outcomes are claims that must be attributable.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement'],
  check(record, _context, report) {
    const ids = record.data.sources.map((s) => s.id);
    (record.data.outcomes ?? []).forEach((outcome, i) => {
      if (outcome.sources.length === 0) {
        report({ record, path: ['outcomes', i, 'sources'] }, 'The outcome cites no source.', 'List the local ids of the sources that state this outcome.');
        return;
      }
      outcome.sources.forEach((ref, j) => {
        if (ids.includes(ref)) return;
        const near = closest(ref, ids);
        report(
          { record, path: ['outcomes', i, 'sources', j] },
          `The outcome cites the source "${ref}", but this record has no source with that id.`,
          near ? `Did you mean "${near}"? Cite the local id of one of this record's sources.` : `Cite the local id of one of this record's sources (${ids.join(', ')}), or add the source to \`sources\`.`,
        );
      });
    });
  },
};
