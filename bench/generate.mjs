#!/usr/bin/env node
// Seeded generator of synthetic datasets for the benchmark: engagements shaped like the
// founding record (about 2.3 KB each), with references into a synthetic registry of people
// and organizations, valid against the schemas and the rules, plus an adjustable share of
// records with a schema error. Dates are quoted so that ajv-cli (js-yaml 3, YAML 1.1, which
// turns unquoted dates into Date objects) does the same work as `engagements validate`.
//
//   node bench/generate.mjs --records 10000 --out bench/.data/10k [--invalid 0.01] [--seed 1] [--shape bench|founding]
//
// --shape founding: engagements made from the founding record itself (about 5 KB each:
// ten sources, six outcomes, three disagreements, long notes), with its people and
// organizations and every other record of records/ copied as they are; dates vary within
// the participants' terms of office and every record gets a note sentence of its own.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000' },
    out: { type: 'string' },
    invalid: { type: 'string', default: '0.01' },
    seed: { type: 'string', default: '1' },
    shape: { type: 'string', default: 'bench' },
  },
});
if (!values.out) {
  console.error('usage: node bench/generate.mjs --records N --out DIR [--invalid SHARE] [--seed N]');
  process.exit(2);
}

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(Number(values.seed));
const pick = (list) => list[Math.floor(rand() * list.length)];
const COUNTRIES = ['PK', 'JP', 'US', 'GB', 'CN', 'IN', 'AU', 'ID', 'KR', 'SA', 'PH', 'FR', 'DE', 'TR', 'EG', 'BR'];
const TYPES = [['call', 'telephone'], ['call', 'video'], ['meeting', 'in-person'], ['official-visit', 'in-person'], ['dialogue', 'in-person'], ['exercise', 'in-person']];
const TOPICS = ['bilateral-defence-cooperation', 'covid-19', 'counter-terrorism', 'regional-security', 'training-and-education', 'joint-exercises', 'maritime-security', 'staff-talks'];
const WORDS = 'defence cooperation ministry army navy talks training exercise regional security partnership exchange visit delegation officials agreed discussed matters mutual interest'.split(' ');
const sentence = (n) => {
  const words = Array.from({ length: n }, () => pick(WORDS));
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return words.join(' ') + '.';
};

const n = Number(values.records);
const out = path.resolve(values.out);
const recordsDir = path.join(out, 'records');
await rm(out, { recursive: true, force: true });
for (const dir of ['engagements', 'people', 'organizations']) await mkdir(path.join(recordsDir, dir), { recursive: true });

if (values.shape === 'founding') {
  await generateFounding();
  process.exit(0);
}

const header = (kind) => `# yaml-language-server: $schema=${kind === 'engagement' ? '../../../' : '../../'}schemas/${kind}.schema.json\n`;
const orgCount = Math.max(20, Math.ceil(n / 20));
const personCount = Math.max(20, Math.ceil(n / 10));
const orgs = Array.from({ length: orgCount }, (_, i) => ({ id: `org-${String(i).padStart(6, '0')}`, country: COUNTRIES[i % COUNTRIES.length] }));
const people = Array.from({ length: personCount }, (_, i) => ({ id: `person-${String(i).padStart(6, '0')}`, org: orgs[i % orgCount] }));

const writes = [];
for (const org of orgs) {
  writes.push([path.join(recordsDir, 'organizations', `${org.id}.yaml`), `${header('organization')}id: ${org.id}\nname: Organization ${org.id.slice(4)}\naliases: [Org ${org.id.slice(4)}]\nkind: ministry\ncountry: ${org.country}\n`]);
}
for (const person of people) {
  writes.push([
    path.join(recordsDir, 'people', `${person.id}.yaml`),
    `${header('person')}id: ${person.id}\nname: Person ${person.id.slice(7)}\naliases: [P. ${person.id.slice(7)}]\npositions:\n  - title: Minister of Defence\n    organization: ${person.org.id}\n    country: ${person.org.country}\n    start: "2000-01-01"\n    start_sources: [appointment]\nsources:\n  - id: appointment\n    publisher: ${person.org.id}\n    kind: official-statement\n`,
  ]);
}
const invalidShare = Number(values.invalid);
const invalidIds = [];
const years = new Set();
for (let i = 0; i < n; i++) {
  const a = pick(people);
  let b = pick(people);
  while (b.org.country === a.org.country) b = pick(people);
  const year = 2001 + (i % 24);
  const date = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const [type, medium] = pick(TYPES);
  const id = `${date}-bench-${String(i).padStart(7, '0')}`;
  const invalid = rand() < invalidShare;
  if (invalid) invalidIds.push(id);
  const remote = medium !== 'in-person';
  const topics = [...new Set([pick(TOPICS), pick(TOPICS), pick(TOPICS)])];
  const publishers = [pick(orgs), pick(orgs), pick(orgs)];
  const text = `${header('engagement')}id: ${id}
title: ${sentence(10).slice(0, -1)}
date: "${date}"
date_precision: day
type: ${type}
medium: ${invalid ? 'vidoe' : medium}
participants:
  - person: ${a.id}
    organization: ${a.org.id}
    country: ${a.org.country}
    role: ${remote ? 'principal' : 'host'}
    title_as_reported: Minister of Defence
  - person: ${b.id}
    organization: ${b.org.id}
    country: ${b.org.country}
    role: ${remote ? 'principal' : 'visitor'}
    title_as_reported: Defence Minister
${remote ? '' : `host: ${a.org.country}\nlocation: Capital city\n`}initiator: unknown
topics: [${topics.join(', ')}]
outcomes:
  - kind: agreement
    summary: ${sentence(16)}
    sources: [statement, report-1]
  - kind: expression
    summary: ${sentence(14)}
    by: ${a.org.country}
    sources: [report-2]
  - kind: commitment
    summary: ${sentence(12)}
    by: ${b.org.country}
    sources: [statement]
sources:
  - id: statement
    publisher: ${publishers[0].id}
    kind: official-statement
    published: "${date}"
    language: en
    supports: ${sentence(8)}
  - id: report-1
    publisher: ${publishers[1].id}
    kind: news-report
    url: https://news.example.org/${id}
    published: "${date}"
    language: en
    reproduces: [statement]
    supports: ${sentence(8)}
  - id: report-2
    publisher: ${publishers[2].id}
    kind: news-report
    url: https://other.example.org/${id}
    language: en
    supports: ${sentence(8)}
disagreements:
  - field: other
    description: ${sentence(18)}
    sources: [statement, report-2]
confidence:
  level: medium
  reason: ${sentence(14)}
notes: >-
  ${sentence(30)}
  ${sentence(20)}
`;
  years.add(year);
  writes.push([path.join(recordsDir, 'engagements', String(year), `${id}.yaml`), text]);
}
for (const year of years) await mkdir(path.join(recordsDir, 'engagements', String(year)), { recursive: true });
// Write in batches: opening 100k files at once exhausts file descriptors.
for (let i = 0; i < writes.length; i += 256) await Promise.all(writes.slice(i, i + 256).map(([file, text]) => writeFile(file, text)));
await writeFile(path.join(out, 'manifest.json'), JSON.stringify({ records: n, people: personCount, organizations: orgCount, seed: Number(values.seed), invalid: invalidIds.sort() }, null, 2) + '\n');
console.log(`wrote ${n} engagements, ${personCount} people, ${orgCount} organizations (${invalidIds.length} invalid) to ${path.relative(process.cwd(), out)}`);

/** The founding-shaped corpus (--shape founding); see the header. */
async function generateFounding() {
  const repoRecords = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../records');
  const template = await readFile(path.join(repoRecords, 'engagements/2020/2020-08-06-pk-jp-army-chief-defence-minister-video-call.yaml'), 'utf8');
  const writes = [];
  for (const kind of ['people', 'organizations']) {
    for (const name of await readdir(path.join(repoRecords, kind))) writes.push([path.join(recordsDir, kind, name), await readFile(path.join(repoRecords, kind, name), 'utf8')]);
  }
  // Kono Taro was defence minister from 2019-09-11 to 2020-09-16: every date in between
  // (sources published the same day or the next) keeps the rules satisfied.
  const first = Date.UTC(2019, 8, 12);
  const days = Math.floor((Date.UTC(2020, 8, 14) - first) / 86400000);
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  const invalidShare = Number(values.invalid);
  const invalidIds = [];
  const years = new Set();
  for (let i = 0; i < n; i++) {
    const t = first + Math.floor(rand() * days) * 86400000;
    const date = iso(t);
    const next = iso(t + 86400000);
    const id = `${date}-founding-${String(i).padStart(7, '0')}`;
    const invalid = rand() < invalidShare;
    if (invalid) invalidIds.push(id);
    const text = template
      .replace(/^id: .*$/m, `id: ${id}`)
      .replace(/^date: .*$/m, `date: "${date}"`)
      .replace(/^medium: video$/m, invalid ? 'medium: vidoe' : 'medium: video')
      .replace(/published: 2020-08-06/g, `published: "${date}"`)
      .replace(/published: 2020-08-07/g, `published: "${next}"`)
      .replace(/Friday 2020-08-07/g, `the next day ${next}`)
      .replace(/Thursday, which is\n  2020-08-06/, `the day before, which is\n  ${date}`)
      .replace(/\n$/, `\n  ${sentence(24)}\n`);
    const year = date.slice(0, 4);
    years.add(year);
    writes.push([path.join(recordsDir, 'engagements', year, `${id}.yaml`), text]);
  }
  for (const year of years) await mkdir(path.join(recordsDir, 'engagements', year), { recursive: true });
  for (let i = 0; i < writes.length; i += 256) await Promise.all(writes.slice(i, i + 256).map(([file, text]) => writeFile(file, text)));
  const people = writes.filter(([f]) => f.includes(`${path.sep}people${path.sep}`)).length;
  const organizations = writes.filter(([f]) => f.includes(`${path.sep}organizations${path.sep}`)).length;
  await writeFile(path.join(out, 'manifest.json'), JSON.stringify({ shape: 'founding', records: n, people, organizations, seed: Number(values.seed), invalid: invalidIds.sort() }, null, 2) + '\n');
  console.log(`wrote ${n} founding-shaped engagements, ${people} people, ${organizations} organizations (${invalidIds.length} invalid) to ${path.relative(process.cwd(), out)}`);
}
