// The full-text search index, built at build time with MiniSearch and loaded by the list
// page's script from a plain script file (file:// forbids fetch), so search needs no server.
// The index is MiniSearch's own JSON; JSON.stringify keeps every record's text as string
// data, so nothing in it can run.
//
// Built when the build writes the file, one document at a time, and written out term by
// term: the index of 100,000 engagements is about 50 MB of JSON, and building every
// document first, then MiniSearch's toJSON() object graph, then one string of it and three
// escaped copies held about three times the index itself at once.
import MiniSearch from 'minisearch';
import { countryName, termLabel, type EngagementView, type SiteModel } from './model.js';

/** MiniSearch options: the browser must use the same ones to load the index. */
export const SEARCH_OPTIONS = {
  idField: 'id',
  fields: ['title', 'names', 'countries', 'topics', 'place', 'text'],
  storeFields: [] as string[],
};

/** The searchable text of one engagement. */
function searchDocument(model: SiteModel, { record: e, facts }: EngagementView): Record<string, string> {
  const names = new Set<string>();
  for (const p of e.participants) {
    const person = p.person ? model.personById.get(p.person) : undefined;
    const org = p.organization ? model.organizationById.get(p.organization) : undefined;
    for (const n of [person?.name, ...(person?.aliases ?? []), person?.native_name, org?.name, ...(org?.aliases ?? []), p.name_as_reported, p.title_as_reported]) if (n) names.add(n);
  }
  return {
    id: e.id,
    title: e.title,
    names: [...names].join(' \n'),
    countries: facts.countries.map((c) => `${c} ${countryName(c)}`).join(' \n'),
    topics: e.topics.map((t) => termLabel(model, 'topic', t)).join(' \n'),
    place: e.location ?? '',
    text: [e.notes, ...(e.outcomes ?? []).map((o) => o.summary)].filter(Boolean).join(' \n'),
  };
}

/** The searchable text of every engagement, in date order. */
export function searchDocuments(model: SiteModel): Array<Record<string, string>> {
  return model.engagements.map((view) => searchDocument(model, view));
}

/**
 * One term's occurrences in one field: pairs of a document's short id and how many times
 * the term occurs in that field of it, in a growing typed array. Documents are added one
 * after the other with increasing short ids, so the pairs are in id order and a repeat
 * occurrence is always the last pair.
 */
class FieldPostings {
  pairs = new Int32Array(4);
  length = 0;

  add(documentId: number): void {
    const n = this.length;
    if (n > 0 && this.pairs[n - 2] === documentId) {
      this.pairs[n - 1]!++;
      return;
    }
    if (n === this.pairs.length) {
      const grown = new Int32Array(n * 2);
      grown.set(this.pairs);
      this.pairs = grown;
    }
    this.pairs[n] = documentId;
    this.pairs[n + 1] = 1;
    this.length = n + 2;
  }
}

/** One term's occurrences, by field id (what MiniSearch keeps as a Map of Maps). */
class TermPostings {
  readonly byField: (FieldPostings | undefined)[] = [];

  add(fieldId: number, documentId: number): void {
    (this.byField[fieldId] ??= new FieldPostings()).add(documentId);
  }

  /** `JSON.stringify([term, data])` of MiniSearch's toJSON(): fields, then documents, by increasing id (the order of integer keys in an object). */
  json(term: string): string {
    let out = `[${JSON.stringify(term)},{`;
    let firstField = true;
    this.byField.forEach((postings, fieldId) => {
      if (!postings) return;
      out += `${firstField ? '' : ','}"${fieldId}":{`;
      firstField = false;
      const { pairs, length } = postings;
      for (let i = 0; i < length; i += 2) out += `${i ? ',' : ''}"${pairs[i]}":${pairs[i + 1]}`;
      out += '}';
    });
    return `${out}}]`;
  }
}

/**
 * The index of every engagement, added in date order (what `addAll(searchDocuments(model))`
 * gives). MiniSearch keeps each term's occurrences as a Map per field of document id to
 * count, about 30 bytes an occurrence (24 MiB for 10k bench engagements, 240 MiB at 100k,
 * alive beside every record while the file is written); here its `addTerm` keeps them in
 * typed arrays (TermPostings, 8 bytes an occurrence), written out as the same JSON
 * (searchIndexJsonPieces; tests/site/searchIndex.test.ts holds it to MiniSearch's own). The
 * index built so is for writing only: it is never searched.
 */
function searchIndex(model: SiteModel): MiniSearch {
  const index = new MiniSearch(SEARCH_OPTIONS);
  const terms = (index as unknown as { _index: { fetch(term: string, create: () => TermPostings): TermPostings } })._index;
  (index as unknown as { addTerm(fieldId: number, documentId: number, term: string): void }).addTerm = (fieldId, documentId, term) => {
    terms.fetch(term, () => new TermPostings()).add(fieldId, documentId);
  };
  for (const view of model.engagements) index.add(searchDocument(model, view));
  return index;
}

/** The fields of MiniSearch 7's toJSON() (serializationVersion 2), read to write the same JSON in pieces. */
interface MiniSearchFields {
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
  _index: Iterable<[string, Map<number, Map<number, number>> | TermPostings]>;
}

/**
 * `JSON.stringify(index)` in pieces, one per term: the same text, without the whole
 * toJSON() object graph or the whole string at once. Follows MiniSearch's toJSON() key by
 * key; tests/site/searchIndex.test.ts holds the joined pieces to JSON.stringify(index).
 */
export function* searchIndexJsonPieces(index: MiniSearch): Generator<string> {
  const fields = index as unknown as MiniSearchFields;
  const plain = (index as unknown as { toJSON(): Record<string, unknown> }).toJSON;
  if (!(fields._index && Symbol.iterator in Object(fields._index)) || typeof plain !== 'function') {
    yield JSON.stringify(index); // a MiniSearch whose fields differ: the whole text at once
    return;
  }
  yield `{"documentCount":${JSON.stringify(fields._documentCount)},"nextId":${JSON.stringify(fields._nextId)},"documentIds":${JSON.stringify(Object.fromEntries(fields._documentIds))},"fieldIds":${JSON.stringify(fields._fieldIds)},"fieldLength":${JSON.stringify(Object.fromEntries(fields._fieldLength))},"averageFieldLength":${JSON.stringify(fields._avgFieldLength)},"storedFields":${JSON.stringify(Object.fromEntries(fields._storedFields))},"dirtCount":${JSON.stringify(fields._dirtCount)},"index":[`;
  let first = true;
  for (const [term, fieldIndex] of fields._index) {
    if (fieldIndex instanceof TermPostings) {
      yield `${first ? '' : ','}${fieldIndex.json(term)}`;
      first = false;
      continue;
    }
    const data: Record<number, Record<number, number>> = {};
    for (const [fieldId, freqs] of fieldIndex) data[fieldId] = Object.fromEntries(freqs);
    yield `${first ? '' : ','}${JSON.stringify([term, data])}`;
    first = false;
  }
  yield '],"serializationVersion":2}';
}

/** The index as JSON text (MiniSearch.loadJSON reads it with SEARCH_OPTIONS). */
export function searchIndexJson(model: SiteModel): string {
  return [...searchIndexJsonPieces(searchIndex(model))].join('');
}

/** `<` and the two line terminators JSON allows in strings but older script parsers do not, escaped (each character on its own, so pieces can be escaped one by one). */
function escapeForScript(json: string): string {
  return json.replace(/[<\u2028\u2029]/g, (c) => (c === '<' ? '\\u003c' : c === '\u2028' ? '\\u2028' : '\\u2029'));
}

/**
 * The script file the list page loads, in pieces: one assignment of the index and the
 * options to a global. JSON is valid JavaScript; `<` is escaped anyway so the text could
 * also sit in HTML. The index is built when the pieces are first asked for.
 */
export function* searchIndexScript(model: SiteModel): Generator<string> {
  yield `window.ENGAGEMENTS_SEARCH = ${escapeForScript(`{"options":${JSON.stringify(SEARCH_OPTIONS)},"index":`)}`;
  for (const piece of searchIndexJsonPieces(searchIndex(model))) yield escapeForScript(piece);
  yield '};\n';
}
