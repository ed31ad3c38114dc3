// `validate --changed` in a shallow clone, as actions/checkout makes by default: in CI it
// takes the base from the pull request or the event (fetching it), and never passes a run
// that compared nothing; outside CI it says so.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engagements, GitWorkspace, TODAY } from './helpers.js';

const KONO = 'records/people/kono-taro.yaml';
const CHECKING_PR = "Checking the records changed since origin/main (the pull request's base branch, GITHUB_BASE_REF): 1 record changed, 1 record referencing them.\n";
const HOW_TO =
  'Fetch the base branch before this step (actions/checkout with `fetch-depth: 0`, or `git fetch --depth=1 origin main`) and name it (--changed origin/main), or check every record with `engagements validate` (without --changed).';

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** A repository whose `main` holds the founding records and whose `feature` branch breaks a person; and a depth-1 clone of `feature`. */
function shallowCloneOfFeature() {
  const origin = new GitWorkspace();
  const mainCommit = origin.git('rev-parse', 'HEAD').trim();
  origin.git('switch', '-q', '-c', 'feature');
  origin.replace(KONO, /^name: Kono Taro$/m, 'nme: Kono Taro');
  origin.commit('break a person');
  const clone = path.join(mkdtempSync(path.join(tmpdir(), 'engagements-shallow-')), 'clone');
  git(tmpdir(), 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin.cwd}`, clone);
  return { origin, clone, mainCommit };
}
const run = (cwd: string, env: Record<string, string> = {}) => engagements(['validate', '--changed', '--today', TODAY], { cwd, env: { HOME: cwd, ...env } });

describe('validate --changed in a shallow clone', () => {
  it('the clone really is shallow, without origin/main, and the commit has an error', () => {
    const { clone } = shallowCloneOfFeature();
    expect(git(clone, 'rev-parse', '--is-shallow-repository')).toBe('true');
    expect(git(clone, 'for-each-ref', '--format=%(refname)', 'refs/remotes').split('\n')).not.toContain('refs/remotes/origin/main');
    expect(engagements(['validate', '--today', TODAY], { cwd: clone }).status).toBe(1);
  });

  it('outside CI, falls back to HEAD and says on stderr that no commit was compared', () => {
    const { clone } = shallowCloneOfFeature();
    const r = run(clone);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('✔ 0 records checked, no problems\n');
    expect(r.stderr).toBe(
      'Checking the records changed since HEAD: 0 records changed, 0 records referencing them.\n' +
        'There is no origin/main here, so --changed compared with HEAD: only changes not yet committed were looked at, and no commit was compared. To check committed changes, name the base: --changed <branch or commit>.\n',
    );
  });

  it('in CI on a pull request, fetches the base branch named by GITHUB_BASE_REF and finds the error', () => {
    const { clone } = shallowCloneOfFeature();
    const r = run(clone, { CI: 'true', GITHUB_BASE_REF: 'main' });
    expect(r.stderr).toBe(CHECKING_PR);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^records\/people\/kono-taro\.yaml:3:1 {2}error {2}SCH001 {2}Unknown property `nme`/);
    expect(git(clone, 'rev-parse', '--is-shallow-repository')).toBe('true'); // fetched shallow, as the clone is
    // A second run finds origin/main already there.
    expect(run(clone, { GITHUB_ACTIONS: 'true', GITHUB_BASE_REF: 'main' }).stderr).toBe(CHECKING_PR);
  });

  it("in CI, takes the event's base commit (GITHUB_EVENT_PATH) when GITHUB_BASE_REF is not set, and fetches it", () => {
    const { clone, mainCommit } = shallowCloneOfFeature();
    const event = path.join(clone, '..', 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { number: 7, base: { ref: 'main', sha: mainCommit } } }));
    const r = run(clone, { GITHUB_ACTIONS: 'true', GITHUB_EVENT_PATH: event });
    expect(r.stderr).toBe(`Checking the records changed since ${mainCommit} (the base commit of the event, GITHUB_EVENT_PATH): 1 record changed, 1 record referencing them.\n`);
    expect(r.status).toBe(1);
    // A push event: `before` is the base; all zeros (a new branch) is none.
    writeFileSync(event, JSON.stringify({ before: '0'.repeat(40), after: 'x' }));
    const none = run(clone, { CI: 'true', GITHUB_EVENT_PATH: event });
    expect(none.status).toBe(2);
    writeFileSync(event, JSON.stringify({ before: mainCommit }));
    expect(run(clone, { CI: '1', GITHUB_EVENT_PATH: event }).status).toBe(1);
  });

  it('in CI with no base to find, fails and says how to fetch one', () => {
    const { clone } = shallowCloneOfFeature();
    const r = run(clone, { CI: 'true' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `error: --changed found no base to compare with in CI, so it would check nothing: GITHUB_BASE_REF is not set, GITHUB_EVENT_PATH names no base commit, and there is no origin/main. ${HOW_TO}\n`,
    );
  });

  it('in CI, fails when the base branch cannot be fetched, with git\'s reason', () => {
    const { clone } = shallowCloneOfFeature();
    const r = run(clone, { CI: 'true', GITHUB_BASE_REF: 'no-such-branch' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: --changed found no base to compare with in CI, so it would check nothing: GITHUB_BASE_REF is "no-such-branch" but origin\/no-such-branch is not in this clone and fetching it failed \(fatal: couldn't find remote ref refs\/heads\/no-such-branch\)\. /);
    expect(r.stderr).toContain(HOW_TO);
  });

  it('in CI, never compares with origin/main when it is the commit under test (a push to main)', () => {
    const origin = new GitWorkspace();
    const clone = path.join(mkdtempSync(path.join(tmpdir(), 'engagements-shallow-')), 'clone');
    git(tmpdir(), 'clone', '-q', '--depth', '1', `file://${origin.cwd}`, clone);
    const r = run(clone, { CI: 'true' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('GITHUB_BASE_REF is not set, GITHUB_EVENT_PATH names no base commit, and origin/main is the commit under test.');
    // An explicit base is taken as given.
    expect(engagements(['validate', '--changed', 'origin/main', '--today', TODAY], { cwd: clone, env: { CI: 'true' } }).status).toBe(0);
  });
});
