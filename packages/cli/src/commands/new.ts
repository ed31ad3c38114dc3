import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  checkDataset,
  closest,
  countryOf,
  displayPath,
  positionCovers,
  scaffoldEngagement,
  SCHEMA_CODES,
  todayUtc,
  type Dataset,
  type Diagnostic,
  type NewEngagementFacts,
  type NewParticipant,
} from '@engagements/core';
import { schemas, vocabularies, type CountryCode, type EngagementType, type Medium, type ParticipantRole, type Topic } from '@engagements/schema';
import type { Command } from 'commander';
import pc from 'picocolors';
import { EXIT, UsageError } from '../errors.js';
import { visible } from '../format/pretty.js';
import type { CliCommand, CommandContext } from './command.js';
import { parseDateArgument, recordsOption, resolveCacheDir, resolveRecordsDir, todayOption } from './options.js';
import { inquirerPrompter, isPromptCancel, type Choice, type Prompter } from './prompts.js';

interface NewOptions {
  records: string;
  date?: string;
  type?: string;
  medium?: string;
  participant: string[];
  title?: string;
  topic: string[];
  slug?: string;
  today?: string;
  input: boolean;
}

const TERMS = {
  type: vocabularies['engagement-type'].terms,
  medium: vocabularies.medium.terms,
  role: vocabularies['participant-role'].terms,
  topic: vocabularies.topic.terms,
};
const COUNTRIES = (schemas['defs.schema.json'].$defs.CountryCode.enum as readonly string[]).slice();

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** The questions are asked through this layer: @inquirer/prompts on the process's terminal. */
const prompter: Prompter = inquirerPrompter;

export const newCommand: CliCommand = {
  name: 'new',
  register(program: Command, context: CommandContext) {
    program
      .command('new')
      .summary('write a new engagement record from its facts')
      .description(
        'Write a new engagement record in canonical form, in the right folder under the right id. On a terminal it asks ' +
          'for each fact not given as a flag, with completion of people and organizations from the records; without a ' +
          'terminal (or with --no-input) the facts come from the flags alone, and --date, --type, --medium and two ' +
          '--participant are required. Never overwrites a file. Afterwards it lists what is still to fill in (sources, ' +
          'confidence, ...) before the record validates.\n\n' +
          'A participant is person:ID[@ORGANIZATION]:ROLE[:COUNTRY] or organization:ID:ROLE[:COUNTRY], for example ' +
          'person:kono-taro:principal or organization:pakistan-army:principal:PK. A person without @ORGANIZATION ' +
          'represents the organization of their position on that date, as the questions offer it (person:ID@:ROLE for ' +
          'none). The country can be left out when the organization or the person\'s position on that date gives it.\n\n' +
          'Exit codes: 0 written, 1 not written (the file exists, or the questions were cancelled), 2 usage or internal error.',
      )
      .addOption(recordsOption())
      .option('--date <date>', 'the day it happened, YYYY-MM-DD', parseDateArgument)
      .option('--type <type>', `engagement type: ${TERMS.type.map((t) => t.id).join(', ')}`)
      .option('--medium <medium>', `how they were in contact: ${TERMS.medium.map((t) => t.id).join(', ')}`)
      .option('--participant <spec>', 'person:ID[@ORG]:ROLE[:CC] or organization:ID:ROLE[:CC]; repeat for each participant', collect)
      .option('--title <text>', 'a one-line title in your own words')
      .option('--topic <topic>', 'a topic id from schemas/vocabularies/topic.schema.json; repeat for each topic', collect)
      .option('--slug <slug>', 'the part of the id after the date (default: from the countries, type and medium)')
      .addOption(todayOption())
      .option('--no-input', 'never ask: take the facts from the flags only, even on a terminal')
      .action(async (options: Omit<NewOptions, 'participant' | 'topic'> & Partial<Pick<NewOptions, 'participant' | 'topic'>>) => {
        context.exitCode = await newEngagement({ ...options, participant: options.participant ?? [], topic: options.topic ?? [] }, context);
      });
  },
};

/** Runs `engagements new`; resolves to the exit code. */
export async function newEngagement(options: NewOptions, context: CommandContext): Promise<number> {
  const { io } = context;
  const recordsDir = await resolveRecordsDir(options.records, io.cwd);
  const interactive = options.input && prompter.available(io);

  // Check what the flags say before loading anything, so that mistakes show at once.
  const type = options.type === undefined ? undefined : term('--type', options.type, TERMS.type) as EngagementType;
  const medium = options.medium === undefined ? undefined : term('--medium', options.medium, TERMS.medium) as Medium;
  const topics = options.topic.map((t) => term('--topic', t, TERMS.topic) as Topic);
  if (options.slug !== undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(options.slug)) {
    throw new UsageError(`--slug ${JSON.stringify(options.slug)}: use lower-case letters, digits and single hyphens, such as pk-jp-call-video.`);
  }
  if (!interactive) {
    const missing = [
      ...(options.date === undefined ? ['--date'] : []),
      ...(options.type === undefined ? ['--type'] : []),
      ...(options.medium === undefined ? ['--medium'] : []),
      ...(options.participant.length < 2 ? [`--participant (at least two; ${options.participant.length} given)`] : []),
    ];
    if (missing.length > 0) {
      const why = options.input ? 'there is no terminal to ask on' : '--no-input was given';
      throw new UsageError(`Missing ${missing.join(', ')}: ${why}, so every required fact must be a flag (see engagements new --help).`);
    }
  }

  const cacheDir = await resolveCacheDir({}, io.cwd);
  const { dataset } = await checkDataset({ recordsDir, cwd: io.cwd, ...(cacheDir ? { cacheDir } : {}) });
  const facts: Partial<NewEngagementFacts> = {
    ...(options.date ? { date: options.date } : {}),
    ...(type ? { type } : {}),
    ...(medium ? { medium } : {}),
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.topic.length > 0 ? { topics } : {}),
    ...(options.slug ? { slug: options.slug } : {}),
  };
  const given = options.participant.map((spec) => parseParticipant(spec, dataset));
  // RULE012: a person takes part once; refuse here rather than write a record that fails it.
  given.forEach((p, i) => {
    const first = p.person === undefined ? -1 : given.findIndex((q) => q.person === p.person);
    if (first !== -1 && first < i) {
      throw new UsageError(`--participant ${JSON.stringify(options.participant[i])}: ${p.person} is already a participant (--participant ${JSON.stringify(options.participant[first])}); a person takes part in an engagement once (RULE012).`);
    }
  });
  if (!interactive) {
    for (const p of given) settleOrganization(p, facts.date!, dataset);
    given.forEach((p, i) => {
      if (!p.country && !countryOf(p, facts.date!, dataset)) {
        throw new UsageError(`--participant ${options.participant[i]}: no country is recorded for ${p.organization ?? p.person}${p.person ? ` on ${facts.date}` : ''}; add it at the end, such as :PK.`);
      }
    });
    facts.participants = given;
  } else {
    try {
      await ask(facts, given, dataset, io, options.today ?? todayUtc());
    } catch (error) {
      if (isPromptCancel(error)) {
        io.stderr.write('Cancelled: nothing was written.\n');
        return EXIT.dataErrors;
      }
      throw error;
    }
  }

  const scaffold = scaffoldEngagement(facts as NewEngagementFacts, dataset);
  const target = path.join(recordsDir, ...scaffold.relativePath.split('/'));
  const shown = displayPath(target, io.cwd);
  const existing = dataset.engagementById.get(scaffold.id);
  if (existing && existing.absolutePath !== target) {
    io.stderr.write(`error: the id ${scaffold.id} is already used by ${existing.file}; nothing was written. Give another --slug.\n`);
    return EXIT.dataErrors;
  }
  if (interactive) {
    // The file as it will be written, so that the answer to "Write?" is informed.
    io.stdout.write(`\n${visible(shown)}:\n\n${scaffold.text.replace(/\n$/, '').split('\n').map((line) => `  ${visible(line)}`).join('\n')}\n\n`);
    const write = await prompter.confirm({ message: `Write ${shown}?`, default: true }).catch((error: unknown) => {
      if (isPromptCancel(error)) return false;
      throw error;
    });
    if (!write) {
      io.stderr.write('Nothing was written.\n');
      return EXIT.dataErrors;
    }
  }
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await writeFile(target, scaffold.text, { flag: 'wx' }); // never overwrite, even if the file appeared meanwhile
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      io.stderr.write(`error: ${shown} already exists; nothing was written. Edit that file, or give another --slug for a second engagement on that day.\n`);
      return EXIT.dataErrors;
    }
    throw error;
  }

  const check = await checkDataset({ recordsDir, cwd: io.cwd, files: [target], ...(options.today ? { today: options.today } : {}) });
  io.stdout.write(todoList(shown, check.diagnostics, context.color.stdout));
  return EXIT.ok;
}

/** What `new` prints after writing: the file, then what is still to fill in before it validates. */
export function todoList(file: string, diagnostics: readonly Diagnostic[], color: boolean): string {
  const c = pc.createColors(color);
  const lines = [`${c.green('✔')} Wrote ${visible(file)}`];
  const missing = diagnostics.filter((d) => d.code === SCHEMA_CODES.missingProperty);
  const other = diagnostics.filter((d) => d.code !== SCHEMA_CODES.missingProperty);
  if (missing.length === 0 && other.length === 0) {
    lines.push('It validates as it is. Add outcomes, notes and anything else the sources state.');
    return lines.join('\n') + '\n';
  }
  if (missing.length > 0) {
    lines.push('', 'Still to fill in before it validates (the schema requires these):');
    for (const d of missing) {
      const name = /`([^`]+)`/.exec(d.message)?.[1] ?? d.message;
      const where = d.path ? `${d.path.slice(1)}/` : '';
      // SCH002's hint is "Add `key:` (title). Description.": the description says why.
      const why = d.hint ? /^Add `[^`]+`(?: \([^)]*\))?\. (.*)$/.exec(d.hint)?.[1] : undefined;
      lines.push(`  - ${c.bold(where + name)}${why ? `: ${visible(why)}` : ''}`);
    }
  }
  if (other.length > 0) {
    lines.push('', 'Also to fix:');
    for (const d of other) lines.push(`  - ${visible(`${d.file}:${d.line}:${d.column}`)}  ${d.code}  ${visible(d.message)}`);
  }
  lines.push('', `See CONTRIBUTING.md for how to write sources and confidence; then run \`npx engagements validate ${file}\`.`);
  return lines.join('\n') + '\n';
}

/** A vocabulary term given as a flag: the term itself, or a usage error with the nearest term. */
function term(flag: string, value: string, terms: ReadonlyArray<{ id: string }>): string {
  const ids = terms.map((t) => t.id);
  if (ids.includes(value)) return value;
  const suggestion = closest(value, ids);
  throw new UsageError(`${flag} ${JSON.stringify(value)} is not a term of the vocabulary${suggestion ? `: did you mean ${suggestion}?` : `; use one of ${ids.join(', ')}.`}`);
}

/**
 * One --participant: person:ID[@ORG]:ROLE[:COUNTRY] or organization:ID:ROLE[:COUNTRY], with
 * ids checked against the records and the role and country against their vocabularies.
 */
export function parseParticipant(spec: string, dataset: Dataset): NewParticipant {
  const usage = (why: string) => new UsageError(`--participant ${JSON.stringify(spec)}: ${why} (the form is person:ID[@ORG]:ROLE[:CC] or organization:ID:ROLE[:CC]).`);
  const parts = spec.split(':');
  if (parts.length < 3 || parts.length > 4) throw usage('expected 3 or 4 parts separated by `:`');
  const [kindWord, idPart, role, country] = parts as [string, string, string, string | undefined];
  const kind = kindWord === 'person' ? 'person' : kindWord === 'organization' || kindWord === 'org' ? 'organization' : undefined;
  if (!kind) throw usage(`start with person: or organization:, not ${JSON.stringify(kindWord + ':')}`);
  const [id, organization] = kind === 'person' ? (idPart.split('@') as [string, string | undefined]) : [idPart, undefined];
  const participant: NewParticipant = { role: 'principal' };
  if (kind === 'person') {
    participant.person = registryId('person', id, dataset, usage);
    // `@` with nothing after it: no organization (settleOrganization leaves it out).
    if (organization === '') participant.organization = '';
    else if (organization !== undefined) participant.organization = registryId('organization', organization, dataset, usage);
  } else {
    participant.organization = registryId('organization', id, dataset, usage);
  }
  const roles: string[] = TERMS.role.map((t) => t.id);
  if (!roles.includes(role)) {
    const suggestion = closest(role, roles);
    throw usage(`${JSON.stringify(role)} is not a role${suggestion ? `: did you mean ${suggestion}?` : `; use one of ${roles.join(', ')}`}`);
  }
  participant.role = role as ParticipantRole;
  if (country !== undefined && country !== '') {
    const upper = country.toUpperCase();
    if (!COUNTRIES.includes(upper)) {
      const suggestion = closest(upper, COUNTRIES);
      throw usage(`${JSON.stringify(country)} is not an ISO 3166-1 alpha-2 country code${suggestion ? `: did you mean ${suggestion}?` : ''}`);
    }
    participant.country = upper as CountryCode;
  }
  return participant;
}

function registryId(kind: 'person' | 'organization', id: string, dataset: Dataset, usage: (why: string) => UsageError): string {
  const own = kind === 'person' ? dataset.personById : dataset.organizationById;
  if (own.has(id)) return id;
  const other = kind === 'person' ? dataset.organizationById : dataset.personById;
  if (other.has(id)) throw usage(`${id} is ${kind === 'person' ? 'an organization' : 'a person'}, not ${kind === 'person' ? 'a person' : 'an organization'}`);
  const suggestion = closest(id, [...own.keys()]);
  const folder = kind === 'person' ? 'people' : 'organizations';
  throw usage(`no ${kind} ${JSON.stringify(id)} in records/${folder}/${suggestion ? `: did you mean ${suggestion}?` : `; add records/${folder}/${id}.yaml first`}`);
}

/** Asks, on the terminal, for each fact the flags did not give. */
async function ask(facts: Partial<NewEngagementFacts>, given: NewParticipant[], dataset: Dataset, io: CommandContext['io'], today: string): Promise<void> {
  facts.date ??= await prompter.input({
    message: 'Date it happened (YYYY-MM-DD, not the day it was reported):',
    validate: (value) => {
      try {
        parseDateArgument(value.trim());
        return value.trim() <= today ? true : `That date is after today (${today}).`;
      } catch (error) {
        return (error as Error).message;
      }
    },
  }).then((v) => v.trim());
  facts.type ??= await prompter.select<EngagementType>({ message: 'Type:', choices: termChoices(TERMS.type) as Choice<EngagementType>[] });
  facts.medium ??= await prompter.select<Medium>({ message: 'Medium:', choices: termChoices(TERMS.medium) as Choice<Medium>[], default: defaultMedium(facts.type, dataset) });

  const participants = [...given];
  for (const p of participants) settleOrganization(p, facts.date!, dataset);
  for (const p of participants) if (!p.country && !countryOf(p, facts.date!, dataset)) p.country = await askCountry(p.person ?? p.organization!);
  // Two or more participants given as flags are the participants; otherwise ask until there are at least two.
  while (given.length < 2) {
    const n = participants.length + 1;
    const next = await prompter.select<'person' | 'organization' | 'done'>({
      message: `Participant ${n}:`,
      choices: [
        { value: 'person', name: 'a person', description: 'someone the sources name, from records/people/' },
        { value: 'organization', name: 'an organization', description: 'an unnamed participant: a ship, a delegation, "senior officials of ..."' },
        ...(participants.length >= 2 ? [{ value: 'done' as const, name: 'no more participants' }] : []),
      ],
      // Most engagements have two participants: once there are two, Enter stops.
      ...(participants.length >= 2 ? { default: 'done' as const } : {}),
    });
    if (next === 'done') break;
    const participant: NewParticipant = { role: 'principal' };
    if (next === 'person') {
      participant.person = await prompter.search<string>({
        message: 'Person (type part of a name or id; not listed? add records/people/<id>.yaml first):',
        source: (termText) => registryChoices(dataset, 'person', termText),
      });
      const held = positionOn(dataset, participant.person, facts.date!);
      const organization = await prompter.search<string>({
        message: 'Organization they represent:',
        source: (termText) => {
          // The organization of their position on that date first (Enter takes it), then "none", then the rest.
          const choices = registryChoices(dataset, 'organization', termText, held);
          if (!termText) choices.splice(held && choices[0]?.value === held ? 1 : 0, 0, { value: '', name: '(none)', description: 'leave the organization out' });
          return choices;
        },
      });
      if (organization) participant.organization = organization;
    } else {
      participant.organization = await prompter.search<string>({
        message: 'Organization (type part of a name or id; not listed? add records/organizations/<id>.yaml first):',
        source: (termText) => registryChoices(dataset, 'organization', termText),
      });
    }
    participant.role = await prompter.select<ParticipantRole>({ message: 'Role:', choices: termChoices(TERMS.role) as Choice<ParticipantRole>[] });
    if (!countryOf(participant, facts.date!, dataset)) participant.country = await askCountry(participant.person ?? participant.organization!);
    participants.push(participant);
    io.stdout.write(`  ${pc.dim(`added ${describeParticipant(participant, facts.date!, dataset)}`)}\n`);
  }
  facts.participants = participants;
  if (facts.title === undefined) {
    const title = (await prompter.input({ message: 'Title, one line in your own words (Enter to fill in later):' })).trim();
    if (title) facts.title = title;
  }
  if (facts.topics === undefined) {
    facts.topics = await prompter.checkbox<Topic>({
      message: 'Topics the sources report (space to select, Enter when done):',
      choices: termChoices(TERMS.topic) as Choice<Topic>[],
    });
  }

  async function askCountry(who: string): Promise<CountryCode> {
    return prompter.search<CountryCode>({
      message: `Country ${who} represents (ISO code, such as PK):`,
      source: (termText) =>
        COUNTRIES.filter((code) => !termText || code.toLowerCase().startsWith(termText.trim().toLowerCase())).map((code) => ({ value: code as CountryCode, name: code })),
    });
  }
}

function termChoices(terms: ReadonlyArray<{ id: string; label: string; definition: string }>): Choice<string>[] {
  return terms.map((t) => ({ value: t.id, name: t.id, description: `${t.label}: ${t.definition}` }));
}

/** Registry entries matching what was typed (every word in the id, name or aliases), the suggested id first. */
export function registryChoices(dataset: Dataset, kind: 'person' | 'organization', typed: string | undefined, suggested?: string): Choice<string>[] {
  const records = kind === 'person' ? dataset.people : dataset.organizations;
  const words = (typed ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const choices: Choice<string>[] = [];
  for (const r of records) {
    const data = r.data as { id: string; name?: string; aliases?: string[]; country?: string; kind?: string };
    const haystack = [data.id, data.name ?? '', ...(data.aliases ?? [])].join(' ').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    if (!words.every((w) => haystack.includes(w))) continue;
    const extra = kind === 'organization' ? [data.country, data.kind].filter(Boolean).join(', ') : (data.aliases ?? []).slice(0, 3).join(', ');
    const choice: Choice<string> = { value: data.id, name: `${data.id} — ${data.name ?? ''}${extra ? ` (${extra})` : ''}` };
    if (data.id === suggested) choices.unshift({ ...choice, description: 'their position on that date' });
    else choices.push(choice);
  }
  return choices;
}

/**
 * The medium to offer first after the type: the one most often recorded for engagements of
 * that type (ties in vocabulary order); for a type no record has yet, the medium its
 * definition implies (a call is remote, correspondence written), else the first term.
 */
export function defaultMedium(type: EngagementType, dataset: Dataset): Medium {
  const counts = new Map<string, number>();
  for (const e of dataset.engagements) if (e.data.type === type) counts.set(e.data.medium, (counts.get(e.data.medium) ?? 0) + 1);
  let best: Medium | undefined;
  for (const t of TERMS.medium) if ((counts.get(t.id) ?? 0) > (best ? counts.get(best)! : 0)) best = t.id;
  return best ?? TYPICAL_MEDIUM[type] ?? TERMS.medium[0]!.id;
}
const TYPICAL_MEDIUM: Partial<Record<EngagementType, Medium>> = { call: 'telephone', correspondence: 'written' };

/**
 * A person given without an organization takes the organization of their position on the
 * date, as the interactive form offers it first; `person:ID@:ROLE` (an empty organization)
 * leaves it out. Changes `p` in place.
 */
function settleOrganization(p: NewParticipant, date: string, dataset: Dataset): void {
  if (p.organization === '') delete p.organization;
  else if (p.person && p.organization === undefined) {
    const held = positionOn(dataset, p.person, date);
    if (held) p.organization = held;
  }
}

/** The organization of the position a person held on a date, if the records say. */
function positionOn(dataset: Dataset, person: string, date: string): string | undefined {
  const positions = dataset.personById.get(person)?.data.positions ?? [];
  return positions.find((p) => positionCovers(p, date))?.organization;
}

function describeParticipant(p: NewParticipant, date: string, dataset: Dataset): string {
  const who = [p.person, p.organization].filter(Boolean).join(' of ');
  return `${who}, ${p.role}, ${p.country ?? countryOf(p, date, dataset) ?? '?'}`;
}
