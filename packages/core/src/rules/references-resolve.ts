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
    // Each reference is looked up first; the path and the words are made only for a finding.
    const { personById, organizationById } = dataset;
    if (record.kind === 'engagement') {
      const data = record.data;
      const { participants } = data;
      for (let i = 0; i < participants.length; i++) {
        const p = participants[i]!;
        if (p.person !== undefined && !personById.has(p.person)) unresolved(record, dataset, ['participants', i, 'person'], 'person', p.person, 'The participant', report);
        if (p.organization !== undefined && !organizationById.has(p.organization)) unresolved(record, dataset, ['participants', i, 'organization'], 'organization', p.organization, 'The participant\'s organization', report);
      }
      if (data.initiator !== 'unknown' && data.initiator.person !== undefined && !personById.has(data.initiator.person)) {
        unresolved(record, dataset, ['initiator', 'person'], 'person', data.initiator.person, 'The initiator', report);
      }
      publishers(record, dataset, data.sources, report);
    } else if (record.kind === 'person') {
      const { positions } = record.data;
      for (let i = 0; i < positions.length; i++) {
        const organization = positions[i]!.organization;
        if (organization !== undefined && !organizationById.has(organization)) unresolved(record, dataset, ['positions', i, 'organization'], 'organization', organization, 'The position\'s organization', report);
      }
      publishers(record, dataset, record.data.sources ?? [], report);
    } else {
      const { id, parent } = record.data;
      if (parent === undefined) return;
      if (parent === id) {
        report({ record, path: ['parent'] }, `The organization "${id}" is given as its own parent.`, 'Set `parent` to the organization this one is part of, or leave it out.');
        return;
      }
      if (organizationById.has(parent) || unresolved(record, dataset, ['parent'], 'organization', parent, 'The parent organization', report, id)) reportParentLoop(record, dataset, report);
    }
  },
};

/** Checks the `publisher` of each source. */
function publishers(record: AnyRecord, dataset: Dataset, sources: readonly { publisher?: string }[], report: Report): void {
  for (let i = 0; i < sources.length; i++) {
    const publisher = sources[i]!.publisher;
    if (publisher !== undefined && !dataset.organizationById.has(publisher)) unresolved(record, dataset, ['sources', i, 'publisher'], 'organization', publisher, 'The publisher', report);
  }
}

/**
 * A reference that names no record of its kind: reported with a hint, unless it names a
 * file that could not be read (that file's own error says what is wrong). Always false
 * (the reference does not resolve), so that a caller can go on only when it does.
 */
function unresolved(record: AnyRecord, dataset: Dataset, path: (string | number)[], kind: ReferencedKind, id: string, what: string, report: Report, exclude?: string): false {
  if (dataset.unreadableIds[kind].has(id)) return false;
  report({ record, path }, `${what} "${id}" is not the id of any ${kind}.`, missingReferenceHint(dataset, kind, id, exclude));
  return false;
}

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
