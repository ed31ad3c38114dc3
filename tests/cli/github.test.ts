// `--format github` read the way GitHub's runner reads it (tests/support/workflowCommands.ts):
// annotation paths from the repository root wherever the command runs, spans the runner
// keeps, the per-step caps, and the step summary that lists what the caps leave out.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CheckSummary, Diagnostic } from '@engagements/core';
import { renderGithub } from '@engagements/cli';
import { cell, renderStepSummary } from '../../packages/cli/src/format/stepSummary.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GitWorkspace } from '../workflow/helpers.js';
import { engagements, FOUNDING, positionOf, TODAY, Workspace } from './helpers.js';
import { annotationsOfStep, MAX_MESSAGE_LENGTH, MAX_PER_TYPE_PER_STEP, toAnnotation } from '../support/workflowCommands.js';

const KONO = 'records/people/kono-taro.yaml';
const NME = '::error file=records/people/kono-taro.yaml,line=3,col=1,endLine=3,endColumn=4,title=SCH001::Unknown property `nme`: did you mean the required property `name`?%0ARename the key to `name`.';

function brokenRepository(): GitWorkspace {
  const ws = new GitWorkspace();
  ws.replace(KONO, /^name: Kono Taro$/m, 'nme: Kono Taro');
  return ws;
}
const github = (args: string[], cwd: string, env: Record<string, string> = {}) => engagements(['validate', ...args, '--format', 'github', '--today', TODAY], { cwd, env });
const outsideDir = () => mkdtempSync(path.join(tmpdir(), 'engagements-elsewhere-'));

describe('annotation paths are relative to the repository root', () => {
  it('gives the same path from the root, from records/ with --records ., from elsewhere with --records DIR, and for a path argument', () => {
    const ws = brokenRepository();
    const records = ws.path('records');
    const runs = [
      github([], ws.cwd),
      github(['--records', '.'], records),
      github(['people/kono-taro.yaml', '--records', '.'], records),
      github(['--records', '.'], records, { GITHUB_WORKSPACE: ws.cwd }),
      github(['--records', records], outsideDir(), { GITHUB_WORKSPACE: ws.cwd }),
      github(['--records', '..'], ws.path('records/people'), { GITHUB_WORKSPACE: `${ws.cwd}/records/..` }),
    ];
    for (const r of runs) {
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout.split('\n')[0]).toBe(NME);
      const annotation = toAnnotation(r.stdout.split('\n')[0]!)!;
      // The runner looks for the file from the workspace: it is there, and line 3 is the bad key.
      expect(readFileSync(path.join(ws.cwd, annotation.file!), 'utf8').split('\n')[annotation.line! - 1]).toBe('nme: Kono Taro');
    }
  });

  it('uses GITHUB_WORKSPACE over the git top level, and gives an absolute path to a file outside it', () => {
    const ws = brokenRepository();
    const r = github(['--records', '.'], ws.path('records'), { GITHUB_WORKSPACE: ws.path('records/people') });
    expect(r.stdout.split('\n')[0]).toBe(NME.replace('file=records/people/', 'file=')); // relative to the workspace given
    const elsewhere = outsideDir();
    const outside = github(['--records', '.'], ws.path('records'), { GITHUB_WORKSPACE: elsewhere });
    expect(toAnnotation(outside.stdout.split('\n')[0]!)!.file).toBe(`${ws.cwd}/${KONO}`);
  });

  it('outside a git repository and without GITHUB_WORKSPACE, paths are relative to the current directory', () => {
    const ws = new Workspace();
    ws.replace(KONO, /^name: Kono Taro$/m, 'nme: Kono Taro');
    const r = github(['--records', '.'], ws.path('records'));
    expect(r.stdout.split('\n')[0]).toBe(NME.replace('file=records/people/', 'file=people/'));
  });
});

describe('annotation spans the runner keeps', () => {
  it('gives a value over several lines its lines only, ending on the last line of the value', () => {
    const ws = new Workspace();
    // A finding on a whole `notes: >` block that another key follows: the block keeps its
    // final line break (`>` rather than `>-`), which the clean-text rule reports on the value.
    // (A control character inside the block is reported at its own column, YAML007: a one-line span.)
    const text = ws.read(FOUNDING);
    const confidence = /^confidence:\n(?: {2}.*\n)+/m.exec(text)![0];
    const moved = text.replace(confidence, '').replace('notes: >-', 'notes: >') + confidence;
    ws.write(FOUNDING, moved);
    const notes = positionOf(moved, 'notes: >').line;
    const last = positionOf(moved, 'confidence:').line - 1;
    const r = ws.run(['validate', '--format', 'github', '--today', TODAY]);
    expect(r.status).toBe(1);
    const line = r.stdout.split('\n')[0]!;
    expect(line).toBe(
      `::error file=${FOUNDING},line=${notes},endLine=${last},title=RULE011::The text ends with white space.%0ARemove the trailing U+000A LINE FEED. A block scalar keeps its final line break unless written with \`|-\` or \`>-\`.`,
    );
    const control = moved.replace('anti-piracy; Japan', 'anti-piracy;\u0007Japan');
    ws.write(FOUNDING, control);
    const bel = positionOf(control, '\u0007');
    const own = ws.run(['validate', '--format', 'github', '--today', TODAY]).stdout.split('\n')[0]!;
    expect(own).toBe(`::error file=${FOUNDING},line=${bel.line},col=${bel.column},endLine=${bel.line},endColumn=${bel.column + 1},title=YAML007::Invisible character U+0007 ALERT.%0ADelete it: control characters have no place in a record.`);
    const annotation = toAnnotation(line)!;
    expect(annotation).toEqual({ type: 'error', file: FOUNDING, line: notes, endLine: last, title: 'RULE011', message: expect.stringContaining('ends with white space') });
    const lines = moved.split('\n');
    expect(lines[last - 1]).toMatch(/^ {2}Indo-Pacific, .*other\.$/); // the value's last line
    expect(lines[last]).toBe('confidence:'); // the next key is not part of it
  });

  it('keeps columns only on one line, never an end before the start', () => {
    const base: Diagnostic = { file: 'f.yaml', line: 5, column: 8, endLine: 5, endColumn: 12, severity: 'error', code: 'X001', message: 'm', path: '' };
    const summary: CheckSummary = { files: 1, records: 1, errors: 1, warnings: 0 };
    const first = (d: Partial<Diagnostic>) => renderGithub([{ ...base, ...d }], summary, { color: false }).split('\n')[0];
    expect(first({})).toBe('::error file=f.yaml,line=5,col=8,endLine=5,endColumn=12,title=X001::m');
    expect(first({ endLine: 9, endColumn: 3 })).toBe('::error file=f.yaml,line=5,endLine=9,title=X001::m');
    expect(first({ endLine: 9, endColumn: 1 })).toBe('::error file=f.yaml,line=5,endLine=8,title=X001::m');
    expect(first({ endLine: 6, endColumn: 1 })).toBe('::error file=f.yaml,line=5,endLine=5,title=X001::m'); // a whole line, end column unknown
    expect(first({ column: 1, endColumn: 1 })).toBe('::error file=f.yaml,line=5,col=1,endLine=5,endColumn=1,title=X001::m');
    // Whatever the span, the runner keeps every property we write.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 80 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 80 }), (line, column, extra, endColumn) => {
        const out = first({ line, column, endLine: line + extra, endColumn })!;
        const a = toAnnotation(out)!;
        expect(a.line).toBe(line);
        expect(a.endLine).toBeGreaterThanOrEqual(line);
        expect(out.includes('col=')).toBe(a.col !== undefined);
        expect(out.includes('endColumn=')).toBe(a.endColumn !== undefined);
      }),
    );
  });
});

describe('messages the runner keeps whole', () => {
  it('cuts a message longer than 4,096 characters, outside a surrogate pair, with a note that the runner keeps', () => {
    const summary: CheckSummary = { files: 1, records: 1, errors: 1, warnings: 0 };
    const at = (message: string) => toAnnotation(renderGithub([{ file: 'f.yaml', line: 1, column: 1, endLine: 1, endColumn: 2, severity: 'error', code: 'X001', message, path: '' }], summary, { color: false }).split('\n')[0]!)!.message;
    const note = ' … (cut: the message is longer than an annotation holds; the step summary and --format json give it whole)';
    const keep = MAX_MESSAGE_LENGTH - note.length;
    expect(at('a'.repeat(MAX_MESSAGE_LENGTH)) === 'a'.repeat(MAX_MESSAGE_LENGTH)).toBe(true);
    const cut = at('a'.repeat(5000));
    expect([cut.length, cut.endsWith(note), cut.indexOf(' ')]).toEqual([MAX_MESSAGE_LENGTH, true, keep]);
    const emoji = at('a'.repeat(keep - 1) + '🎉'.repeat(600)); // the cut would fall inside the first emoji
    expect([emoji.length, emoji.endsWith(note), emoji.indexOf(' ')]).toEqual([MAX_MESSAGE_LENGTH - 1, true, keep - 1]);
    expect(at('%\n'.repeat(3000)).endsWith(note)).toBe(true); // counted before escaping, as the runner counts after unescaping
  });
});

describe('escaping, as the runner unescapes', () => {
  it('round-trips any file name, code and message through the runner parser', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '%', ':', ',', '=', '\r', '\n', ';', ']', ' ', '::', '%25', '%0A', '%3A', '%2C', '\u2028') });
    fc.assert(
      // The runner trims the properties, so the last one (`title`, a code of letters and digits) must not end in white space.
      fc.property(text, text, fc.stringMatching(/^[A-Z0-9:,%]{1,8}$/), fc.option(text, { nil: undefined }), (name, message, code, hint) => {
        const d: Diagnostic = { file: `records/${name}.yaml`, line: 1, column: 1, endLine: 1, endColumn: 2, severity: 'warning', code, message, ...(hint ? { hint } : {}), path: '' };
        const out = renderGithub([d], { files: 1, records: 1, errors: 0, warnings: 1 }, { color: false });
        const lines = out.split('\n');
        expect(lines).toHaveLength(3); // one command, the summary line, the final newline
        expect(lines[0]).toMatch(/,title=[^,]*::/);
        const a = toAnnotation(lines[0]!)!;
        expect(a).toMatchObject({ type: 'warning', file: d.file, title: d.code, message: hint ? `${message}\n${hint}` : message });
      }),
    );
  });
});

/** A repository with 12 organizations whose kind is wrong and one warning (RULE015: a host on a video call). */
function twelveErrorsAndAWarning(): GitWorkspace {
  const ws = new GitWorkspace();
  for (let i = 1; i <= 12; i++) ws.write(`records/organizations/org-${String(i).padStart(2, '0')}.yaml`, `id: org-${String(i).padStart(2, '0')}\nname: Org ${i}\nkind: nope\ncountry: PK\n`);
  ws.replace(FOUNDING, /^medium: video$/m, 'medium: video\nhost: PK');
  return ws;
}

describe('the caps on annotations and the step summary', () => {
  it('prints every diagnostic, errors first, and says how many the caps leave out', () => {
    const ws = twelveErrorsAndAWarning();
    const r = github([], ws.cwd);
    expect(r.status).toBe(1);
    const { all, attached } = annotationsOfStep(r.stdout);
    expect(all.map((a) => a.type)).toEqual([...Array(12).fill('error'), 'warning']);
    expect(attached).toHaveLength(MAX_PER_TYPE_PER_STEP + 1);
    expect(attached.filter((a) => a.type === 'error').map((a) => a.file)).toEqual(Array.from({ length: 10 }, (_, i) => `records/organizations/org-${String(i + 1).padStart(2, '0')}.yaml`));
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(-2)).toEqual([
      '2 errors not shown as annotations: GitHub shows at most 10 error and 10 warning annotations per step (50 per job); every diagnostic is in this log above.',
      '✖ 12 errors, 1 warning in 13 files (31 records checked)',
    ]);
  });

  it('with GITHUB_STEP_SUMMARY, appends every diagnostic as a linked table, errors first', () => {
    const ws = twelveErrorsAndAWarning();
    const summaryFile = ws.path('summary.md');
    writeFileSync(summaryFile, '# Earlier in this step\n');
    const env = { GITHUB_WORKSPACE: ws.cwd, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'owner/engagements', GITHUB_SHA: '0123abc' };
    const r = github(['--records', '.'], ws.path('records'), env);
    expect(r.stdout).toContain('\n2 errors not shown as annotations: GitHub shows at most 10 error and 10 warning annotations per step (50 per job); the step summary lists every diagnostic.\n');
    const md = readFileSync(summaryFile, 'utf8');
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    expect(rows).toHaveLength(2 + 13); // header, separator, every diagnostic
    expect(md.startsWith('# Earlier in this step\n### engagements validate\n\n✖ 12 errors, 1 warning in 13 files (31 records checked)\n\n| Location | Severity | Code | Message | Hint |\n| --- | --- | --- | --- | --- |\n')).toBe(true);
    expect(rows[2]).toBe(
      '| [records/organizations/org-01.yaml:3](https://github.com/owner/engagements/blob/0123abc/records/organizations/org-01.yaml#L3) | error | SCH003 | "nope" is not an allowed value for `kind`. | Allowed values: ministry, armed-service, military-command, military-unit, embassy, government-office, media-wing, news-outlet, news-agency, international-organization, other. The terms and their definitions are in schemas/vocabularies/organization-kind.schema.json; if none fits, add a term there (an id and a definition that does not overlap the others, see CONTRIBUTING.md), then run `npm run generate`. |',
    );
    expect(rows.slice(2, 14).every((row) => row.includes(' | error | SCH003 | '))).toBe(true);
    expect(rows[14]).toMatch(new RegExp(`^\\| \\[${FOUNDING.replace(/[.]/g, '\\.')}:\\d+\\]\\(https://github\\.com/owner/engagements/blob/0123abc/${FOUNDING.replace(/[.]/g, '\\.')}#L\\d+\\) \\| warning \\| RULE015 \\| `));
  });

  it('stays under the runner\'s 1 MiB for a step summary, and counts the rows left out', () => {
    const many: Diagnostic[] = Array.from({ length: 200 }, (_, i) => ({ file: `records/people/p-${i}.yaml`, line: 2, column: 1, endLine: 2, endColumn: 5, severity: i % 2 ? 'warning' : 'error', code: 'SCH001', message: 'x'.repeat(100), path: '' }));
    const summary: CheckSummary = { files: 200, records: 200, errors: 100, warnings: 100 };
    const md = renderStepSummary(many, summary, { maxBytes: 8000 });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(8000);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Location') && !l.startsWith('| ---'));
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((row) => row.includes(' | error | '))).toBe(true); // errors first: they fill the table
    expect(md).toContain(`\n${200 - rows.length} more diagnostics left out: a step summary holds at most 1 MiB. Run \`npx engagements validate --format json\` to list them all.\n`);
    expect(renderStepSummary([], { files: 3, records: 3, errors: 0, warnings: 0 })).toBe('### engagements validate\n\n✔ 3 records checked, no problems\n\n');
  });

  it('escapes what Markdown and HTML would read in a cell', () => {
    expect(cell('a|b <img src=x> *x* [l](u) & `c|d <e>`\nnext')).toBe('a\\|b &lt;img src=x&gt; \\*x\\* \\[l\\](u) &amp; `c\\|d <e>`<br>next');
  });
});
