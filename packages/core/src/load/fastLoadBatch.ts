import { createHash } from 'node:crypto';
import type { RecordKind } from '@engagements/schema';
import { fastLoad } from './fastParse.js';
import { readRegularFile } from './readRegular.js';

/** One file for the fast path: its absolute path and the kind its folder says. */
export interface FastJob {
  file: string;
  kind: RecordKind;
}

/** The fast path's answer for one file: valid data with what the cache needs, or null (take the full path). */
export type FastAnswer = { data: Record<string, unknown>; size: number; mtimeMs: number; hash: string } | null;

/**
 * Reads and fast-loads a batch of files. Runs on the main thread or in a worker; in
 * both it does the same work, so that the answer never depends on where it ran.
 */
export function fastLoadBatch(jobs: readonly FastJob[], withHashes: boolean, progress?: (n: number) => void): FastAnswer[] {
  let accepted = 0;
  const answers = jobs.map(({ file, kind }, i): FastAnswer => {
    if (progress && i % 256 === 255) {
      progress(accepted);
      accepted = 0;
    }
    // Only a regular file is read here: a symbolic link or a device is left to the full path, which refuses it with a diagnostic.
    const read = readRegularFile(file);
    if (!read) return null;
    const { bytes, info } = read;
    const data = fastLoad(bytes, kind);
    if (!data) return null;
    accepted++;
    return { data, size: info.size, mtimeMs: info.mtimeMs, hash: withHashes ? hashOf(bytes) : '' };
  });
  progress?.(accepted);
  return answers;
}

export function hashOf(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64');
}
