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
const DOT_SEGMENT = /[\\/]\.\.?(?:[\\/]|$)/;

export function recordKindOf(filePath: string): RecordKind | undefined {
  // Absolute paths without `.` segments (the records search gives those) are read as they
  // are, without path.resolve: this runs several times per file on every run.
  const file = path.isAbsolute(filePath) && !DOT_SEGMENT.test(filePath) ? filePath : path.resolve(filePath);
  let end = file.lastIndexOf(path.sep);
  while (end > 0) {
    const start = file.lastIndexOf(path.sep, end - 1);
    const name = file.slice(start + 1, end);
    if (Object.hasOwn(FOLDERS, name)) return FOLDERS[name];
    end = start;
  }
  return undefined;
}
