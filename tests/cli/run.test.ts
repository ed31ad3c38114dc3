// The programmatic entry (`run(argv, io)`) and how exceptions become exit code 2.
import { run, type Io } from '@engagements/cli';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, engagements, ROOT, STACK_FRAME, Workspace } from './helpers.js';

function memoryIo(env: Record<string, string> = {}, stdoutWrite?: (s: string) => void) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    cwd: ROOT,
    env,
    stdout: { write: stdoutWrite ?? ((s: string) => out.push(s)) },
    stderr: { write: (s: string) => err.push(s) },
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('run(argv, io)', () => {
  it('returns the exit code instead of exiting, and writes to the given streams', async () => {
    const m = memoryIo();
    expect(await run(['validate', '--format', 'xml'], m.io)).toBe(2);
    expect(m.stderr()).toMatch(/Allowed choices are pretty, json, github/);
    expect(m.stdout()).toBe('');
    const help = memoryIo();
    expect(await run(['--help'], help.io)).toBe(0);
    expect(help.stdout()).toMatch(/validate/);
  });

  it('turns an internal error into exit 2 and one line without a stack trace', async () => {
    const m = memoryIo({}, () => {
      throw new Error('disk on fire\nsecond line');
    });
    expect(await run(['validate', 'tests/fixtures/clean/records/people/anchors.yaml', '--records', 'tests/fixtures/clean/records'], m.io)).toBe(2);
    expect(m.stderr()).toBe('internal error: disk on fire (set ENGAGEMENTS_DEBUG=1 to see the stack trace)\n');
  });

  it('shows the stack trace with ENGAGEMENTS_DEBUG=1', async () => {
    const m = memoryIo({ ENGAGEMENTS_DEBUG: '1' }, () => {
      throw new Error('disk on fire');
    });
    expect(await run(['validate', '--records', 'tests/fixtures/clean/records'], m.io)).toBe(2);
    expect(m.stderr()).toMatch(/^internal error: disk on fire\nError: disk on fire\n/);
    expect(m.stderr()).toMatch(STACK_FRAME);
  });
});

describe('the binary', () => {
  it('prints its version', () => {
    const r = engagements(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('stops quietly when its output pipe is closed', () => {
    // `engagements validate | head -n 1`: the reader goes away early; no EPIPE stack trace.
    const ws = new Workspace();
    const unknown = Array.from({ length: 400 }, (_, i) => `unknown${i}: x`).join('\n');
    ws.write('records/organizations/many-errors.yaml', `id: many-errors\nname: Many Errors\nkind: ministry\n${unknown}\n`);
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" validate 2>err.txt | head -n 1`], { cwd: ws.cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(r.stdout).toMatch(/^records\/organizations\/many-errors\.yaml:4:1 {2}error {2}SCH001/);
    expect(ws.read('err.txt')).toBe('');
  });
});
