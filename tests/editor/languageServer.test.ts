// The editor most contributors use: the real yaml-language-server, started over stdio as
// VS Code's YAML extension (and Neovim, Helix, Zed...) start it, with the repository's
// .vscode/settings.json answered to its workspace/configuration requests. Offline: no
// schema may need the network. It must accept every record, report the common mistakes
// on the same line as `engagements validate`, complete vocabulary terms and show their
// definitions; where it cannot agree with the CLI, the test pins what CONTRIBUTING says.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findRecordFiles, recordKindOf } from '@engagements/core';
import { vocabularies } from '@engagements/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOUNDING, ROOT, TODAY, Workspace, type JsonDiagnostic } from '../cli/helpers.js';
import { LanguageServer } from './languageServer.js';
import type { Diagnostic } from 'vscode-languageserver-protocol';

const founding = readFileSync(path.join(ROOT, FOUNDING), 'utf8');
const MODELINE = /^# yaml-language-server: \$schema=.*\n/;

/** Errors and warnings, as 1-based line and column with the message (hints and information left out, as an editor's problem list does). */
function problems(diagnostics: Diagnostic[]): { line: number; column: number; message: string }[] {
  return diagnostics
    .filter((d) => d.severity === 1 || d.severity === 2)
    .map((d) => ({ line: d.range.start.line + 1, column: d.range.start.character + 1, message: d.message }));
}

/** `engagements validate` on the founding records with `text` in place of the founding record. */
function validate(text: string): Pick<JsonDiagnostic, 'line' | 'column' | 'code' | 'message'>[] {
  const ws = new Workspace();
  ws.write(FOUNDING, text);
  const r = ws.run(['validate', FOUNDING, '--format', 'json', '--today', TODAY]);
  const report = JSON.parse(r.stdout) as { diagnostics: JsonDiagnostic[] };
  return report.diagnostics.map(({ line, column, code, message }) => ({ line, column, code, message }));
}

/** A changed copy of the founding record, which must contain `from`. */
function broken(from: string | RegExp, to: string): string {
  const text = founding.replace(from, to);
  if (text === founding) throw new Error(`${String(from)} not found in the founding record`);
  return text;
}

let server: LanguageServer;
let opened = 0;
/** Opens `text` as a new document beside the founding record (a path of the records folder, never written to disk). */
function openBesideFounding(name: string, text: string): Promise<Diagnostic[]> {
  return server.open(path.join(ROOT, path.dirname(FOUNDING), `${name}-${++opened}.yaml`), text);
}

beforeAll(async () => {
  server = new LanguageServer(ROOT);
  await server.start();
});
afterAll(async () => {
  await server?.stop();
});

describe('yaml-language-server, offline, with the workspace settings', () => {
  it('asks for its settings with workspace/configuration and gets the yaml section of .vscode/settings.json', async () => {
    await openBesideFounding('settings', founding);
    expect(server.configurationRequests.map((r) => r.section)).toContain('yaml');
  });

  it('reports no error or warning on any record of records/, through its schema line', async () => {
    const files = await findRecordFiles(path.join(ROOT, 'records'));
    expect(files.length).toBeGreaterThan(100);
    const kinds = new Set<string>();
    // Opened all at once, as an editor restoring a session does; each waits for its own diagnostics.
    const results = await Promise.all(
      files.map(async (file) => {
        const text = readFileSync(file, 'utf8');
        expect(text, file).toMatch(MODELINE);
        kinds.add(recordKindOf(file)!);
        return [path.relative(ROOT, file), problems(await server.open(file, text))] as const;
      }),
    );
    expect(Object.fromEntries(results.filter(([, p]) => p.length > 0))).toEqual({});
    expect(results).toHaveLength(files.length);
    expect([...kinds].sort()).toEqual(['engagement', 'organization', 'person']);
  });

  it('reports no error or warning on any record without its schema line either: .vscode/settings.json maps the folders', async () => {
    const files = await findRecordFiles(path.join(ROOT, 'records'));
    const results = await Promise.all(
      files.map(async (file) => {
        const text = readFileSync(file, 'utf8').replace(MODELINE, '');
        return [path.relative(ROOT, file), problems(await server.open(file.replace(/\.yaml$/, '-settings-only.yaml'), text))] as const;
      }),
    );
    expect(Object.fromEntries(results.filter(([, p]) => p.length > 0))).toEqual({});
    expect(results).toHaveLength(files.length);
  });

  it('applies the schema of each kind through the settings alone: an unknown key is reported in each', async () => {
    const samples = {
      engagement: FOUNDING,
      person: 'records/people/kono-taro.yaml',
      organization: 'records/organizations/ispr.yaml',
    };
    for (const [kind, file] of Object.entries(samples)) {
      const text = readFileSync(path.join(ROOT, file), 'utf8').replace(MODELINE, '').replace(/^id: /m, 'nme: x\nid: ');
      const p = problems(await server.open(path.join(ROOT, file.replace(/\.yaml$/, '-unknown-key.yaml')), text));
      expect(p, kind).toEqual([{ line: 1, column: 1, message: 'Property nme is not allowed.' }]);
    }
  });
});

describe('the editor and `engagements validate` report the common mistakes on the same line', () => {
  const cases: { name: string; text: string; cli: { line: number; column: number; code: string; message: unknown }; editor: string }[] = [
    {
      name: 'an unknown key',
      text: broken('date_precision: day\n', 'date_precision: day\nnme: x\n'),
      cli: { line: 6, column: 1, code: 'SCH001', message: 'Unknown property `nme` in the record.' },
      editor: 'Property nme is not allowed.',
    },
    {
      name: 'medium: vidoe',
      text: broken('medium: video', 'medium: vidoe'),
      cli: { line: 7, column: 9, code: 'SCH003', message: '"vidoe" is not an allowed value for `medium`.' },
      editor: `Value must be ${vocabularies.medium.terms.map((t) => `"${t.id}"`).join(' | ')}.`,
    },
    {
      name: 'a missing confidence',
      text: broken(/^confidence:\n(?: {2}.*\n)+/m, ''),
      cli: { line: 2, column: 1, code: 'SCH002', message: 'Missing required property `confidence` in the record.' },
      editor: 'Missing property "confidence".',
    },
    {
      name: 'an unknown topic',
      text: broken('  - covid-19\n', '  - covid19\n'),
      cli: { line: 23, column: 5, code: 'SCH003', message: '"covid19" is not an allowed value for `topics[1]`.' },
      editor: `Value must be ${vocabularies.topic.terms.map((t) => `"${t.id}"`).join(' | ')}.`,
    },
    {
      name: 'an unknown key inside a participant',
      text: broken('    role: principal\n    title_as_reported: Chief', '    role: principal\n    rank: general\n    title_as_reported: Chief'),
      cli: { line: 13, column: 5, code: 'SCH001', message: 'Unknown property `rank` in `participants[0]`.' },
      editor: 'Property rank is not allowed.',
    },
    {
      name: 'a malformed date',
      text: broken('date: 2020-08-06', 'date: 2020-8-6'),
      cli: { line: 4, column: 7, code: 'SCH005', message: '"2020-8-6" is not a valid date for `date`.' },
      editor: 'Not a calendar date: write `YYYY-MM-DD` with a day that exists in that month (February 29 only in a leap year).',
    },
    // Gaps that the schema closes (CONTRIBUTING lists them with the ones it cannot).
    {
      name: 'a day that does not exist (2021-02-30)',
      text: broken('date: 2020-08-06', 'date: 2021-02-30'),
      cli: { line: 4, column: 7, code: 'SCH005', message: '"2021-02-30" is not a valid date for `date`.' },
      editor: 'Not a calendar date: write `YYYY-MM-DD` with a day that exists in that month (February 29 only in a leap year).',
    },
    {
      name: 'February 29 in a year that is not a leap year',
      text: broken('published: 2020-08-07', 'published: 2021-02-29'),
      cli: { line: 81, column: 16, code: 'SCH005', message: '"2021-02-29" is not a valid date for `sources[2].published`.' },
      editor: 'Not a calendar date: write `YYYY-MM-DD` with a day that exists in that month (February 29 only in a leap year).',
    },
    {
      name: 'a URL with a space',
      text: broken('https://nation.com.pk/07-Aug-2020/', 'https://nation.com.pk/07-Aug 2020/'),
      cli: {
        line: 80,
        column: 10,
        code: 'SCH005',
        // "uRL" is being fixed to "URL" on another branch: either passes here.
        message: expect.stringMatching(/^"https:\/\/nation\.com\.pk\/07-Aug 2020\/japan-defence-minister-coas-seek-bilateral-m…" \(97 characters\) is not a valid [uU]RL for `sources\[2\]\.url`\.$/),
      },
      editor: 'Not a URL: write an absolute `http://` or `https://` address without spaces (a space in a URL is written `%20`).',
    },
    {
      name: 'a merge key copying an anchored participant',
      text: broken('  - person: qamar-javed-bajwa\n', '  - &bajwa\n    person: qamar-javed-bajwa\n').replace(
        '  - person: kono-taro\n    organization: japan-ministry-of-defense\n    country: JP\n    role: principal\n',
        '  - <<: *bajwa\n    person: kono-taro\n    organization: japan-ministry-of-defense\n    country: JP\n',
      ),
      cli: { line: 15, column: 5, code: 'YAML008', message: 'Merge key `<<`: records do not use YAML merge keys.' },
      editor: 'Merge keys (`<<`) are not used in records: write the keys of the merged mapping out here.',
    },
  ];

  for (const c of cases) {
    it(`${c.name}: ${c.cli.code} at ${c.cli.line}:${c.cli.column}, and the editor there too`, async () => {
      expect(validate(c.text)).toEqual([c.cli]);
      expect(problems(await openBesideFounding('broken', c.text))).toEqual([{ line: c.cli.line, column: c.cli.column, message: c.editor }]);
    });
  }

  it('the founding record itself: nothing from either', async () => {
    expect(validate(founding)).toEqual([]);
    expect(problems(await openBesideFounding('clean', founding))).toEqual([]);
  });
});

describe('where the editor still cannot agree with the CLI (listed in CONTRIBUTING)', () => {
  it('a URL with a character URLs do not allow: validate refuses it (SCH005), the editor accepts it', async () => {
    const text = broken('https://nation.com.pk/07-Aug-2020/', 'https://nation.com.pk/<07-Aug-2020>/');
    const cli = validate(text);
    expect(cli).toHaveLength(1);
    expect(cli[0]).toMatchObject({ line: 80, column: 10, code: 'SCH005' });
    expect(cli[0]!.message).toMatch(/^"https:\/\/nation\.com\.pk\/<07-Aug-2020>\/.*" \(\d+ characters\) is not a valid [uU]RL for `sources\[2\]\.url`\.$/);
    expect(problems(await openBesideFounding('url', text))).toEqual([]);
  });

  it('a file with only its schema line: validate says it is empty (LOAD003), the editor says nothing', async () => {
    const text = '# yaml-language-server: $schema=../../../schemas/engagement.schema.json\n';
    expect(validate(text)).toEqual([{ line: 1, column: 1, code: 'LOAD003', message: 'File is empty: it holds no record.' }]);
    expect(problems(await openBesideFounding('modeline-only', text))).toEqual([]);
  });

  it('an empty file: validate says it is empty (LOAD003), the editor lists each missing property on line 1', async () => {
    expect(validate('')).toEqual([{ line: 1, column: 1, code: 'LOAD003', message: 'File is empty: it holds no record.' }]);
    const required = ['id', 'title', 'date', 'date_precision', 'type', 'medium', 'participants', 'initiator', 'topics', 'sources', 'confidence'];
    expect(problems(await openBesideFounding('empty', ''))).toEqual(required.map((p) => ({ line: 1, column: 1, message: `Missing property "${p}".` })));
  });
});

describe('completion and hover', () => {
  const file = path.join(ROOT, path.dirname(FOUNDING), 'completion.yaml');
  const lines = founding.split('\n');
  const lineOf = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));

  beforeAll(async () => {
    expect(problems(await server.open(file, founding))).toEqual([]);
  });

  it('at `medium:` offers the five terms of the medium vocabulary, in its order', async () => {
    const line = lineOf('medium: ');
    const items = await server.completion(file, line, 'medium: '.length);
    expect(items.map((i) => i.label)).toEqual(vocabularies.medium.terms.map((t) => t.id));
    expect(items.map((i) => i.label)).toEqual(['in-person', 'video', 'telephone', 'written', 'mixed']);
  });

  it('on `type: call` shows the term and its definition, from the schema file in the clone', async () => {
    const line = lineOf('type: call');
    const hover = await server.hover(file, line, 'type: c'.length);
    const call = vocabularies['engagement-type'].terms.find((t) => t.id === 'call')!;
    expect(hover?.contents).toEqual({
      kind: 'markdown',
      value: `#### ${call.label}\n\n${call.definition}\n\nSource: [engagement.schema.json](${pathToFileURL(path.join(ROOT, 'schemas/engagement.schema.json')).href})`,
    });
    expect(call.definition).toBe('A conversation held remotely, by telephone or video link, between officials who are not in the same place.');
    expect(hover?.range).toEqual({ start: { line, character: 6 }, end: { line, character: 10 } });
  });
});
