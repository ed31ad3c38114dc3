import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { FILE_START } from '../diagnostics.js';
import { LOAD_CODES } from './codes.js';
import { recordBaseName } from './extension.js';
import { displayPath } from './loadRecord.js';

/** LOAD009: a record file whose ending is a near miss of `.yaml`. */
export function extensionDiagnostic(file: string, extension: string, cwd: string): Diagnostic {
  const fixed = `${recordBaseName(file)}.yaml`;
  // The right name may be taken already (kono-taro.YAML beside kono-taro.yaml): renaming would
  // overwrite that file, so say they are two copies. Exact case, whatever the file system.
  const taken = siblingNames(path.dirname(file)).includes(fixed);
  return {
    file: displayPath(file, cwd),
    ...FILE_START,
    severity: 'error',
    code: LOAD_CODES.extension,
    message: `The file name ends in "${extension}", but record files end in ".yaml" (lower case): tools and editors that find records by name miss this one.`,
    hint: taken
      ? `${fixed} exists beside it: the two files are duplicates of one record. Keep one (merge anything only this file has into ${fixed}) and remove this one.`
      : `Rename the file to ${fixed} (with \`git mv\`; on a case-insensitive file system, rename it in two steps).`,
    path: '',
  };
}

function siblingNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
