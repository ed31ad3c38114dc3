// The one mapping of record fields to CSV tables and columns. The CSV writer, the
// round-trip reader, the Frictionless data package and the codebook are all driven by
// this list, so none of them can drift from the others: add a schema field and the
// coverage test fails until it gets a column here.
//
// A table has one row per record (`over` empty) or one row per item of a list (`over`
// = `participants[]`, or `outcomes[].sources[]` for a list inside a list). Its columns are:
//   parent  the record's id, as the first part of a child row's key
//   index   the 1-based position of the item in the list of a level of `over`
//   key     the item of a level of `over` named by its `id` (for lists keyed by local id)
//   field   the value at a record path (`participants[].role`), relative to the row's item
//   count   the number of items of a list; empty when the list is absent (0 = present, empty)
//   choice  a union of a constant and an object (`initiator`: `unknown` or `known`)
//   derived a fact computed at build time (never read back)
import { deriveFacts, participantCameoOf } from '@engagements/core';
import type { Engagement, Participant } from '@engagements/schema';
import { fieldInfo, tableSchemaPattern, type FieldInfo, type RecordKind, type Term } from './schemaInfo.js';

export type { RecordKind } from './schemaInfo.js';

/** Table Schema field types used by the tables. */
export type ColumnType = 'string' | 'integer' | 'boolean' | 'date';

/** A value before it becomes a cell: null and undefined become an empty cell. */
export type CellValue = string | number | boolean | null | undefined;

/** What a row is made from: the record, the items of each level of `over` and their 0-based positions. */
export interface RowContext {
  record: unknown;
  items: unknown[];
  indices: number[];
}

export type ColumnRole = 'parent' | 'index' | 'key' | 'field' | 'count' | 'choice' | 'derived';

/** One column, with everything the writer, reader, data package and codebook need. */
export interface Column {
  name: string;
  role: ColumnRole;
  title: string;
  description: string;
  type: ColumnType;
  /** Every row has a value. */
  required: boolean;
  /** Free text: the formula-escaping rule applies (see escape.ts). */
  freeText: boolean;
  /** Record path the column carries (field, key, count, choice). */
  path?: string;
  /** Level of `over` the column positions or names (index, key). */
  level?: number;
  /** For field columns: the path relative to the row's deepest item ('' = the item itself). */
  rest?: string;
  /** For choice columns: the constant and the word written when the value is an object. */
  choice?: { constant: string; object: string };
  /** What the schema says about the field (field, key, count and choice columns). */
  info?: FieldInfo;
  enum?: string[];
  /** Allowed values with definitions (a vocabulary). */
  terms?: Term[];
  vocabulary?: string;
  /** Table Schema pattern (XML Schema form, implicitly anchored). */
  pattern?: string;
  format?: 'uri';
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  /** For derived columns: computes the value. */
  derive?: (row: RowContext) => CellValue;
}

export interface ForeignKey {
  fields: string[];
  resource: string;
  referenceFields: string[];
  /** Why the reference always resolves (which rule guarantees it). */
  note: string;
}

export interface Table {
  name: string;
  /** File name inside the csv folder. */
  file: string;
  title: string;
  description: string;
  /** The records the rows come from; null for the vocabularies table. */
  record: RecordKind | null;
  /** The list whose items are the rows ('' = one row per record). */
  over: string;
  /** The list paths of `over`, each relative to the item of the level before. */
  levels: string[];
  /** Every column is computed at build time; the reader skips the table. */
  derived: boolean;
  columns: Column[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  /** Rows of a table that is not a plain walk over a list. */
  expand?: (record: unknown) => unknown[];
  /** Rows of the vocabularies table. */
  staticRows?: () => RowContext[];
}

// ---------------------------------------------------------------------------------------
// Column builders

type ColumnDef =
  | { role: 'parent'; name: string }
  | { role: 'index'; name: string; level: number; of: string }
  | { role: 'key'; name: string; path: string }
  | { role: 'field'; name: string; path: string }
  | { role: 'count'; name: string; path: string }
  | { role: 'choice'; name: string; path: string; constant: string; object: string }
  | {
      role: 'derived';
      name: string;
      title: string;
      description: string;
      type: ColumnType;
      required: boolean;
      freeText?: boolean;
      enum?: string[];
      pattern?: string;
      derive: (row: RowContext) => CellValue;
    };

const parent = (name: string): ColumnDef => ({ role: 'parent', name });
const index = (name: string, level: number, of: string): ColumnDef => ({ role: 'index', name, level, of });
const key = (name: string, path: string): ColumnDef => ({ role: 'key', name, path });
const field = (name: string, path: string): ColumnDef => ({ role: 'field', name, path });
/** The columns of a source's own fields, the same for an engagement's and a person's sources (one schema shape each). */
const sourceFields = (): ColumnDef[] => [
  field('source_id', 'sources[].id'),
  field('publisher', 'sources[].publisher'),
  field('kind', 'sources[].kind'),
  field('title', 'sources[].title'),
  field('url', 'sources[].url'),
  field('published', 'sources[].published'),
  field('language', 'sources[].language'),
  field('supports', 'sources[].supports'),
];
const count = (name: string, path: string): ColumnDef => ({ role: 'count', name, path });

interface TableDef {
  name: string;
  title: string;
  description: string;
  record: RecordKind | null;
  over?: string;
  derived?: boolean;
  columns: ColumnDef[];
  primaryKey: string[];
  foreignKeys?: ForeignKey[];
  expand?: (record: unknown) => unknown[];
  staticRows?: () => RowContext[];
}

const fk = (fields: string[], resource: string, referenceFields: string[], note: string): ForeignKey => ({ fields, resource, referenceFields, note });

const RECORD_NOUN: Record<RecordKind, { table: string; noun: string }> = {
  engagement: { table: 'engagements', noun: 'engagement' },
  person: { table: 'people', noun: 'person' },
  organization: { table: 'organizations', noun: 'organization' },
};

const RULE_REFS = 'every value names a record, as rule RULE003 (references resolve) requires';
const RULE_SOURCE_REFS = 'every value names a source of the same engagement, as rules RULE004 (source references resolve) and RULE010 (outcomes cite sources) require';

const RULE_PERSON_SOURCE_REFS = 'every value names a source of the same person, as rule RULE004 (source references resolve) requires';

/** The table linking a position's start or end to the person's sources that give it. */
function positionCitations(which: 'start' | 'end'): TableDef {
  return {
    name: `position_${which}_sources`,
    title: `Position ${which} sources`,
    description: `One row per source that gives the ${which} of a person's position (\`${which}_sources\`), in the order of the record.`,
    record: 'person',
    over: `positions[].${which}_sources[]`,
    columns: [
      parent('person_id'),
      index('position_index', 0, 'position in the person\'s positions'),
      index('citation_index', 1, `source in the position's \`${which}_sources\``),
      field('source_id', `positions[].${which}_sources[]`),
    ],
    primaryKey: ['person_id', 'position_index', 'citation_index'],
    foreignKeys: [
      fk(['person_id', 'position_index'], 'positions', ['person_id', 'position_index'], 'the position of the row'),
      fk(['person_id', 'source_id'], 'person_sources', ['person_id', 'source_id'], RULE_PERSON_SOURCE_REFS),
    ],
  };
}

const engagementOf = (row: RowContext): Engagement => row.record as Engagement;

/**
 * deriveFacts once per engagement, however many derived columns of its row read it. Rows
 * come record by record, so remembering the last engagement is enough: nothing is kept
 * per record beyond the row being written.
 */
let lastFacts: { record: unknown; facts: ReturnType<typeof deriveFacts> } | undefined;
function factsOf(record: unknown): ReturnType<typeof deriveFacts> {
  if (lastFacts === undefined || lastFacts.record !== record) lastFacts = { record, facts: deriveFacts(record as Engagement) };
  return lastFacts.facts;
}

const countryCodes = (): string[] => fieldInfo('engagement', 'participants[].country').enum ?? [];

// ---------------------------------------------------------------------------------------
// The tables, in the order of the files in the data package.

const TABLE_DEFS: TableDef[] = [
  {
    name: 'engagements',
    title: 'Engagements',
    description:
      'One row per engagement. The lists of an engagement are in their own tables, keyed by `engagement_id` and a position; the `*_count` columns give their lengths (an empty count means the list is absent). The last five columns are derived at build time.',
    record: 'engagement',
    columns: [
      field('id', 'id'),
      field('title', 'title'),
      field('date', 'date'),
      field('end_date', 'end_date'),
      field('date_precision', 'date_precision'),
      field('type', 'type'),
      field('medium', 'medium'),
      field('host', 'host'),
      field('location', 'location'),
      { role: 'choice', name: 'initiator', path: 'initiator', constant: 'unknown', object: 'known' },
      field('initiator_country', 'initiator.country'),
      field('initiator_person', 'initiator.person'),
      field('confidence_level', 'confidence.level'),
      field('confidence_reason', 'confidence.reason'),
      field('notes', 'notes'),
      count('participant_count', 'participants'),
      count('topic_count', 'topics'),
      count('outcome_count', 'outcomes'),
      count('source_count', 'sources'),
      count('disagreement_count', 'disagreements'),
      count('related_count', 'related'),
      {
        role: 'derived',
        name: 'country_count',
        title: 'Number of countries',
        description: 'Derived: the number of distinct countries among the participants (listed in `engagement_countries`).',
        type: 'integer',
        required: true,
        derive: (row) => factsOf(row.record).countries.length,
      },
      {
        role: 'derived',
        name: 'scope',
        title: 'Scope',
        description: 'Derived: `bilateral` when the participants represent two countries, `multilateral` when more.',
        type: 'string',
        required: true,
        enum: ['bilateral', 'multilateral'],
        derive: (row) => factsOf(row.record).scope,
      },
      {
        role: 'derived',
        name: 'remote',
        title: 'Remote',
        description: 'Derived: `true` when no participant met in person (medium video, telephone or written), otherwise `false`.',
        type: 'boolean',
        required: true,
        derive: (row) => factsOf(row.record).remote,
      },
      {
        role: 'derived',
        name: 'cameo_code',
        title: 'CAMEO code',
        description:
          'Derived: the CAMEO event code of the engagement as a whole, from its type (and, for meetings, its host and participants); empty where no code applies. See the CAMEO mapping in the codebook.',
        type: 'string',
        required: false,
        pattern: '[0-9]{3}',
        derive: (row) => factsOf(row.record).cameo?.code,
      },
      {
        role: 'derived',
        name: 'cameo_label',
        title: 'CAMEO label',
        description: 'Derived: the official CAMEO label of `cameo_code`.',
        type: 'string',
        required: false,
        freeText: true,
        derive: (row) => factsOf(row.record).cameo?.label,
      },
    ],
    primaryKey: ['id'],
    foreignKeys: [fk(['initiator_person'], 'people', ['id'], RULE_REFS)],
  },
  {
    name: 'engagement_countries',
    title: 'Engagement countries',
    description: 'Derived: one row per distinct country among the participants of an engagement, sorted by code.',
    record: 'engagement',
    derived: true,
    expand: (record) => factsOf(record).countries,
    columns: [
      parent('engagement_id'),
      {
        role: 'derived',
        name: 'country',
        title: 'Country',
        description: 'Derived: a country that at least one participant represents (ISO 3166-1 alpha-2).',
        type: 'string',
        required: true,
        enum: countryCodes(),
        derive: (row) => row.items[0] as string,
      },
    ],
    primaryKey: ['engagement_id', 'country'],
    foreignKeys: [fk(['engagement_id'], 'engagements', ['id'], 'the engagement of the row')],
  },
  {
    name: 'participants',
    title: 'Participants',
    description: 'One row per participant of an engagement, in the order of the record.',
    record: 'engagement',
    over: 'participants[]',
    columns: [
      parent('engagement_id'),
      index('participant_index', 0, 'participant in the engagement\'s participants'),
      field('person', 'participants[].person'),
      field('organization', 'participants[].organization'),
      field('country', 'participants[].country'),
      field('role', 'participants[].role'),
      field('title_as_reported', 'participants[].title_as_reported'),
      field('name_as_reported', 'participants[].name_as_reported'),
      {
        role: 'derived',
        name: 'cameo_code',
        title: 'CAMEO code from this participant\'s side',
        description:
          'Derived: the CAMEO code of the engagement seen from this participant: the host of a visit hosts it (043), everyone else has the engagement\'s code; empty where no code applies.',
        type: 'string',
        required: false,
        pattern: '[0-9]{3}',
        derive: (row) => {
          const p = row.items[0] as Participant;
          return participantCameoOf(engagementOf(row), p.role, p.country)?.code;
        },
      },
    ],
    primaryKey: ['engagement_id', 'participant_index'],
    foreignKeys: [
      fk(['engagement_id'], 'engagements', ['id'], 'the engagement of the row'),
      fk(['person'], 'people', ['id'], RULE_REFS),
      fk(['organization'], 'organizations', ['id'], RULE_REFS),
    ],
  },
  {
    name: 'topics',
    title: 'Topics',
    description: 'One row per topic of an engagement, in the order of the record; topic ids are defined in `vocabularies` (vocabulary `topic`).',
    record: 'engagement',
    over: 'topics[]',
    columns: [parent('engagement_id'), index('topic_index', 0, 'topic in the engagement\'s topics'), field('topic', 'topics[]')],
    primaryKey: ['engagement_id', 'topic_index'],
    foreignKeys: [fk(['engagement_id'], 'engagements', ['id'], 'the engagement of the row')],
  },
  {
    name: 'outcomes',
    title: 'Outcomes',
    description: 'One row per outcome of an engagement, in the order of the record; the sources each cites are in `outcome_sources`.',
    record: 'engagement',
    over: 'outcomes[]',
    columns: [
      parent('engagement_id'),
      index('outcome_index', 0, 'outcome in the engagement\'s outcomes'),
      field('kind', 'outcomes[].kind'),
      field('summary', 'outcomes[].summary'),
      field('by', 'outcomes[].by'),
    ],
    primaryKey: ['engagement_id', 'outcome_index'],
    foreignKeys: [fk(['engagement_id'], 'engagements', ['id'], 'the engagement of the row')],
  },
  {
    name: 'outcome_sources',
    title: 'Outcome sources',
    description: 'One row per source an outcome cites: the link from an outcome to the sources that state it, in the order of the record.',
    record: 'engagement',
    over: 'outcomes[].sources[]',
    columns: [
      parent('engagement_id'),
      index('outcome_index', 0, 'outcome in the engagement\'s outcomes'),
      index('citation_index', 1, 'source in the outcome\'s list of sources'),
      field('source_id', 'outcomes[].sources[]'),
    ],
    primaryKey: ['engagement_id', 'outcome_index', 'citation_index'],
    foreignKeys: [
      fk(['engagement_id', 'outcome_index'], 'outcomes', ['engagement_id', 'outcome_index'], 'the outcome of the row'),
      fk(['engagement_id', 'source_id'], 'sources', ['engagement_id', 'source_id'], RULE_SOURCE_REFS),
    ],
  },
  {
    name: 'sources',
    title: 'Sources',
    description: 'One row per source of an engagement. A source is keyed by its local id within the engagement; `source_index` keeps the order of the record.',
    record: 'engagement',
    over: 'sources[]',
    columns: [
      parent('engagement_id'),
      index('source_index', 0, 'source in the engagement\'s sources'),
      ...sourceFields(),
    ],
    primaryKey: ['engagement_id', 'source_id'],
    foreignKeys: [
      fk(['engagement_id'], 'engagements', ['id'], 'the engagement of the row'),
      fk(['publisher'], 'organizations', ['id'], RULE_REFS),
    ],
  },
  {
    name: 'source_reproduces',
    title: 'Source reproduces',
    description: 'One row per source that a source reproduces or is based on (such as the official statement a newspaper reprints), in the order of the record.',
    record: 'engagement',
    over: 'sources[].reproduces[]',
    columns: [
      parent('engagement_id'),
      key('source_id', 'sources[].id'),
      index('reproduces_index', 1, 'source in the source\'s `reproduces` list'),
      field('reproduces', 'sources[].reproduces[]'),
    ],
    primaryKey: ['engagement_id', 'source_id', 'reproduces_index'],
    foreignKeys: [
      fk(['engagement_id', 'source_id'], 'sources', ['engagement_id', 'source_id'], 'the source of the row'),
      fk(['engagement_id', 'reproduces'], 'sources', ['engagement_id', 'source_id'], RULE_SOURCE_REFS),
    ],
  },
  {
    name: 'initiator_sources',
    title: 'Initiator sources',
    description: 'One row per source that says who initiated an engagement (only for engagements whose initiator is known), in the order of the record.',
    record: 'engagement',
    over: 'initiator.sources[]',
    columns: [parent('engagement_id'), index('citation_index', 0, 'source in the initiator\'s list of sources'), field('source_id', 'initiator.sources[]')],
    primaryKey: ['engagement_id', 'citation_index'],
    foreignKeys: [
      fk(['engagement_id'], 'engagements', ['id'], 'the engagement of the row'),
      fk(['engagement_id', 'source_id'], 'sources', ['engagement_id', 'source_id'], RULE_SOURCE_REFS),
    ],
  },
  {
    name: 'disagreements',
    title: 'Disagreements',
    description: 'One row per disagreement between the sources of an engagement; the sources involved are in `disagreement_sources`.',
    record: 'engagement',
    over: 'disagreements[]',
    columns: [
      parent('engagement_id'),
      index('disagreement_index', 0, 'disagreement in the engagement\'s disagreements'),
      field('field', 'disagreements[].field'),
      field('description', 'disagreements[].description'),
    ],
    primaryKey: ['engagement_id', 'disagreement_index'],
    foreignKeys: [fk(['engagement_id'], 'engagements', ['id'], 'the engagement of the row')],
  },
  {
    name: 'disagreement_sources',
    title: 'Disagreement sources',
    description: 'One row per source involved in a disagreement, in the order of the record.',
    record: 'engagement',
    over: 'disagreements[].sources[]',
    columns: [
      parent('engagement_id'),
      index('disagreement_index', 0, 'disagreement in the engagement\'s disagreements'),
      index('citation_index', 1, 'source in the disagreement\'s list of sources'),
      field('source_id', 'disagreements[].sources[]'),
    ],
    primaryKey: ['engagement_id', 'disagreement_index', 'citation_index'],
    foreignKeys: [
      fk(['engagement_id', 'disagreement_index'], 'disagreements', ['engagement_id', 'disagreement_index'], 'the disagreement of the row'),
      fk(['engagement_id', 'source_id'], 'sources', ['engagement_id', 'source_id'], RULE_SOURCE_REFS),
    ],
  },
  {
    name: 'related',
    title: 'Related engagements',
    description: 'One row per link from an engagement to another it continues or belongs with, in the order of the record.',
    record: 'engagement',
    over: 'related[]',
    columns: [
      parent('engagement_id'),
      index('related_index', 0, 'link in the engagement\'s related list'),
      field('related_engagement', 'related[].engagement'),
      field('relation', 'related[].relation'),
    ],
    primaryKey: ['engagement_id', 'related_index'],
    foreignKeys: [
      fk(['engagement_id'], 'engagements', ['id'], 'the engagement of the row'),
      fk(['related_engagement'], 'engagements', ['id'], 'every value names another engagement, as rule RULE018 (related engagements resolve) requires'),
    ],
  },
  {
    name: 'people',
    title: 'People',
    description: 'One row per person. Aliases, positions and sources are in `person_aliases`, `positions` and `person_sources`.',
    record: 'person',
    columns: [
      field('id', 'id'),
      field('name', 'name'),
      field('native_name', 'native_name'),
      field('wikidata', 'wikidata'),
      field('notes', 'notes'),
      count('alias_count', 'aliases'),
      count('source_count', 'sources'),
      count('position_count', 'positions'),
    ],
    primaryKey: ['id'],
  },
  {
    name: 'person_aliases',
    title: 'Person aliases',
    description: 'One row per other spelling of a person\'s name, in the order of the record.',
    record: 'person',
    over: 'aliases[]',
    columns: [parent('person_id'), index('alias_index', 0, 'alias in the person\'s aliases'), field('alias', 'aliases[]')],
    primaryKey: ['person_id', 'alias_index'],
    foreignKeys: [fk(['person_id'], 'people', ['id'], 'the person of the row')],
  },
  {
    name: 'positions',
    title: 'Positions',
    description: 'One row per office a person held, in the order of the record. The sources of its start and end are in `position_start_sources` and `position_end_sources`. With `start_qualifier` `in-post-by`, `start` is the earliest date the sources show the person in post, not the first day in office.',
    record: 'person',
    over: 'positions[]',
    columns: [
      parent('person_id'),
      index('position_index', 0, 'position in the person\'s positions'),
      field('title', 'positions[].title'),
      field('organization', 'positions[].organization'),
      field('country', 'positions[].country'),
      field('start', 'positions[].start'),
      field('start_precision', 'positions[].start_precision'),
      field('start_qualifier', 'positions[].start_qualifier'),
      field('end', 'positions[].end'),
      field('end_precision', 'positions[].end_precision'),
    ],
    primaryKey: ['person_id', 'position_index'],
    foreignKeys: [fk(['person_id'], 'people', ['id'], 'the person of the row'), fk(['organization'], 'organizations', ['id'], RULE_REFS)],
  },
  positionCitations('start'),
  positionCitations('end'),
  {
    name: 'person_sources',
    title: 'Person sources',
    description: 'One row per source of a person record: the documents that the dates of the person\'s positions come from, keyed by local id within the person; `source_index` keeps the order of the record.',
    record: 'person',
    over: 'sources[]',
    columns: [
      parent('person_id'),
      index('source_index', 0, 'source in the person\'s sources'),
      ...sourceFields(),
    ],
    primaryKey: ['person_id', 'source_id'],
    foreignKeys: [fk(['person_id'], 'people', ['id'], 'the person of the row'), fk(['publisher'], 'organizations', ['id'], RULE_REFS)],
  },
  {
    name: 'organizations',
    title: 'Organizations',
    description: 'One row per organization: ministries, armed services, embassies, international bodies and the publishers of sources. Aliases are in `organization_aliases`.',
    record: 'organization',
    columns: [
      field('id', 'id'),
      field('name', 'name'),
      field('kind', 'kind'),
      field('country', 'country'),
      field('parent', 'parent'),
      field('wikidata', 'wikidata'),
      field('url', 'url'),
      field('notes', 'notes'),
      count('alias_count', 'aliases'),
    ],
    primaryKey: ['id'],
    foreignKeys: [fk(['parent'], 'organizations', ['id'], RULE_REFS)],
  },
  {
    name: 'organization_aliases',
    title: 'Organization aliases',
    description: 'One row per other name or abbreviation of an organization, in the order of the record.',
    record: 'organization',
    over: 'aliases[]',
    columns: [parent('organization_id'), index('alias_index', 0, 'alias in the organization\'s aliases'), field('alias', 'aliases[]')],
    primaryKey: ['organization_id', 'alias_index'],
    foreignKeys: [fk(['organization_id'], 'organizations', ['id'], 'the organization of the row')],
  },
];

// ---------------------------------------------------------------------------------------
// Compilation: resolve every column against the schemas.

function overTokenCount(over: string): number {
  return over === '' ? 0 : over.split('.').length;
}

function levelsOf(over: string): string[] {
  if (over === '') return [];
  if (!over.endsWith('[]')) throw new Error(`over must end with [] (${over})`);
  return over
    .slice(0, -2)
    .split('[].')
    .map((p) => p);
}

function compileColumn(def: ColumnDef, table: TableDef): Column {
  const record = table.record;
  const over = table.over ?? '';
  switch (def.role) {
    case 'parent': {
      if (!record) throw new Error('parent column in a table without records');
      const { table: target, noun } = RECORD_NOUN[record];
      const info = fieldInfo(record, 'id');
      return {
        name: def.name,
        role: 'parent',
        title: noun.charAt(0).toUpperCase() + noun.slice(1),
        description: `The id of the ${noun} this row belongs to (\`${target}.id\`).`,
        type: 'string',
        required: true,
        freeText: false,
        path: 'id',
        info,
        ...patternOf(info),
      };
    }
    case 'index':
      return {
        name: def.name,
        role: 'index',
        title: `${capitalize(def.name.replace(/_index$/, '').replace(/_/g, ' '))} number`,
        description: `The 1-based place of the ${def.of} in its list, in the order of the record.`,
        type: 'integer',
        required: true,
        freeText: false,
        level: def.level,
        minimum: 1,
      };
    case 'count': {
      const info = fieldInfo(record!, def.path);
      const required = info.requiredSteps.every(Boolean);
      return {
        name: def.name,
        role: 'count',
        title: `Number of ${(info.title ?? def.path).toLowerCase()}`,
        description: required
          ? `The number of items in \`${def.path}\` (rows in its table).`
          : `The number of items in \`${def.path}\` (rows in its table); empty when the record has no \`${def.path}\` list, 0 when the list is present but empty.`,
        type: 'integer',
        required,
        freeText: false,
        path: def.path,
        info,
        minimum: 0,
      };
    }
    case 'choice': {
      const info = fieldInfo(record!, def.path);
      return {
        name: def.name,
        role: 'choice',
        title: info.title ?? def.name,
        description: `${info.description ?? ''} \`${def.constant}\` or \`${def.object}\`; when \`${def.object}\`, the other ${def.name}_* columns and \`${def.name}_sources\` give the details.`.trim(),
        type: 'string',
        required: info.requiredSteps.every(Boolean),
        freeText: false,
        path: def.path,
        choice: { constant: def.constant, object: def.object },
        info,
        enum: [def.constant, def.object],
      };
    }
    case 'key':
    case 'field': {
      const info = fieldInfo(record!, def.path);
      const n = overTokenCount(over);
      if (over !== '' && !(def.path === over || def.path.startsWith(`${over}.`) || (def.role === 'key' && over.startsWith(def.path.replace(/\.[^.]+$/, '')))))
        throw new Error(`Column ${table.name}.${def.name}: ${def.path} is not inside ${over}`);
      let level: number | undefined;
      let rest: string | undefined;
      if (def.role === 'key') {
        // `sources[].id` names the item of the level whose list is `sources`.
        const listPath = def.path.replace(/\[\]\.[^.]+$/, '');
        level = levelsOf(over).findIndex((_, i) => levelsOf(over).slice(0, i + 1).join('[].') === listPath);
        if (level < 0) throw new Error(`Key column ${table.name}.${def.name}: ${listPath} is not a level of ${over}`);
      } else {
        rest = over === '' ? def.path : def.path === over ? '' : def.path.slice(over.length + 1);
      }
      const required = def.role === 'key' ? true : info.requiredSteps.slice(n).every(Boolean);
      if (info.type !== 'string') throw new Error(`Column ${table.name}.${def.name}: ${def.path} is not a string field`);
      const isDate = info.format === 'date';
      const column: Column = {
        name: def.name,
        role: def.role,
        title: info.title ?? def.name,
        description: info.description ?? '',
        type: isDate ? 'date' : 'string',
        required,
        freeText: info.freeText,
        path: def.path,
        info,
      };
      if (level !== undefined) column.level = level;
      if (rest !== undefined) column.rest = rest;
      if (info.terms) {
        column.terms = info.terms;
        column.enum = info.terms.map((t) => t.id);
        if (info.vocabulary) column.vocabulary = info.vocabulary;
      } else if (info.enum) column.enum = [...info.enum];
      if (!isDate) Object.assign(column, patternOf(info));
      if (info.format === 'uri') column.format = 'uri';
      if (!column.enum && !isDate) {
        if (info.minLength !== undefined) column.minLength = info.minLength;
        // A free-text cell may carry one added `'` (see escape.ts).
        if (info.maxLength !== undefined) column.maxLength = info.maxLength + (info.freeText ? 1 : 0);
      }
      return column;
    }
    case 'derived': {
      const column: Column = {
        name: def.name,
        role: 'derived',
        title: def.title,
        description: def.description,
        type: def.type,
        required: def.required,
        freeText: def.freeText ?? false,
        derive: def.derive,
      };
      if (def.enum) column.enum = def.enum;
      if (def.pattern) column.pattern = def.pattern;
      return column;
    }
  }
}

function patternOf(info: FieldInfo): { pattern?: string } {
  return info.pattern !== undefined && !info.enum && !info.terms ? { pattern: tableSchemaPattern(info.pattern) } : {};
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function compileTable(def: TableDef): Table {
  const over = def.over ?? '';
  const table: Table = {
    name: def.name,
    file: `${def.name}.csv`,
    title: def.title,
    description: def.description,
    record: def.record,
    over,
    levels: levelsOf(over),
    derived: def.derived ?? false,
    columns: def.columns.map((c) => compileColumn(c, def)),
    primaryKey: def.primaryKey,
    foreignKeys: def.foreignKeys ?? [],
  };
  if (def.expand) table.expand = def.expand;
  if (def.staticRows) table.staticRows = def.staticRows;
  const names = new Set(table.columns.map((c) => c.name));
  if (names.size !== table.columns.length) throw new Error(`Table ${def.name} has duplicate column names`);
  for (const k of [...table.primaryKey, ...table.foreignKeys.flatMap((f) => f.fields)]) {
    if (!names.has(k)) throw new Error(`Table ${def.name}: key column ${k} does not exist`);
  }
  return table;
}

const recordTables = TABLE_DEFS.map(compileTable);

/** Every vocabulary a column uses, in the order of first use, with its terms in schema order. */
export interface Vocabulary {
  id: string;
  title: string;
  description: string;
  terms: Term[];
}

function collectVocabularies(): Vocabulary[] {
  const seen = new Map<string, Vocabulary>();
  for (const table of recordTables) {
    for (const column of table.columns) {
      const info = column.info;
      if (!info?.terms || !info.vocabulary || seen.has(info.vocabulary)) continue;
      seen.set(info.vocabulary, {
        id: info.vocabulary,
        title: info.vocabularyTitle ?? info.title ?? info.vocabulary,
        description: info.vocabularyDescription ?? info.description ?? '',
        terms: info.terms,
      });
    }
  }
  return [...seen.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The controlled vocabularies of the dataset, sorted by id. */
export const vocabularyList: readonly Vocabulary[] = collectVocabularies();

const vocabularyTable = compileTable({
  name: 'vocabularies',
  title: 'Vocabularies',
  description: 'Every term of every controlled vocabulary, with its label and definition, generated from the schemas. Vocabulary ids are listed in the codebook.',
  record: null,
  derived: true,
  staticRows: () => vocabularyList.flatMap((v) => v.terms.map((t, i) => ({ record: v, items: [t], indices: [i] }))),
  columns: [
    {
      role: 'derived',
      name: 'vocabulary',
      title: 'Vocabulary',
      description: 'The id of the vocabulary, such as `topic` or `engagement-type`.',
      type: 'string',
      required: true,
      enum: vocabularyList.map((v) => v.id),
      derive: (row) => (row.record as Vocabulary).id,
    },
    {
      role: 'derived',
      name: 'id',
      title: 'Term',
      description: 'The term as it appears in the data.',
      type: 'string',
      required: true,
      enum: [...new Set(vocabularyList.flatMap((v) => v.terms.map((t) => t.id)))],
      derive: (row) => (row.items[0] as Term).id,
    },
    {
      role: 'derived',
      name: 'label',
      title: 'Label',
      description: 'A short human-readable label of the term.',
      type: 'string',
      required: true,
      freeText: true,
      derive: (row) => (row.items[0] as Term).label,
    },
    {
      role: 'derived',
      name: 'definition',
      title: 'Definition',
      description: 'What the term means and when to use it.',
      type: 'string',
      required: true,
      freeText: true,
      derive: (row) => (row.items[0] as Term).definition,
    },
  ],
  primaryKey: ['vocabulary', 'id'],
});

/** Every CSV table, in file order. */
export const tables: readonly Table[] = [...recordTables, vocabularyTable];

/** The table with this name; throws when there is none. */
export function tableNamed(name: string): Table {
  const table = tables.find((t) => t.name === name);
  if (!table) throw new Error(`No table ${name}`);
  return table;
}

/** The columns that carry a record field (`table.column`), for the codebook. */
export function columnsCarrying(kind: RecordKind, path: string): { table: Table; column: Column }[] {
  const out: { table: Table; column: Column }[] = [];
  for (const table of tables) {
    if (table.record !== kind || table.derived) continue;
    for (const column of table.columns) {
      if (column.role === 'parent' || column.role === 'index' || column.role === 'key') continue;
      if (column.path === path || column.path === `${path}[]`) out.push({ table, column });
    }
  }
  return out;
}

/** The table with one row per item of the list at `path` (`participants` -> participants), if any. */
export function tableOfList(kind: RecordKind, path: string): Table | undefined {
  return tables.find((t) => t.record === kind && !t.derived && t.over === `${path}[]`);
}
