import { recordId, recordNames, type AnyRecord } from '../dataset.js';
import type { DatasetRule } from './rule.js';

/** Compares names as a person reading them would: case, width and spacing do not matter. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

interface Holder {
  record: AnyRecord;
  path: (string | number)[];
  text: string;
}

/**
 * RULE013. Names and aliases are how curators and tools resolve a spelling in a source to
 * a record; a name or alias that belongs to two people (or two organizations) resolves to
 * both, so the two are indistinguishable by it. Names are compared ignoring case and
 * spacing (and compatibility forms, such as full-width letters). Organizations of
 * different countries may share a name ("Ministry of Defence"): their country tells them
 * apart, so only organizations of the same country (or both without one) collide. The
 * finding is reported on the later record in id order, naming the other.
 */
export const aliasUnique: DatasetRule = {
  code: 'RULE013',
  name: 'alias-unique',
  description:
    'A name or alias (ignoring case and spacing) belongs to one person only, and to one organization per country: otherwise a spelling in a source cannot be resolved to one record.',
  severity: 'error',
  scope: 'dataset',
  check({ dataset }, report) {
    const check = (records: AnyRecord[], scopeOf: (record: AnyRecord) => string, kind: string): void => {
      const owners = new Map<string, Holder>();
      for (const record of records) {
        if (!record.valid || record.kind === 'engagement') continue;
        // Names and ids without reading a cached record's data: an incremental run keeps them in its index.
        const data = recordNames(record)!;
        const id = recordId(record);
        const names: Holder[] = [{ record, path: ['name'], text: data.name }, ...data.aliases.map((text, i) => ({ record, path: ['aliases', i], text }))];
        const own = new Set<string>();
        for (const holder of names) {
          const key = `${scopeOf(record)}\u0000${nameKey(holder.text)}`;
          if (own.has(key)) continue; // the same spelling twice on one record is not ambiguous
          own.add(key);
          const owner = owners.get(key);
          if (!owner) {
            owners.set(key, holder);
            continue;
          }
          if (recordId(owner.record) === id) continue; // duplicate ids are RULE001's concern
          const field = owner.path[0] === 'name' ? 'name' : 'an alias';
          report(
            { record, path: holder.path },
            `"${holder.text}" is also ${field} of the ${kind} "${recordId(owner.record)}" (${owner.record.file}), so the two cannot be told apart by it.`,
            owner.path[0] === 'name' && holder.path[0] === 'name'
              ? `If they are the same ${kind}, merge the records; otherwise make the names distinct (add a qualifier, such as a middle name or country).`
              : `If they are the same ${kind}, merge the records; otherwise remove the ambiguous alias from one of them.`,
          );
        }
      }
    };
    check(dataset.people, () => '', 'person');
    check(dataset.organizations, (r) => recordNames(r)?.country ?? '', 'organization');
  },
};
