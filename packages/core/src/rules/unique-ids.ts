import { recordId, type AnyRecord } from '../dataset.js';
import type { DatasetRule } from './rule.js';
import { nearMissExtension } from '../load/extension.js';

/**
 * RULE001. Ids are the records' keys: an engagement id becomes its IRI and SDK key, and
 * people and organizations are referenced by id. Two records of one kind with the same id
 * make every reference to it ambiguous, so every record after the first (in id, then file
 * order) is reported, naming the file that has the id first. A file named `.yaml` counts as
 * first before a near miss (`kono-taro.YAML` sorts before `kono-taro.yaml`), so the finding
 * lands on the misnamed copy.
 *
 * A person and an organization with the same id are reported too, as an error, on both
 * records: participants may name both a person and an organization, the JSON-LD graph and
 * the SDK resolve ids without always knowing the kind, and a curator searching for the id
 * finds two files. Neither record is "first", so each names the other.
 */
export const uniqueIds: DatasetRule = {
  code: 'RULE001',
  name: 'unique-ids',
  description:
    'Every id is used by one record only: two records of the same kind with one id, or a person and an organization sharing an id, make references ambiguous.',
  severity: 'error',
  scope: 'dataset',
  check({ dataset }, report) {
    const kinds: [string, AnyRecord[]][] = [
      ['engagement', dataset.engagements],
      ['person', dataset.people],
      ['organization', dataset.organizations],
    ];
    for (const [kind, records] of kinds) {
      const first = new Map<string, AnyRecord>();
      // Stable: only moves near-miss file names after the correctly named ones (each name tested once, not per comparison).
      const ordered = [...records.filter((r) => nearMissExtension(r.file) === undefined), ...records.filter((r) => nearMissExtension(r.file) !== undefined)];
      for (const record of ordered) {
        if (!record.valid) continue;
        const id = recordId(record)!; // recordId: without reading a cached record's data
        const earlier = first.get(id);
        if (!earlier) {
          first.set(id, record);
          continue;
        }
        report(
          { record, path: ['id'] },
          `The ${kind} id "${id}" is already used by ${earlier.file}.`,
          `Ids are never shared: merge the two records, or give this one its own id (and rename the file to match).`,
        );
      }
    }
    const organizations = new Map<string, AnyRecord>();
    for (const record of dataset.organizations) {
      const id = recordId(record)!;
      if (record.valid && !organizations.has(id)) organizations.set(id, record);
    }
    const seenPeople = new Set<string>();
    for (const person of dataset.people) {
      const id = recordId(person)!;
      if (!person.valid || seenPeople.has(id)) continue;
      seenPeople.add(id);
      const organization = organizations.get(id);
      if (!organization) continue;
      const hint = 'A person and an organization cannot share an id: give one of them a more specific id (for an office, such as `<country>-<office>`), and rename its file.';
      report({ record: person, path: ['id'] }, `The id "${id}" is also the id of an organization, in ${organization.file}.`, hint);
      report({ record: organization, path: ['id'] }, `The id "${id}" is also the id of a person, in ${person.file}.`, hint);
    }
  },
};
