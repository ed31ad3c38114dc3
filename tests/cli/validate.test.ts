// End-to-end tests of `engagements validate`, run through the built binary.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engagements, FOUNDING, positionOf, ROOT, STACK_FRAME, TODAY, where, Workspace, type JsonReport } from './helpers.js';

const countRecords = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.ya?ml$/.test(e.name)).length;
// Counted when needed: other people add records while the tests run.
const records = (cwd = ROOT) => countRecords(path.join(cwd, 'records'));
const KONO = 'records/people/kono-taro.yaml';
const ISPR = 'records/organizations/ispr.yaml';

describe('engagements validate on the repository', () => {
  it('exits 0 on records/ with a one-line summary', () => {
    const RECORDS = records();
    const r = engagements(['validate']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`✔ ${RECORDS} records checked, no problems\n`);
    expect(r.status).toBe(0);
  });

  it('prints the same in every format when there is nothing to report', () => {
    const ws = new Workspace();
    const n = records(ws.cwd);
    const json = ws.run(['validate', '--format', 'json', '--today', TODAY]);
    expect(json.status).toBe(0);
    expect(json.stdout).toBe(`{\n  "diagnostics": [],\n  "summary": {\n    "files": ${n},\n    "records": ${n},\n    "errors": 0,\n    "warnings": 0\n  }\n}\n`);
    const github = ws.run(['validate', '--format', 'github', '--today', TODAY]);
    expect(github.status).toBe(0);
    expect(github.stdout).toBe(`✔ ${n} records checked, no problems\n`);
    const pretty = ws.run(['validate', '--today', TODAY]);
    expect(pretty.status).toBe(0);
    expect(pretty.stdout).toBe(`✔ ${n} records checked, no problems\n`);
  });

  it('passes --today to the date rules', () => {
    // The founding engagement took place on 2020-08-06: "today" the day before, it lies in the future.
    const r = new Workspace().run(['validate', FOUNDING, '--today', '2020-08-05', '--format', 'json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.diagnostics.some((d) => d.file === FOUNDING && d.code.startsWith('RULE') && d.path === '/date')).toBe(true);
  });
});

describe('engagements validate on broken records', () => {
  it('reports a YAML syntax error at the opening quote, with a code frame, and exits 1', () => {
    const ws = new Workspace();
    const file = 'records/organizations/unclosed-quote.yaml';
    const text = '# yaml-language-server: $schema=../../schemas/organization.schema.json\nid: unclosed-quote\nname: "Unclosed Quote\nkind: ministry\ncountry: PK\n';
    ws.write(file, text);
    const r = ws.run(['validate', '--today', TODAY]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        `${file}:3:7  error  YAML001  YAML syntax error: this quoted value has no closing ".`,
        `  hint: Add the closing quote at the end of the value. Inside "...", write \\" for a quote; inside '...', write ''.`,
        '',
        '    1 | # yaml-language-server: $schema=../../schemas/organization.schema.json',
        '    2 | id: unclosed-quote',
        '  > 3 | name: "Unclosed Quote',
        '      |       ^',
        '    4 | kind: ministry',
        '    5 | country: PK',
        '',
        `✖ 1 error in 1 file (${records(ws.cwd) - 1} records checked; 1 of ${records(ws.cwd)} files could not be read as a record)`,
        '',
      ].join('\n'),
    );
    expect(positionOf(text, '"Unclosed')).toEqual({ line: 3, column: 7 });
  });

  it('counts records as json does when a file cannot be read as a record (U+00A0 after `name:`)', () => {
    const ws = new Workspace();
    ws.replace(KONO, /^name: Kono Taro$/m, 'name:\u00A0Kono Taro');
    const pretty = ws.run(['validate', '--today', TODAY]);
    const json = JSON.parse(ws.run(['validate', '--today', TODAY, '--format', 'json']).stdout) as JsonReport;
    const n = records(ws.cwd);
    expect(json.summary).toMatchObject({ files: n, records: n - 1 });
    expect(pretty.stdout.endsWith(`\n✖ 1 error in 1 file (${n - 1} records checked; 1 of ${n} files could not be read as a record)\n`)).toBe(true);
    expect(pretty.stdout).toContain(`${KONO}:3:6  error  YAML007`);
  });

  it('frames a real record around the offending line', () => {
    const ws = new Workspace();
    const text = ws.replace(KONO, /^name: Kono Taro$/m, 'nme: Kono Taro');
    const { line } = positionOf(text, 'nme:');
    const r = ws.run(['validate', KONO, '--today', TODAY]);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`${KONO}:${line}:1  error  SCH001  Unknown property \`nme\`: did you mean the required property \`name\`?`);
    expect(lines[1]).toBe('  hint: Rename the key to `name`.');
    expect(lines[2]).toBe('');
    const source = text.split('\n');
    const width = String(Math.min(source.length, line + 2)).length;
    const row = (n: number, mark = ' ') => `  ${mark} ${String(n).padStart(width)} |${source[n - 1] ? ' ' + source[n - 1] : ''}`;
    const expected = [];
    for (let n = Math.max(1, line - 2); n < line; n++) expected.push(row(n));
    expected.push(row(line, '>'), `    ${' '.repeat(width)} | ^^^`);
    for (let n = line + 1; n <= Math.min(source.length, line + 2); n++) expected.push(row(n));
    expect(lines.slice(3, 3 + expected.length)).toEqual(expected);
    expect(lines.at(-2)).toBe('✖ 1 error in 1 file (1 record checked)');
    expect(r.stdout).not.toMatch(STACK_FRAME);
  });

  it('reports schema errors each at its own line and column', () => {
    const ws = new Workspace();
    const kono = ws.replace(KONO, /^name: Kono Taro$/m, 'nme: Kono Taro');
    let founding = ws.replace(FOUNDING, /^medium: video$/m, 'medium: vidoe');
    founding = ws.replace(FOUNDING, /^date: 2020-08-06$/m, 'date: 2020-08-32');
    const r = ws.run(['validate', '--format', 'json', '--today', TODAY]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as JsonReport;
    const found = report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
    expect(found).toContain(`${where(FOUNDING, founding, '2020-08-32')} SCH005`);
    expect(found).toContain(`${where(FOUNDING, founding, 'vidoe')} SCH003`);
    expect(found).toContain(`${where(KONO, kono, 'nme:')} SCH001`);
    expect(report.diagnostics.filter((d) => d.code.startsWith('SCH'))).toHaveLength(3);
    expect(report.summary.errors).toBe(report.diagnostics.filter((d) => d.severity === 'error').length);
  });

  it('reports a reference to a person that does not exist at the reference', () => {
    const ws = new Workspace();
    const text = ws.replace(FOUNDING, '- person: kono-taro', '- person: kono-tarou');
    const r = ws.run(['validate', '--format', 'json', '--today', TODAY]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    const reference = report.diagnostics.find((d) => d.path === '/participants/1/person');
    expect(reference, r.stdout).toBeDefined();
    expect(reference!.code).toMatch(/^RULE\d{3}$/);
    expect(reference!.severity).toBe('error');
    expect(`${reference!.file}:${reference!.line}:${reference!.column}`).toBe(where(FOUNDING, text, 'kono-tarou'));
  });

  it('survives hostile YAML: alias bombs, deep nesting, huge files, terminal escapes', () => {
    const ws = new Workspace();
    const bomb = ['id: bomb', 'name: Bomb', 'kind: ministry', 'a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) bomb.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i - 1]}`).join(', ')}]`);
    ws.write('records/organizations/bomb.yaml', bomb.join('\n') + '\n');
    ws.write('records/organizations/deep.yaml', `id: deep\nname: Deep\nkind: ministry\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    ws.write('records/organizations/huge.yaml', `id: huge\nname: Huge\nkind: ministry\nnotes: ${'x'.repeat(3 * 1024 * 1024)}\n`);
    ws.write('records/organizations/escape.yaml', 'id: escape\nname: "\u001b[2J\u001b]0;pwned\u0007\nkind: ministry\n');
    const started = Date.now();
    const r = ws.run(['validate', '--today', TODAY]);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(STACK_FRAME);
    // Without colour, not a single escape character reaches the terminal.
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).not.toContain('\u0007');
    const codes = (file: string) => r.stdout.split('\n').filter((l) => l.startsWith(`records/organizations/${file}.yaml:`)).map((l) => l.split(/\s+/)[2]);
    expect(codes('bomb')).toEqual(['YAML003']);
    expect(codes('deep')).toEqual(['YAML005']);
    expect(codes('huge')).toEqual(['LOAD004']);
    // Each escape and bell is a control character, reported where it stands (YAML007).
    expect(codes('escape')).toEqual(['YAML007', 'YAML007', 'YAML007']);
    expect(r.stdout).toContain('records/organizations/escape.yaml:2:8  error  YAML007  Invisible character U+001B ESCAPE.');
    expect(r.stdout).toContain('name: "␛[2J␛]0;pwned␇');
  });

  it('exits 0 with warnings only, and 1 as soon as there is an error', () => {
    const ws = new Workspace();
    // A video call has no host country: a warning.
    const text = ws.replace(FOUNDING, /^medium: video$/m, 'medium: video\nhost: PK');
    const warned = ws.run(['validate', '--today', TODAY]);
    expect(warned.status).toBe(0);
    const at = where(FOUNDING, text, 'PK\n');
    expect(warned.stdout).toMatch(new RegExp(`^${at}  warning  RULE\\d{3}  `));
    expect(warned.stdout.endsWith(`\n\n⚠ 1 warning in 1 file (${records(ws.cwd)} records checked)\n`)).toBe(true);
    const github = ws.run(['validate', '--format', 'github', '--today', TODAY]);
    expect(github.status).toBe(0);
    expect(github.stdout).toMatch(/^::warning file=/);

    ws.replace(KONO, /^name: Kono Taro$/m, 'nme: Kono Taro');
    const failed = ws.run(['validate', '--today', TODAY]);
    expect(failed.status).toBe(1);
    expect(failed.stdout.endsWith(`\n\n✖ 1 error, 1 warning in 2 files (${records(ws.cwd)} records checked)\n`)).toBe(true);
  });
});

describe('engagements validate with paths', () => {
  it('checks only the named file, against the whole dataset', () => {
    const ws = new Workspace();
    ws.replace(ISPR, /^kind: .*$/m, 'kind: not-a-kind');
    // The founding engagement refers to people and organizations in other files: they resolve.
    const one = ws.run(['validate', FOUNDING, '--today', TODAY]);
    expect(one.stdout).toBe('✔ 1 record checked, no problems\n');
    expect(one.status).toBe(0);
    const broken = ws.run(['validate', ISPR, '--format', 'json', '--today', TODAY]);
    expect(broken.status).toBe(1);
    const report = JSON.parse(broken.stdout) as JsonReport;
    expect(new Set(report.diagnostics.map((d) => d.file))).toEqual(new Set([ISPR]));
    expect(report.summary).toEqual({ files: 1, records: 1, errors: report.diagnostics.length, warnings: 0 });
  });

  it('expands folders to the .yaml files in them', () => {
    const ws = new Workspace();
    const people = countRecords(ws.path('records/people'));
    const r = ws.run(['validate', 'records/people', '--today', TODAY]);
    expect(r.stdout).toBe(`✔ ${people} ${people === 1 ? 'record' : 'records'} checked, no problems\n`);
    expect(r.status).toBe(0);
    ws.write('records/people/notes.txt', 'not a record');
    expect(ws.run(['validate', 'records/people', '--today', TODAY]).stdout).toBe(r.stdout);
    ws.write('records/empty/.keep', '');
    const empty = ws.run(['validate', 'records/empty']);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/holds no \.yaml files/);
  });

  it('accepts absolute paths and reports files outside the current directory with absolute names', () => {
    const ws = new Workspace();
    ws.replace(KONO, /^name: Kono Taro$/m, 'nme: Kono Taro');
    const r = engagements(['validate', '--records', ws.path('records'), ws.path(KONO), '--format', 'json', '--today', TODAY], { cwd: ROOT });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.diagnostics.map((d) => d.file)).toEqual([ws.path(KONO).split(path.sep).join('/')]);
  });
});

describe('usage errors exit 2 with a short message and no stack trace', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown option', ['validate', '--fomat', 'json'], /unknown option '--fomat'/],
    ['a bad --format', ['validate', '--format', 'xml'], /'xml' is invalid. Allowed choices are pretty, json, github/],
    ['a --today that names no day', ['validate', '--today', '2021-02-29'], /argument '2021-02-29' is invalid. The day 29 does not exist: February 2021 has 28 days./],
    ['a --today not in the form', ['validate', '--today', '2021-2-28'], /argument '2021-2-28' is invalid. Expected a date as YYYY-MM-DD/],
    ['a missing records folder', ['validate', '--records', 'no-such-folder'], /records folder "no-such-folder" does not exist/],
    ['a path that does not exist', ['validate', 'records/people/nobody.yaml'], /No such file or folder: records\/people\/nobody.yaml/],
    ['an unknown command', ['valdate'], /unknown command 'valdate'/],
    ['no command at all', [], /Usage: engagements/],
  ];
  for (const [what, args, message] of cases) {
    it(`for ${what}`, () => {
      const r = engagements(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(STACK_FRAME);
    });
  }

  it('a missing records folder is a usage error when run from another directory', () => {
    const r = engagements(['validate'], { cwd: path.join(ROOT, 'packages') });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--help exits 0 and lists the formats and exit codes', () => {
    const r = engagements(['validate', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--format <format>/);
    expect(r.stdout).toMatch(/pretty.*json.*github/s);
    expect(r.stdout).toMatch(/Exit codes: 0/);
  });
});

describe('colour', () => {
  const broken = () => {
    const ws = new Workspace();
    ws.replace(KONO, /^name: Kono Taro$/m, 'nme: Kono Taro');
    return ws;
  };

  it('is off when output is not a terminal', () => {
    const r = broken().run(['validate', '--today', TODAY]);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('is on with FORCE_COLOR, and off again with NO_COLOR', () => {
    const ws = broken();
    const forced = ws.run(['validate', '--today', TODAY], { FORCE_COLOR: '1' });
    expect(forced.status).toBe(1);
    expect(forced.stdout).toContain('\u001b[31merror\u001b[39m');
    const plain = ws.run(['validate', '--today', TODAY], { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(plain.stdout).not.toContain('\u001b[');
    // Stripped of colour, the text is the same.
    // eslint-disable-next-line no-control-regex
    expect(forced.stdout.replace(/\u001b\[\d+m/g, '')).toBe(plain.stdout);
    expect(ws.run(['validate', '--today', TODAY], { FORCE_COLOR: '0' }).stdout).toBe(plain.stdout);
  });

  it('never colours json or github output', () => {
    const ws = broken();
    for (const format of ['json', 'github']) {
      expect(ws.run(['validate', '--format', format, '--today', TODAY], { FORCE_COLOR: '1' }).stdout).not.toContain('\u001b');
    }
  });
});
