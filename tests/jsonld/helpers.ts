/// <reference path="./jsonld.d.ts" />
// Shared helpers of the JSON-LD tests: loading a records folder, exporting it, an offline
// document loader that refuses every network IRI, and indexes over expanded JSON-LD.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDataset, outputText, publishedDataset, type PublishedDataset } from '@engagements/core';
// The package's TypeScript source by path: vitest.config.ts sets `resolve.conditions`, which
// Vite applies to the client environment only (tests run in the SSR one, which needs
// `ssr.resolve.conditions`), so `@engagements/export-jsonld` would need a built dist/.
import { CONTEXT_IRI, jsonldExporter } from '../../packages/export-jsonld/src/index.js';
import jsonld, { type DocumentLoader } from 'jsonld';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FOUNDING_RECORDS = path.join(ROOT, 'tests/fixtures/founding/records');
/** The real records; JSONLD_TEST_RECORDS points these tests at another records folder. */
export const REAL_RECORDS = process.env.JSONLD_TEST_RECORDS ?? path.join(ROOT, 'records');

export const SCHEMA = 'https://schema.org/';
export const ENG = 'https://w3id.org/engagements/vocab#';
export const PROV = 'http://www.w3.org/ns/prov#';
export const SKOS = 'http://www.w3.org/2004/02/skos/core#';
export const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
export const RDF_TYPE = '@type';
export const XSD_DATE = 'http://www.w3.org/2001/XMLSchema#date';
export const ID = 'https://w3id.org/engagements/id/';
export const CONCEPT = (scheme: string, term: string): string => `https://w3id.org/engagements/vocab/${scheme}/${term}`;

/** Where our context puts a value outside a vocabulary: `<NOT_A_TERM><vocabulary>/<value>`. */
export const NOT_A_TERM = 'https://w3id.org/engagements/not-a-term/';

/**
 * A consumer's document using our context: [its values, the property IRI, the object IRI
 * every processor must give], with and without a base. Values outside a vocabulary (also
 * equal to a property of the context, to the property itself, to a term of another scheme)
 * land under NOT_A_TERM; the terms themselves still map to their concepts.
 */
export const CONSUMER_CASES: readonly [Record<string, unknown>, string, string][] = [
  [{ medium: 'telephon' }, `${ENG}medium`, `${NOT_A_TERM}medium/telephon`],
  [{ medium: 'name' }, `${ENG}medium`, `${NOT_A_TERM}medium/name`],
  [{ medium: 'medium' }, `${ENG}medium`, `${NOT_A_TERM}medium/medium`],
  [{ medium: 'host' }, `${ENG}medium`, `${NOT_A_TERM}medium/host`],
  [{ topic: 'covid19' }, `${ENG}topic`, `${NOT_A_TERM}topic/covid19`],
  [{ roleName: 'princpal' }, `${SCHEMA}roleName`, `${NOT_A_TERM}participant-role/princpal`],
  [{ initiator: 'unknwn' }, `${ENG}initiator`, `${NOT_A_TERM}initiator/unknwn`],
  [{ medium: 'telephone' }, `${ENG}medium`, CONCEPT('medium', 'telephone')],
  [{ confidence: 'medium' }, `${ENG}confidence`, CONCEPT('confidence-level', 'medium')],
  [{ initiator: 'unknown' }, `${ENG}initiator`, CONCEPT('initiator', 'unknown')],
];

/**
 * Loads and checks a records folder; fails with the diagnostics when a record does not
 * load or fails its schema (the exporter's input types assume schema-valid records).
 * Rule errors fail too unless `allowRuleErrors`: the real records/ are edited while rules
 * change, and a cross-record rule (a host country, a dangling `related`) says nothing
 * about whether the export carries every field.
 */
export async function loadPublished(recordsDir: string, options: { allowRuleErrors?: boolean } = {}): Promise<PublishedDataset> {
  const result = await checkDataset({ recordsDir, cwd: ROOT });
  const errors = result.diagnostics.filter((d) => d.severity === 'error' && !(options.allowRuleErrors && d.code.startsWith('RULE')));
  if (errors.length > 0) throw new Error(`${recordsDir} has errors:\n${errors.map((d) => `${d.file}:${d.line}: ${d.code} ${d.message}`).join('\n')}`);
  return publishedDataset(result.dataset);
}

/** The exporter's files by name (without the `jsonld/` folder), streamed ones read whole. */
export async function exportFiles(dataset: PublishedDataset): Promise<Map<string, string>> {
  const files = await jsonldExporter.export(dataset, {});
  const out = new Map<string, string>();
  for (const file of files) {
    if (!file.path.startsWith('jsonld/')) throw new Error(`${file.path} is outside jsonld/`);
    out.set(file.path.slice('jsonld/'.length), outputText(file));
  }
  return out;
}

/**
 * A documentLoader that never goes to the network: our context IRI resolves to the
 * exported context.jsonld (as written, not as the package builds it), anything else throws.
 */
export function offlineLoader(contextJson: string): DocumentLoader & { refused: string[] } {
  const refused: string[] = [];
  const loader = async (url: string) => {
    if (url === CONTEXT_IRI) return { contextUrl: null, document: JSON.parse(contextJson) as unknown, documentUrl: url };
    refused.push(url);
    throw new Error(`offline test loader refuses ${url}`);
  };
  return Object.assign(loader, { refused });
}

export type ExpandedNode = Record<string, unknown> & { '@id'?: string; '@type'?: string[] };
export type ExpandedValue = { '@id'?: string; '@value'?: unknown; '@type'?: string; '@language'?: string };

/** Flattens a document (safe mode) and indexes its nodes by IRI. */
export async function nodeIndex(doc: unknown, documentLoader: DocumentLoader): Promise<Map<string, ExpandedNode>> {
  const flat = (await jsonld.flatten(doc, null, { safe: true, documentLoader })) as ExpandedNode[] | { '@graph': ExpandedNode[] };
  const nodes = Array.isArray(flat) ? flat : flat['@graph'];
  const index = new Map<string, ExpandedNode>();
  for (const node of nodes) if (node['@id']) index.set(node['@id'], node);
  return index;
}

/** The values of a property of a node in expanded form. */
export function valuesOf(node: ExpandedNode | undefined, property: string): ExpandedValue[] {
  const values = node?.[property];
  return Array.isArray(values) ? (values as ExpandedValue[]) : [];
}

export { jsonld };
