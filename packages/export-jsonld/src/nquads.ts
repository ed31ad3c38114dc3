// N-Quads of our graph document, serialized directly from its nodes with the term table:
// the same triples jsonld.toRDF produces (tests/jsonld compares the two on the founding
// record, the real records and random datasets), about fifty times faster. The graph has
// no blank nodes, so the sorted, de-duplicated lines are its canonical form.
//
// The lines are written sorted and unique across the whole file, yet streamed: top-level
// nodes come in IRI order, and every subject of a node starts with the node's own IRI
// (`<I>`, `<I#participant-1>`, ...), so once node `<J` comes, no later node can write a
// line before `<J`: the lines held back (sorted by subject) are written up to there. What
// is held back is the current node's lines and, rarely, the `<I>` lines of a node whose
// IRI `J` extends with a character before `>` (`…/a` then `…/a-2`: `<…/a-2…` sorts
// before `<…/a>`), so memory does not grow with the graph.
//
// Only the shape graph.ts writes is accepted: node objects with an absolute `@id`, `@type`
// as terms, and for every other key a term of the context with string values or nested
// node objects. Anything else throws, as jsonld's safe mode would.
import type { JsonObject } from './context.js';
import { iri, RDF, XSD } from './namespaces.js';
import { conceptScheme } from './schemes.js';
import { PREFIXES, termTable } from './terms.js';

type ValueKind = 'literal' | 'id' | 'date' | 'vocab' | 'concept';
interface CompiledTerm {
  /** The predicate as written: `<iri>`. */
  predicate: string;
  kind: ValueKind;
  /** For `concept`: term id -> concept IRI as written (`<iri>`). */
  concepts?: ReadonlyMap<string, string>;
}

/** A compact IRI with one of our prefixes, expanded. */
function expandIri(id: string): string {
  const colon = id.indexOf(':');
  const prefix = id.slice(0, colon);
  if (colon > 0 && prefix in PREFIXES) return PREFIXES[prefix as keyof typeof PREFIXES] + id.slice(colon + 1);
  return id;
}

interface Compiled {
  terms: Map<string, CompiledTerm>;
  /** Class term -> its IRI as written (`<iri>`). */
  classes: Map<string, string>;
}

let compiled: Compiled | undefined;
function compile(): Compiled {
  if (compiled) return compiled;
  const terms = new Map<string, CompiledTerm>();
  const classes = new Map<string, string>();
  for (const def of termTable()) {
    if (def.kind === 'class') {
      classes.set(def.term, iriRef(expandIri(def.id)));
      continue;
    }
    const predicate = iriRef(expandIri(def.id));
    if (def.type && typeof def.type === 'object') {
      const scheme = conceptScheme(def.type.scheme);
      const concepts = new Map(scheme.terms.map((t) => [t.id, iriRef(iri.concept(scheme.id, t.id))] as const));
      terms.set(def.term, { predicate, kind: 'concept', concepts });
    } else {
      const kind: ValueKind = def.type === '@id' ? 'id' : def.type === 'xsd:date' ? 'date' : def.type === '@vocab' ? 'vocab' : 'literal';
      terms.set(def.term, { predicate, kind });
    }
  }
  compiled = { terms, classes };
  return compiled;
}

// N-Quads escaping as in rdf-canonize (which jsonld uses): ECHAR where one exists, UCHAR
// otherwise. Almost no string needs any, so each is tested before it is replaced.
const ECHAR: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };
const uchar = (c: string): string => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
const LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/;
const LITERAL_ESCAPES = /[\u0000-\u001F\u007F"\\]/g;
const IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/;
const IRI_ESCAPES = /[\u0000-\u0020<>"{}|^`\\]/g;
function literal(s: string): string {
  return LITERAL_ESCAPE.test(s) ? `"${s.replace(LITERAL_ESCAPES, (c) => ECHAR[c] ?? uchar(c))}"` : `"${s}"`;
}
function iriRef(s: string): string {
  return IRI_ESCAPE.test(s) ? `<${s.replace(IRI_ESCAPES, uchar)}>` : `<${s}>`;
}
const XSD_DATE = iriRef(`${XSD}date`);
const RDF_TYPE = iriRef(`${RDF}type`);
/** What jsonld.js accepts as an absolute IRI. */
const ABSOLUTE_IRI = /^([A-Za-z][A-Za-z0-9+\-.]*|_):[^\s]*$/;

function absolute(value: unknown, where: string): string {
  if (typeof value !== 'string' || !ABSOLUTE_IRI.test(value) || value.startsWith('_:')) throw new Error(`${where}: ${JSON.stringify(value)} is not an absolute IRI`);
  return value;
}

/**
 * Lines of one or more nodes by subject (as written, `<iri>`), in no order; each line
 * without its subject (`<predicate> object .`): lines of one subject sort as their rest
 * does, and the comparisons skip the long shared subject.
 */
type Groups = Map<string, string[]>;

/**
 * Adds the lines of a node and of the nodes nested in it to `groups`; returns its subject.
 * Every subject must start with `bound` (the top-level node's subject without its `>`).
 */
function serializeNode(node: JsonObject, groups: Groups, c: Compiled, bound: string): string {
  const subject = iriRef(absolute(node['@id'], 'node @id'));
  if (!subject.startsWith(bound)) throw new Error(`${node['@id']}: a nested node is not under its top-level node's IRI`);
  let lines = groups.get(subject);
  if (!lines) groups.set(subject, (lines = []));
  for (const key in node) {
    if (key === '@id') continue;
    const raw = node[key];
    const values = Array.isArray(raw) ? raw : [raw];
    if (key === '@type') {
      for (const t of values) {
        const type = typeof t === 'string' ? c.classes.get(t) : undefined;
        if (!type) throw new Error(`${node['@id']}: @type ${JSON.stringify(t)} is not a class term of the context`);
        lines.push(`${RDF_TYPE} ${type} .`);
      }
      continue;
    }
    const term = c.terms.get(key);
    if (!term) throw new Error(`${node['@id']}: ${key} is not a term of the context`);
    const predicate = term.predicate;
    for (const value of values) {
      let object: string;
      if (value && typeof value === 'object') {
        object = serializeNode(value as JsonObject, groups, c, bound);
      } else if (typeof value !== 'string') {
        throw new Error(`${node['@id']}: ${key} has a value that is not a string: ${JSON.stringify(value)}`);
      } else if (term.kind === 'literal') {
        object = literal(value);
      } else if (term.kind === 'date') {
        object = `${literal(value)}^^${XSD_DATE}`;
      } else if (term.kind === 'id') {
        object = iriRef(absolute(value, `${node['@id']} ${key}`));
      } else {
        const target = term.kind === 'concept' ? term.concepts!.get(value) : c.classes.get(value);
        if (!target) throw new Error(`${node['@id']}: ${JSON.stringify(value)} is not a value of ${key}`);
        object = target;
      }
      lines.push(`${predicate} ${object} .`);
    }
  }
  return subject;
}

/** The lines of the given subjects, subjects in order and each one's lines sorted and unique, as one chunk. */
function writeGroups(groups: Groups, subjects: string[]): string {
  let out = '';
  for (const subject of subjects.sort()) {
    const lines = groups.get(subject)!.sort();
    groups.delete(subject);
    if (lines.length === 0) continue;
    let unique = 1;
    for (let i = 1; i < lines.length; i++) if (lines[i] !== lines[unique - 1]) lines[unique++] = lines[i]!;
    lines.length = unique;
    const head = `${subject} `;
    out += `${head}${lines.join(`\n${head}`)}\n`;
  }
  return out;
}

/**
 * The N-Quads of top-level nodes given in IRI order (as graphNodeStream makes them), as
 * chunks: every line of the graph, sorted and unique, streamed node by node. Throws on a
 * node out of order, or with a nested node whose IRI does not start with its own.
 */
export function* nquadsChunks(nodes: Iterable<JsonObject>): Generator<string> {
  const c = compile();
  const pending: Groups = new Map();
  let previousBound = '';
  for (const node of nodes) {
    const subject = iriRef(absolute(node['@id'], 'node @id'));
    // Every line of this node and of the nodes after it starts with `bound`.
    const bound = subject.slice(0, -1);
    if (bound < previousBound) throw new Error(`${node['@id']}: top-level nodes must come in IRI order`);
    previousBound = bound;
    const ready: string[] = [];
    for (const held of pending.keys()) if (held < bound) ready.push(held);
    if (ready.length > 0) yield writeGroups(pending, ready);
    serializeNode(node, pending, c, bound);
  }
  if (pending.size > 0) yield writeGroups(pending, [...pending.keys()]);
}

/** The N-Quads of a graph document (sorted, unique lines), as one string: for tests and small graphs. */
export function toNQuads(document: JsonObject): string {
  const graph = document['@graph'];
  if (!Array.isArray(graph)) throw new Error('The document has no @graph');
  const id = (n: unknown): string => String((n as JsonObject)['@id']);
  const nodes = [...(graph as JsonObject[])].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  let out = '';
  for (const chunk of nquadsChunks(nodes)) out += chunk;
  return out;
}
