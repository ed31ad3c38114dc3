import { closeSync, copyFileSync, linkSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import type { OutputContent, OutputFile, WriteContext } from './exporter.js';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { leavesFolder } from '../load/leavesFolder.js';

/** The signals a build stops on after removing what it has written (SIGKILL cannot be caught: see recoverInterruptedSwap). */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * How long the writer works without turning the event loop (ms): a signal is handled at
 * the next turn, so this bounds how long SIGINT or SIGTERM waits (longer only inside one
 * long step of a content function, such as one SQL statement of the database build).
 */
const TURN_EVERY_MS = 50;

/**
 * Writes all files into a staging folder beside `outDir`, then swaps it into place. The
 * files may be produced as they are written (an async iterable: each exporter's in turn).
 * A build that fails or is killed before the swap leaves `outDir` exactly as it was;
 * the swap itself is two renames on one file system. A folder left over from an
 * interrupted swap is restored at the start of the next build.
 *
 * Streamed contents get a temporary folder of their own beside the staging folder
 * (WriteContext.tempDir), removed with it. SIGINT and SIGTERM while the files are written
 * remove both folders (the output folder is left as it was) and then end the process by
 * the same signal; after a SIGKILL the next build into the same output folder removes them.
 *
 * A file whose content is the very same function or byte array as an earlier file's (an
 * exporter handing on another's output under a new path, such as the site's downloads) is
 * produced once and hard-linked (copied where links are refused), so streamed outputs are
 * neither generated nor stored twice.
 *
 * Files are written synchronously: a build writes thousands of small files (the site's
 * pages), and a round trip through the thread pool for each costs more than the write.
 * The event loop is turned every TURN_EVERY_MS, between files or chunks, for the signals.
 */
export async function writeOutputsAtomically(outDir: string, files: Iterable<OutputFile> | AsyncIterable<OutputFile>): Promise<void> {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  await mkdir(parent, { recursive: true });
  await recoverInterruptedSwap(target);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = path.join(parent, `.${base}.staging-${stamp}`);
  const scratch = path.join(parent, `.${base}.scratch-${stamp}`);
  const previous = path.join(parent, `.${base}.previous`);
  let swapped = false;
  const stop = (signal: NodeJS.Signals): void => {
    // Synchronous, and the swap's two renames are too: nothing of the build runs meanwhile.
    removeListeners();
    rmSync(staging, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
    if (swapped) rmSync(previous, { recursive: true, force: true });
    process.kill(process.pid, signal); // no listener left: the default action ends the process
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15)); // should the default action be ignored
  };
  const removeListeners = (): void => {
    for (const signal of STOP_SIGNALS) process.removeListener(signal, stop);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
  const context: WriteContext = { tempDir: scratch, pauses: true };
  let turnedAt = performance.now();
  const turn = async (): Promise<void> => {
    if (performance.now() - turnedAt < TURN_EVERY_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    turnedAt = performance.now();
  };
  try {
    await mkdir(staging, { recursive: true });
    await mkdir(scratch, { recursive: true });
    const seen = new Set<string>();
    const writtenAt = new Map<OutputContent, string>();
    const folders = new Set<string>([staging]);
    for await (const file of files) {
      await turn();
      const rel = path.posix.normalize(file.path);
      if (leavesFolder(rel)) throw new Error(`exporter file path escapes the output folder: ${file.path}`);
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
      if (typeof file.content === 'function') await writeChunks(dest, file.content(context), turn);
      else writeFileSync(dest, file.content);
    }
    await rm(scratch, { recursive: true, force: true });
    await rm(previous, { recursive: true, force: true });
    if (await exists(target)) renameSync(target, previous);
    renameSync(staging, target);
    swapped = true;
    await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
    throw error;
  } finally {
    removeListeners();
  }
}

/**
 * If a swap was interrupted between its two renames, put the previous outputs back; and
 * remove the staging and temporary folders of builds that were killed before their swap
 * (SIGKILL, a power cut: what no signal handler sees).
 */
async function recoverInterruptedSwap(target: string): Promise<void> {
  const parent = path.dirname(target);
  const base = path.basename(target);
  const previous = path.join(parent, `.${base}.previous`);
  if (!(await exists(target)) && (await exists(previous))) await rename(previous, target);
  for (const entry of await readdir(parent)) {
    const match = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:staging|scratch)-(\\d+)-`).exec(entry);
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

/** Writes chunks as they come, so that a large output never exists whole in memory; `turn` between chunks. */
async function writeChunks(dest: string, chunks: Iterable<string | Uint8Array>, turn: () => Promise<void>): Promise<void> {
  const fd = openSync(dest, 'w');
  try {
    let pending = '';
    // The generator stays suspended while the event loop turns.
    for (const chunk of chunks) {
      await turn();
      if (chunk.length === 0) continue;
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
