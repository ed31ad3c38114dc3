import type { AnyRecord } from '../dataset.js';
import { KIND_FOLDERS } from '../load/recordKind.js';
import { nearMissExtension, recordBaseName } from '../load/extension.js';
import type { RecordRule } from './rule.js';

/**
 * RULE002. The file name, the folder and the id say the same thing: `<id>.yaml` in
 * `engagements/<year of date>/`, `people/` or `organizations/` directly under the records
 * folder, and an engagement id that starts with its date. People find records by id and
 * tools derive paths from ids, so a mismatch hides a record or makes two disagree.
 * Files checked from outside the records folder are held to the same layout from the
 * nearest kind folder down.
 */
export const idMatchesFile: RecordRule = {
  code: 'RULE002',
  name: 'id-matches-file',
  description:
    'The file is named after the id (`<id>.yaml`) and sits in its kind\'s folder (engagements in `engagements/<year of date>/`), and an engagement id starts with its date: tools and people find records by id.',
  severity: 'error',
  scope: 'record',
  kinds: ['engagement', 'person', 'organization'],
  check(record: AnyRecord, _context, report) {
    const id = record.data.id;
    // The common case in one comparison, without splitting the path: the file is exactly
    // where the id says (an id or year holding a `/` would fake it, so such take the long way).
    if (record.kind === 'engagement') {
      const date = record.data.date;
      const year = date.slice(0, 4);
      if (record.relativePath === `engagements/${year}/${id}.yaml` && id.startsWith(date) && id.charCodeAt(date.length) === 45 /* - */ && !id.includes('/') && !year.includes('/')) return;
    } else if (record.relativePath === `${KIND_FOLDERS[record.kind]}/${id}.yaml` && !id.includes('/')) return;
    const parts = record.relativePath.split('/');
    const fileName = parts[parts.length - 1]!;
    const folders = parts.slice(0, -1);
    const kindFolder = KIND_FOLDERS[record.kind];
    const outside = folders[0] === '..';

    // Only the ending wrong (`.yml`, `.YAML`): LOAD009 says so already, for every file.
    if (fileName !== `${id}.yaml` && !(recordBaseName(fileName) === id && nearMissExtension(fileName))) {
      const bare = recordBaseName(fileName);
      const why = bare === id ? `has the extension "${fileName.slice(bare.length)}" instead of ".yaml"` : `is named "${fileName}"`;
      report(
        { record, path: ['id'] },
        `The id is "${id}", but the file ${why}.`,
        `Rename the file to ${id}.yaml, or change the id to "${bare}" if that is the right one.`,
      );
    }

    let expected: string[];
    let pathForFolder: (string | number)[] = ['id'];
    if (record.kind === 'engagement') {
      const date = (record as AnyRecord & { kind: 'engagement' }).data.date;
      expected = [kindFolder, date.slice(0, 4)];
      pathForFolder = ['date'];
      if (!id.startsWith(`${date}-`)) {
        report(
          { record, path: ['id'] },
          `The engagement id "${id}" does not start with its date ${date}.`,
          `An engagement id is its date followed by a slug: "${date}-${id.replace(/^\d{4}-\d{2}-\d{2}-/, '')}". Change the id (and the file name), or correct the date.`,
        );
      }
    } else {
      expected = [kindFolder];
    }
    // Inside the records folder the layout is exact; outside it, compare from the nearest kind folder down.
    const kindAt = outside ? folders.lastIndexOf(kindFolder) : 0;
    const actual = kindAt === -1 ? folders : folders.slice(kindAt);
    if (actual.join('/') !== expected.join('/')) {
      const where = `${expected.join('/')}/`;
      const what = record.kind === 'engagement' ? `An engagement dated ${(record.data as { date: string }).date} belongs in ${where}` : `${record.kind === 'person' ? 'A person' : 'An organization'} belongs in ${where}`;
      report(
        { record, path: pathForFolder },
        `${what}, but this file is in ${folders.length > 0 ? `${folders.join('/')}/` : 'the records folder itself'}.`,
        `Move the file to ${where}${id}.yaml in the records folder${record.kind === 'engagement' ? ', or correct the date' : ''}.`,
      );
    }
  },
};
