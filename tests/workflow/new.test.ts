// `engagements new` through the built binary: with flags (no terminal), and through its
// prompts in a pseudo-terminal, as a contributor would answer them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, TODAY, Workspace, yamlFiles } from './helpers.js';
import { HAVE_SCRIPT, KEY, PtySession } from './pty.js';

const CALL = 'records/engagements/2021/2021-03-04-jp-pk-call-telephone.yaml';
const FLAGS = [
  'new',
  '--date', '2021-03-04',
  '--type', 'call',
  '--medium', 'telephone',
  '--participant', 'person:kono-taro:principal',
  '--participant', 'organization:pakistan-army:principal:PK',
  '--title', 'Japan\'s defence minister and the Pakistan Army speak by telephone',
  '--topic', 'covid-19',
  '--topic', 'maritime-security',
  '--today', TODAY,
];
/** The record both forms must write alike: two people, their organizations from their positions on 2020-08-07. */
const SAME_RECORD_FILE = 'records/engagements/2020/2020-08-07-pk-jp-call-video.yaml';
const SAME_RECORD_TITLE = 'Pakistan\'s army chief and Japan\'s defence minister talk by video';
const SAME_RECORD_FLAGS = [
  'new', '--date', '2020-08-07', '--type', 'call', '--medium', 'video',
  '--participant', 'person:qamar-javed-bajwa:principal',
  '--participant', 'person:kono-taro:principal',
  '--title', SAME_RECORD_TITLE, '--topic', 'covid-19', '--today', TODAY,
];
const SOURCES_AND_CONFIDENCE = [
  'sources:',
  '  - id: ispr-statement',
  '    publisher: ispr',
  '    kind: official-statement',
  '    published: 2021-03-04',
  '    language: en',
  'confidence:',
  '  level: low',
  '  reason: One official statement.',
  '',
].join('\n');

describe('engagements new with flags', () => {
  it('writes a formatted record in the year folder under its id, and lists what is still to fill in', () => {
    const ws = new Workspace();
    const r = ws.run(FLAGS);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        `✔ Wrote ${CALL}`,
        '',
        'Still to fill in before it validates (the schema requires these):',
        '  - confidence: How sure the curator is that the record is right, and why.',
        '  - sources: The documents the facts come from, each with a local id that outcomes and disagreements cite.',
        '',
        `See CONTRIBUTING.md for how to write sources and confidence; then run \`npx engagements validate ${CALL}\`.`,
        '',
      ].join('\n'),
    );
    const text = ws.read(CALL);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schemas/engagement.schema.json');
    expect(parse(text)).toEqual({
      id: '2021-03-04-jp-pk-call-telephone',
      title: 'Japan\'s defence minister and the Pakistan Army speak by telephone',
      date: '2021-03-04',
      date_precision: 'day',
      type: 'call',
      medium: 'telephone',
      participants: [
        { person: 'kono-taro', country: 'JP', role: 'principal' },
        { organization: 'pakistan-army', country: 'PK', role: 'principal' },
      ],
      initiator: 'unknown',
      topics: ['covid-19', 'maritime-security'],
    });
    // Already in canonical form.
    expect(ws.run(['fmt', '--check', CALL]).status).toBe(0);
  });

  it('gives a record that validates once the facts the schema requires are filled in', () => {
    const ws = new Workspace();
    // On this date Kono held his position (RULE005) and the people's countries are known.
    const flags = ['new', '--date', '2020-08-07', '--type', 'call', '--medium', 'video', '--participant', 'person:kono-taro@japan-ministry-of-defense:principal', '--participant', 'person:qamar-javed-bajwa@pakistan-army:principal', '--title', 'A second call', '--today', TODAY];
    const r = ws.run(flags);
    expect(r.status).toBe(0);
    const file = 'records/engagements/2020/2020-08-07-jp-pk-call-video.yaml';
    expect(parse(ws.read(file)).participants).toEqual([
      { person: 'kono-taro', organization: 'japan-ministry-of-defense', country: 'JP', role: 'principal' },
      { person: 'qamar-javed-bajwa', organization: 'pakistan-army', country: 'PK', role: 'principal' },
    ]);
    expect(ws.run(['validate', file, '--today', TODAY]).status).toBe(1);
    ws.write(file, ws.read(file) + SOURCES_AND_CONFIDENCE);
    const check = ws.run(['validate', file, '--today', TODAY]);
    expect(check.stdout).toBe('✔ 1 record checked, no problems\n');
    expect(check.status).toBe(0);
  });

  it('derives the slug from the countries, type and medium, or takes --slug', () => {
    const ws = new Workspace();
    expect(ws.run([...FLAGS, '--slug', 'kono-army-call']).status).toBe(0);
    expect(existsSync(ws.path('records/engagements/2021/2021-03-04-kono-army-call.yaml'))).toBe(true);
    const bad = ws.run([...FLAGS, '--slug', 'Not A Slug']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^error: --slug "Not A Slug": use lower-case letters/);
  });

  it('refuses to overwrite an existing file: exit 1, the file unchanged', () => {
    const ws = new Workspace();
    expect(ws.run(FLAGS).status).toBe(0);
    ws.write(CALL, ws.read(CALL) + '# my notes\n');
    const before = ws.read(CALL);
    const r = ws.run(FLAGS);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: ${CALL} already exists; nothing was written. Edit that file, or give another --slug for a second engagement on that day.\n`);
    expect(ws.read(CALL)).toBe(before);
  });

  it('without a terminal, names every missing required flag (exit 2)', () => {
    const ws = new Workspace();
    const none = ws.run(['new']);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(
      'error: Missing --date, --type, --medium, --participant (at least two; 0 given): there is no terminal to ask on, so every required fact must be a flag (see engagements new --help).\n',
    );
    const some = ws.run(['new', '--date', '2021-03-04', '--type', 'call', '--participant', 'person:kono-taro:principal']);
    expect(some.status).toBe(2);
    expect(some.stderr).toBe(
      'error: Missing --medium, --participant (at least two; 1 given): there is no terminal to ask on, so every required fact must be a flag (see engagements new --help).\n',
    );
    expect(yamlFiles(ws.path('records/engagements'))).toHaveLength(1);
  });

  it('checks flag values against the vocabularies and the records, with did-you-mean', () => {
    const ws = new Workspace();
    const cases: Array<[string[], string]> = [
      [['--type', 'cal'], 'error: --type "cal" is not a term of the vocabulary: did you mean call?\n'],
      [['--medium', 'phone'], 'error: --medium "phone" is not a term of the vocabulary: did you mean telephone?\n'],
      [['--medium', 'fax'], 'error: --medium "fax" is not a term of the vocabulary; use one of in-person, video, telephone, written, mixed.\n'],
      [['--topic', 'covid'], 'error: --topic "covid" is not a term of the vocabulary: did you mean covid-19?\n'],
      [['--type', 'visit'], 'error: --type "visit" is not a term of the vocabulary: did you mean official-visit?\n'],
      [['--topic', 'covid19'], 'error: --topic "covid19" is not a term of the vocabulary: did you mean covid-19?\n'],
      [['--participant', 'person:kono-tar:principal'], 'error: --participant "person:kono-tar:principal": no person "kono-tar" in records/people/: did you mean kono-taro? (the form is person:ID[@ORG]:ROLE[:CC] or organization:ID:ROLE[:CC]).\n'],
      [['--participant', 'person:pakistan-army:principal'], 'error: --participant "person:pakistan-army:principal": pakistan-army is an organization, not a person (the form is person:ID[@ORG]:ROLE[:CC] or organization:ID:ROLE[:CC]).\n'],
      [['--participant', 'organization:pakistan-army:princpal'], 'error: --participant "organization:pakistan-army:princpal": "princpal" is not a role: did you mean principal? (the form is person:ID[@ORG]:ROLE[:CC] or organization:ID:ROLE[:CC]).\n'],
      [['--participant', 'organization:pakistan-army:principal:PKK'], 'error: --participant "organization:pakistan-army:principal:PKK": "PKK" is not an ISO 3166-1 alpha-2 country code: did you mean PK? (the form is person:ID[@ORG]:ROLE[:CC] or organization:ID:ROLE[:CC]).\n'],
      [['--participant', 'ship:js-onami:host'], 'error: --participant "ship:js-onami:host": start with person: or organization:, not "ship:" (the form is person:ID[@ORG]:ROLE[:CC] or organization:ID:ROLE[:CC]).\n'],
      [['--date', '2021-02-30'], "error: option '--date <date>' argument '2021-02-30' is invalid. The day 30 does not exist: February 2021 has 28 days.\n"],
      [['--date', '2020-13-01'], "error: option '--date <date>' argument '2020-13-01' is invalid. There is no month 13: the month is 01 to 12.\n"],
      [['--participant', 'person:kono-taro@:principal'], 'error: --participant "person:kono-taro@:principal": kono-taro is already a participant (--participant "person:kono-taro:principal"); a person takes part in an engagement once (RULE012).\n'],
      [['--date', '2021-3-4'], "error: option '--date <date>' argument '2021-3-4' is invalid. Expected a date as YYYY-MM-DD, such as 2020-08-06.\n"],
    ];
    for (const [flags, message] of cases) {
      const r = ws.run([...FLAGS, ...flags]);
      expect(r.stderr.split('\n(add --help')[0]!.replace(/\n?$/, '\n'), flags.join(' ')).toBe(message);
      expect(r.status, flags.join(' ')).toBe(2);
    }
    expect(existsSync(ws.path(CALL))).toBe(false);
  });

  it('asks for a country that neither the organization nor a position gives', () => {
    const ws = new Workspace();
    ws.write('records/organizations/un-delegation.yaml', 'id: un-delegation\nname: A delegation\nkind: other\n');
    const r = ws.run([...FLAGS.slice(0, 9), '--participant', 'organization:un-delegation:observer', '--today', TODAY]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: --participant organization:un-delegation:observer: no country is recorded for un-delegation; add it at the end, such as :PK.\n');
  });

  it('fills a person\'s organization from their position on that date, as the questions do; @ with nothing after it leaves it out', () => {
    const ws = new Workspace();
    expect(ws.run(SAME_RECORD_FLAGS).status).toBe(0);
    expect(parse(ws.read(SAME_RECORD_FILE)).participants).toEqual([
      { person: 'qamar-javed-bajwa', organization: 'pakistan-army', country: 'PK', role: 'principal' },
      { person: 'kono-taro', organization: 'japan-ministry-of-defense', country: 'JP', role: 'principal' },
    ]);
    const none = new Workspace();
    const flags = SAME_RECORD_FLAGS.map((f) => (f === 'person:kono-taro:principal' ? 'person:kono-taro@:principal' : f));
    expect(none.run(flags).status).toBe(0);
    expect(parse(none.read(SAME_RECORD_FILE)).participants[1]).toEqual({ person: 'kono-taro', country: 'JP', role: 'principal' });
  });
});

describe.skipIf(!HAVE_SCRIPT)('engagements new through its prompts (in a pseudo-terminal)', () => {
  const start = (ws: Workspace, args: string[] = []) => new PtySession([process.execPath, BIN, 'new', '--today', TODAY, ...args], { cwd: ws.cwd });

  it('asks for each fact, completes people and organizations from the records, and writes the record', async () => {
    const ws = new Workspace();
    const s = start(ws);
    try {
      await s.answer('Date it happened (YYYY-MM-DD', '2020-08-07' + KEY.enter);
      await s.waitFor('Type:');
      await s.waitFor('Call: A conversation held remotely'); // the term's definition is shown
      await s.type(KEY.enter);
      await s.answer('Medium:', KEY.enter); // video: what the records use for a call
      await s.answer('Participant 1:', KEY.enter); // a person
      // Completion: every person first, then only those matching what is typed.
      await s.waitFor('Person (type part of a name or id');
      await s.waitFor('qamar-javed-bajwa — Qamar Javed Bajwa');
      await s.type('bajwa');
      await s.waitFor(/bajwa\n❯ qamar-javed-bajwa — Qamar Javed Bajwa/);
      await s.type(KEY.enter);
      // The organization of his position on that date is offered first.
      await s.waitFor('Organization they represent:');
      await s.waitFor(/❯ pakistan-army — Pakistan Army \(PK, armed-service\)/);
      await s.type(KEY.enter);
      await s.answer('Role:', KEY.enter); // principal
      await s.waitFor('added qamar-javed-bajwa of pakistan-army, principal, PK');
      await s.answer('Participant 2:', KEY.down + KEY.enter); // an organization
      await s.waitFor('Organization (type part of a name or id');
      await s.type('ministry defense');
      await s.waitFor(/ministry defense\n❯ japan-ministry-of-defense — /);
      await s.type(KEY.enter);
      await s.answer('Role:', KEY.enter);
      await s.waitFor('added japan-ministry-of-defense, principal, JP');
      await s.waitFor('Participant 3:');
      await s.waitFor('❯ no more participants');
      await s.type(KEY.enter);
      await s.answer('Title, one line', 'Pakistan\'s army chief and Japan\'s ministry of defense talk by video' + KEY.enter);
      await s.answer('Topics the sources report', KEY.down + KEY.space + KEY.down + KEY.space + KEY.enter); // covid-19, locust-control
      await s.answer('Write records/engagements/2020/2020-08-07-pk-jp-call-video.yaml?', KEY.enter);
      await s.waitFor('✔ Wrote records/engagements/2020/2020-08-07-pk-jp-call-video.yaml');
      await s.waitFor('Still to fill in before it validates');
      await s.waitFor('  - sources:');
      expect(await s.exit).toBe(0);
    } finally {
      s.kill();
    }
    const file = 'records/engagements/2020/2020-08-07-pk-jp-call-video.yaml';
    expect(parse(ws.read(file))).toEqual({
      id: '2020-08-07-pk-jp-call-video',
      title: 'Pakistan\'s army chief and Japan\'s ministry of defense talk by video',
      date: '2020-08-07',
      date_precision: 'day',
      type: 'call',
      medium: 'video',
      participants: [
        { person: 'qamar-javed-bajwa', organization: 'pakistan-army', country: 'PK', role: 'principal' },
        { organization: 'japan-ministry-of-defense', country: 'JP', role: 'principal' },
      ],
      initiator: 'unknown',
      topics: ['covid-19', 'locust-control'],
    });
    expect(ws.run(['fmt', '--check', file]).status).toBe(0);
    ws.write(file, ws.read(file) + SOURCES_AND_CONFIDENCE.replace('2021-03-04', '2020-08-07'));
    expect(ws.run(['validate', file, '--today', TODAY]).status).toBe(0);
  });

  it('gives the same record as the flags; defaults follow the answers; shows the file before asking to write it', async () => {
    const ws = new Workspace();
    const s = start(ws);
    try {
      await s.answer('Date it happened (YYYY-MM-DD', '2020-08-07' + KEY.enter);
      await s.answer('Type:', KEY.enter); // call
      // After `call` the medium offered first is the one the records use for calls (the founding call was by video), not in-person.
      await s.waitFor(/Medium:[^\n]*\n {2}in-person\n❯ video\n/);
      await s.type(KEY.enter);
      for (const [n, typed, id] of [[1, 'bajwa', 'qamar-javed-bajwa'], [2, 'kono', 'kono-taro']] as const) {
        await s.answer(`Participant ${n}:`, KEY.enter); // a person
        await s.answer('Person (type part of a name or id', typed);
        await s.waitFor(new RegExp(`${typed}\n❯ ${id} — `));
        await s.type(KEY.enter);
        await s.answer('Organization they represent:', KEY.enter); // their position on that date, offered first
        await s.answer('Role:', KEY.enter); // principal
      }
      // After two participants, Enter stops: "no more participants" is selected.
      await s.waitFor(/Participant 3:[^\n]*\n {2}a person\n {2}an organization\n❯ no more participants/);
      await s.type(KEY.enter);
      await s.answer('Title, one line', SAME_RECORD_TITLE + KEY.enter);
      await s.answer('Topics the sources report', KEY.down + KEY.space + KEY.enter); // covid-19
      // The whole file is shown before the question.
      await s.waitFor(`${SAME_RECORD_FILE}:\n\n  # yaml-language-server: $schema=../../../schemas/engagement.schema.json\n  id: 2020-08-07-pk-jp-call-video\n`);
      await s.waitFor('  topics: [covid-19]\n\n');
      await s.answer(`Write ${SAME_RECORD_FILE}?`, KEY.enter);
      await s.waitFor(`✔ Wrote ${SAME_RECORD_FILE}`);
      expect(await s.exit).toBe(0);
    } finally {
      s.kill();
    }
    const written = ws.read(SAME_RECORD_FILE);
    // Every line of the file was on the screen before the question.
    const screen = s.output.slice(0, s.output.indexOf(`Write ${SAME_RECORD_FILE}?`));
    expect(screen).toContain(written.trimEnd().split('\n').map((line) => `  ${line}`).join('\n'));
    const flags = new Workspace();
    expect(flags.run(SAME_RECORD_FLAGS).status).toBe(0);
    expect(written).toBe(flags.read(SAME_RECORD_FILE));
    expect(parse(written).participants.map((p: { organization?: string }) => p.organization)).toEqual(['pakistan-army', 'japan-ministry-of-defense']);
  });

  it('asks only for what the flags leave out, and re-asks an invalid date', async () => {
    const ws = new Workspace();
    const s = start(ws, ['--type', 'call', '--medium', 'telephone', '--participant', 'person:kono-taro:principal', '--participant', 'organization:pakistan-army:principal', '--topic', 'covid-19']);
    try {
      await s.answer('Date it happened', '2021-02-30' + KEY.enter);
      await s.waitFor('The day 30 does not exist: February 2021 has 28 days.');
      await s.type(KEY.backspace.repeat(10) + '2031-03-04' + KEY.enter);
      await s.waitFor(`That date is after today (${TODAY})`);
      await s.type(KEY.backspace.repeat(10) + '2021-03-04' + KEY.enter);
      await s.answer('Title, one line', KEY.enter); // left for later
      await s.answer(`Write ${CALL}?`, 'y' + KEY.enter);
      await s.waitFor('  - title:'); // the title is now on the to-do list
      expect(await s.exit).toBe(0);
    } finally {
      s.kill();
    }
    expect(s.output).not.toContain('Type:');
    expect(s.output).not.toContain('Medium:');
    expect(s.output).not.toContain('Topics the sources report');
    expect(s.output).not.toContain('Participant'); // two came as flags
    expect(parse(ws.read(CALL))).toMatchObject({ date: '2021-03-04', type: 'call', medium: 'telephone', topics: ['covid-19'] });
    expect(parse(ws.read(CALL)).title).toBeUndefined();
  });

  it('writes nothing when the questions are cancelled (Ctrl+C) or the write is declined', async () => {
    const ws = new Workspace();
    const cancelled = start(ws);
    try {
      await cancelled.answer('Date it happened', '2020-08-07' + KEY.enter);
      await cancelled.answer('Type:', KEY.ctrlC);
      await cancelled.waitFor('Cancelled: nothing was written.');
      expect(await cancelled.exit).toBe(1);
    } finally {
      cancelled.kill();
    }
    const declined = start(ws, FLAGS.slice(1, -2));
    try {
      await declined.answer(`Write ${CALL}?`, 'n' + KEY.enter);
      await declined.waitFor('Nothing was written.');
      expect(await declined.exit).toBe(1);
    } finally {
      declined.kill();
    }
    expect(yamlFiles(ws.path('records/engagements'))).toHaveLength(1);
  });

  it('--no-input never asks, even on a terminal', async () => {
    const ws = new Workspace();
    const s = start(ws, ['--no-input', '--date', '2021-03-04']);
    try {
      await s.waitFor('error: Missing --type, --medium, --participant (at least two; 0 given): --no-input was given');
      expect(await s.exit).toBe(2);
    } finally {
      s.kill();
    }
  });
});

describe('the documented `new` examples', () => {
  /** The `npx engagements new …` command of a ```sh block in a document, as arguments. */
  function documentedNew(doc: string): string[] {
    const text = readFileSync(path.join(ROOT, doc), 'utf8');
    const block = /```sh\n(npx engagements new --[^`]*?)\n```/.exec(text);
    if (!block) throw new Error(`${doc} has no \`npx engagements new\` example`);
    const args = [...block[1].replace(/\\\n/g, ' ').matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
    return args.slice(2);
  }

  for (const doc of ['README.md', 'CONTRIBUTING.md']) {
    it(`${doc}: the record it writes validates once sources and confidence are added`, () => {
      const ws = new Workspace(path.join(ROOT, 'records'));
      const args = documentedNew(doc);
      const r = ws.run([...args, '--today', TODAY]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const file = /✔ Wrote (\S+)/.exec(r.stdout)![1];
      const date = args[args.indexOf('--date') + 1];
      ws.write(file, ws.read(file) + SOURCES_AND_CONFIDENCE.replace('2021-03-04', date));
      const v = ws.run(['validate', file]);
      expect(v.stdout).not.toMatch(/RULE\d+|SCH\d+/);
      expect(v.status).toBe(0);
    });
  }
});
