// Helpers of the workflow tests: temporary copies of the founding records, as plain
// folders or as git repositories with commits, and the built binary to run in them.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Workspace } from '../cli/helpers.js';

export { BASE_RECORDS, BIN, engagements, ROOT, TODAY, Workspace, type CliResult } from '../cli/helpers.js';

/** Every .yaml file under a folder, relative to it with `/` separators, sorted. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** A workspace that is a git repository (branch main), with the founding records as the first commit. */
export class GitWorkspace extends Workspace {
  constructor(options: { commit?: boolean } = {}) {
    super();
    this.git('init', '-q', '-b', 'main');
    if (options.commit !== false) this.commit('founding records');
  }
  git(...args: string[]): string {
    const r = spawnSync('git', args, {
      cwd: this.cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: this.cwd, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.org' },
    });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }
  /** Commits everything in the working tree; returns the commit id. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }
  remove(file: string): void {
    rmSync(this.path(file));
  }
}
