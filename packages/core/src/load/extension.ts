import path from 'node:path';

/**
 * Record files end in `.yaml`. These endings are near misses that a person means as a
 * record (`.yml`, `.YAML`, `.Yaml`, the typos `.ymal` and `.yalm`, in any case): they are
 * listed with the records and reported (LOAD009), never skipped in silence.
 */
const NEAR_MISS = /\.(?:yaml|yml|ymal|yalm)$/i;

/** Whether a file name ends in `.yaml` or a near miss of it (any case). */
export function looksLikeRecordFile(file: string): boolean {
  return NEAR_MISS.test(file);
}

/** The file's name without its `.yaml` ending or near miss. */
export function recordBaseName(file: string): string {
  return path.basename(file).replace(NEAR_MISS, '');
}

/** The near-miss ending of a record file (`.YAML`, `.yml`, ...), or undefined when it ends in `.yaml` or is no record file at all. */
export function nearMissExtension(file: string): string | undefined {
  // The usual ending first: the regular expression, anchored at the end, still tries every
  // position of the path (a fifth of the dataset-scoped rules' time at 10,000 files).
  if (file.endsWith('.yaml')) return undefined;
  const m = NEAR_MISS.exec(file); // anchored at the end: the file name's ending, without taking the name apart
  return m && m[0] !== '.yaml' ? m[0] : undefined;
}
