// The few git operations the commands need (`validate --changed`, `diff`), run with the
// git executable: no library, and the user's own git configuration applies.
import { execFile, spawn } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './errors.js';
import { leavesFolder } from '@engagements/core/quick';

/** The tree of an empty repository: the base when there is no commit yet. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

const MAX_BUFFER = 256 * 1024 * 1024;

/** Runs git in `cwd` and resolves to its stdout; rejects with git's first stderr line. */
export function git(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, encoding: 'utf8', maxBuffer: MAX_BUFFER, env: gitEnv() }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') reject(new UsageError('git is not installed (or not on PATH); this command needs it.'));
        else reject(new GitError(firstLine(stderr) || error.message));
      } else resolve(stdout);
    });
  });
}

export class GitError extends Error {
  override name = 'GitError';
}

/** The repository a folder is in: its top-level folder and the folder's path inside it (`/` separators, `''` for the top). */
export interface Repository {
  top: string;
  /** `dir` relative to `top`, with `/` separators. */
  relative: string;
}

/** Finds the git working tree that holds `dir`; a usage error when there is none. */
export async function repositoryOf(dir: string, what: string): Promise<Repository> {
  let top: string;
  try {
    top = (await git(['rev-parse', '--show-toplevel'], dir)).trim();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${what} needs a git repository, and ${JSON.stringify(dir)} is not in one.`);
  }
  const realTop = await realpath(top);
  const realDir = await realpath(dir);
  const relative = path.relative(realTop, realDir).split(path.sep).join('/');
  if (leavesFolder(relative)) throw new UsageError(`${JSON.stringify(dir)} is outside the git working tree ${top}.`);
  return { top: realTop, relative };
}

/** The commit a revision names, or undefined when it names none. */
export async function resolveCommit(revision: string, cwd: string): Promise<string | undefined> {
  if (revision.startsWith('-')) return undefined; // never let a revision be read as an option
  try {
    return (await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], cwd)).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Splits NUL-separated git output (`-z`) into its entries. */
export function splitNul(output: string): string[] {
  return output.split('\0').filter((s) => s !== '');
}

/** Blob ids of the files under `prefix` (a path from the top, `''` for all) at a commit, by path from the top. */
export async function listTree(commit: string, prefix: string, top: string): Promise<Map<string, string>> {
  const out = await git(['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...(prefix ? [prefix] : [])], top);
  const files = new Map<string, string>();
  for (const entry of splitNul(out)) {
    const tab = entry.indexOf('\t');
    const [, type, blob] = entry.slice(0, tab).split(' ');
    if (type === 'blob' && blob) files.set(entry.slice(tab + 1), blob);
  }
  return files;
}

/**
 * The contents of many blobs at once, through one `git cat-file --batch` process (one
 * `git show` per file would start hundreds of processes).
 */
export function readBlobs(blobs: readonly string[], top: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const result = new Map<string, Buffer>();
    if (blobs.length === 0) return resolve(result);
    const child = spawn('git', ['cat-file', '--batch'], { cwd: top, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitError(firstLine(stderr) || `git cat-file exited with ${code}`));
      const all = Buffer.concat(chunks);
      let offset = 0;
      for (const blob of blobs) {
        const eol = all.indexOf(0x0a, offset);
        if (eol === -1) return reject(new GitError('git cat-file: output ended early'));
        // `<id> <type> <size>`, or `<name> missing` (or `ambiguous`) for a name that is no object.
        const header = /^[0-9a-f]{40,64} [a-z]+ (\d+)$/.exec(all.subarray(offset, eol).toString('utf8'));
        offset = eol + 1;
        if (!header) continue;
        const size = Number(header[1]);
        result.set(blob, all.subarray(offset, offset + size));
        offset += size + 1; // the content, then a line feed
      }
      resolve(result);
    });
    child.stdin.on('error', () => {}); // git may exit early; 'close' reports why
    child.stdin.end(blobs.map((b) => `${b}\n`).join(''));
  });
}

/** Git with output that does not depend on the user's locale or pager. */
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0' };
}

function firstLine(text: string): string {
  return text.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
}
