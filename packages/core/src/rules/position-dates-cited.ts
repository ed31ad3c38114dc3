import type { RecordRule } from './rule.js';

/** One line of YAML (hints are shown on one line): a `sources` list and a start citing it. */
const EXAMPLE = '`sources: [{id: dawn-report, publisher: dawn, kind: news-report}]` and, in the position, `start_sources: [dawn-report]`';

/**
 * RULE021. Every date of a person's positions cites the documents it comes from: a
 * `start` has `start_sources`, an `end` has `end_sources`, and the person has the
 * `sources` list they cite. A date nobody can check is how stand-in dates (the first
 * engagement recorded, used as a start) got into the records. An `end_precision` or
 * `end_sources` without an `end` describes a date that is not there. The published schema
 * leaves these fields optional, so that data valid under 0.1.0 stays valid (VERSIONING.md):
 * this is the dataset's own editorial bar, not the schema's contract. Whether the cited ids
 * name sources of the record is RULE004.
 */
export const positionDatesCited: RecordRule<'person'> = {
  code: 'RULE021',
  name: 'position-dates-cited',
  description:
    'Every position date cites the person\'s sources: a `start` has `start_sources`, an `end` has `end_sources`, a person with positions has `sources`; no `end_precision` or `end_sources` without an `end`.',
  severity: 'error',
  scope: 'record',
  kinds: ['person'],
  check(record, _context, report) {
    const { positions, sources, name } = record.data;
    const ids = (sources ?? []).map((s) => s.id);
    const cite = ids.length > 0 ? `the local ids of the sources in this record's \`sources\` list that show it (${ids.join(', ')})` : 'the local ids of sources listed in the record\'s `sources`';
    if (sources === undefined) {
      report(
        { record, path: ['positions'], target: 'key' },
        `The positions of ${name} have dates, but the record has no \`sources\` list for them to cite.`,
        `Add a \`sources\` list with the documents that give each start and end, and cite their local ids in \`start_sources\` and \`end_sources\`; for example ${EXAMPLE}.`,
      );
    }
    positions.forEach((p, i) => {
      if (p.start_sources === undefined) {
        report(
          { record, path: ['positions', i, 'start'] },
          `The start ${p.start} of the position "${p.title}" cites no source.`,
          p.start_qualifier === 'in-post-by'
            ? `Add \`start_sources:\` with ${cite}: the sources that show the person already in post on that date. For example ${EXAMPLE}.`
            : `Add \`start_sources:\` with ${cite}; when the sources only show the person already in post on that date, also set \`start_qualifier: in-post-by\`. For example ${EXAMPLE}.`,
        );
      }
      if (p.end !== undefined && p.end_sources === undefined) {
        report(
          { record, path: ['positions', i, 'end'] },
          `The end ${p.end} of the position "${p.title}" cites no source.`,
          `Add \`end_sources:\` with ${cite}, or remove \`end\` if no source gives it.`,
        );
      }
      if (p.end === undefined) {
        for (const key of ['end_precision', 'end_sources'] as const) {
          if (p[key] === undefined) continue;
          report(
            { record, path: ['positions', i, key], target: 'key' },
            `The position "${p.title}" has \`${key}\` but no \`end\`.`,
            `Add the \`end\` date that \`${key}\` belongs to, or remove \`${key}\`.`,
          );
        }
      }
    });
  },
};
