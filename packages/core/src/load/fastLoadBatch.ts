import { createHash } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import type { RecordKind } from '@engagements/schema';
import { fastLoad } from './fastParse.js';
import { LIMITS } from './limits.js';

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
    let bytes: Buffer;
    let info;
    try {
      // lstat: a symbolic link or anything but a regular file (a device, a pipe) is never
      // read here; the full path refuses it with a diagnostic.
      info = lstatSync(file);
      if (!info.isFile() || info.size > LIMITS.maxFileBytes) return null;
      bytes = readFileSync(file);
    } catch {
      return null; // the full path reports why it cannot be read
    }
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
