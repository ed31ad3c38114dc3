import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { attr, byId, byTag, jsonLdBlocks, linksOf, parsePage, textOf, type ParsedPage } from './html.js';
import { expandSchemaOrg, schemaOrgTypeErrors } from './schemaorg.js';
import { buildSite, filesUnder, FOUNDING_ID, FOUNDING_PAGE, ROOT } from './support.js';
import { displayDate, isoDate } from '../../packages/export-site/src/format.js';

// The site built from the real records, with every other output, as `engagements build` does.
let dist: string;
let site: string;
let pages: string[];
const parsed = new Map<string, ParsedPage>();
const load = (p: string) => parsed.get(p) ?? (parsed.set(p, parsePage(site, p)), parsed.get(p)!);
const MONTH_ID = '2019-01-01-jp-pk-js-ikazuchi-karachi-visit-and-sea-exercise';
const ids = (dir: string) => filesUnder(path.join(ROOT, 'records', dir)).map((f) => path.basename(f, '.yaml'));

/** The dataset's latest engagement date and its precision, read from the records (the end of the coverage grows as records are added). */
function latestEngagementDate(): { date: string; precision: 'day' | 'month' | 'year' } {
  const dir = path.join(ROOT, 'records', 'engagements');
  const dates = filesUnder(dir).map((f) => {
    const record = parseYaml(readFileSync(path.join(dir, f), 'utf8')) as { date: string; end_date?: string; date_precision?: 'day' | 'month' | 'year' };
    return { date: record.end_date ?? record.date, precision: record.date_precision ?? 'day' };
  });
  return dates.reduce((a, b) => (b.date > a.date ? b : a));
}
const LATEST = latestEngagementDate();

beforeAll(async () => {
  dist = await buildSite(path.join(ROOT, 'records'));
  site = path.join(dist, 'site');
  pages = filesUnder(site).filter((f) => f.endsWith('.html'));
}, 120_000);

describe('pages', () => {
  it('has a page for every engagement, person and organization, and the index pages', () => {
    for (const id of ids('engagements')) expect(pages).toContain(`engagements/${id}.html`);
    for (const id of ids('people')) expect(pages).toContain(`people/${id}.html`);
    for (const id of ids('organizations')) expect(pages).toContain(`organizations/${id}.html`);
    for (const p of ['index.html', 'engagements/index.html', 'people/index.html', 'organizations/index.html', 'countries/index.html', 'downloads.html', 'about.html', 'changelog.html']) {
      expect(pages).toContain(p);
    }
    expect(pages).toEqual(expect.arrayContaining(['countries/jp.html', 'countries/pk.html', 'types/call.html', 'media/video.html', 'topics/covid-19.html', 'years/2020.html']));
  });

  it('shows every field of the founding record, with participants, outcomes and sources linked', () => {
    const page = load(FOUNDING_PAGE);
    const text = textOf(page.elements.find((e) => e.tagName === 'main')!).replace(/\s+/g, ' ');
    expect(textOf(byTag(page, 'h1')[0]!)).toBe("Pakistan's army chief and Japan's defence minister hold a video teleconference");
    for (const words of [
      '6 August 2020 (precision: day)',
      'Call',
      'Video',
      'Japan, Pakistan (bilateral, remote)',
      'Not known: no source says who asked for it.',
      '041 Discuss by telephone',
      'high Pakistani reports based on ISPR',
      'Chief of Army Staff (COAS)',
      'named “Kono Taro”',
      'Locust control',
      'A three-point understanding',
      'The minister\'s name is written Kono Taro in ISPR-based reports',
      'No source says which side asked for the call.',
      'https://w3id.org/engagements/id/engagement/2020-08-06-pk-jp-army-chief-defence-minister-video-call',
    ]) expect(text).toContain(words);
    const hrefs = linksOf(page);
    expect(hrefs).toEqual(expect.arrayContaining(['../people/kono-taro.html', '../people/qamar-javed-bajwa.html', '../organizations/pakistan-army.html', '../organizations/japan-ministry-of-defense.html', '../countries/jp.html', '../types/call.html', '../media/video.html', '../topics/covid-19.html']));
    // Outcome 3 is supported by mod-release, centreline and the-nation: links to those sources on the page.
    const outcome = byId(page, 'outcome-3')!;
    const cited = page.elements.filter((e) => e.tagName === 'a' && isInside(e, outcome)).map((a) => attr(a, 'href'));
    expect(cited).toEqual(['#source-mod-release', '#source-centreline', '#source-the-nation']);
    for (const s of ['ispr-statement', 'mod-release', 'the-nation', 'business-recorder']) expect(byId(page, `source-${s}`)).toBeDefined();
    expect(hrefs).toContain(`https://github.com/engagements-data/engagements/blob/main/records/engagements/2020/${FOUNDING_ID}.yaml`);
    expect(hrefs).toContain('../downloads/jsonld/engagements.jsonld');
  });

  it("links the founding record's CSV rows, and each row range holds exactly its rows", () => {
    const csvLinks = linksOf(load(FOUNDING_PAGE)).filter((h) => h.includes('/csv/') && h.includes('#row='));
    expect(csvLinks.map((h) => h.split('#')[0])).toEqual(expect.arrayContaining(['../downloads/csv/engagements.csv', '../downloads/csv/participants.csv', '../downloads/csv/outcomes.csv', '../downloads/csv/sources.csv']));
    for (const link of csvLinks) {
      const [file, fragment] = link.split('#') as [string, string];
      const [first, last = first] = fragment.slice('row='.length).split('-').map(Number) as [number, number?];
      const rows = parseCsv(readFileSync(path.join(site, 'engagements', file), 'utf8')) as string[][];
      const header = rows[0]!;
      const key = header.indexOf('engagement_id') >= 0 ? header.indexOf('engagement_id') : header.indexOf('id');
      // RFC 7111: the header is row 1, so CSV row n is rows[n - 1].
      const mine = rows.map((r, i) => (r[key] === FOUNDING_ID ? i + 1 : -1)).filter((n) => n > 0);
      expect([mine[0], mine[mine.length - 1]], link).toEqual([first, last]);
      expect(mine.length, link).toBe(last - first + 1);
    }
  });

  it('shows a person with positions over time and engagements, a country with its partners', () => {
    const kono = textOf(byTag(load('people/kono-taro.html'), 'main')[0]!).replace(/\s+/g, ' ');
    expect(kono).toContain('11 September 2019 – 16 September 2020 Minister of Defense, Ministry of Defense (Japan)');
    expect(linksOf(load('people/kono-taro.html'))).toContain(`../${FOUNDING_PAGE}`);
    const japan = load('countries/jp.html');
    const partners = byId(japan, 'partners')!.parentNode as unknown as Parameters<typeof textOf>[0];
    expect(textOf(partners).replace(/\s+/g, ' ')).toMatch(/Pakistan \d+/);
    expect(linksOf(japan)).toContain(`../${FOUNDING_PAGE}`);
  });

  it('says "in post by" before a start that is only the earliest date sources show the person in office', () => {
    const main = (p: string) => textOf(byTag(load(p), 'main')[0]!).replace(/\s+/g, ' ');
    // records/people/kenneth-mckenzie.yaml: start 2019-09-09 with start_qualifier in-post-by.
    expect(main('people/kenneth-mckenzie.html')).toContain('in post by 9 September 2019 – no end recorded Commander, United States Central Command');
    expect(load('people/kenneth-mckenzie.html').html).toContain('<span class="muted">in post by</span> <time datetime="2019-09-09">9 September 2019</time>');
    // records/people/wada-mitsuhiro.yaml: a start known to the month, no qualifier.
    expect(main('people/wada-mitsuhiro.html')).toContain('Positions over time October 2021 – no end recorded Ambassador of Japan to Pakistan');
    expect(main('people/kono-taro.html')).not.toContain('in post by');
  });

  it('names the sources of each position date and lists them, linked, on the person page', () => {
    const page = load('people/kenneth-mckenzie.html');
    const main = textOf(byTag(page, 'main')[0]!).replace(/\s+/g, ' ');
    // records/people/kenneth-mckenzie.yaml: the in-post-by start cites dawn-2019-09-10.
    expect(main).toContain('In post by: Dawn');
    expect(main).toContain('Sources of the dates');
    expect(linksOf(page)).toEqual(expect.arrayContaining(['#source-dawn-2019-09-10', 'https://www.dawn.com/news/1504510/coas-centcom-commander-discuss-kashmir-afghan-issues', '../organizations/dawn.html']));
    expect(byId(page, 'source-dawn-2019-09-10')).toBeDefined();
    // A start and an end, each with its own sources: records/people/kono-taro.yaml.
    const kono = textOf(byTag(load('people/kono-taro.html'), 'main')[0]!).replace(/\s+/g, ' ');
    expect(kono).toMatch(/Start: [^;]+; End: /);
  });

  it('draws the timeline and the country chart as SVG in the home page, with no script but JSON-LD', () => {
    const home = load('index.html');
    const svgs = byTag(home, 'svg').filter((s) => attr(s, 'role') === 'img');
    expect(svgs).toHaveLength(2);
    expect(byTag(home, 'rect').filter((r) => byTag(home, 'title').length && r.parentNode && attr(r.parentNode as never, 'class') === 'bars').length).toBeGreaterThan(10);
    expect(byTag(home, 'path').length).toBeGreaterThan(10);
    expect(byTag(home, 'script').map((s) => attr(s, 'type'))).toEqual(['application/ld+json']);
    const text = textOf(byTag(home, 'main')[0]!).replace(/\s+/g, ' ');
    expect(text).toMatch(/\b\d+ engagements\b/);
  });

  it('renders the list without JavaScript: every engagement as a row, filters as plain links', () => {
    const list = load('engagements/index.html');
    const rows = byTag(list, 'tr').filter((r) => attr(r, 'data-id'));
    expect(rows.map((r) => attr(r, 'data-id')).sort()).toEqual(ids('engagements').sort());
    expect(attr(byId(list, 'filters')!, 'hidden')).toBe('');
    expect(linksOf(list)).toEqual(expect.arrayContaining(['../countries/jp.html', '../types/call.html', '../media/video.html', '../topics/covid-19.html', '../years/2020.html']));
  });

  it('carries a Content-Security-Policy without inline script on every page, and no inline script or style', () => {
    for (const p of pages) {
      const page = load(p);
      const csp = byTag(page, 'meta').find((m) => attr(m, 'http-equiv') === 'Content-Security-Policy');
      expect(attr(csp!, 'content'), p).toBe("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'");
      for (const s of byTag(page, 'script')) expect(attr(s, 'src') !== undefined || attr(s, 'type') === 'application/ld+json', p).toBe(true);
      expect(page.elements.filter((e) => attr(e, 'style') !== undefined || e.tagName === 'style'), p).toEqual([]);
      expect(page.elements.flatMap((e) => e.attrs.filter((a) => a.name.startsWith('on'))), p).toEqual([]);
    }
  });
});

describe('dates at month precision', () => {
  // records/engagements/2019/2019-01-01-jp-pk-js-ikazuchi-… has date_precision: month.
  it('are printed as the month on the home page, the list, the record page and its <time> elements', () => {
    const home = textOf(byTag(load('index.html'), 'body')[0]!);
    expect(home).toContain(`From January 2019 to ${displayDate(LATEST.date, LATEST.precision)}.`);
    expect(home).not.toMatch(/(?<!\d)1 January 2019/);
    const list = load('engagements/index.html');
    const row = byTag(list, 'tr').find((r) => attr(r, 'data-id') === MONTH_ID)!;
    expect(textOf(row)).toContain('January 2019');
    expect(textOf(row)).not.toContain('2019-01-01');
    expect(list.html).toContain(`<time datetime="2019-01">January 2019</time>`);
    const page = load(`engagements/${MONTH_ID}.html`);
    const body = textOf(byTag(page, 'body')[0]!);
    expect(body).toContain('January 2019 (precision: month)');
    expect(body).not.toContain('2019-01-01 (precision');
    expect(body).not.toMatch(/(?<!\d)1 January 2019/);
  });
});

type Element = ReturnType<typeof byTag>[number];
describe('countries', () => {
  const names = (options: Element[]) => options.map((o) => textOf(o));
  it('are listed by English name in the Country filter, the facet list and the Countries page', () => {
    const list = load('engagements/index.html');
    const select = byId(list, 'f-country')!;
    const options = names(list.elements.filter((e) => e.tagName === 'option' && e.parentNode === select)).slice(1);
    expect(options.length).toBeGreaterThan(3);
    expect(options).toEqual([...options].sort(new Intl.Collator('en').compare));
    // By code, United Kingdom (GB) came before Japan (JP): the names make the order.
    expect(options.indexOf('Japan')).toBeLessThan(options.indexOf('United Kingdom'));
    const countries = load('countries/index.html');
    const rows = byTag(countries, 'tbody').flatMap((b) => b.childNodes.filter((n): n is Element => 'tagName' in n && n.tagName === 'tr'));
    const shown = rows.map((r) => textOf(r.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'td')!));
    expect(shown.length).toBeGreaterThan(3);
    expect(shown).toEqual([...shown].sort(new Intl.Collator('en').compare));
  });
});

describe('links', () => {
  it('resolve: every internal link names an existing file of the site, every fragment an element of its page', () => {
    const broken: string[] = [];
    for (const p of pages) {
      for (const link of linksOf(load(p))) {
        if (/^(https?:|mailto:)/.test(link)) continue;
        expect(link, `${p}: ${link}`).not.toMatch(/^(\/|[a-z]+:)/i); // relative, so that file:// and any folder work
        const [file, fragment] = link.split('#') as [string, string | undefined];
        const target = file === '' ? p : path.posix.normalize(path.posix.join(path.posix.dirname(p), file));
        if (target.startsWith('..') || !existsSync(path.join(site, target)) || target.endsWith('/')) {
          broken.push(`${p}: ${link}`);
          continue;
        }
        if (fragment && target.endsWith('.html') && !byId(load(target), fragment)) broken.push(`${p}: ${link} (no #${fragment})`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('downloads', () => {
  it('are the outputs of the same build, copied byte for byte under downloads/', () => {
    const outputs = filesUnder(dist).filter((f) => !f.startsWith('site/') && !f.startsWith('sdk/'));
    const copies = filesUnder(path.join(site, 'downloads'));
    expect(copies).toEqual(outputs);
    for (const f of outputs) expect(readFileSync(path.join(site, 'downloads', f)).equals(readFileSync(path.join(dist, f))), f).toBe(true);
    const listed = [...new Set(linksOf(load('downloads.html')).filter((h) => h.startsWith('downloads/')))];
    expect(listed.sort()).toEqual(outputs.map((f) => `downloads/${f}`).sort());
    expect(textOf(byTag(load('downloads.html'), 'main')[0]!)).toMatch(/npm install @engagements\/sdk@\d+\.\d+\.\d+/);
  });

  it('lists the SQLite database that the exporter before the site wrote, with its bytes', () => {
    const downloadsPage = load('downloads.html');
    expect(linksOf(downloadsPage)).toEqual(expect.arrayContaining(['downloads/sqlite/engagements.sqlite', 'downloads/sqlite/metadata.json']));
    expect(textOf(byTag(downloadsPage, 'main')[0]!)).toContain('SQLite database (engagements.sqlite)');
    expect(readFileSync(path.join(site, 'downloads/sqlite/engagements.sqlite')).equals(readFileSync(path.join(dist, 'sqlite/engagements.sqlite')))).toBe(true);
    const dataset = jsonLdBlocks(load('index.html'))[0] as { distribution: Array<{ contentUrl: string; encodingFormat: string }> };
    expect(dataset.distribution).toContainEqual(expect.objectContaining({ contentUrl: 'downloads/sqlite/engagements.sqlite', encodingFormat: 'application/vnd.sqlite3' }));
  });
});

describe('schema.org markup', () => {
  it('describes the dataset on the home page: a distribution for every download, licence, creator, coverage, version', async () => {
    const [dataset] = jsonLdBlocks(load('index.html')) as [Record<string, any>];
    expect(dataset['@type']).toBe('Dataset');
    expect(dataset.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(dataset.creator).toEqual({ '@type': 'Organization', name: 'The engagements project contributors' });
    expect(dataset.version).toBe(JSON.parse(readFileSync(path.join(dist, 'sdk/package.json'), 'utf8')).version);
    // The earliest record has date_precision month: ISO 8601 reduced precision, as schema.org Date allows.
    expect(dataset.temporalCoverage).toBe(`2019-01/${isoDate(LATEST.date, LATEST.precision)}`);
    expect(dataset.spatialCoverage).toContainEqual({ '@type': 'Country', name: 'Japan', identifier: 'JP' });
    const downloads = filesUnder(path.join(site, 'downloads')).map((f) => `downloads/${f}`);
    expect(dataset.distribution.map((d: { contentUrl: string }) => d.contentUrl).sort()).toEqual(downloads.sort());
    const expanded = await expandSchemaOrg(dataset, 'https://example.org/site/index.html');
    const node = expanded[0]!;
    expect(node['@type']).toEqual(['https://schema.org/Dataset']);
    expect(node['https://schema.org/license']).toEqual([{ '@id': 'https://creativecommons.org/licenses/by/4.0/' }]);
    expect((node['https://schema.org/distribution'] as unknown[]).length).toBe(downloads.length);
    // Relative download addresses resolve against the page, as JSON-LD says.
    expect(JSON.stringify(node)).toContain('"@id":"https://example.org/site/downloads/csv/engagements.csv"');
  });

  it('describes each engagement as an Event that a JSON-LD processor expands', async () => {
    for (const id of ids('engagements')) {
      const blocks = jsonLdBlocks(load(`engagements/${id}.html`)) as Array<Record<string, any>>;
      expect(blocks).toHaveLength(1);
      const expanded = await expandSchemaOrg(blocks[0]!, `https://example.org/site/engagements/${id}.html`);
      expect(expanded[0]!['@type']).toEqual(['https://schema.org/Event']);
      const { date, date_precision } = parseYaml(readFileSync(path.join(ROOT, 'records', 'engagements', id.slice(0, 4), `${id}.yaml`), 'utf8')) as { date: string; date_precision: string };
      const expected = date_precision === 'year' ? date.slice(0, 4) : date_precision === 'month' ? date.slice(0, 7) : date;
      expect(expanded[0]!['https://schema.org/startDate']).toEqual([{ '@value': expected }]);
    }
    const ikazuchi = jsonLdBlocks(load(`engagements/${MONTH_ID}.html`))[0] as Record<string, any>;
    expect(ikazuchi.startDate).toBe('2019-01');
    const founding = jsonLdBlocks(load(FOUNDING_PAGE))[0] as Record<string, any>;
    expect(founding.eventAttendanceMode).toBe('https://schema.org/OnlineEventAttendanceMode');
    expect(founding.attendee.map((a: { name: string }) => a.name)).toEqual(['Qamar Javed Bajwa', 'Kono Taro']);
    expect(founding.subjectOf).toHaveLength(10);
  });

  it("uses only schema.org's types and properties, checked against schema-dts (generated from schema.org's vocabulary)", () => {
    const blocks = [
      { type: 'Dataset', name: 'index.html', value: jsonLdBlocks(load('index.html'))[0] },
      ...ids('engagements').map((id) => ({ type: 'Event', name: id, value: jsonLdBlocks(load(`engagements/${id}.html`))[0] })),
    ];
    // The check can fail: a property schema.org does not define, and a value of the wrong kind.
    const founding = blocks.find((b) => b.name === FOUNDING_ID)!.value as object;
    const wrong = [
      { type: 'Event', name: 'unknown property', value: { ...founding, fooBar: 1 } },
      { type: 'Event', name: 'wrong value', value: { ...founding, startDate: 20200806 } },
    ];
    const errors = schemaOrgTypeErrors([...blocks, ...wrong]);
    expect(errors.filter((e) => !e.startsWith('unknown property:') && !e.startsWith('wrong value:'))).toEqual([]);
    expect(errors.join('\n')).toMatch(/unknown property: .*'"?fooBar"?' does not exist in type 'EventLeaf/);
    expect(errors.join('\n')).toMatch(/wrong value: Type 'number' is not assignable to type 'SchemaValue<string, "startDate">/);
  }, 120_000);
});

function isInside(element: { parentNode: unknown }, ancestor: unknown): boolean {
  for (let n = element.parentNode as { parentNode?: unknown } | null; n; n = (n.parentNode as { parentNode?: unknown } | null) ?? null) if (n === ancestor) return true;
  return false;
}
