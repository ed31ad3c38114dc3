import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'packages/cli/bin/engagements.js');
const hasScript = spawnSync('script', ['--version']).status === 0;

describe('the progress bar', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'engagements-progress-'));
  spawnSync(process.execPath, [path.join(root, 'bench/generate.mjs'), '--records', '1100', '--out', dir, '--invalid', '0']);
  const records = path.join(dir, 'records');
  const total = 1100 + 110 + 55;
  const env = { ...process.env, NO_COLOR: '1', CI: '', NO_PROGRESS: '' };

  it.skipIf(!hasScript)('is drawn on a terminal for a long run, up to the last file, then cleared', () => {
    const command = `${process.execPath} ${cli} validate --records ${records} --no-cache --today 2026-01-01`;
    const result = spawnSync('script', ['-qfec', command, '/dev/null'], { encoding: 'utf8', env });
    expect(result.stdout).toMatch(/checking records \[[#-]{30}\] \d+\/1265/);
    expect(result.stdout).toContain(`] ${total}/${total}`);
    expect(result.stdout).toContain(`${total} records checked`);
  });

  it('is not drawn when the output is not a terminal', () => {
    const result = spawnSync(process.execPath, [cli, 'validate', '--records', records, '--no-cache', '--today', '2026-01-01'], { encoding: 'utf8', env });
    expect(result.status).toBe(0);
    expect(result.stderr).not.toContain('checking records');
  });
});
