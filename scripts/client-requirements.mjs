#!/usr/bin/env node
// The Debian packages that `npm run test:clients` needs, gathered from every
// tests-clients/<area>/requires.json. Each file is a list of
// `{ "package": "<Debian package>", "check": ["<program>", "<arg>", ...] }`: the check is a
// command that exits 0 when the package is usable here.
//
//   node scripts/client-requirements.mjs            prints the package names, one per line
//   node scripts/client-requirements.mjs --missing  prints those whose check fails; exit 1 if any
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every requirement, in area order (sorted folder names), packages deduplicated. */
export function clientRequirements() {
  const dir = path.join(root, 'tests-clients');
  const seen = new Map();
  for (const area of readdirSync(dir).sort()) {
    const file = path.join(dir, area, 'requires.json');
    if (!existsSync(file)) continue;
    for (const req of JSON.parse(readFileSync(file, 'utf8'))) {
      if (!seen.has(req.package)) seen.set(req.package, { ...req, area });
    }
  }
  return [...seen.values()];
}

/** The requirements whose check command does not succeed on this machine. */
export function missingRequirements() {
  return clientRequirements().filter((req) => {
    const [cmd, ...args] = req.check;
    const result = spawnSync(cmd, args, { stdio: 'ignore', timeout: 60_000 });
    return result.status !== 0;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--missing')) {
    const missing = missingRequirements();
    for (const req of missing) console.log(`${req.package}\t(needed by tests-clients/${req.area}; check: ${req.check.join(' ')})`);
    process.exit(missing.length ? 1 : 0);
  }
  for (const req of clientRequirements()) console.log(req.package);
}
