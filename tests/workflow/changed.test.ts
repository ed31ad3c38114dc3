// `engagements validate --changed [BASE]` on temporary git repositories with commits.
import { describe, expect, it } from 'vitest';
import { GitWorkspace, TODAY, Workspace } from './helpers.js';
import type { JsonReport } from '../cli/helpers.js';

const KONO = 'records/people/kono-taro.yaml';
/** What stderr adds when there is no origin/main to compare with (outside CI). */
const NO_BASE =
  'There is no origin/main here, so --changed compared with HEAD: only changes not yet committed were looked at, and no commit was compared. To check committed changes, name the base: --changed <branch or commit>.\n';
const ISPR = 'records/organizations/ispr.yaml';
const ARMY = 'records/organizations/pakistan-army.yaml';
const MOD = 'records/organizations/pakistan-ministry-of-defence.yaml';
const BAJWA = 'records/people/qamar-javed-bajwa.yaml';
const CALL = 'records/engagements/2020/2020-08-06-pk-jp-army-chief-defence-minister-video-call.yaml';

function changed(ws: Workspace, ...args: string[]) {
  const r = ws.run(['validate', '--changed', ...args, '--today', TODAY, '--format', 'json']);
  const report = r.stdout ? (JSON.parse(r.stdout) as JsonReport) : undefined;
  return { ...r, report, files: [...new Set(report?.diagnostics.map((d) => d.file))] };
}

/** A repository whose base commit holds an unrelated broken record, which `--changed` must leave alone. */
function withUnrelatedError(): GitWorkspace {
  const ws = new GitWorkspace({ commit: false });
  ws.write('records/organizations/broken.yaml', 'id: broken\nname: Broken\nkind: not-a-kind\ncountry: PK\n');
  ws.commit('base');
  return ws;
}

describe('engagements validate --changed', () => {
  it('checks nothing when nothing changed since HEAD, and says on stderr that no commit was compared', () => {
    const ws = withUnrelatedError();
    expect(ws.run(['validate', '--today', TODAY]).status).toBe(1); // the whole dataset has an error
    const r = ws.run(['validate', '--changed', '--today', TODAY]);
    expect(r.stdout).toBe('✔ 0 records checked, no problems\n');
    expect(r.stderr).toBe('Checking the records changed since HEAD: 0 records changed, 0 records referencing them.\n' + NO_BASE);
    expect(r.status).toBe(0);
  });

  it('checks a changed person and the engagements that reference them, and nothing else', () => {
    const ws = withUnrelatedError();
    ws.replace(KONO, 'start: 2019-09-11', 'start: 2020-09-01'); // after the call: RULE005 on the engagement
    const r = changed(ws);
    expect(r.stderr).toBe('Checking the records changed since HEAD: 1 record changed, 1 record referencing them.\n' + NO_BASE);
    expect(r.status).toBe(1);
    expect(r.files).toEqual([CALL]);
    expect(r.report!.diagnostics.map((d) => d.code)).toEqual(['RULE005']);
    expect(r.report!.summary).toEqual({ files: 2, records: 2, errors: 1, warnings: 0 });
  });

  it('reports errors in the changed file itself, staged or not, and untracked new files', () => {
    const ws = withUnrelatedError();
    ws.replace(ARMY, 'kind: armed-service', 'kind: armed-servise');
    ws.git('add', ARMY); // staged
    ws.write('records/people/new-person.yaml', 'id: new-person\nnme: New Person\n'); // untracked
    const r = changed(ws);
    expect(r.status).toBe(1);
    expect(r.files).toEqual([ARMY, 'records/people/new-person.yaml']);
    // Checked too, without problems: the engagement and the person that name the army.
    expect(r.stderr).toBe('Checking the records changed since HEAD: 2 records changed, 2 records referencing them.\n' + NO_BASE);
    expect(r.report!.summary.files).toBe(4);
  });

  it('checks the records that referenced a deleted record', () => {
    const ws = withUnrelatedError();
    ws.remove(ISPR);
    const r = changed(ws);
    expect(r.stderr).toBe('Checking the records changed since HEAD: 0 records changed, 1 deleted, 1 record referencing them.\n' + NO_BASE);
    expect(r.status).toBe(1);
    expect(r.files).toEqual([CALL]);
    expect(r.report!.diagnostics.every((d) => d.code === 'RULE003' && d.message.includes('"ispr"'))).toBe(true);
  });

  it('follows organizations: people with a position in a changed organization, organizations under it', () => {
    const ws = withUnrelatedError();
    ws.replace(MOD, /^name: .*$/m, 'name: Ministry of Defence of Pakistan');
    const r = ws.run(['validate', '--changed', '--today', TODAY]);
    expect(r.status).toBe(0);
    // The ministry; the army (its parent); Bajwa's position is in the army, not the ministry.
    expect(r.stderr).toBe('Checking the records changed since HEAD: 1 record changed, 1 record referencing them.\n' + NO_BASE);
    ws.git('checkout', '-q', '--', MOD);
    // Renaming the army's id in its file: records that use the old id are checked and fail.
    ws.replace(ARMY, 'id: pakistan-army', 'id: pak-army');
    const renamed = changed(ws);
    expect(renamed.status).toBe(1);
    expect(renamed.files).toEqual([CALL, ARMY, BAJWA].sort());
  });

  it('compares with the base given, or with origin/main when the repository has it', () => {
    const ws = withUnrelatedError();
    ws.replace(KONO, 'name: Kono Taro', 'name: Kono Taro (Minister)');
    ws.commit('rename Kono');
    // Committed: nothing changed since HEAD, but since HEAD~1 Kono did.
    expect(ws.run(['validate', '--changed']).stderr).toBe('Checking the records changed since HEAD: 0 records changed, 0 records referencing them.\n' + NO_BASE);
    const since = ws.run(['validate', '--changed', 'HEAD~1', '--today', TODAY]);
    expect(since.stderr).toBe('Checking the records changed since HEAD~1: 1 record changed, 1 record referencing them.\n');
    expect(since.stdout).toBe('✔ 2 records checked, no problems\n');
    // A remote-tracking main branch at the first commit becomes the default base.
    ws.git('update-ref', 'refs/remotes/origin/main', 'HEAD~1');
    expect(ws.run(['validate', '--changed', '--today', TODAY]).stderr).toBe('Checking the records changed since origin/main: 1 record changed, 1 record referencing them.\n');
  });

  it('in a repository without commits, every record counts as changed', () => {
    const ws = new GitWorkspace({ commit: false });
    const r = ws.run(['validate', '--changed', '--today', TODAY]);
    expect(r.stderr).toBe('Checking the records changed since the empty repository (no commit yet): 19 records changed, 0 records referencing them.\n');
    expect(r.stdout).toBe('✔ 19 records checked, no problems\n');
  });

  it('is a usage error outside a git repository, with an unknown base, or with paths', () => {
    const plain = new Workspace();
    const r = plain.run(['validate', '--changed']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: `engagements validate --changed` needs a git repository, and ".*records" is not in one\.\n$/);
    const ws = new GitWorkspace();
    const unknown = ws.run(['validate', '--changed', 'no-such-branch']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('error: --changed: unknown revision "no-such-branch"; give a branch, tag or commit that exists (in a shallow clone, fetch it first: git fetch --depth=1 origin <branch>).\n');
    const withPaths = ws.run(['validate', KONO, '--changed', 'HEAD']);
    expect(withPaths.status).toBe(2);
    expect(withPaths.stderr).toMatch(/^error: --changed checks the records git finds changed; it takes no paths/);
  });

  it('writes GitHub annotations for the changed records only', () => {
    const ws = withUnrelatedError();
    ws.replace(KONO, 'name: Kono Taro', 'nme: Kono Taro');
    const r = ws.run(['validate', '--changed', '--format', 'github', '--today', TODAY]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=records\/people\/kono-taro\.yaml,line=3,col=1,/);
    expect(r.stdout).not.toContain('broken.yaml');
  });
});
