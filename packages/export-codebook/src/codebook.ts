// codebook.md, generated from the schemas (through export-csv's schemaInfo) and from
// export-csv's tables.ts, the one mapping of fields to CSV columns, so the codebook
// always says what the CSV files hold. Nothing here is written by hand except the
// connecting sentences.
import { CAMEO, CAMEO_BY_TYPE } from '@engagements/core';
import {
  CONVENTIONS,
  LICENSE,
  columnsCarrying,
  fieldInfo,
  schemaFields,
  tableOfList,
  tables,
  vocabularyList,
  type Column,
  type FieldInfo,
  type RecordKind,
  type SchemaField,
  type Table,
} from '@engagements/export-csv';
import { SCHEMA_BASE_IRI, schemas, vocabularies } from '@engagements/schema';

const KINDS: { kind: RecordKind; heading: string; folder: string }[] = [
  { kind: 'engagement', heading: 'Engagement', folder: 'records/engagements/<year>/<id>.yaml' },
  { kind: 'person', heading: 'Person', folder: 'records/people/<id>.yaml' },
  { kind: 'organization', heading: 'Organization', folder: 'records/organizations/<id>.yaml' },
];

const SCHEMA_FILE: Record<RecordKind, keyof typeof schemas> = {
  engagement: 'engagement.schema.json',
  person: 'person.schema.json',
  organization: 'organization.schema.json',
};

/** Text for a Markdown table cell: no line breaks, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

const code = (text: string): string => `\`${text}\``;
const vocabularyAnchor = (id: string): string => `vocabulary-${id}`;
const tableAnchor = (name: string): string => `table-${name.replace(/_/g, '-')}`;

function vocabularyLink(id: string): string {
  const vocabulary = vocabularyList.find((v) => v.id === id);
  return `[${vocabulary?.title ?? id}](#${vocabularyAnchor(id)})`;
}

function lengthNote(info: FieldInfo): string {
  const { minLength: min, maxLength: max } = info;
  if (min !== undefined && max !== undefined) return `${min}–${max} characters`;
  if (max !== undefined) return `at most ${max} characters`;
  if (min !== undefined) return `at least ${min} characters`;
  return '';
}

/** A short description of a field's type, in words. */
function typeOf(info: FieldInfo, kind: RecordKind): string {
  if (info.type === 'array') {
    const item = fieldInfo(kind, `${info.path}[]`);
    const itemType = item.type === 'object' ? (item.typeTitle ?? item.title ?? 'object') : typeOf(item, kind);
    const bounds =
      info.minItems !== undefined && info.maxItems !== undefined
        ? `${info.minItems}–${info.maxItems} items`
        : info.maxItems !== undefined
          ? `at most ${info.maxItems} items`
          : info.minItems !== undefined
            ? `at least ${info.minItems} items`
            : '';
    const notes = [bounds, info.uniqueItems ? 'no repeats' : ''].filter(Boolean).join(', ');
    return `list of ${itemType}${notes ? ` (${notes})` : ''}`;
  }
  if (info.type === 'object') return `object (${info.typeTitle ?? info.title ?? 'object'})`;
  if (info.union) return [...info.union.constants.map(code), ...info.union.objects.map((o) => `object (${o})`)].join(' or ');
  if (info.terms && info.vocabulary) return `term of ${vocabularyLink(info.vocabulary)}`;
  if (info.format === 'date') return 'date (YYYY-MM-DD)';
  if (info.enum) {
    if (info.enum.length > 20) return `${info.typeTitle ?? 'code'} (${info.enum.length} values)`;
    return `one of ${info.enum.map(code).join(', ')}`;
  }
  const base = info.typeTitle ?? 'text';
  const notes = [info.freeText ? lengthNote(info) : '', info.pattern && !info.freeText ? `pattern ${code(info.pattern)}` : ''].filter(Boolean).join(', ');
  return notes ? `${base} (${notes})` : base;
}

function requiredOf(field: SchemaField): string {
  const steps = field.info.requiredSteps;
  const dot = field.path.lastIndexOf('.');
  const parent = dot === -1 ? '' : field.path.slice(0, dot);
  const own = steps[steps.length - 1] || (field.info.conditional && isRequiredInBranch(field));
  if (!own) return 'no';
  if (parent.endsWith('[]')) return 'yes, in each item';
  if (field.info.conditional) return `yes, when ${code(parent)} is an object`;
  if (steps.every(Boolean)) return 'yes';
  return `yes, when ${code(parent)} is given`;
}

/** Whether a field of a union branch (the initiator object) is required in that branch. */
function isRequiredInBranch(field: SchemaField): boolean {
  const defs = (schemas[SCHEMA_FILE[field.kind]] as unknown as { $defs?: Record<string, { required?: string[]; properties?: Record<string, unknown> }> }).$defs ?? {};
  const name = field.path.slice(field.path.lastIndexOf('.') + 1);
  const pointer = field.info.pointer;
  const def = /#\/\$defs\/([^/]+)\/properties\//.exec(pointer)?.[1];
  return def !== undefined && (defs[def]?.required ?? []).includes(name);
}

/** Where a field is in the CSV tables. */
function carriersOf(field: SchemaField): string {
  const parts: string[] = [];
  if (field.info.type === 'array') {
    const table = tableOfList(field.kind, field.path);
    if (table && field.container) parts.push(`[${code(table.file)}](#${tableAnchor(table.name)}) (one row per item)`);
  }
  for (const { table, column } of columnsCarrying(field.kind, field.path)) parts.push(code(`${table.name}.${column.name}`));
  if (parts.length === 0 && field.container) return 'its fields below';
  return parts.join('; ');
}

function definitionOf(field: SchemaField): string {
  const info = field.info;
  let text = info.description ?? '';
  if (info.union) text += ` When it is an object, its fields follow.`;
  return text.trim();
}

function fieldsSection(kind: RecordKind, heading: string, folder: string): string[] {
  const schema = schemas[SCHEMA_FILE[kind]] as unknown as { title?: string; description?: string };
  const lines = [
    `## ${heading}`,
    '',
    `${schema.description ?? ''} One file per record: ${code(folder)}.`,
    '',
    '| Field | Type | Required | Definition | CSV |',
    '|---|---|---|---|---|',
  ];
  for (const field of schemaFields(kind)) {
    lines.push(`| ${code(field.path)} | ${cell(typeOf(field.info, kind))} | ${requiredOf(field)} | ${cell(definitionOf(field))} | ${cell(carriersOf(field))} |`);
  }
  lines.push('');
  return lines;
}

function derivedSection(): string[] {
  const lines = [
    '## Derived fields',
    '',
    'Computed at build time from the records, never written by hand. They appear in the CSV tables only, and are not read back.',
    '',
    '| CSV column | Type | Definition |',
    '|---|---|---|',
  ];
  for (const table of tables) {
    if (table.record === null) continue;
    for (const column of table.columns) {
      if (column.role !== 'derived') continue;
      const text = column.description.replace(/^Derived: /, '');
      lines.push(`| ${code(`${table.name}.${column.name}`)} | ${column.type} | ${cell(text.charAt(0).toUpperCase() + text.slice(1))} |`);
    }
  }
  lines.push('');
  return lines;
}

function cameoSection(): string[] {
  const typeTerms = vocabularies['engagement-type'].terms;
  const lines = [
    '## CAMEO mapping',
    '',
    'Each engagement gets the CAMEO event code of its type (`engagements.cameo_code`); each participant gets the code from its own side (`participants.cameo_code`): the host of a visit hosts it (043), everyone else has the engagement\'s code. CAMEO has no code for video calls: every remote call maps to 041, as PLOVER\'s CONSULT mode "phone" covers any remote medium.',
    '',
    '| Engagement type | CAMEO code | CAMEO label | Rule |',
    '|---|---|---|---|',
  ];
  for (const term of typeTerms) {
    const mapping = CAMEO_BY_TYPE[term.id as keyof typeof CAMEO_BY_TYPE];
    const cameo = mapping.code ? CAMEO[mapping.code] : undefined;
    lines.push(`| ${code(term.id)} (${cell(term.label)}) | ${cameo ? code(cameo.code) : '—'} | ${cameo ? cell(cameo.label) : '—'} | ${cell(mapping.rule)} |`);
  }
  lines.push('', 'The CAMEO codes used:', '', '| Code | Label |', '|---|---|');
  for (const entry of Object.values(CAMEO).sort((a, b) => (a.code < b.code ? -1 : 1))) lines.push(`| ${code(entry.code)} | ${cell(entry.label)} |`);
  lines.push('');
  return lines;
}

function carriesOf(table: Table, column: Column): string {
  switch (column.role) {
    case 'parent':
      return `key: the ${table.record}'s ${code('id')}`;
    case 'index':
      return 'key: position in the list, from 1';
    case 'key':
      return `key: ${code(column.path!)}`;
    case 'count':
      return `length of ${code(column.path!)}`;
    case 'choice':
    case 'field':
      return code(column.path!);
    case 'derived':
      return table.record === null ? 'from the schemas' : 'derived';
  }
}

function tablesSection(): string[] {
  const lines = [
    '## CSV tables',
    '',
    `The folder ${code('csv/')} holds one file per table and ${code('datapackage.json')}, a Frictionless Tabular Data Package that describes every column (type, constraints, allowed values), the primary keys and the foreign keys. The data is licensed under ${LICENSE.name} (${LICENSE.path}).`,
    '',
  ];
  for (const table of tables) {
    lines.push(`<a id="${tableAnchor(table.name)}"></a>`, '', `### ${code(table.file)}`, '', table.description, '');
    lines.push(`Primary key: ${table.primaryKey.map(code).join(' + ')}.`);
    if (table.foreignKeys.length) {
      lines.push('', 'Foreign keys:', '');
      for (const fk of table.foreignKeys) lines.push(`- ${fk.fields.map(code).join(' + ')} → ${fk.referenceFields.map((f) => code(`${fk.resource}.${f}`)).join(' + ')}: ${fk.note}.`);
    }
    lines.push('', '| Column | Type | Required | Carries | Definition |', '|---|---|---|---|---|');
    for (const column of table.columns) {
      const values = column.vocabulary ? ` Values: ${vocabularyLink(column.vocabulary)}.` : '';
      const free = column.freeText ? ' Free text (formula-escaped).' : '';
      lines.push(`| ${code(column.name)} | ${column.type} | ${column.required ? 'yes' : 'no'} | ${cell(carriesOf(table, column))} | ${cell(`${column.description}${values}${free}`)} |`);
    }
    lines.push('');
  }
  return lines;
}

function vocabulariesSection(): string[] {
  const lines = [
    '## Vocabularies',
    '',
    `Controlled vocabularies: each term has an id (what the data holds), a label and a definition. The same terms are in ${code('csv/vocabularies.csv')}.`,
    '',
  ];
  const usedBy = new Map<string, string[]>();
  for (const { kind } of KINDS) {
    for (const field of schemaFields(kind)) {
      const info = field.info.type === 'array' ? fieldInfo(kind, `${field.path}[]`) : field.info;
      if (!info.vocabulary) continue;
      usedBy.set(info.vocabulary, [...(usedBy.get(info.vocabulary) ?? []), `${kind} ${code(field.path)}`]);
    }
  }
  for (const vocabulary of vocabularyList) {
    lines.push(`<a id="${vocabularyAnchor(vocabulary.id)}"></a>`, '', `### ${vocabulary.title} (${code(vocabulary.id)})`, '');
    if (vocabulary.description) lines.push(vocabulary.description, '');
    const users = usedBy.get(vocabulary.id);
    if (users) lines.push(`Used by: ${users.join(', ')}.`, '');
    lines.push('| Term | Label | Definition |', '|---|---|---|');
    for (const term of vocabulary.terms) lines.push(`| ${code(term.id)} | ${cell(term.label)} | ${cell(term.definition)} |`);
    lines.push('');
  }
  return lines;
}

/** The whole codebook as Markdown. */
export function codebookMarkdown(): string {
  const lines = [
    '# Codebook: defence-diplomacy engagements',
    '',
    '<!-- Generated by @engagements/export-codebook from schemas/ and packages/export-csv/src/tables.ts. Do not edit by hand: change the schemas or the table definitions and rebuild. -->',
    '',
    'An engagement is one contact between defence or security officials of two or more states: a call, a visit, a meeting, a dialogue round, a signing, an exercise, a port call, a reception or a letter. The dataset has three kinds of record, each kept in its own file: engagements, the people who take part, and the organizations they represent or that publish the sources. This codebook lists every field of each kind with its type, whether it is required, its definition and the CSV column that carries it; then the derived fields, the CAMEO mapping, the CSV tables and the controlled vocabularies.',
    '',
    '- [Conventions](#conventions)',
    ...KINDS.map(({ heading }) => `- [${heading}](#${heading.toLowerCase()})`),
    '- [Derived fields](#derived-fields)',
    '- [CAMEO mapping](#cameo-mapping)',
    '- [CSV tables](#csv-tables)',
    '- [Vocabularies](#vocabularies)',
    '',
    '## Conventions',
    '',
    '- Field paths: `participants[].role` is the `role` of each item of the list `participants`; `initiator.country` is the `country` of the `initiator` object.',
    '- Required: "yes" for a field every record has; "yes, in each item" for a field every item of its list has; "no" for a field that may be left out. No text value is ever empty.',
    ...CONVENTIONS.map((c) => `- ${c}`),
    `- License: the data is published under ${LICENSE.name} (${LICENSE.title}).`,
    `- Schemas: each kind of record follows a JSON Schema (draft 2020-12) identified by ${code(`${SCHEMA_BASE_IRI}<file>`)}, such as ${code(`${SCHEMA_BASE_IRI}${SCHEMA_FILE.engagement}`)}: the ${code('$id')} of the copies the SDK publishes in its ${code('schemas/')} folder. These IRIs identify the schemas but are not served yet (a w3id.org redirect is planned); never fetch them, load the files. In a clone the files in ${code('schemas/')} leave ${code('$id')} out so that editors resolve their references on disk, offline.`,
    '',
    ...KINDS.flatMap(({ kind, heading, folder }) => fieldsSection(kind, heading, folder)),
    ...derivedSection(),
    ...cameoSection(),
    ...tablesSection(),
    ...vocabulariesSection(),
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
