// The exported JSON-LD expands in safe mode (an undefined term or a dropped value throws)
// with a document loader that refuses every network IRI, and after expansion every field
// of every record is still there: on the founding fixture and on the real records/.
import { describe, expect, it } from 'vitest';
import { checkEveryField } from './fields.js';
import { offlineDocumentLoader } from '../../packages/export-jsonld/src/index.js';
import { CONCEPT, ENG, exportFiles, FOUNDING_RECORDS, jsonld, loadPublished, nodeIndex, offlineLoader, REAL_RECORDS, SCHEMA } from './helpers.js';

const CONTEXT_IRI = 'https://w3id.org/engagements/context.jsonld';

type Json = Record<string, unknown>;

describe.each([
  ['the founding fixture', FOUNDING_RECORDS],
  ['the real records/', REAL_RECORDS],
])('JSON-LD of %s', async (_name, recordsDir) => {
  const dataset = await loadPublished(recordsDir, { allowRuleErrors: recordsDir === REAL_RECORDS });
  const files = await exportFiles(dataset);
  const graph = JSON.parse(files.get('engagements.jsonld')!) as Json;
  const context = JSON.parse(files.get('context.jsonld')!) as Json;

  it('embeds exactly the published context', () => {
    expect(graph['@context']).toEqual(context['@context']);
  });

  it('expands in safe mode without loading anything', async () => {
    const loader = offlineLoader(files.get('context.jsonld')!);
    const expanded = await jsonld.expand(graph, { safe: true, documentLoader: loader });
    expect(expanded.length).toBe(dataset.engagements.length + dataset.people.length + dataset.organizations.length);
    expect(loader.refused).toEqual([]);
  });

  it('expands the same when the context is referenced by its IRI (offline loader)', async () => {
    const loader = offlineLoader(files.get('context.jsonld')!);
    const embedded = await jsonld.expand(graph, { safe: true, documentLoader: loader });
    const referenced = await jsonld.expand({ '@context': CONTEXT_IRI, '@graph': graph['@graph'] }, { safe: true, documentLoader: loader });
    expect(referenced).toEqual(embedded);
    expect(loader.refused).toEqual([]);
  });

  it('has every field of every record after expansion', async () => {
    const nodes = await nodeIndex(graph, offlineLoader(files.get('context.jsonld')!));
    const report = checkEveryField(dataset, nodes);
    expect(report.missing).toEqual([]);
    expect(report.checks).toBeGreaterThan(0);
    for (const e of dataset.engagements) {
      const node = nodes.get(`https://w3id.org/engagements/id/engagement/${e.id}`);
      expect(node?.['@type']).toEqual(expect.arrayContaining([`${SCHEMA}Event`, `${ENG}Engagement`]));
    }
  });

  it('has the derived facts of every engagement: countries, scope, CAMEO code and label', async () => {
    const nodes = await nodeIndex(graph, offlineLoader(files.get('context.jsonld')!));
    for (const e of dataset.engagements) {
      const node = nodes.get(`https://w3id.org/engagements/id/engagement/${e.id}`)!;
      const countries = [...new Set(e.participants.map((p) => p.country))].sort();
      expect((node[`${ENG}countries`] as { '@value': string }[]).map((v) => v['@value']).sort()).toEqual(countries);
      expect(node[`${ENG}scope`]).toEqual([{ '@value': countries.length > 2 ? 'multilateral' : 'bilateral' }]);
      if (e.type !== 'other') expect(node[`${ENG}cameoCode`]).toEqual([{ '@value': expect.stringMatching(/^0\d\d$/) }]);
      if (e.type !== 'other') expect(node[`${ENG}cameoLabel`]).toHaveLength(1);
    }
  });
});

describe('the context', async () => {
  const files = await exportFiles(await loadPublished(FOUNDING_RECORDS));
  const context = (JSON.parse(files.get('context.jsonld')!) as { '@context': Json })['@context'];

  it('expands a document that uses every one of its terms, in safe mode, without dropping any', async () => {
    const doc: Json = { '@context': CONTEXT_IRI, '@id': 'https://example.org/node' };
    const types: string[] = [];
    const expectedProperties = new Set<string>();
    for (const [term, definition] of Object.entries(context)) {
      if (term.startsWith('@')) continue;
      const def: Json = typeof definition === 'string' ? { '@id': definition } : (definition as Json);
      const id = def['@id'] as string;
      if (id.endsWith('/') || id.endsWith('#')) continue; // a prefix
      if (/^[A-Z]/.test(term)) {
        types.push(term);
        continue;
      }
      const scoped = def['@context'] as Json | undefined;
      const value =
        scoped ? Object.keys(scoped)[0]
        : def['@type'] === '@id' ? 'https://example.org/target'
        : def['@type'] === '@vocab' ? 'OnlineEventAttendanceMode'
        : def['@type'] === 'xsd:date' ? '2020-08-06'
        : 'text';
      doc[term] = value;
      expectedProperties.add(id.replace(/^schema:/, SCHEMA).replace(/^eng:/, ENG).replace(/^prov:/, 'http://www.w3.org/ns/prov#').replace(/^skos:/, 'http://www.w3.org/2004/02/skos/core#'));
    }
    doc['@type'] = types;
    const loader = offlineLoader(files.get('context.jsonld')!);
    const [node] = (await jsonld.expand(doc, { safe: true, documentLoader: loader })) as Json[];
    expect(loader.refused).toEqual([]);
    expect((node!['@type'] as string[]).length).toBe(types.length);
    for (const property of expectedProperties) expect(node, property).toHaveProperty([property]);
  });

  it('maps every concept value to its concept IRI, whatever other terms exist (confidence `medium` is not the property `medium`)', async () => {
    const loader = offlineLoader(files.get('context.jsonld')!);
    const [node] = (await jsonld.expand({ '@context': CONTEXT_IRI, '@id': 'https://example.org/e', confidence: 'medium', medium: 'video', roleName: 'host' }, { safe: true, documentLoader: loader })) as Json[];
    expect(node![`${ENG}confidence`]).toEqual([{ '@id': CONCEPT('confidence-level', 'medium') }]);
    expect(node![`${ENG}medium`]).toEqual([{ '@id': CONCEPT('medium', 'video') }]);
    expect(node![`${SCHEMA}roleName`]).toEqual([{ '@id': CONCEPT('participant-role', 'host') }]);
  });

  it('rejects, in safe mode, a key that is not a term and a value outside a vocabulary', async () => {
    const loader = offlineLoader(files.get('context.jsonld')!);
    await expect(jsonld.expand({ '@context': CONTEXT_IRI, '@id': 'https://example.org/e', notATerm: 'x' }, { safe: true, documentLoader: loader })).rejects.toThrow();
    // An unknown concept stays a relative IRI (no @vocab catches it), which RDF conversion rejects.
    const unknown = { '@context': CONTEXT_IRI, '@id': 'https://example.org/e', medium: 'carrier-pigeon' };
    expect(await jsonld.expand(unknown, { safe: true, documentLoader: loader })).toEqual([{ '@id': 'https://example.org/e', [`${ENG}medium`]: [{ '@id': 'carrier-pigeon' }] }]);
    await expect(jsonld.toRDF(unknown, { format: 'application/n-quads', safe: true, documentLoader: loader })).rejects.toThrow();
  });

  it("the package's offlineDocumentLoader serves exactly the exported context and refuses anything else", async () => {
    const loader = offlineDocumentLoader();
    expect((await loader(CONTEXT_IRI)).document).toEqual(JSON.parse(files.get('context.jsonld')!));
    await expect(loader('https://schema.org/')).rejects.toThrow(/Refusing/);
    const [node] = (await jsonld.expand({ '@context': CONTEXT_IRI, '@id': 'https://example.org/e', medium: 'telephone' }, { safe: true, documentLoader: loader })) as Json[];
    expect(node![`${ENG}medium`]).toEqual([{ '@id': CONCEPT('medium', 'telephone') }]);
  });

  it('is never fetched from the network: the loader refuses schema.org', async () => {
    const loader = offlineLoader(files.get('context.jsonld')!);
    await expect(jsonld.expand({ '@context': 'https://schema.org/', name: 'x' }, { safe: true, documentLoader: loader })).rejects.toThrow();
    expect(loader.refused).toEqual(['https://schema.org/']);
  });
});
