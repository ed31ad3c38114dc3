// What `--format github` needs from its surroundings: the repository root that GitHub
// resolves annotation paths against, and the step summary file.
import { appendFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CheckSummary, Diagnostic } from '@engagements/core';
import type { CommandContext } from './commands/command.js';
import { renderGithub } from './format/github.js';
import { renderStepSummary, STEP_SUMMARY_LIMIT_BYTES, type BlobLinks } from './format/stepSummary.js';
import { git } from './git.js';
import { leavesFolder } from '@engagements/core/quick';

/**
 * The folder annotation paths are relative to: `GITHUB_WORKSPACE` when set (the runner
 * attaches an annotation to a pull request's file only by its path from there), else the
 * top level of the git repository the current directory is in, else the current directory.
 * Resolves symbolic links.
 */
export async function repositoryRoot(context: CommandContext): Promise<string> {
  const { cwd, env } = context.io;
  if (env.GITHUB_WORKSPACE) return real(path.resolve(cwd, env.GITHUB_WORKSPACE));
  const top = await git(['rev-parse', '--show-toplevel'], cwd).then((out) => out.trim(), () => '');
  return real(top || cwd);
}

/**
 * The diagnostics with `file` made relative to `root` (`/` separators), whatever the
 * current directory and wherever the records folder is. A file outside `root` keeps its
 * absolute path: no annotation can attach to it.
 */
export async function relativeToRoot(diagnostics: readonly Diagnostic[], cwd: string, root: string): Promise<Diagnostic[]> {
  const files = new Map<string, string>();
  for (const file of new Set(diagnostics.map((d) => d.file))) {
    const absolute = await real(path.resolve(cwd, file));
    const relative = path.relative(root, absolute);
    const outside = relative === '' || leavesFolder(relative);
    files.set(file, (outside ? absolute : relative).split(path.sep).join('/'));
  }
  return diagnostics.map((d) => ({ ...d, file: files.get(d.file)! }));
}

/**
 * Writes the github format: annotations with paths from the repository root and, when
 * `GITHUB_STEP_SUMMARY` names a file, every diagnostic as a table appended to it.
 */
export async function writeGithubReport(diagnostics: readonly Diagnostic[], summary: CheckSummary, context: CommandContext): Promise<void> {
  const { cwd, env } = context.io;
  const rebased = await relativeToRoot(diagnostics, cwd, await repositoryRoot(context));
  let stepSummary = false;
  const summaryFile = env.GITHUB_STEP_SUMMARY;
  if (summaryFile) {
    const used = (await stat(summaryFile).catch(() => undefined))?.size ?? 0;
    const links: BlobLinks | undefined =
      env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_SHA ? { server: env.GITHUB_SERVER_URL, repository: env.GITHUB_REPOSITORY, commit: env.GITHUB_SHA } : undefined;
    const text = renderStepSummary(rebased, summary, { ...(links ? { links } : {}), maxBytes: STEP_SUMMARY_LIMIT_BYTES - used });
    try {
      await appendFile(summaryFile, text);
      stepSummary = true;
    } catch (error) {
      context.io.stderr.write(`Could not write the step summary to ${summaryFile}: ${(error as Error).message}\n`);
    }
  }
  context.io.stdout.write(renderGithub(rebased, summary, { color: false, stepSummary }));
}

async function real(file: string): Promise<string> {
  return realpath(file).catch(() => file);
}
