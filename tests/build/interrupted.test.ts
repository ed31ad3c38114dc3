import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestTree } from '../support/tree.js';

// A build killed at any point leaves the previous outputs exactly as they were (or, if it
// got as far as its swap, the complete new outputs): never a mixture, never half a file.
const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'packages/cli/bin/engagements.js');

function generate(out: string, seed: number) {
  const r = spawnSync(process.execPath, [path.join(root, 'bench/generate.mjs'), '--records', '1500', '--out', out, '--invalid', '0', '--seed', String(seed)], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return path.join(out, 'records');
}

const args = (records: string, out: string) => [cli, 'build', '--records', records, '--out', out, '--today', '2026-01-01', '--no-cache'];


function buildKilledAfter(records: string, out: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args(records, out), { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('interrupted builds', () => {
  it('leave the previous outputs intact wherever they are killed', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'engagements-interrupt-'));
    const oldRecords = generate(path.join(work, 'old'), 1);
    const newRecords = generate(path.join(work, 'new'), 2);
    const out = path.join(work, 'dist');

    // The two complete outcomes: the previous outputs, and what the new records give.
    const full = spawnSync(process.execPath, args(newRecords, path.join(work, 'reference')), { encoding: 'utf8' });
    expect(full.status, full.stderr).toBe(0);
    const next = digestTree(path.join(work, 'reference'));
    const started = Date.now();
    expect(spawnSync(process.execPath, args(oldRecords, out)).status).toBe(0);
    const duration = Date.now() - started;
    const previous = digestTree(out);
    expect(previous).not.toEqual(next);

    // Kill the new build at points spread over a whole build's duration.
    let intact = 0;
    for (const fraction of [0.05, 0.2, 0.4, 0.55, 0.7, 0.8, 0.9, 0.95]) {
      await buildKilledAfter(newRecords, out, Math.round(duration * fraction));
      const now = digestTree(out);
      if (JSON.stringify(now) === JSON.stringify(previous)) intact++;
      else expect(now).toEqual(next); // only a build that reached its swap may change dist/
      if (JSON.stringify(now) === JSON.stringify(next)) {
        // Put the previous outputs back for the next kill.
        expect(spawnSync(process.execPath, args(oldRecords, out)).status).toBe(0);
      }
    }
    expect(intact).toBeGreaterThan(0);

    // The next build cleans up what the killed ones left, and completes.
    expect(spawnSync(process.execPath, args(newRecords, out)).status).toBe(0);
    expect(digestTree(out)).toEqual(next);
    expect(readdirSync(work).filter((f) => f.startsWith('.dist'))).toEqual([]);
    expect(existsSync(path.join(work, '.dist.previous'))).toBe(false);
  }, 300_000);
});
