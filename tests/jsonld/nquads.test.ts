// engagements.nq is the same graph as engagements.jsonld: exactly the lines jsonld.toRDF
// writes for it (the exporter serializes directly, for speed), it parses back, round-trips line for line, has no blank node and
// is sorted, so it is canonical.
import { describe, expect, it } from 'vitest';
import { exportFiles, FOUNDING_RECORDS, jsonld, loadPublished, offlineLoader, REAL_RECORDS } from './helpers.js';

describe.each([
  ['the founding fixture', FOUNDING_RECORDS],
  ['the real records/', REAL_RECORDS],
])('N-Quads of %s', async (_name, recordsDir) => {
  const files = await exportFiles(await loadPublished(recordsDir, { allowRuleErrors: recordsDir === REAL_RECORDS }));
  const nq = files.get('engagements.nq')!;
  const lines = nq.split('\n').slice(0, -1);
  const graph = JSON.parse(files.get('engagements.jsonld')!) as unknown;

  it('has as many triples as jsonld.toRDF of the graph', async () => {
    const quads = (await jsonld.toRDF(graph, { safe: true, documentLoader: offlineLoader(files.get('context.jsonld')!) })) as unknown[];
    const unique = new Set(quads.map((q) => JSON.stringify(q)));
    expect(lines.length).toBe(unique.size);
    expect(lines.length).toBeGreaterThan(0);
  });

  it('holds exactly the lines jsonld.toRDF writes for engagements.jsonld (safe mode, offline)', async () => {
    const reference = await jsonld.toRDF(graph, { format: 'application/n-quads', safe: true, documentLoader: offlineLoader(files.get('context.jsonld')!) });
    expect([...new Set(reference.split('\n').filter(Boolean))].sort()).toEqual(lines);
  });

  it('parses back with jsonld.fromRDF and serializes to the same lines', async () => {
    const parsed = await jsonld.fromRDF(nq, { format: 'application/n-quads' });
    const again = await jsonld.toRDF(parsed, { format: 'application/n-quads', safe: true });
    expect(again.split('\n').filter(Boolean).sort()).toEqual(lines);
  });

  it('is sorted, without duplicates, blank nodes or named graphs, with a trailing newline', () => {
    expect(nq.endsWith(' .\n')).toBe(true);
    expect([...lines].sort()).toEqual(lines);
    expect(new Set(lines).size).toBe(lines.length);
    for (const line of lines) {
      expect(line).toMatch(/^<[^>]+> <[^>]+> (?:<[^>]+>|"(?:[^"\\]|\\.)*"(?:\^\^<[^>]+>|@[a-zA-Z-]+)?) \.$/);
    }
  });
});
