// The hooks of .pre-commit-hooks.yaml run by Debian's real `pre-commit` on the staged
// files of a temporary repository (`pre-commit try-repo`, which runs a hook repository's
// hooks as `pre-commit run` would: on the staged files, with unstaged changes stashed).
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { GitWorkspace, ROOT } from '../../tests/workflow/helpers.js';

const KONO = 'records/people/kono-taro.yaml';
const NEW_CALL = 'records/engagements/2020/2020-08-20-pk-jp-call-telephone.yaml';

/** A repository with the founding records committed in canonical form, and this repository's node_modules, as after `npm ci`. */
function contributorRepository(): GitWorkspace {
  const ws = new GitWorkspace();
  symlinkSync(path.join(ROOT, 'node_modules'), ws.path('node_modules'));
  ws.write('.gitignore', 'node_modules\n.pre-commit-home/\n');
  expect(ws.run(['fmt']).status).toBe(0);
  ws.commit('ignore node_modules, canonical form');
  return ws;
}

/** `pre-commit try-repo <this repository> <hook>` in the repository; its output and exit code. */
function preCommit(ws: GitWorkspace, hook: string) {
  const home = ws.path('.pre-commit-home');
  const r = spawnSync('/usr/bin/pre-commit', ['try-repo', ROOT, hook], {
    cwd: ws.cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH ?? '', HOME: home, PRE_COMMIT_HOME: home, NO_COLOR: '1', NO_UPDATE_NOTIFIER: '1', npm_config_update_notifier: 'false', TZ: 'UTC', GIT_CONFIG_NOSYSTEM: '1' },
  });
  if (r.error) throw r.error;
  return { status: r.status, output: r.stdout + r.stderr };
}

/** pre-commit's result line for a hook: `<name>....Passed` or `....Failed`. */
const result = (output: string, name: string) => new RegExp(`^${name.replace(/[()]/g, '\\$&')}\\.+(Passed|Failed|\\(no files to check\\)Skipped)$`, 'm').exec(output)?.[1];
const VALIDATE = 'engagements validate (the staged records, against the whole dataset)';
const FMT = 'engagements fmt (canonical form of the staged records)';

describe('.pre-commit-hooks.yaml', () => {
  it('declares the two hooks on record files, run by the repository\'s own engagements command', () => {
    const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
    expect(hooks.map((h) => [h.id, h.entry, h.language])).toEqual([
      ['engagements-fmt', 'npx --no-install engagements fmt', 'system'],
      ['engagements-validate', 'npx --no-install engagements validate', 'system'],
    ]);
  });

  it('validate fails on a staged error, with its location, even when the fix is not staged', () => {
    const ws = contributorRepository();
    ws.replace(KONO, /^name: Kono Taro$/m, 'nme: Kono Taro');
    ws.git('add', KONO);
    ws.replace(KONO, /^nme: Kono Taro$/m, 'name: Kono Taro'); // fixed in the working tree only: pre-commit checks what is staged
    const r = preCommit(ws, 'engagements-validate');
    expect(r.status).toBe(1);
    expect(result(r.output, VALIDATE)).toBe('Failed');
    expect(r.output).toContain('records/people/kono-taro.yaml:3:1  error  SCH001  Unknown property `nme`: did you mean the required property `name`?');
    expect(r.output).toContain('✖ 1 error in 1 file (1 record checked)');
    expect(ws.read(KONO)).toContain('\nname: Kono Taro\n'); // the unstaged fix is back
    ws.replace(KONO, 'Kano]', 'Kano, Kono T.]');
    ws.git('add', KONO);
    const fixed = preCommit(ws, 'engagements-validate');
    expect(result(fixed.output, VALIDATE)).toBe('Passed');
    expect(fixed.status).toBe(0);
  });

  it('validate checks a staged record against the whole dataset: references to records not staged resolve, a missing one fails', () => {
    const ws = contributorRepository();
    const call = (person: string) =>
      [
        '# yaml-language-server: $schema=../../../schemas/engagement.schema.json',
        'id: 2020-08-20-pk-jp-call-telephone',
        'title: A call made up for this test',
        'date: 2020-08-20',
        'date_precision: day',
        'type: call',
        'medium: telephone',
        'participants:',
        '  - person: qamar-javed-bajwa',
        '    organization: pakistan-army',
        '    country: PK',
        '    role: principal',
        `  - person: ${person}`,
        '    country: JP',
        '    role: principal',
        'initiator: unknown',
        'topics: [bilateral-defence-cooperation]',
        'sources:',
        '  - id: statement',
        '    publisher: ispr',
        '    kind: official-statement',
        '    published: 2020-08-20',
        '    language: en',
        '    supports: the call and its date',
        'confidence:',
        '  level: low',
        '  reason: One statement, made up for this test.',
        '',
      ].join('\n');
    ws.write(NEW_CALL, call('kono-taro'));
    ws.git('add', NEW_CALL);
    const ok = preCommit(ws, 'engagements-validate');
    expect(ok.output).not.toMatch(/error {2}/);
    expect(result(ok.output, VALIDATE), ok.output).toBe('Passed');
    ws.write(NEW_CALL, call('kono-tarou'));
    ws.git('add', NEW_CALL);
    const missing = preCommit(ws, 'engagements-validate');
    expect(result(missing.output, VALIDATE)).toBe('Failed');
    expect(missing.output).toMatch(new RegExp(`^${NEW_CALL}:13:13 {2}error {2}RULE\\d+ {2}.*"kono-tarou"`, 'm'));
  });

  it('fmt rewrites a staged record in canonical form and stops the commit until it is added again', () => {
    const ws = contributorRepository();
    const canonical = ws.read(KONO).replace('Kano]', 'Kano, Kono T.]'); // a new alias, in canonical form
    ws.write(KONO, canonical.replace('name: Kono Taro\n', 'name:   "Kono Taro"\n').replace(/^(native_name: .*\n)(wikidata: .*\n)/m, '$2$1'));
    ws.git('add', KONO);
    const r = preCommit(ws, 'engagements-fmt');
    expect(r.status).toBe(1);
    expect(result(r.output, FMT)).toBe('Failed');
    expect(r.output).toContain('- files were modified by this hook');
    expect(ws.read(KONO)).toBe(canonical);
    ws.git('add', KONO);
    expect(result(preCommit(ws, 'engagements-fmt').output, FMT)).toBe('Passed');
  });

  it('skips a commit without record files', () => {
    const ws = contributorRepository();
    ws.write('README.md', 'notes\n');
    ws.git('add', 'README.md');
    const r = preCommit(ws, 'engagements-validate');
    expect(r.status).toBe(0);
    expect(result(r.output, VALIDATE)).toBe('(no files to check)Skipped');
  });
});
