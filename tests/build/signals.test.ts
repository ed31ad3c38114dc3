import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestTree } from '../support/tree.js';

// A build stopped by SIGINT or SIGTERM while it writes the SQLite database removes the
// database's temporary folder and its staging folder, leaves the output folder as it was,
// and ends by that signal. After a SIGKILL (which no process can catch) the folders are
// left, beside the output folder, and the next build into that folder removes them.
const root = path.resolve(import.meta.dirname, '../..');
const helper = path.join(root, 'tests/build/stopDuringDatabase.mjs');
const records = path.join(root, 'records');

interface Stopped {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** The build's temporary folder and what was in it when the signal was sent. */
  tempDir: string;
  tempListing: string[];
}

/** Starts a build, waits until it is inside the database step, sends `signal`, and waits for its end. */
function buildStopped(out: string, osTemp: string, signal: NodeJS.Signals): Promise<Stopped> {
  const gate = path.join(path.dirname(out), `gate-${signal}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [helper, '--records', records, '--out', out, '--gate', gate], { env: { ...process.env, TMPDIR: osTemp }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let tempDir = '';
    let tempListing: string[] = [];
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      stdout += text;
      const m = /in the database step: (.+)\n/.exec(stdout);
      if (m && !tempDir) {
        tempDir = m[1]!;
        tempListing = readdirSync(tempDir).flatMap((d) => [d, ...readdirSync(path.join(tempDir, d)).map((f) => `${d}/${f}`)]);
        child.kill(signal);
        writeFileSync(gate, '');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, sig) => resolve({ code, signal: sig, stdout, tempDir, tempListing }));
  });
}

function workspace(): { work: string; out: string; osTemp: string } {
  const work = mkdtempSync(path.join(tmpdir(), 'engagements-signal-'));
  const out = path.join(work, 'dist');
  const osTemp = path.join(work, 'os-temp');
  mkdirSync(osTemp);
  // The previous outputs: a complete build.
  const first = spawnSync(process.execPath, [helper, '--records', records, '--out', out], { encoding: 'utf8', env: { ...process.env, TMPDIR: osTemp } });
  expect(first.status, first.stderr).toBe(0);
  return { work, out, osTemp };
}

describe('a build stopped while it writes the SQLite database', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`by ${signal}: removes the temporary database and the staged files, leaves the outputs as they were, ends by ${signal}`, async () => {
      const { work, out, osTemp } = workspace();
      const previous = digestTree(out);
      expect(Object.keys(previous).sort()).toEqual(['sqlite/engagements.sqlite', 'sqlite/metadata.json']);

      const stopped = await buildStopped(out, osTemp, signal);
      // It was stopped inside the database step: the half-built database was there.
      expect(stopped.tempListing).toContainEqual(expect.stringMatching(/^engagements-sqlite-[^/]+\/engagements\.sqlite$/));
      expect(path.dirname(stopped.tempDir)).toBe(work);
      expect(stopped.stdout).not.toContain('built');
      expect(stopped.signal).toBe(signal);
      expect(stopped.code).toBeNull();

      expect(existsSync(stopped.tempDir)).toBe(false);
      expect(readdirSync(work).sort()).toEqual(['dist', `gate-${signal}`, 'os-temp']);
      expect(readdirSync(osTemp)).toEqual([]);
      expect(digestTree(out)).toEqual(previous);
    });
  }

  it('by SIGKILL: leaves its folders beside the output folder, never in it, and the next build removes them', async () => {
    const { work, out, osTemp } = workspace();
    const previous = digestTree(out);
    const stopped = await buildStopped(out, osTemp, 'SIGKILL');
    expect(stopped.signal).toBe('SIGKILL');
    expect(stopped.tempListing).toContainEqual(expect.stringMatching(/^engagements-sqlite-[^/]+\/engagements\.sqlite$/));
    const left = readdirSync(work).filter((f) => f.startsWith('.dist.')).sort();
    expect(left).toEqual([expect.stringMatching(/^\.dist\.scratch-\d+-\d+$/), expect.stringMatching(/^\.dist\.staging-\d+-\d+$/)]);
    expect(readdirSync(osTemp)).toEqual([]);
    expect(digestTree(out)).toEqual(previous);

    const next = spawnSync(process.execPath, [helper, '--records', records, '--out', out], { encoding: 'utf8', env: { ...process.env, TMPDIR: osTemp } });
    expect(next.status, next.stderr).toBe(0);
    expect(readdirSync(work).sort()).toEqual(['dist', 'gate-SIGKILL', 'os-temp']);
    expect(digestTree(out)).toEqual(previous);
  });
});
