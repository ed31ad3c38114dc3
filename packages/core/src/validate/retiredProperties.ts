import type { RecordKind } from '@engagements/schema';

/**
 * Properties that records were once written with and that the schemas no longer have, by
 * record kind and the JSON pointer of the mapping that held them (array indexes as `*`),
 * with what to write instead. An unknown-property error (SCH001) for one of them says how
 * to move the value, since a contributor with an older branch would otherwise see only
 * the list of allowed keys.
 */
const RETIRED: Readonly<Record<RecordKind, Readonly<Record<string, Readonly<Record<string, string>>>>>> = {
  engagement: {},
  organization: {},
  person: {
    '/positions/*': {
      in_post_by:
        '`in_post_by` was replaced before it was released: write the earliest date a source shows the person in post as `start`, with `start_qualifier: in-post-by` and that source in `start_sources`.',
    },
  },
};

/** What to write instead of `name` in the mapping at `path` of a `kind` record, when it is a retired property. */
export function retiredPropertyHint(kind: RecordKind, path: readonly (string | number)[], name: string): string | undefined {
  const where = path.map((p) => (typeof p === 'number' ? '/*' : `/${p}`)).join('');
  return RETIRED[kind][where]?.[name];
}
