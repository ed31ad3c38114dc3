// The exported JSON-LD expands in safe mode (an undefined term or a dropped value throws)
// with a document loader that refuses every network IRI, and after expansion every field
// of every record is still there: on the founding fixture and on the real records/.
import { describe, expect, it } from 'vitest';
import { checkEveryField } from './fields.js';
import { offlineDocumentLoader } from '../../packages/export-jsonld/src/index.js';
import { CONCEPT, CONSUMER_CASES, ENG, exportFiles, FOUNDING_RECORDS, jsonld, loadPublished, nodeIndex, offlineLoader, REAL_RECORDS, SCHEMA } from './helpers.js';

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
      // A concept-valued term: one of its scheme's terms (the scoped context also catches other values).
      const value =
        scoped ? Object.entries(scoped).find(([, v]) => typeof v === 'string' && v.startsWith('https://w3id.org/engagements/vocab/'))![0]
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

  it('rejects, in safe mode, a key that is not a term', async () => {
    const loader = offlineLoader(files.get('context.jsonld')!);
    await expect(jsonld.expand({ '@context': CONTEXT_IRI, '@id': 'https://example.org/e', notATerm: 'x' }, { safe: true, documentLoader: loader })).rejects.toThrow();
  });

  it('maps a value outside a vocabulary under not-a-term/<vocabulary>/, with or without a base, whatever term it equals', async () => {
    const loader = offlineLoader(files.get('context.jsonld')!);
    const cases = CONSUMER_CASES;
    for (const base of [undefined, 'https://consumer.example/data/']) {
      for (const [values, property, expected] of cases) {
        const doc = { '@context': CONTEXT_IRI, '@id': 'https://consumer.example/data/e', ...values };
        const options = { safe: true, documentLoader: loader, ...(base ? { base } : {}) };
        const [node] = (await jsonld.expand(doc, options)) as Json[];
        expect(node![property], `${JSON.stringify(values)} base ${base}`).toEqual([{ '@id': expected }]);
        const nquads = await jsonld.toRDF(doc, { ...options, format: 'application/n-quads' });
        expect(nquads).toBe(`<https://consumer.example/data/e> <${property}> <${expected}> .\n`);
      }
    }
  });

  it('leaves the properties of an initiator node alone (the scoped context of initiator does not reach into it)', async () => {
    const loader = offlineLoader(files.get('context.jsonld')!);
    const doc = { '@context': CONTEXT_IRI, '@id': 'https://example.org/e', initiator: { '@id': 'https://example.org/e#initiator', '@type': 'Initiator', country: 'US', person: 'https://example.org/p', wasDerivedFrom: ['https://example.org/s'] } };
    const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads', safe: true, documentLoader: loader })) as string;
    expect(nquads.split('\n').filter(Boolean).sort()).toEqual(
      [
        `<https://example.org/e#initiator> <${ENG}country> "US" .`,
        `<https://example.org/e#initiator> <${ENG}person> <https://example.org/p> .`,
        `<https://example.org/e#initiator> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${ENG}Initiator> .`,
        `<https://example.org/e#initiator> <http://www.w3.org/ns/prov#wasDerivedFrom> <https://example.org/s> .`,
        `<https://example.org/e> <${ENG}initiator> <https://example.org/e#initiator> .`,
      ].sort(),
    );
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
