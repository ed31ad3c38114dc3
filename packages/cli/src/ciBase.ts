// The base of `validate --changed` in CI. A CI checkout is often shallow (actions/checkout
// fetches one commit by default), so `origin/main` may be missing, and comparing with HEAD
// would check nothing and pass. In CI the base therefore comes from what triggered the run,
// fetched when the clone lacks it, and when there is none the run fails and says how to
// provide one.
import { readFile } from 'node:fs/promises';
import { UsageError } from './errors.js';
import { git, resolveCommit } from './git.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Whether we run in CI: `CI` or `GITHUB_ACTIONS` set to anything but empty, `0` or `false`. */
export function inCi(env: Env): boolean {
  const on = (value: string | undefined) => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
  return on(env.CI) || on(env.GITHUB_ACTIONS);
}

/**
 * The base commit named by the event that started the run (the JSON file at
 * `GITHUB_EVENT_PATH`): `pull_request.base.sha` (pull_request and pull_request_target),
 * `merge_group.base_sha`, or a push's `before` unless it is all zeros (a new branch).
 */
export async function eventBase(env: Env): Promise<string | undefined> {
  if (!env.GITHUB_EVENT_PATH) return undefined;
  let event: { pull_request?: { base?: { sha?: unknown } }; merge_group?: { base_sha?: unknown }; before?: unknown };
  try {
    event = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8'));
  } catch {
    return undefined;
  }
  const sha = (value: unknown) => (typeof value === 'string' && /^[0-9a-f]{40,64}$/.test(value) && !/^0+$/.test(value) ? value : undefined);
  return sha(event?.pull_request?.base?.sha) ?? sha(event?.merge_group?.base_sha) ?? sha(event?.before);
}

/**
 * The base in CI, in this order: the pull request's base branch (`origin/$GITHUB_BASE_REF`,
 * fetched from origin when the clone lacks it), the event's base commit (fetched likewise),
 * then `origin/main` if it exists and is not the commit under test. Never HEAD. A usage
 * error that says how to provide a base when none is found.
 */
export async function ciBase(top: string, env: Env): Promise<{ revision: string; label: string }> {
  const problems: string[] = [];
  const baseRef = env.GITHUB_BASE_REF;
  if (baseRef) {
    const remote = `refs/remotes/origin/${baseRef}`;
    const label = `origin/${baseRef} (the pull request's base branch, GITHUB_BASE_REF)`;
    if (await resolveCommit(remote, top)) return { revision: remote, label };
    const fetched = await fetch(top, [`+refs/heads/${baseRef}:${remote}`]);
    if (fetched === true && (await resolveCommit(remote, top))) return { revision: remote, label };
    problems.push(`GITHUB_BASE_REF is ${JSON.stringify(baseRef)} but origin/${baseRef} is not in this clone and fetching it failed (${fetched === true ? 'nothing fetched' : fetched})`);
  }
  const commit = await eventBase(env);
  if (commit) {
    const label = `${commit} (the base commit of the event, GITHUB_EVENT_PATH)`;
    if (await resolveCommit(commit, top)) return { revision: commit, label };
    const fetched = await fetch(top, [commit]);
    if (fetched === true && (await resolveCommit(commit, top))) return { revision: commit, label };
    problems.push(`the event's base commit ${commit} is not in this clone and fetching it failed (${fetched === true ? 'nothing fetched' : fetched})`);
  }
  if (!baseRef && !commit) {
    const main = await resolveCommit('origin/main', top);
    if (main && main !== (await resolveCommit('HEAD', top))) return { revision: 'origin/main', label: 'origin/main' };
    problems.push(`GITHUB_BASE_REF is not set, GITHUB_EVENT_PATH names no base commit, and ${main ? 'origin/main is the commit under test' : 'there is no origin/main'}`);
  }
  throw new UsageError(
    `--changed found no base to compare with in CI, so it would check nothing: ${problems.join('; ')}. ` +
      'Fetch the base branch before this step (actions/checkout with `fetch-depth: 0`, or `git fetch --depth=1 origin main`) and name it (--changed origin/main), ' +
      'or check every record with `engagements validate` (without --changed).',
  );
}

/** `git fetch` from origin (shallow when the clone is); true, or git's error line. */
async function fetch(top: string, refspecs: string[]): Promise<true | string> {
  const shallow = (await git(['rev-parse', '--is-shallow-repository'], top).catch(() => 'false')).trim() === 'true';
  try {
    await git(['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', ...(shallow ? ['--depth=1'] : []), 'origin', ...refspecs], top);
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}
