import path from 'node:path';
import type { RecordKind } from '@engagements/schema';

const FOLDERS: Record<string, RecordKind> = {
  engagements: 'engagement',
  people: 'person',
  organizations: 'organization',
};

/** The folder of records/ that holds each kind. */
export const KIND_FOLDERS: Record<RecordKind, string> = {
  engagement: 'engagements',
  person: 'people',
  organization: 'organizations',
};

/**
 * The kind of record a file holds, from the nearest enclosing folder named
 * engagements/, people/ or organizations/. Undefined when there is none.
 */
export function recordKindOf(filePath: string): RecordKind | undefined {
  const parts = path.resolve(filePath).split(path.sep);
  for (let i = parts.length - 2; i >= 0; i--) {
    const kind = FOLDERS[parts[i] ?? ''];
    if (kind) return kind;
  }
  return undefined;
}
