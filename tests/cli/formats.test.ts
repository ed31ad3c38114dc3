// The three output formats: their exact shape through the binary, and the renderers'
// escaping with diagnostics that data cannot easily produce.
import type { CheckSummary, Diagnostic } from '@engagements/core';
import { escapeData, escapeProperty, renderGithub, renderJson, renderPretty } from '@engagements/cli';
import { describe, expect, it } from 'vitest';
import { positionOf, TODAY, Workspace, type JsonReport } from './helpers.js';

const KONO = 'records/people/kono-taro.yaml';

function brokenWorkspace() {
  const ws = new Workspace();
  const text = ws.replace(KONO, /^name: Kono Taro$/m, 'nme: Kono Taro');
  return { ws, text, at: positionOf(text, 'nme:') };
}

describe('--format json', () => {
  it('has the documented shape: fields in a fixed order, 2-space indent, a summary', () => {
    const { ws, at } = brokenWorkspace();
    const r = ws.run(['validate', '--format', 'json', '--today', TODAY]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(r.stdout).toBe(JSON.stringify(report, null, 2) + '\n');
    expect(Object.keys(report)).toEqual(['diagnostics', 'summary']);
    expect(Object.keys(report.summary)).toEqual(['files', 'records', 'errors', 'warnings']);
    expect(report.diagnostics).toEqual([
      {
        file: KONO,
        line: at.line,
        column: 1,
        endLine: at.line,
        endColumn: 4,
        severity: 'error',
        code: 'SCH001',
        message: 'Unknown property `nme`: did you mean the required property `name`?',
        hint: 'Rename the key to `name`.',
        path: '/nme',
      },
    ]);
    expect(Object.keys(report.diagnostics[0]!)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message', 'hint', 'path']);
    expect(report.summary.errors).toBe(1);
    expect(report.summary.warnings).toBe(0);
    expect(report.summary.files).toBe(report.summary.records);
  });

  it('leaves out `hint` when a diagnostic has none', () => {
    const diagnostic: Diagnostic = { file: 'a.yaml', line: 1, column: 2, endLine: 1, endColumn: 3, severity: 'warning', code: 'X001', message: 'm', path: '' };
    const text = renderJson([diagnostic], { files: 1, records: 1, errors: 0, warnings: 1 }, { color: false });
    expect(Object.keys(JSON.parse(text).diagnostics[0])).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message', 'path']);
  });

  it('is the same on every run (deterministic order)', () => {
    const { ws } = brokenWorkspace();
    ws.replace('records/organizations/ispr.yaml', /^kind: .*$/m, 'kind: not-a-kind');
    ws.replace('records/organizations/the-nation.yaml', /^kind: .*$/m, 'kind: also-not-a-kind');
    const first = ws.run(['validate', '--format', 'json', '--today', TODAY]).stdout;
    expect(ws.run(['validate', '--format', 'json', '--today', TODAY]).stdout).toBe(first);
    const files = (JSON.parse(first) as JsonReport).diagnostics.map((d) => d.file);
    expect(files).toEqual([...files].sort());
  });
});

describe('--format github', () => {
  it('writes one workflow command per diagnostic and a plain summary line', () => {
    const { ws, at } = brokenWorkspace();
    const r = ws.run(['validate', '--format', 'github', '--today', TODAY]);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      `::error file=${KONO},line=${at.line},col=1,endLine=${at.line},endColumn=4,title=SCH001::Unknown property \`nme\`: did you mean the required property \`name\`?%0ARename the key to \`name\`.`,
    );
    expect(lines[1]).toMatch(/^✖ 1 error in 1 file \(\d+ records checked\)$/);
    expect(lines[2]).toBe('');
  });

  it('escapes file names and messages as GitHub requires', () => {
    const ws = new Workspace();
    const file = 'records/organizations/odd,name:100%.yaml';
    ws.write(file, 'id: odd-name\nname: Odd Name\nkind: "50%"\n');
    const r = ws.run(['validate', file, '--format', 'github', '--today', TODAY]);
    expect(r.status).toBe(1);
    const kind = r.stdout.split('\n').find((l) => l.includes('title=SCH003'));
    expect(kind).toBeDefined();
    expect(kind!.startsWith('::error file=records/organizations/odd%2Cname%3A100%25.yaml,line=3,col=7,endLine=3,endColumn=12,title=SCH003::')).toBe(true);
    expect(kind).toContain('::"50%25" is not an allowed value for `kind`.%0A');
    // Only the `::` that separates properties from the message is left unescaped.
    expect(kind!.split('::')).toHaveLength(3);
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% a:b,c\r\nd')).toBe('100%25 a:b,c%0D%0Ad');
    expect(escapeProperty('100% a:b,c\r\nd')).toBe('100%25 a%3Ab%2Cc%0D%0Ad');
    const diagnostic: Diagnostic = { file: 'x,y:z.yaml', line: 2, column: 3, endLine: 4, endColumn: 5, severity: 'warning', code: 'A:1', message: 'one\ntwo %', hint: 'three\r', path: '' };
    expect(renderGithub([diagnostic], { files: 1, records: 1, errors: 0, warnings: 1 }, { color: false })).toBe(
      '::warning file=x%2Cy%3Az.yaml,line=2,endLine=4,title=A%3A1::one%0Atwo %25%0Athree%0D\n⚠ 1 warning in 1 file (1 record checked)\n',
    );
  });
});

describe('--format pretty', () => {
  const summary: CheckSummary = { files: 2, records: 2, errors: 1, warnings: 0 };
  const at = (line: number, column: number, endLine: number, endColumn: number): Diagnostic => ({ file: 'f.yaml', line, column, endLine, endColumn, severity: 'error', code: 'X001', message: 'Bad.', path: '' });

  it('frames the offending span, with context, and no frame for whole-file problems', () => {
    const sources = new Map([['f.yaml', 'a: 1\nb: 2\nc: three\nd: 4\ne: 5\nf: 6\n']]);
    expect(renderPretty([at(3, 4, 3, 9)], summary, { color: false, sources })).toBe(
      ['f.yaml:3:4  error  X001  Bad.', '', '    1 | a: 1', '    2 | b: 2', '  > 3 | c: three', '      |    ^^^^^', '    4 | d: 4', '    5 | e: 5', '', '✖ 1 error in 1 file (2 records checked)', ''].join('\n'),
    );
    expect(renderPretty([at(1, 1, 1, 1)], summary, { color: false, sources })).toBe('f.yaml:1:1  error  X001  Bad.\n\n✖ 1 error in 1 file (2 records checked)\n');
    // A file that could not be read as a record: the same count as json's `records`, the unread file said apart.
    const unread: CheckSummary = { files: 174, records: 173, errors: 1, warnings: 0 };
    expect(renderPretty([at(1, 1, 1, 1)], unread, { color: false, sources })).toBe('f.yaml:1:1  error  X001  Bad.\n\n✖ 1 error in 1 file (173 records checked; 1 of 174 files could not be read as a record)\n');
  });

  it('marks every line of a span over several lines', () => {
    const sources = new Map([['f.yaml', 'a: >-\n  one\n  two\nb: 2\n']]);
    const out = renderPretty([at(1, 4, 4, 1)], summary, { color: false, sources });
    expect(out).toContain('  > 1 | a: >-\n      |    ^^\n  > 2 |   one\n      | ^^^^^\n  > 3 |   two\n      | ^^^^^\n    4 | b: 2');
  });

  it('handles CRLF, a byte-order mark, positions past the end and very long lines', () => {
    const crlf = renderPretty([at(2, 4, 2, 5)], summary, { color: false, sources: new Map([['f.yaml', '\ufeffa: 1\r\nb: 2\r\n']]) });
    expect(crlf).toContain('    1 | a: 1\n  > 2 | b: 2\n      |    ^\n');
    expect(crlf).not.toContain('\r');
    expect(crlf).not.toContain('\ufeff');
    const past = renderPretty([at(9, 1, 9, 2)], summary, { color: false, sources: new Map([['f.yaml', 'a: 1\n']]) });
    expect(past).toContain('f.yaml:9:1  error');
    const long = renderPretty([at(1, 5004, 1, 5007)], summary, { color: false, sources: new Map([['f.yaml', `x: ${'y'.repeat(5000)}abc${'z'.repeat(5000)}\n`]]) });
    const frameLine = long.split('\n').find((l) => l.startsWith('  > 1 | '))!;
    expect(frameLine.length).toBeLessThan(200);
    expect(frameLine).toContain('yabcz');
    const caret = long.split('\n')[long.split('\n').indexOf(frameLine) + 1]!;
    expect(frameLine[caret.indexOf('^')]).toBe('a');
    expect(caret.trim()).toMatch(/^\| +\^\^\^$/);
  });

  it('shows control characters in messages and source as visible symbols', () => {
    const sources = new Map([['f.yaml', 'a: "\u001b[31mred\u0007"\n']]);
    const out = renderPretty([{ ...at(1, 4, 1, 5), message: 'Bad \u001b[2J value.\nSecond line' }], summary, { color: false, sources });
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(out).toContain('a: "␛[31mred␇"');
    expect(out).toContain('Bad ␛[2J value.␊Second line');
  });

  it('colours only when asked', () => {
    const sources = new Map([['f.yaml', 'a: 1\n']]);
    expect(renderPretty([at(1, 4, 1, 5)], summary, { color: false, sources })).not.toContain('\u001b');
    const coloured = renderPretty([at(1, 4, 1, 5)], summary, { color: true, sources });
    expect(coloured).toContain('\u001b[31merror\u001b[39m');
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(renderPretty([at(1, 4, 1, 5)], summary, { color: false, sources }));
  });
});
