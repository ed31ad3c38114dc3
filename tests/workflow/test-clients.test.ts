// `npm run test:clients` on a machine without the Debian packages its areas need: it names
// each missing package and fails before running anything; and `npm test` never includes
// tests-clients/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

function areas(spec: Record<string, unknown[]>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'engagements-areas-'));
  for (const [area, requires] of Object.entries(spec)) {
    mkdirSync(path.join(dir, area));
    writeFileSync(path.join(dir, area, 'requires.json'), JSON.stringify(requires));
  }
  return dir;
}
const node = (args: string[], dir: string) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ENGAGEMENTS_CLIENT_TESTS: dir }, timeout: 60_000 });

describe('npm run test:clients', () => {
  const dir = areas({
    csv: [{ package: 'python3-pandas-missing', check: ['/nonexistent/python3', '-c', 'import pandas'] }],
    'pre-commit': [
      { package: 'git', check: ['git', '--version'] },
      { package: 'pre-commit-missing', check: [process.execPath, '-e', 'process.exit(3)'] },
    ],
  });

  it('names each missing package, the area that needs it and the apt-get command, and fails before running tests', () => {
    const r = node(['scripts/run-tests.mjs', '--clients'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'test:clients needs Debian packages that are not installed:\n' +
        '  python3-pandas-missing (needed by tests-clients/csv; this failed: /nonexistent/python3 -c import pandas)\n' +
        `  pre-commit-missing (needed by tests-clients/pre-commit; this failed: ${process.execPath} -e process.exit(3))\n` +
        'Install them with: apt-get install -y --no-install-recommends python3-pandas-missing pre-commit-missing\n',
    );
    expect(r.stdout).toBe('0 passed, 1 failed\n'); // the line .ci/run adds up
  });

  it('lists every package for .ci/run, and only the missing ones with --missing', () => {
    expect(node(['scripts/client-requirements.mjs'], dir).stdout).toBe('python3-pandas-missing\ngit\npre-commit-missing\n');
    expect(node(['scripts/client-requirements.mjs', '--missing'], dir).stdout).toBe('python3-pandas-missing\npre-commit-missing\n');
    const none = node(['scripts/client-requirements.mjs', '--require'], areas({ ok: [{ package: 'git', check: ['git', '--version'] }] }));
    expect([none.status, none.stderr]).toEqual([0, '']);
  });

  it('rejects a requires.json entry without a package or a check', () => {
    const r = node(['scripts/client-requirements.mjs'], areas({ bad: [{ package: 'x' }] }));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/requires\.json: each entry needs "package" \(a Debian package name\) and "check" \(a command, as a list\)\./);
  });

  it('every area of tests-clients declares its packages, and npm test leaves the area out', async () => {
    const clients = path.join(ROOT, 'tests-clients');
    for (const area of readdirSync(clients, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      const requires = JSON.parse(readFileSync(path.join(clients, area.name, 'requires.json'), 'utf8')) as Array<{ package: string; check: string[] }>;
      expect(requires.length, area.name).toBeGreaterThan(0);
    }
    const base = (await import('../../vitest.config.ts')).default as { test: { include: string[]; exclude: string[] } };
    expect(base.test.exclude).toContain('tests-clients/**');
    const own = (await import('../../vitest.clients.config.ts')).default as { test: { include: string[]; exclude: string[] } };
    expect(own.test.include).toEqual(['tests-clients/**/*.test.ts']);
    expect(own.test.exclude).not.toContain('tests-clients/**');
  });
});
