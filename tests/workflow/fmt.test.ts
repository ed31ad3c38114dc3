// `engagements fmt [PATH...] [--check]` through the built binary.
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseRecordText } from '@engagements/core';
import { describe, expect, it } from 'vitest';
import { engagements, ROOT, Workspace, yamlFiles } from './helpers.js';

const KONO = 'records/people/kono-taro.yaml';
const ARMY = 'records/organizations/pakistan-army.yaml';

/** The parsed data of every record of a workspace, by file. */
function data(ws: Workspace): Record<string, unknown> {
  return Object.fromEntries(
    yamlFiles(ws.path('records')).map((f) => {
      const parsed = parseRecordText(ws.read(`records/${f}`));
      if (!parsed.ok) throw new Error(`records/${f} does not parse`);
      return [f, parsed.value];
    }),
  );
}

/** A workspace whose records are already in canonical form. */
function formatted(): Workspace {
  const ws = new Workspace();
  expect(ws.run(['fmt']).status).toBe(0);
  return ws;
}

describe('engagements fmt on the repository', () => {
  it("passes --check on the repository's records (every record is saved in canonical form)", () => {
    const r = engagements(['fmt', '--check']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^✔ \d+ files in canonical form\n$/);
    expect(r.status).toBe(0);
    // And it looked at every record.
    expect(Number(/✔ (\d+) files/.exec(r.stdout)![1])).toBe(yamlFiles(path.join(ROOT, 'records')).length);
  });
});

describe('engagements fmt', () => {
  it('rewrites the files that change, keeps their data, and is then idempotent', () => {
    const ws = new Workspace();
    const before = data(ws);
    // The founding copies carry schema lines relative to tests/fixtures: every file changes.
    const r = ws.run(['fmt']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const files = yamlFiles(ws.path('records'));
    for (const f of files) expect(r.stdout).toContain(`records/${f}  formatted\n`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`✔ ${files.length} of ${files.length} files reformatted`);
    expect(data(ws)).toEqual(before);
    expect(ws.read(KONO).split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/person.schema.json');

    const again = ws.run(['fmt']);
    expect(again.stdout).toBe(`✔ ${files.length} files in canonical form\n`);
    expect(ws.run(['fmt', '--check']).status).toBe(0);
  });

  it('--check writes nothing, names each file that would change, and exits 1', () => {
    const ws = formatted();
    const kono = ws.replace(KONO, 'aliases: [', 'aliases:  [');
    const army = ws.replace(ARMY, /^name: (.*)$/m, 'name: "$1"');
    const r = ws.run(['fmt', '--check']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      [
        `${ARMY}  would be reformatted (first difference at line 3)`,
        `${KONO}  would be reformatted (first difference at line 4)`,
        `✖ 2 of ${yamlFiles(ws.path('records')).length} files would be reformatted: run \`npx engagements fmt\``,
        '',
      ].join('\n'),
    );
    expect(ws.read(KONO)).toBe(kono);
    expect(ws.read(ARMY)).toBe(army);
    // Then fmt fixes exactly those two.
    const fix = ws.run(['fmt']);
    expect(fix.stdout).toBe(`${ARMY}  formatted\n${KONO}  formatted\n✔ 2 of ${yamlFiles(ws.path('records')).length} files reformatted\n`);
    expect(ws.run(['fmt', '--check']).status).toBe(0);
  });

  it('formats only the paths given (files or folders)', () => {
    const ws = formatted();
    ws.replace(KONO, 'name: Kono Taro', 'name:   Kono Taro');
    ws.replace(ARMY, 'name: Pakistan Army', 'name:   Pakistan Army');
    const one = ws.run(['fmt', '--check', KONO]);
    expect(one.status).toBe(1);
    expect(one.stdout).toBe(`${KONO}  would be reformatted (first difference at line 3)\n✖ 1 of 1 file would be reformatted: run \`npx engagements fmt\`\n`);
    const folder = ws.run(['fmt', 'records/people']);
    expect(folder.status).toBe(0);
    expect(folder.stdout).toContain(`${KONO}  formatted\n`);
    expect(folder.stdout).not.toContain(ARMY);
    expect(ws.run(['fmt', '--check']).stdout).toContain(`${ARMY}  would be reformatted`);
  });

  it('normalizes CRLF line endings and a byte-order mark', () => {
    const ws = formatted();
    const text = ws.read(KONO);
    ws.write(KONO, '\uFEFF' + text.replace(/\n/g, '\r\n'));
    expect(ws.run(['fmt', '--check']).stdout).toContain(`${KONO}  would be reformatted`);
    expect(ws.run(['fmt']).status).toBe(0);
    expect(ws.read(KONO)).toBe(text);
  });

  it('reports a file that is not valid YAML with its location, leaves it alone, formats the others and exits 1', () => {
    const ws = new Workspace();
    const broken = 'records/organizations/broken.yaml';
    const text = 'id: broken\nname: "Unclosed\nkind: ministry\n';
    ws.write(broken, text);
    const r = ws.run(['fmt']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${broken}:2:7  error  YAML001  YAML syntax error: this quoted value has no closing ". Add the closing quote at the end of the value. Inside "...", write \\" for a quote; inside '...', write ''. Not formatted: fix this first.\n`);
    expect(r.stdout).toContain(`${KONO}  formatted\n`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^✖ \d+ of \d+ files reformatted; 1 file could not be formatted \(left alone\)$/);
    expect(ws.read(broken)).toBe(text);
    // The hint too, as validate gives it: fmt is the first hook pre-commit runs.
    ws.write(broken, 'id: broken\nname:Ministry of Defence\nkind: ministry\n');
    expect(ws.run(['fmt']).stdout).toContain(`${broken}:2:1  error  YAML001  YAML syntax error: \`name:Ministry of Defence\` has no space after the colon, so YAML reads the line as text, not as the key \`name\`. Write a space after the colon: \`name: Ministry of Defence\`. Not formatted: fix this first.\n`);
    ws.write(broken, text);
    const check = ws.run(['fmt', '--check']);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain(`${broken}:2:7  error  YAML001`);
  });

  it('reports a file whose kind it cannot tell, and a file with a duplicate key', () => {
    const ws = formatted();
    ws.write('records/misc/note.yaml', 'id: x\n');
    ws.write('records/people/twice.yaml', 'id: twice\nname: A\nname: B\n');
    const r = ws.run(['fmt', '--check']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('records/misc/note.yaml  error  not in an engagements/, people/ or organizations/ folder, so its schema is unknown\n');
    expect(r.stdout).toContain('records/people/twice.yaml:3:1  error  YAML002');
  });

  it('keeps comments', () => {
    const ws = formatted();
    ws.replace(KONO, 'name: Kono Taro', 'name: Kono Taro # family name first');
    ws.replace(KONO, 'native_name:', '# in Japanese\nnative_name:');
    expect(ws.run(['fmt']).status).toBe(0);
    const text = ws.read(KONO);
    expect(text).toContain('name: Kono Taro # family name first\n');
    expect(text).toContain('# in Japanese\nnative_name:');
  });

  it('refuses unknown options and missing paths with exit 2', () => {
    const ws = formatted();
    expect(ws.run(['fmt', '--chek']).status).toBe(2);
    const missing = ws.run(['fmt', 'records/nope.yaml']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('error: No such file or folder: records/nope.yaml\n');
    expect(ws.run(['fmt', '--records', 'nope']).status).toBe(2);
  });

  it('writes nothing when nothing changes (file times stay)', () => {
    const ws = formatted();
    const before = statSync(ws.path(KONO)).mtimeMs;
    expect(ws.run(['fmt']).stdout).toMatch(/in canonical form/);
    expect(statSync(ws.path(KONO)).mtimeMs).toBe(before);
  });
});

describe('fmt and links', () => {
  it('refuses a symbolic link named on the command line instead of writing through it', async () => {
    const { mkdtempSync, symlinkSync, writeFileSync: write, readFileSync: read } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { spawnSync } = await import('node:child_process');
    const nodePath = await import('node:path');
    const dir = mkdtempSync(nodePath.join(tmpdir(), 'engagements-fmt-link-'));
    const outside = nodePath.join(dir, 'outside.yaml');
    write(outside, 'name: X\nid: x-y\nkind: ministry\n');
    const { cpSync } = await import('node:fs');
    cpSync(nodePath.resolve(import.meta.dirname, '../fixtures/founding/records'), nodePath.join(dir, 'records'), { recursive: true });
    symlinkSync(outside, nodePath.join(dir, 'records/organizations/linked.yaml'));
    const cli = nodePath.resolve(import.meta.dirname, '../../packages/cli/bin/engagements.js');
    const r = spawnSync(process.execPath, [cli, 'fmt', 'records/organizations/linked.yaml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('symbolic link');
    expect(read(outside, 'utf8')).toBe('name: X\nid: x-y\nkind: ministry\n');
  });
});
