// The published JSON-LD read by Python's processors on their defaults, as consumers run
// them: pyld (Debian's 2.0.3) and rdflib (6.x). Each must give exactly the graph of
// engagements.nq (which jsonld.js gives too: tests/jsonld/nquads.test.ts), and a
// consumer's own document that uses our context with a value outside a vocabulary must
// land under not-a-term/, never under the consumer's base, in both.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSUMER_CASES, ENG, exportFiles, FOUNDING_RECORDS, loadPublished, REAL_RECORDS } from '../../tests/jsonld/helpers.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(import.meta.dirname, 'read.py');

interface Read {
  pyld: string[];
  rdflib: [string, string, string][];
}

function read(jobs: unknown[]): Read[] {
  const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 28, timeout: 170_000 });
  if (r.status !== 0) throw new Error(`read.py failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Read[];
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['the founding fixture', FOUNDING_RECORDS],
  ['the real records/', REAL_RECORDS],
])('engagements.jsonld of %s', (_name, recordsDir) => {
  it('gives exactly the triples of engagements.nq in pyld and in rdflib', async () => {
    const files = await exportFiles(await loadPublished(recordsDir, { allowRuleErrors: recordsDir === REAL_RECORDS }));
    const dir = mkdtempSync(path.join(tmpdir(), 'engagements-jsonld-clients-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'engagements.jsonld'), files.get('engagements.jsonld')!);
    writeFileSync(path.join(dir, 'engagements.nq'), files.get('engagements.nq')!);
    const [graph, reference] = read([{ document: path.join(dir, 'engagements.jsonld') }, { nquads: path.join(dir, 'engagements.nq') }]);
    const lines = readFileSync(path.join(dir, 'engagements.nq'), 'utf8').split('\n').filter(Boolean).sort();
    expect(lines.length).toBeGreaterThan(100);
    expect(graph!.pyld).toEqual(lines);
    expect(graph!.rdflib).toEqual(reference!.rdflib);
    expect(graph!.rdflib).toHaveLength(lines.length);
    // The initiators' country and person are there (pyld 2.0.3 used to drop them).
    const initiatorCountries = lines.filter((l) => /#initiator> <https:\/\/w3id\.org\/engagements\/vocab#country> /.test(l));
    const known = files.get('engagements.jsonld')!.match(/"@type": "Initiator"/g)?.length ?? 0;
    if (recordsDir === REAL_RECORDS) expect(known).toBeGreaterThan(0);
    expect(initiatorCountries).toHaveLength(known);
    expect(graph!.pyld.filter((l) => initiatorCountries.includes(l))).toHaveLength(known);
  });
});

describe('a consumer document that uses our context', async () => {
  const files = await exportFiles(await loadPublished(FOUNDING_RECORDS));
  const context = (JSON.parse(files.get('context.jsonld')!) as { '@context': unknown })['@context'];
  const subject = 'https://consumer.example/data/e';
  const cases = CONSUMER_CASES;

  it('maps a value outside a vocabulary under not-a-term/<vocabulary>/ in pyld and rdflib, with and without a base', () => {
    const jobs = [null, 'https://consumer.example/data/'].flatMap((base) => cases.map(([values]) => ({ document: { '@context': context, '@id': subject, ...values }, base })));
    const results = read(jobs);
    results.forEach((result, i) => {
      const [values, property, object] = cases[i % cases.length]!;
      const label = `${JSON.stringify(values)} base ${jobs[i]!.base}`;
      expect(result.pyld, label).toEqual([`<${subject}> <${property}> <${object}> .`]);
      expect(result.rdflib, label).toEqual([[`<${subject}>`, `<${property}>`, `<${object}>`]]);
    });
  });

  it("keeps an initiator node's own properties in pyld and rdflib", () => {
    const doc = {
      '@context': context,
      '@id': subject,
      initiator: { '@id': `${subject}#initiator`, '@type': 'Initiator', country: 'US', person: 'https://consumer.example/p', wasDerivedFrom: ['https://consumer.example/s'] },
    };
    const expected = [
      `<${subject}#initiator> <${ENG}country> "US" .`,
      `<${subject}#initiator> <${ENG}person> <https://consumer.example/p> .`,
      `<${subject}#initiator> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${ENG}Initiator> .`,
      `<${subject}#initiator> <http://www.w3.org/ns/prov#wasDerivedFrom> <https://consumer.example/s> .`,
      `<${subject}> <${ENG}initiator> <${subject}#initiator> .`,
    ].sort();
    const [result] = read([{ document: doc, base: 'https://consumer.example/data/' }]);
    expect(result!.pyld).toEqual(expected);
    expect(result!.rdflib.map(([s, p, o]) => `${s} ${p} ${o} .`).sort()).toEqual(expected);
  });
});
