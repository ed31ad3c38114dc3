// Property-based: for random valid datasets (tests/support/arbitraries.ts), the exported
// graph expands in safe mode offline, keeps every engagement id and every field of every
// record, and its N-Quads are exactly what jsonld.toRDF writes for it and parse back.
// Also with hostile text (control characters, U+2028, bidirectional marks, non-NFC letters).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbDataset } from '../support/arbitraries.js';
import { checkEveryField, leafCount } from './fields.js';
import { ENG, exportFiles, jsonld, nodeIndex, offlineLoader } from './helpers.js';

type Json = Record<string, unknown>;

async function roundTrip(dataset: Parameters<typeof exportFiles>[0]): Promise<void> {
  const files = await exportFiles(dataset);
  const loader = offlineLoader(files.get('context.jsonld')!);
  const graph = JSON.parse(files.get('engagements.jsonld')!) as Json;

  // Expands in safe mode: no undefined term, no dropped value, nothing loaded.
  const expanded = await jsonld.expand(graph, { safe: true, documentLoader: loader });
  expect(expanded.length).toBe(dataset.engagements.length + dataset.people.length + dataset.organizations.length);
  expect(loader.refused).toEqual([]);

  // Every engagement id, and every field of every record, is in the expanded graph.
  const nodes = await nodeIndex(graph, loader);
  const engagementIds = [...nodes.values()].filter((n) => n['@type']?.includes(`${ENG}Engagement`)).map((n) => (n['https://schema.org/identifier'] as { '@value': string }[])[0]!['@value']);
  expect(engagementIds.sort()).toEqual(dataset.engagements.map((e) => e.id).sort());
  const report = checkEveryField(dataset, nodes);
  expect(report.missing).toEqual([]);
  const leaves = [...dataset.engagements, ...dataset.people, ...dataset.organizations].reduce((n, r) => n + leafCount(r), 0);
  expect([...report.leaves.values()].reduce((a, b) => a + b, 0)).toBe(leaves);
  expect(report.checks).toBeGreaterThanOrEqual(leaves - dataset.engagements.reduce((n, e) => n + (e.related?.length ?? 0), 0));

  // N-Quads: the lines jsonld.toRDF writes, and they parse back to the same lines.
  const nq = files.get('engagements.nq')!;
  const lines = nq === '' ? [] : nq.slice(0, -1).split('\n');
  const reference = await jsonld.toRDF(graph, { format: 'application/n-quads', safe: true, documentLoader: loader });
  expect(lines).toEqual([...new Set(reference.split('\n').filter(Boolean))].sort());
  const parsed = await jsonld.fromRDF(nq, { format: 'application/n-quads' });
  expect((await jsonld.toRDF(parsed, { format: 'application/n-quads' })).split('\n').filter(Boolean).sort()).toEqual(lines);
}

describe('JSON-LD export of random valid datasets', () => {
  it('expands safely and keeps every id and field; N-Quads match jsonld.toRDF', async () => {
    await fc.assert(fc.asyncProperty(arbDataset(), roundTrip), { numRuns: 60 });
  });

  it('does the same with hostile text', async () => {
    await fc.assert(fc.asyncProperty(arbDataset({ hostile: true }), roundTrip), { numRuns: 40 });
  });

  it('does the same with larger datasets', async () => {
    await fc.assert(fc.asyncProperty(arbDataset({ maxEngagements: 12, maxPeople: 8, maxOrganizations: 10 }), roundTrip), { numRuns: 10 });
  });
});
