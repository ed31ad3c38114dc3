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
    const { sources, outcomes } = record.data;
    if (outcomes === undefined) return;
    for (let i = 0; i < outcomes.length; i++) {
      const cited = outcomes[i]!.sources;
      if (cited.length === 0) {
        report({ record, path: ['outcomes', i, 'sources'] }, 'The outcome cites no source.', 'List the local ids of the sources that state this outcome.');
        continue;
      }
      for (let j = 0; j < cited.length; j++) {
        const ref = cited[j]!;
        if (isSourceId(sources, ref)) continue;
        // The list of ids is made only for a finding: this runs on every outcome of every record.
        const ids = sources.map((s) => s.id);
        const near = closest(ref, ids);
        report(
          { record, path: ['outcomes', i, 'sources', j] },
          `The outcome cites the source "${ref}", but this record has no source with that id.`,
          near ? `Did you mean "${near}"? Cite the local id of one of this record's sources.` : `Cite the local id of one of this record's sources (${ids.join(', ')}), or add the source to \`sources\`.`,
        );
      }
    }
  },
};

function isSourceId(sources: readonly { id: string }[], ref: string): boolean {
  for (let k = 0; k < sources.length; k++) if (sources[k]!.id === ref) return true;
  return false;
}
