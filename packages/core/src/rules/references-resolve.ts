import type { AnyRecord, Dataset } from '../dataset.js';
import type { Report, RecordRule } from './rule.js';
import { missingReferenceHint, type ReferencedKind } from './shared.js';

/**
 * RULE003. People and organizations are written once and referenced by id; a reference
 * that names no record of the right kind breaks the link from an engagement to who took
 * part or who published a source, and the exports' foreign keys. Checked: participants'
 * `person` and `organization`, `initiator.person`, sources' `publisher` (of engagements
 * and of people), positions'
 * `organization` and organizations' `parent` (which must also not be the organization
 * itself, nor lead back to it through other parents).
 */
export const referencesResolve: RecordRule = {
  code: 'RULE003',
  name: 'references-resolve',
  description:
    'Every reference to a person or organization (participants, initiator, source publishers, positions, parent organizations) names an existing record of that kind, and parent organizations do not form a loop.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement', 'person', 'organization'],
  check(record: AnyRecord, { dataset }, report) {
    const expect = (path: (string | number)[], kind: ReferencedKind, id: string | undefined, what: string, exclude?: string): boolean => {
      if (id === undefined) return true;
      const map = kind === 'person' ? dataset.personById : dataset.organizationById;
      if (map.has(id)) return true;
      if (dataset.unreadableIds[kind].has(id)) return false; // that file's own error says what is wrong
      report({ record, path }, `${what} "${id}" is not the id of any ${kind}.`, missingReferenceHint(dataset, kind, id, exclude));
      return false;
    };
    if (record.kind === 'engagement') {
      const data = record.data;
      data.participants.forEach((p, i) => {
        expect(['participants', i, 'person'], 'person', p.person, 'The participant');
        expect(['participants', i, 'organization'], 'organization', p.organization, 'The participant\'s organization');
      });
      if (data.initiator !== 'unknown') expect(['initiator', 'person'], 'person', data.initiator.person, 'The initiator');
      data.sources.forEach((s, i) => expect(['sources', i, 'publisher'], 'organization', s.publisher, 'The publisher'));
    } else if (record.kind === 'person') {
      record.data.positions.forEach((p, i) => expect(['positions', i, 'organization'], 'organization', p.organization, 'The position\'s organization'));
      (record.data.sources ?? []).forEach((s, i) => expect(['sources', i, 'publisher'], 'organization', s.publisher, 'The publisher'));
    } else {
      const { id, parent } = record.data;
      if (parent === undefined) return;
      if (parent === id) {
        report({ record, path: ['parent'] }, `The organization "${id}" is given as its own parent.`, 'Set `parent` to the organization this one is part of, or leave it out.');
        return;
      }
      if (expect(['parent'], 'organization', parent, 'The parent organization', id)) reportParentLoop(record, dataset, report);
    }
  },
};

/** Reports a loop of parents once, on the organization with the smallest id in it. */
function reportParentLoop(record: AnyRecord & { kind: 'organization' }, dataset: Dataset, report: Report): void {
  const chain = [record.data.id];
  let current = record.data.parent;
  while (current !== undefined) {
    if (current === record.data.id) {
      if ([...chain].sort()[0] !== record.data.id) return;
      report(
        { record, path: ['parent'] },
        `Parent organizations form a loop: ${[...chain, current].join(' → ')}.`,
        'An organization cannot be part of itself: remove or correct one of the `parent` entries in the loop.',
      );
      return;
    }
    if (chain.includes(current)) return; // a loop further up that does not include this record
    chain.push(current);
    const next = dataset.organizationById.get(current);
    if (!next || !next.valid) return;
    current = next.data.parent;
  }
}
