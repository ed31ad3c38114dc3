import type { RecordRule } from './rule.js';

const IN_PERSON: readonly string[] = ['in-person', 'mixed'];

/**
 * RULE015 (warning). `host` and `location` describe where participants met: a video or
 * telephone call, or written contact, has neither. Set on a remote engagement they are
 * usually left over from a template, or the medium is wrong. A warning, because a remote
 * call from a named place is occasionally worth recording.
 */
export const remoteHasNoHost: RecordRule<'engagement'> = {
  code: 'RULE015',
  name: 'remote-has-no-host',
  description: '`host` and `location` are only given for in-person or mixed engagements; a video or telephone call or a letter has no host (warning).',
  severity: 'warning',
  scope: 'record',
  kinds: ['engagement'],
  check(record, _context, report) {
    const { medium, host, location } = record.data;
    if ((host === undefined && location === undefined) || IN_PERSON.includes(medium)) return;
    for (const [field, value] of [['host', host], ['location', location]] as const) {
      if (value === undefined) continue;
      report(
        { record, path: [field] },
        `A ${medium} engagement has no ${field === 'host' ? 'host country' : 'location'}, but ${field} is set to "${value}".`,
        `Remove \`${field}\`, or set \`medium\` to in-person or mixed if the participants met.`,
      );
    }
  },
};
