// The CI workflow, the README, CONTRIBUTING.md, .ci/run and the GitHub templates all name
// the same commands, and every command and flag they name exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { vocabularies } from '@engagements/schema';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { engagements, GitWorkspace, ROOT } from './helpers.js';
import { FOUNDING, positionOf } from '../cli/helpers.js';
import { annotationsOfStep } from '../support/workflowCommands.js';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
const workflow = parse(read('.github/workflows/ci.yml')) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const indexOf = (pattern: RegExp) => {
  const i = steps.findIndex((s) => pattern.test(s.run ?? ''));
  expect(i, String(pattern)).toBeGreaterThanOrEqual(0);
  return i;
};

const DOCUMENTS = ['.github/workflows/ci.yml', '.github/pull_request_template.md', '.github/ISSUE_TEMPLATE/propose-engagement.yml', 'README.md', 'CONTRIBUTING.md', '.ci/run'];

describe('the CI workflow', () => {
  it('runs on pushes to main and on pull requests, reading only', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('installs from the lockfile, validates with annotations, checks formatting, builds and tests, in that order', () => {
    const install = indexOf(/^npm ci\b/);
    const validate = indexOf(/^npx engagements validate --format github$/);
    const fmt = indexOf(/^npx engagements fmt --check$/);
    const build = indexOf(/^npm run build$/);
    const test = indexOf(/^npm test$/);
    expect(install).toBeLessThan(validate);
    expect(validate).toBeLessThan(fmt);
    expect(fmt).toBeLessThan(build);
    expect(build).toBeLessThan(test);
    const apt = indexOf(/^sudo apt-get update -qq && node scripts\/client-requirements\.mjs --missing \| xargs --no-run-if-empty sudo apt-get install -y -qq --no-install-recommends$/);
    const clients = indexOf(/^npm run test:clients$/);
    expect(test).toBeLessThan(apt);
    expect(apt).toBeLessThan(clients);
  });

  it('writes the data diff as markdown to the job summary on pull requests, against the fetched base branch', () => {
    const diff = steps[indexOf(/npx engagements diff /)]!;
    expect(diff.run).toMatch(/^npx engagements diff "origin\/\$BASE_REF" HEAD --format markdown >> "\$GITHUB_STEP_SUMMARY"$/);
    expect(diff.env).toEqual({ BASE_REF: '${{ github.base_ref }}' });
    expect(diff.if).toContain("github.event_name == 'pull_request'");
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with?.['fetch-depth']).toBe(0); // the base branch's history is there to diff against
  });

  it('uses Node 20, caches npm and turbo, and uploads dist/', () => {
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!;
    expect(node.with).toMatchObject({ 'node-version': 20, cache: 'npm' });
    const cache = steps.find((s) => s.uses?.startsWith('actions/cache@'))!;
    expect(cache.with?.path).toBe('.turbo/cache');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with).toMatchObject({ name: 'dist', path: 'dist/' });
  });

  it('runs the same install and test commands as the README and .ci/run', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm ci && npm run build');
    expect(readme).toMatch(/^npm test\b/m);
    const ci = read('.ci/run');
    expect(ci).toMatch(/^if ! npm ci --no-audit --no-fund; then$/m);
    expect(ci).toMatch(/^npm test 2>&1 \| tee "\$unit" \|\| status=1$/m);
    expect(ci).toMatch(/^npm run test:clients 2>&1 \| tee "\$clients" \|\| status=1$/m);
    expect(ci).toContain('node scripts/client-requirements.mjs --missing');
    // CONTRIBUTING lists what CI runs.
    const contributing = read('CONTRIBUTING.md');
    for (const step of steps.filter((s) => s.run)) {
      const command = step.run!.replace(/ --no-audit --no-fund$/, '').replace(/"origin\/\$BASE_REF" HEAD/, 'origin/<base branch> HEAD').replace(/ >> .*$/, '');
      expect(contributing, command).toContain(`\`${command}\``);
    }
  });
});

describe('documented commands', () => {
  const help = new Map<string, string>();
  const helpOf = (command: string) => {
    if (!help.has(command)) {
      const r = engagements([command, '--help']);
      help.set(command, r.status === 0 ? r.stdout : '');
    }
    return help.get(command)!;
  };

  it('every `npx engagements <command> --flag` in the docs and workflows exists', () => {
    const commands = new Set(/Commands:\n([\s\S]*)$/.exec(engagements(['--help']).stdout)![1]!.match(/^ {2}([a-z]+)/gm)!.map((c) => c.trim()));
    let checked = 0;
    for (const file of DOCUMENTS) {
      for (const match of read(file).matchAll(/npx engagements ([a-z]+)([^\n`]*)/g)) {
        const [, command, rest] = match as unknown as [string, string, string];
        expect(commands, `${file}: ${match[0]}`).toContain(command);
        for (const flag of rest.match(/--[a-z][a-z-]*/g) ?? []) expect(helpOf(command), `${file}: ${match[0]}`).toContain(flag);
        const format = /--format ([a-z]+)/.exec(rest)?.[1];
        if (format) expect(helpOf(command), `${file}: ${match[0]}`).toMatch(new RegExp(`"${format}"`));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('the README usage section lists every command', () => {
    const readme = read('README.md');
    for (const command of ['validate', 'new', 'fmt', 'diff']) expect(readme).toMatch(new RegExp(`^npx engagements ${command} `, 'm'));
    expect(readme).toContain('npx engagements validate --changed [BASE]');
  });

  it('the issue form offers exactly the types and media of the vocabularies', () => {
    const form = parse(read('.github/ISSUE_TEMPLATE/propose-engagement.yml')) as { body: Array<{ id?: string; attributes: { options?: string[] } }> };
    const options = (id: string) => form.body.find((b) => b.id === id)!.attributes.options;
    expect(options('type')).toEqual(vocabularies['engagement-type'].terms.map((t) => t.id));
    expect(options('medium')).toEqual(vocabularies.medium.terms.map((t) => t.id));
  });
});

describe('the validate step as the runner runs it', () => {
  // The runner runs a step's `run` with bash in GITHUB_WORKSPACE joined with the step's
  // `working-directory`; annotations attach to the pull request's files by their path from
  // GITHUB_WORKSPACE. The workflow's own step, and the same step moved into records/, must
  // give the same paths.
  const validate = steps[indexOf(/^npx engagements validate --format github$/)]!;

  function runStep(run: string, workspace: string, workingDirectory?: string) {
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', run], {
      cwd: workingDirectory ? path.join(workspace, workingDirectory) : workspace,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', HOME: workspace, TZ: 'UTC', CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, NO_UPDATE_NOTIFIER: '1', npm_config_update_notifier: 'false' },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('a step with working-directory: records and --records . gives the same annotation paths as the step from the root', () => {
    const ws = new GitWorkspace();
    symlinkSync(path.join(ROOT, 'node_modules'), ws.path('node_modules')); // as after `npm ci`
    ws.replace('records/people/kono-taro.yaml', /^name: Kono Taro$/m, 'nme: Kono Taro');
    ws.replace(FOUNDING, /^medium: video$/m, 'medium: video\nhost: PK'); // a warning too
    expect(validate['working-directory' as keyof Step]).toBeUndefined();
    const fromRoot = runStep(validate.run!, ws.cwd);
    const fromRecords = runStep(`${validate.run!} --records .`, ws.cwd, 'records');
    expect(fromRoot.status, fromRoot.stderr).toBe(1);
    expect(fromRecords.status, fromRecords.stderr).toBe(1);
    const annotations = (out: string) => annotationsOfStep(out).all.map((a) => `${a.type} ${a.file}:${a.line}`);
    expect(annotations(fromRoot.stdout)).toEqual(['error records/people/kono-taro.yaml:3', `warning ${FOUNDING}:${positionOf(ws.read(FOUNDING), 'host: PK').line}`]);
    expect(annotations(fromRecords.stdout)).toEqual(annotations(fromRoot.stdout));
    expect(fromRecords.stdout).toBe(fromRoot.stdout);
    for (const a of annotationsOfStep(fromRoot.stdout).all) expect(existsSync(path.join(ws.cwd, a.file!)), a.file).toBe(true);
  });
});
