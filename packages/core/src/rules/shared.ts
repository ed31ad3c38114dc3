// Small helpers shared by several rules: date spans for date precision, and the wording
// of hints for references. Not a rule; nothing here reports.
import type { DatePrecision } from '@engagements/schema';
import type { Dataset } from '../dataset.js';
import { closest } from '../validate/closest.js';
import { slugify } from '../slug.js';

/** The first and last day (YYYY-MM-DD, inclusive) a date of the given precision can mean. */
export function dateSpan(date: string, precision: DatePrecision): { start: string; end: string } {
  const year = date.slice(0, 4);
  const month = date.slice(5, 7);
  if (precision === 'year') return { start: `${year}-01-01`, end: `${year}-12-31` };
  if (precision === 'month') {
    const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
    return { start: `${year}-${month}-01`, end: `${year}-${month}-${String(last).padStart(2, '0')}` };
  }
  return { start: date, end: date };
}

/** A date as precise as it is known, for messages: `on 2020-08-06`, `in 2020-08`, `in 2020`. */
export function describeDate(date: string, precision: DatePrecision): string {
  if (precision === 'year') return `in ${date.slice(0, 4)}`;
  if (precision === 'month') return `in ${date.slice(0, 7)}`;
  return `on ${date}`;
}

/** The date cut to its precision, so that dates compare at that precision: `2020`, `2020-08`, `2020-08-06`. */
export function truncateDate(date: string, precision: DatePrecision): string {
  return precision === 'year' ? date.slice(0, 4) : precision === 'month' ? date.slice(0, 7) : date;
}

export type ReferencedKind = 'person' | 'organization' | 'engagement';

const FOLDER: Record<ReferencedKind, string> = {
  person: 'records/people/',
  organization: 'records/organizations/',
  engagement: 'records/engagements/<year>/',
};

const PLURAL: Record<ReferencedKind, string> = { person: 'people', organization: 'organizations', engagement: 'engagements' };

/** The ids of every record of a kind. */
export function idsOf(dataset: Dataset, kind: ReferencedKind): string[] {
  const map = kind === 'person' ? dataset.personById : kind === 'organization' ? dataset.organizationById : dataset.engagementById;
  return [...map.keys()];
}

/**
 * A hint for an id that names no record of the expected kind: the closest existing id
 * when one is near, whether the id names a record of another kind, and where records live.
 * `exclude` keeps the referring record's own id out of the suggestions.
 */
export function missingReferenceHint(dataset: Dataset, kind: ReferencedKind, id: string, exclude?: string): string {
  const named = recordNamed(dataset, kind, id, exclude);
  if (named) return `"${named.spelling}" is ${named.field} of the ${kind} "${named.id}": did you mean "${named.id}"? Use the record's id, not a new one made from another spelling of the name.`;
  const near = closest(id, idsOf(dataset, kind).filter((candidate) => candidate !== exclude));
  if (near) return `Did you mean "${near}"? ${capitalize(PLURAL[kind])} are in ${FOLDER[kind]}.`;
  const other: ReferencedKind[] = (['person', 'organization', 'engagement'] as const).filter((k) => k !== kind);
  const elsewhere = other.find((k) => idsOf(dataset, k).includes(id));
  if (elsewhere) return `"${id}" is the id of ${article(elsewhere)} ${elsewhere}, not of ${article(kind)} ${kind}; use the id of ${article(kind)} ${kind} from ${FOLDER[kind]}.`;
  return `Use the id of an existing ${kind} from ${FOLDER[kind]}, or add the ${kind} there as ${id}.yaml.`;
}

/**
 * The person or organization whose name or an alias, written as an id, is this id
 * (`nobuo-kishi` for the person `kishi-nobuo`, alias "Nobuo Kishi"): a misspelt id made
 * from another spelling of the name. Ids are compared as slugs (`slugify`, as `new` makes them).
 */
function recordNamed(dataset: Dataset, kind: ReferencedKind, id: string, exclude?: string): { id: string; spelling: string; field: string } | undefined {
  if (kind === 'engagement') return undefined;
  const records = kind === 'person' ? dataset.people : dataset.organizations;
  for (const record of records) {
    const data = record.data as { id: string; name?: string; aliases?: string[] };
    if (data.id === exclude) continue;
    if (data.name && slugify(data.name) === id) return { id: data.id, spelling: data.name, field: 'the name' };
    const alias = (data.aliases ?? []).find((a) => slugify(a) === id);
    if (alias) return { id: data.id, spelling: alias, field: 'an alias' };
  }
  return undefined;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A list in plain words: `a`, `a and b`, `a, b and c`. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
