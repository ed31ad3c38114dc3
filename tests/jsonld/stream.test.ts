// engagements.jsonld and engagements.nq are streamed: their content is a generator that
// writes one top-level node at a time, gives the same chunks each time it is called, and
// the same bytes as serializing the whole graph at once. The N-Quads stay sorted and unique
// across the whole file, also where one IRI extends another (`…/a`, `…/a-2`: the lines of
// `<…/a-2>` sort between those of `<…/a#…>` and `<…/a>`).
import type { Engagement, Organization, Person } from '@engagements/schema';
import { outputText, type OutputFile, type PublishedDataset } from '@engagements/core';
import { describe, expect, it } from 'vitest';
import { graphDocument, graphNodes, graphNodeStream, jsonldExporter, nquadsChunks, stableJson, stableJsonChunks, toNQuads } from '../../packages/export-jsonld/src/index.js';
import { FOUNDING_RECORDS, loadPublished } from './helpers.js';

const founding = await loadPublished(FOUNDING_RECORDS);

async function filesOf(dataset: PublishedDataset): Promise<Map<string, OutputFile>> {
  return new Map((await jsonldExporter.export(dataset, {})).map((f) => [f.path.slice('jsonld/'.length), f]));
}

function chunksOf(file: OutputFile): string[] {
  if (typeof file.content !== 'function') throw new Error(`${file.path} is not streamed`);
  return [...file.content()].map((c) => (typeof c === 'string' ? c : new TextDecoder().decode(c)));
}

/** Ids that extend one another with characters before and after `>`, in shuffled order. */
function prefixDataset(): PublishedDataset {
  const [e] = founding.engagements;
  const [person] = founding.people;
  const [organization] = founding.organizations;
  const engagementIds = ['2020-08-06-x-2-1', '2020-08-06-x', '2020-08-06-x-10', '2020-08-06-xb', '2020-08-06-x-2', '2020-08-06-x-b', '2020-08-06-x1', '2020-08-06-x-2-1-0'];
  return {
    engagements: engagementIds.map((id) => ({ ...e!, id }) as Engagement),
    people: ['p-2', 'p', 'p-1-1', 'p1'].map((id) => ({ ...person!, id }) as Person),
    organizations: ['o', 'o-o', 'oo'].map((id) => ({ ...organization!, id }) as Organization),
  };
}

describe('streamed JSON-LD outputs', () => {
  it.each([
    ['the founding fixture', founding],
    ['ids that extend one another', prefixDataset()],
    ['an empty dataset', { engagements: [], people: [], organizations: [] } as PublishedDataset],
  ])('engagements.jsonld of %s: head, one chunk per node, tail; the same bytes as the whole document, twice', async (_name, dataset) => {
    const file = (await filesOf(dataset)).get('engagements.jsonld')!;
    const chunks = chunksOf(file);
    const nodes = dataset.engagements.length + dataset.people.length + dataset.organizations.length;
    expect(chunks).toHaveLength(nodes + 2);
    expect(chunks.join('')).toBe(stableJson(graphDocument(dataset)));
    expect(chunksOf(file)).toEqual(chunks);
    expect(outputText(file)).toBe(chunks.join(''));
  });

  it('stableJsonChunks writes what stableJson writes', () => {
    const items = [{ a: 1, b: [1, { c: 'x\ny' }], d: {}, e: [] }, 'text', 3, null, [[]], { f: undefined }];
    for (let n = 0; n <= items.length; n++) {
      const head = { '@context': { x: 'y', z: { '@id': 'w' } }, n };
      expect([...stableJsonChunks(head, '@graph', items.slice(0, n))].join('')).toBe(stableJson({ ...head, '@graph': items.slice(0, n) }));
    }
    expect([...stableJsonChunks({}, 'k', [])].join('')).toBe(stableJson({ k: [] }));
    expect(() => [...stableJsonChunks({ k: 1 }, 'k', [])]).toThrow(/already has/);
  });

  it('builds nodes in IRI order whatever the order of the input lists', () => {
    const dataset = prefixDataset();
    const iris = [...graphNodeStream(dataset)].map((n) => n['@id'] as string);
    expect(iris).toEqual([...iris].sort());
    expect(iris).toHaveLength(15);
    expect(graphNodes(dataset).map((n) => n['@id'])).toEqual(iris);
  });

  it.each([
    ['the founding fixture', founding],
    ['ids that extend one another', prefixDataset()],
  ])('engagements.nq of %s: every line of every node, sorted and unique across the file, the same twice', async (_name, dataset) => {
    const file = (await filesOf(dataset)).get('engagements.nq')!;
    const chunks = chunksOf(file);
    expect(chunksOf(file)).toEqual(chunks);
    const text = chunks.join('');
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    // The reference: each node's lines on its own, all of them sorted and de-duplicated at once.
    const all = graphNodes(dataset).flatMap((node) => toNQuads({ '@graph': [node] }).split('\n').filter(Boolean));
    expect(lines).toEqual([...new Set(all)].sort());
    expect(toNQuads(graphDocument(dataset))).toBe(text);
    // Chunks are written as nodes come, not at the end.
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('interleaves the lines of IRIs that extend one another where a global sort puts them', async () => {
    const text = outputText((await filesOf(prefixDataset())).get('engagements.nq')!);
    const subjects = [...new Set(text.split('\n').filter(Boolean).map((l) => l.slice(0, l.indexOf('> ') + 1)))];
    const at = (s: string): number => subjects.indexOf(`<https://w3id.org/engagements/id/engagement/2020-08-06-${s}>`);
    expect(at('x-2-1-0')).toBeLessThan(at('x-2-1'));
    expect(at('x-2-1')).toBeLessThan(at('x-2'));
    expect(at('x-2')).toBeLessThan(at('x'));
    expect(at('x')).toBeLessThan(at('xb'));
    expect(subjects.indexOf('<https://w3id.org/engagements/id/engagement/2020-08-06-x#participant-1>')).toBeLessThan(at('x-10'));
  });

  it('refuses top-level nodes out of IRI order, and nested nodes outside their node', () => {
    const nodes = graphNodes(founding);
    expect(() => [...nquadsChunks([...nodes].reverse())]).toThrow(/IRI order/);
    const stray = { ...nodes[0]!, subjectOf: [{ '@id': 'https://example.org/elsewhere', '@type': 'Source' }] };
    expect(() => [...nquadsChunks([stray])]).toThrow(/not under its top-level node's IRI/);
  });

  it('writes nothing for a node with no property, as jsonld.toRDF does', () => {
    const bare = { '@id': 'https://w3id.org/engagements/id/organization/bare' };
    expect(toNQuads({ '@graph': [bare] })).toBe('');
    expect(toNQuads({ '@graph': [bare, { ...bare, '@type': 'Organization' }] })).toBe(
      '<https://w3id.org/engagements/id/organization/bare> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Organization> .\n',
    );
  });
});
