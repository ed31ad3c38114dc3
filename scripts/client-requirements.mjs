#!/usr/bin/env node
// The Debian packages that `npm run test:clients` needs, gathered from every
// tests-clients/<area>/requires.json. Each file is a list of
// `{ "package": "<Debian package>", "check": ["<program>", "<arg>", ...] }`: the check is a
// command that exits 0 when the package is usable here.
//
//   node scripts/client-requirements.mjs            prints every package name, one per line
//   node scripts/client-requirements.mjs --missing  prints the names of those whose check fails
//                                                   (none: prints nothing)
//   node scripts/client-requirements.mjs --require  exits 1 with a message naming each missing
//                                                   package, its area and the apt-get command
//
// ENGAGEMENTS_CLIENT_TESTS names another folder of areas (the runner's own test uses it).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The folder of client-test areas. */
export function clientTestsDir(env = process.env) {
  return path.resolve(root, env.ENGAGEMENTS_CLIENT_TESTS || 'tests-clients');
}

/** Every requirement, in area order (sorted folder names), packages deduplicated; none when the folder is missing. */
export function clientRequirements(dir = clientTestsDir()) {
  const seen = new Map();
  if (!existsSync(dir)) return [];
  for (const area of readdirSync(dir).sort()) {
    const file = path.join(dir, area, 'requires.json');
    if (!existsSync(file)) continue;
    for (const req of JSON.parse(readFileSync(file, 'utf8'))) {
      if (typeof req?.package !== 'string' || !Array.isArray(req.check) || req.check.length === 0) {
        throw new Error(`${path.relative(root, file)}: each entry needs "package" (a Debian package name) and "check" (a command, as a list).`);
      }
      if (!seen.has(req.package)) seen.set(req.package, { ...req, area });
    }
  }
  return [...seen.values()];
}

/** The requirements whose check command does not succeed on this machine. */
export function missingRequirements(dir = clientTestsDir()) {
  return clientRequirements(dir).filter((req) => {
    const [cmd, ...args] = req.check;
    const result = spawnSync(cmd, args, { stdio: 'ignore', timeout: 60_000 });
    return result.status !== 0;
  });
}

/** What to tell someone whose machine lacks packages: each one, the area that needs it, its check, and the command that installs them all. */
export function missingMessage(missing) {
  const lines = missing.map((req) => `  ${req.package} (needed by tests-clients/${req.area}; this failed: ${req.check.join(' ')})`);
  return `test:clients needs Debian packages that are not installed:\n${lines.join('\n')}\nInstall them with: apt-get install -y --no-install-recommends ${missing.map((r) => r.package).join(' ')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--require')) {
    const missing = missingRequirements();
    if (missing.length) process.stderr.write(missingMessage(missing));
    process.exit(missing.length ? 1 : 0);
  }
  const list = process.argv.includes('--missing') ? missingRequirements() : clientRequirements();
  for (const req of list) console.log(req.package);
}
