import { validators, type SchemaError } from '@engagements/schema';
import type { Diagnostic } from '../diagnostics.js';
import { fromPointer, toPointer } from '../diagnostics.js';
import type { AnyRecord } from '../dataset.js';
import { keyWithoutSpace } from '../load/colonMistake.js';
import { closest } from './closest.js';
import { retiredPropertyHint } from './retiredProperties.js';
import { SCHEMA_CODES } from './codes.js';
import { allowedKeysAt, allowedValues, formsAt, locateSchema, schemaAt, type ResolvedSchema } from './schemaLookup.js';
import type { RecordKind } from '@engagements/schema';

interface Finding {
  path: (string | number)[];
  target: 'key' | 'value';
  code: string;
  message: string;
  hint?: string;
}

/**
 * Validates a loaded record against its schema with the precompiled validator and turns
 * Ajv's errors into diagnostics a contributor can act on: located at the YAML node,
 * in plain words, with a hint, and without the cascades Ajv reports for one mistake.
 * Sets `record.valid`.
 */
export function validateRecord(record: AnyRecord): Diagnostic[] {
  const validate = validators[record.kind];
  record.valid = validate(record.data);
  if (record.valid) return [];
  const errors = validate.errors ?? [];
  const findings = explain(record, errors);
  if (findings.length === 0) {
    // Never an invalid record without a word: whatever Ajv said that the mapping above did not explain.
    const first = errors[0];
    const path = first ? fromPointer(first.instancePath) : [];
    findings.push({ path, target: 'value', code: SCHEMA_CODES.other, message: `${path.length === 0 ? 'The record' : `\`${toPointer(path)}\``} does not match the schema${first?.message ? `: it ${first.message}` : ''}.` });
  }
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const f of findings) {
    const span = record.source.locate(f.path, f.target);
    const key = `${span.line}:${span.column}:${f.code}:${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push({
      file: record.file,
      ...span,
      severity: 'error',
      code: f.code,
      message: f.message,
      ...(f.hint ? { hint: f.hint } : {}),
      path: toPointer(f.path),
    });
  }
  return diagnostics;
}

function explain(record: AnyRecord, errors: SchemaError[]): Finding[] {
  const byPath = new Map<string, SchemaError[]>();
  for (const e of errors) {
    // propertyNames keeps the merge key `<<` out in editors; a name it rejects is never a
    // listed property either, so additionalProperties reports it (SCH001), once.
    if (e.keyword === 'propertyNames' || 'propertyName' in e) continue;
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  // A oneOf or a type mismatch at a path explains everything else Ajv says there and below.
  const explainedPrefixes: string[] = [];
  const findings: Finding[] = [];
  const paths = [...byPath.keys()].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  for (const pointer of paths) {
    if (explainedPrefixes.some((p) => pointer === p || pointer.startsWith(p + '/'))) continue;
    const list = byPath.get(pointer)!;
    const path = fromPointer(pointer);
    const value = valueAt(record.data, path);
    const schema = schemaAt(record.kind, path);
    const label = describe(path);

    const vocabulary = list.some((e) => e.keyword === 'oneOf' || e.keyword === 'enum' || (e.keyword === 'const' && /\/oneOf\/\d+\/const$/.test(e.schemaPath)));
    const typeError = list.find((e) => e.keyword === 'type');
    if (vocabulary && (typeof value !== 'object' || value === null) && schema && allowedValues(schema)) {
      findings.push(notAllowed(record.kind, path, label, value, schema));
      explainedPrefixes.push(pointer);
      continue;
    }
    if (typeError && !(list.some((e) => e.keyword === 'oneOf') && typeof value === 'object')) {
      findings.push(wrongType(path, label, value, String(typeError.params.type)));
      explainedPrefixes.push(pointer);
      continue;
    }
    const before = findings.length;
    let reportedFormat = false;
    for (const e of list) {
      switch (e.keyword) {
        case 'oneOf':
        case 'const':
        case 'type':
          break; // a mapping given for a choice: the branch's own errors say what is wrong
        case 'additionalProperties': {
          const name = String(e.params.additionalProperty);
          // Inside a choice (`initiator`: a word or a mapping), the keys of its mapping alternatives.
          const known = allowedKeysAt(record.kind, path);
          const suggestion = closest(name, known);
          findings.push({
            path: [...path, name],
            target: 'key',
            code: SCHEMA_CODES.unknownProperty,
            message: `Unknown property \`${shorten(name)}\` in ${label}.`,
            hint: retiredPropertyHint(record.kind, path, name) ?? (suggestion ? `Did you mean \`${suggestion}\`? Allowed here: ${known.join(', ')}.` : `Allowed here: ${known.join(', ')}.`),
          });
          break;
        }
        case 'required': {
          if (/\/anyOf\/\d+\/required$/.test(e.schemaPath)) break;
          const name = String(e.params.missingProperty);
          const prop = schemaAt(record.kind, [...path, name]);
          findings.push({
            path,
            target: 'value',
            code: SCHEMA_CODES.missingProperty,
            message: `Missing required property \`${name}\` in ${label}.`,
            // The title only where it says more than the key itself (`source_kind`, not `confidence`).
            ...(prop?.description ? { hint: `Add \`${name}:\`${prop.title && nameOf(prop.title) !== nameOf(name) ? ` (${lowerFirst(prop.title)})` : ''}. ${prop.description}` } : {}),
          });
          break;
        }
        case 'anyOf':
          findings.push({
            path,
            target: 'value',
            code: SCHEMA_CODES.personOrOrganization,
            message: `${upperFirst(label)} names neither a \`person\` nor an \`organization\`.`,
            hint: 'Add `person:` with an id from records/people/, or `organization:` with an id from records/organizations/ for an unnamed participant.',
          });
          break;
        case 'format':
        case 'pattern': {
          // An empty value is reported once, as empty (minLength), not also as badly formed.
          if (reportedFormat || (value === '' && list.some((x) => x.keyword === 'minLength'))) break;
          reportedFormat = true;
          findings.push(badFormat(path, label, value, schema, e));
          break;
        }
        case 'minItems':
        case 'maxItems':
        case 'minLength':
        case 'maxLength':
          findings.push(badSize(path, label, e));
          break;
        case 'uniqueItems': {
          const j = Number(e.params.j);
          const i = Number(e.params.i);
          const items = Array.isArray(value) ? value : [];
          findings.push({
            path: [...path, Math.max(i, j)],
            target: 'value',
            code: SCHEMA_CODES.duplicateItem,
            message: `${upperFirst(label)} lists ${show(items[Math.max(i, j)])} twice.`,
            hint: 'Remove the repeated entry.',
          });
          break;
        }
        default:
          findings.push({ path, target: 'value', code: SCHEMA_CODES.other, message: `${upperFirst(label)} ${e.message ?? 'is invalid'}.` });
      }
    }
    // A mapping or list given for a choice of words (`kind: {a: 1}`, `initiator: [x]`): the
    // branches' errors were skipped above as explained by the choice, and when nothing
    // deeper explains them either, this node must still be reported.
    if (findings.length === before && !paths.some((p) => p.startsWith(pointer + '/'))) {
      const finding = typeError ? wrongType(path, label, value, String(typeError.params.type)) : { path, target: 'value' as const, code: SCHEMA_CODES.other, message: `${upperFirst(label)} ${list[0]?.message ?? 'is invalid'}.` };
      const forms = formsHint(record.kind, path, label);
      const allowed = schema ? allowedValues(schema) : undefined;
      if (forms) {
        finding.hint = forms;
        const words = formsAt(record.kind, path).flatMap((f) => (f.kind === 'word' ? [`\`${f.value}\``] : []));
        if (finding.code === SCHEMA_CODES.wrongType) finding.message = finding.message.replace(/ must be .*, not /, ` must be ${words.length === 1 ? 'the word' : 'one of the words'} ${words.join(', ')} or a mapping, not `);
      }
      else if (allowed) finding.hint = `${allowed.length <= 20 ? `Allowed values: ${allowed.map((a) => a.value).join(', ')}.` : (schema?.description ?? '')}`.trim();
      findings.push(finding);
      explainedPrefixes.push(pointer);
    }
  }
  return mergeMisspeltKeys(findings);
}

/**
 * A misspelt key shows up twice in Ajv's errors: as an unknown property and as the
 * missing property it was meant to be. Report it once, at the misspelt key.
 */
function mergeMisspeltKeys(findings: Finding[]): Finding[] {
  const missing = findings.filter((f) => f.code === SCHEMA_CODES.missingProperty);
  const drop = new Set<Finding>();
  for (const unknown of findings) {
    if (unknown.code !== SCHEMA_CODES.unknownProperty) continue;
    const parent = toPointer(unknown.path.slice(0, -1));
    const suggestion = /Did you mean `([^`]+)`/.exec(unknown.hint ?? '')?.[1];
    const twin = missing.find((m) => toPointer(m.path) === parent && m.message.includes(`\`${suggestion}\``));
    if (!twin || drop.has(twin)) continue;
    drop.add(twin);
    unknown.message = `Unknown property \`${String(unknown.path.at(-1))}\`: did you mean the required property \`${suggestion}\`?`;
    unknown.hint = `Rename the key to \`${suggestion}\`.`;
  }
  return findings.filter((f) => !drop.has(f));
}

function notAllowed(kind: RecordKind, path: (string | number)[], label: string, value: unknown, schema: ResolvedSchema): Finding {
  const allowed = allowedValues(schema)!.map((a) => a.value);
  const suggestion = typeof value === 'string' ? closest(value, allowed) : undefined;
  const list = formsHint(kind, path, label) ?? (allowed.length <= 20 ? `Allowed values: ${allowed.join(', ')}.` : schema.description ?? '');
  // No near miss in a vocabulary: say where its terms live and how one is added.
  const file = locateSchema(kind, path)?.file;
  const where = !suggestion && file?.startsWith('vocabularies/') ? ` The terms and their definitions are in schemas/${file}; if none fits, add a term there (an id and a definition that does not overlap the others, see CONTRIBUTING.md), then run \`npm run generate\`.` : '';
  return {
    path,
    target: 'value',
    code: SCHEMA_CODES.notAllowedValue,
    message: `${show(value)} is not an allowed value for ${label}.`,
    hint: suggestion ? `Did you mean \`${suggestion}\`? ${list}`.trim() : `${list}${where}`.trim(),
  };
}

/**
 * For a choice between words and mappings (`initiator`), every form the field accepts:
 * "`initiator` takes one of these forms: the word `unknown` (...), or a mapping with
 * `country` and `sources` (optionally `person`, `organization`): ...". Undefined for a
 * field that takes words only.
 */
function formsHint(kind: RecordKind, path: (string | number)[], label: string): string | undefined {
  const forms = formsAt(kind, path);
  if (!forms.some((f) => f.kind === 'mapping') || !forms.some((f) => f.kind === 'word')) return undefined;
  const described = forms.map((f) => {
    if (f.kind === 'word') return `the word \`${f.value}\`${f.description ? ` (${stripStop(f.description)})` : ''}`;
    const keys = (list: string[]) => listWords(list.map((k) => `\`${k}\``));
    const optional = f.optional.length > 0 ? ` (optionally ${keys(f.optional)})` : '';
    return `a mapping with ${keys(f.required)}${optional}${f.description ? `: ${lowerFirst(stripStop(f.description))}` : ''}`;
  });
  return `${upperFirst(label)} takes one of these forms: ${described.join('; or ')}.`;
}

const stripStop = (s: string) => s.replace(/\.$/, '');

function listWords(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function wrongType(path: (string | number)[], label: string, value: unknown, expected: string): Finding {
  const words: Record<string, string> = { string: 'text', array: 'a list', object: 'a mapping', number: 'a number', integer: 'a whole number', boolean: 'true or false' };
  const got = value === null ? 'empty' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : typeof value === 'string' ? 'text' : `the ${typeof value} ${show(value)}`;
  const want = expected.split(',').map((t) => words[t] ?? t).join(' or ');
  let hint: string | undefined;
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) hint = `YAML reads this as a ${typeof value}; put it in quotes to keep it as text.`;
  else if (expected === 'array') hint = 'Write each item on its own line starting with `- `, or as `[a, b]`.';
  else if (expected === 'object') hint = lostSpaceHint(value) ?? 'Write the fields as `key: value` lines indented under this one.';
  else if (value === null) hint = 'Give the field a value, or remove the line.';
  return { path, target: 'value', code: SCHEMA_CODES.wrongType, message: `${upperFirst(label)} must be ${want}, not ${got}.`, ...(hint ? { hint } : {}) };
}

/**
 * A mapping's only line with no space after its colon (`level:high`) is text to YAML, and
 * no syntax error: say so where a mapping was expected.
 */
function lostSpaceHint(value: unknown): string | undefined {
  const lost = typeof value === 'string' ? keyWithoutSpace(value) : undefined;
  return lost && `\`${value as string}\` has no space after the colon, so YAML reads it as text, not as the key \`${lost.key}\`: write \`${lost.key}: ${lost.value}\`.`;
}

function badFormat(path: (string | number)[], label: string, value: unknown, schema: ResolvedSchema | undefined, e: SchemaError): Finding {
  const shown = show(value);
  if (schema?.format === 'date') {
    return { path, target: 'value', code: SCHEMA_CODES.badFormat, message: `${shown} is not a valid date for ${label}.`, hint: 'Write dates as YYYY-MM-DD, with a day that exists in that month (2020-08-06).' };
  }
  if (schema?.title === 'Text' || schema?.pattern === '^\\S(?:.*\\S)?$') {
    return { path, target: 'value', code: SCHEMA_CODES.badFormat, message: `${upperFirst(label)} must be one line of text without leading or trailing spaces.`, hint: 'Remove the line breaks and surrounding spaces; for long text use the folded style `>-`.' };
  }
  const hint = schema?.description ?? (e.params.pattern ? `It must match ${String(e.params.pattern)}.` : undefined);
  return { path, target: 'value', code: SCHEMA_CODES.badFormat, message: `${shown} is not a valid ${lowerFirst(schema?.title ?? 'value')} for ${label}.`, ...(hint ? { hint } : {}) };
}

function badSize(path: (string | number)[], label: string, e: SchemaError): Finding {
  const limit = Number(e.params.limit);
  const messages: Record<string, string> = {
    minItems: `${upperFirst(label)} needs at least ${limit} ${limit === 1 ? 'item' : 'items'}.`,
    maxItems: `${upperFirst(label)} has more than ${limit} items.`,
    minLength: limit <= 1 ? `${upperFirst(label)} is empty.` : `${upperFirst(label)} is shorter than ${limit} characters.`,
    maxLength: `${upperFirst(label)} is longer than ${limit} characters.`,
  };
  return { path, target: 'value', code: SCHEMA_CODES.badSize, message: messages[e.keyword]! };
}

/** How messages name a path: `participants[1].role`, or "the record" for the top level. */
function describe(path: (string | number)[]): string {
  if (path.length === 0) return 'the record';
  const where = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  return `\`${where}\``;
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let node = data;
  for (const p of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[p as string];
  }
  return node;
}

/**
 * A value as it appears in a message: JSON, cut short when long, so that a hostile
 * megabyte-long value does not become a megabyte-long message.
 */
function show(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  if (json.length <= MAX_SHOWN) return json;
  const length = typeof value === 'string' ? ` (${value.length} characters)` : '';
  return `${json.slice(0, MAX_SHOWN - 1)}…${typeof value === 'string' ? '"' : ''}${length}`;
}

function shorten(text: string): string {
  return text.length <= MAX_SHOWN ? text : `${text.slice(0, MAX_SHOWN - 1)}…`;
}

const MAX_SHOWN = 80;

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Lower-cases the first letter, except in an acronym (`URL`, `ISO date`). */
const lowerFirst = (s: string) => (/^[A-Z]{2}/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));
/** A key or title compared as words: `date_precision` and "Date precision" are the same. */
const nameOf = (s: string) => s.toLowerCase().replace(/[_\s-]+/g, ' ').trim();
