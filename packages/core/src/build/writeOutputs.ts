import { closeSync, copyFileSync, linkSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import type { OutputContent, OutputFile } from './exporter.js';
import path from 'node:path';

/**
 * Writes all files into a staging folder beside `outDir`, then swaps it into place.
 * A build that fails or is killed before the swap leaves `outDir` exactly as it was;
 * the swap itself is two renames on one file system. A folder left over from an
 * interrupted swap is restored at the start of the next build.
 *
 * A file whose content is the very same function or byte array as an earlier file's (an
 * exporter handing on another's output under a new path, such as the site's downloads) is
 * produced once and hard-linked (copied where links are refused), so streamed outputs are
 * neither generated nor stored twice.
 *
 * Files are written synchronously: a build writes thousands of small files (the site's
 * pages), and a round trip through the thread pool for each costs more than the write.
 */
export async function writeOutputsAtomically(outDir: string, files: Iterable<OutputFile>): Promise<void> {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  await mkdir(parent, { recursive: true });
  await recoverInterruptedSwap(target);
  const staging = path.join(parent, `.${base}.staging-${process.pid}-${Date.now()}`);
  const previous = path.join(parent, `.${base}.previous`);
  try {
    await mkdir(staging, { recursive: true });
    const seen = new Set<string>();
    const writtenAt = new Map<OutputContent, string>();
    const folders = new Set<string>([staging]);
    for (const file of files) {
      const rel = path.posix.normalize(file.path);
      if (rel.startsWith('..') || path.posix.isAbsolute(rel)) throw new Error(`exporter file path escapes the output folder: ${file.path}`);
      if (seen.has(rel)) throw new Error(`two exporters wrote the same file: ${rel}`);
      seen.add(rel);
      const dest = path.join(staging, ...rel.split('/'));
      const folder = path.dirname(dest);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      if (typeof file.content !== 'string') {
        const first = writtenAt.get(file.content);
        if (first !== undefined) {
          linkOrCopy(first, dest);
          continue;
        }
        writtenAt.set(file.content, dest);
      }
      if (typeof file.content === 'function') writeChunks(dest, file.content());
      else writeFileSync(dest, file.content);
    }
    await rm(previous, { recursive: true, force: true });
    if (await exists(target)) await rename(target, previous);
    await rename(staging, target);
    await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * If a swap was interrupted between its two renames, put the previous outputs back; and
 * remove the staging folders of builds that were killed before their swap.
 */
async function recoverInterruptedSwap(target: string): Promise<void> {
  const parent = path.dirname(target);
  const base = path.basename(target);
  const previous = path.join(parent, `.${base}.previous`);
  if (!(await exists(target)) && (await exists(previous))) await rename(previous, target);
  for (const entry of await readdir(parent)) {
    const match = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.staging-(\\d+)-`).exec(entry);
    if (match && !isRunning(Number(match[1]))) await rm(path.join(parent, entry), { recursive: true, force: true });
  }
}

/** Whether a process with this id is alive (a staging folder of a running build is left alone). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** A second name for a file already written: a hard link, or a copy where the file system refuses links. */
function linkOrCopy(existing: string, dest: string): void {
  try {
    linkSync(existing, dest);
  } catch {
    copyFileSync(existing, dest);
  }
}

/** Writes chunks as they come, so that a large output never exists whole in memory. */
function writeChunks(dest: string, chunks: Iterable<string | Uint8Array>): void {
  const fd = openSync(dest, 'w');
  try {
    let pending = '';
    for (const chunk of chunks) {
      if (typeof chunk === 'string') {
        // Small string chunks are gathered into writes of about 1 MiB.
        pending += chunk;
        if (pending.length >= 1 << 20) {
          writeSync(fd, pending);
          pending = '';
        }
      } else {
        if (pending) writeSync(fd, pending);
        pending = '';
        writeSync(fd, chunk);
      }
    }
    if (pending) writeSync(fd, pending);
  } finally {
    closeSync(fd);
  }
}
