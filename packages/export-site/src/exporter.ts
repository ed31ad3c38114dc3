// The site exporter: dataset (and the files of the exporters before it) -> site/, a static
// site of plain HTML pages with relative links. Pure: it reads its own templates and assets
// and MiniSearch's browser build, never the clock, and writes nothing (the build does).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CAMEO_BY_TYPE, CAMEO, positionSpan, type ExportContext, type Exporter, type OutputFile, type PublishedDataset } from '@engagements/core';
import { iri } from '@engagements/export-jsonld';
import { countryChart } from './charts/countryLinks.js';
import { timelineChart } from './charts/timeline.js';
import { csvRowRanges, rowFragment, type RecordKind } from './csvRows.js';
import { downloadsFrom, outputNamed, sdkInfo, type Download } from './downloads.js';
import { displayDate, displayMonth, isoDate, plural } from './format.js';
import { buildModel, byCountryName, countryName, sortCountries, FACETS, partnerOrganizations, partnersOf, termLabel, type EngagementView, type SiteModel } from './model.js';
import { page } from './paths.js';
import { ASSETS_DIR, helpers, renderPage, renderPartial, type PageMeta } from './render.js';
import { searchIndexScript } from './searchIndex.js';
import { datasetNode, eventNode, jsonForScript } from './structuredData.js';

/** How many of the engagements an organization reported (as a source's publisher) its page lists, latest first. */
export const REPORTED_SHOWN = 100;

/** The site's folder under the output folder. */
export const SITE_FOLDER = 'site';

export interface SiteOptions {
  /** The repository on GitHub whose `records/` the YAML links point to (no trailing slash). */
  repositoryUrl: string;
  /** The branch the YAML links name. */
  branch: string;
  /** The address the site is published at (ends with `/`), for absolute URLs in the schema.org markup; relative when absent. */
  siteUrl?: string;
}

/**
 * The repository the YAML links point to: `ENGAGEMENTS_REPOSITORY_URL` when set (the Pages
 * workflow sets it from GitHub's own variables), otherwise the project's repository.
 */
export const DEFAULT_REPOSITORY_URL = 'https://github.com/engagements-data/engagements';

/** Options from the environment: ENGAGEMENTS_REPOSITORY_URL, ENGAGEMENTS_SITE_URL (both optional). */
export function siteOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SiteOptions {
  const siteUrl = env.ENGAGEMENTS_SITE_URL?.trim();
  return {
    repositoryUrl: (env.ENGAGEMENTS_REPOSITORY_URL?.trim() || DEFAULT_REPOSITORY_URL).replace(/\/+$/, ''),
    branch: 'main',
    ...(siteUrl ? { siteUrl: siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/` } : {}),
  };
}

const require = createRequire(import.meta.url);

/** MiniSearch's browser build (UMD: defines the global `MiniSearch`; a classic script, which file:// allows). */
function miniSearchBrowserBuild(): string {
  const entry = require.resolve('minisearch');
  const root = entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`));
  return readFileSync(path.join(root, 'dist', 'umd', 'index.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n');
}

function asset(name: string): string {
  return readFileSync(path.join(ASSETS_DIR, name), 'utf8');
}

/** Everything a template may call to format or link record data. */
function formatters(model: SiteModel) {
  return {
    country: (code: string) => countryName(code),
    /** Codes in the order the site lists countries: by English name. */
    countries: (codes: Iterable<string>) => sortCountries(codes),
    term: (vocabulary: string, id: string) => termLabel(model, vocabulary, id),
    date: displayDate,
    /** ISO 8601 at the date's precision, for `<time datetime>`. */
    iso: isoDate,
    month: displayMonth,
    plural,
    person: (id: string) => model.personById.get(id),
    organization: (id: string) => model.organizationById.get(id),
    engagement: (id: string) => model.engagementById.get(id),
    /** The name a source is cited by: its publisher's name (the id when the publisher is not a record), or the local id itself when no source has it. */
    sourceName: (sources: readonly { id: string; publisher: string }[] | undefined, id: string) => {
      const s = sources?.find((x) => x.id === id);
      return s ? (model.organizationById.get(s.publisher)?.name ?? s.publisher) : id;
    },
  };
}

/** The YAML file of a record in the repository. */
function yamlUrl(options: SiteOptions, kind: RecordKind, id: string, date?: string): string {
  const file = kind === 'engagement' ? `records/engagements/${date!.slice(0, 4)}/${id}.yaml` : `records/${kind === 'person' ? 'people' : 'organizations'}/${id}.yaml`;
  return `${options.repositoryUrl}/blob/${options.branch}/${file}`;
}

/** A table of engagements a page asked for. */
interface TableSpec {
  views: readonly EngagementView[];
  /** The page's path, that links are relative to. */
  from: string;
  filterable: boolean;
}

/** Rows of a table rendered at a time: about 0.5 MB of HTML. */
const ROWS_PER_CHUNK = 1000;

/**
 * The marker of a page's n-th table. Only the site's own markup can hold a raw `<`: record
 * text is escaped by the templates (`<%= %>`) and by jsonForScript (JSON-LD).
 */
const tableMarker = (n: number) => `<engagements-table ${n}>`;
const TABLE_MARKER = /<engagements-table (\d+)>/;

/**
 * A page's HTML with each table marker replaced by its table, as chunks: the text around
 * the markers, each table's head, its rows ROWS_PER_CHUNK at a time, and its tail. The
 * same bytes as the table rendered whole in place (one template, rendered in three parts).
 */
function* pageChunks(html: string, tables: readonly TableSpec[], fmt: ReturnType<typeof formatters>): Generator<string> {
  const parts = html.split(TABLE_MARKER); // text, table index, text, table index, ..., text
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) {
      if (parts[i]) yield parts[i]!;
      continue;
    }
    const { views, from, filterable } = tables[Number(parts[i])]!;
    const common = { fmt, h: helpers(from), filterable };
    yield renderPartial('partials/engagementTable', { ...common, part: 'head', views: [] });
    for (let at = 0; at < views.length; at += ROWS_PER_CHUNK) yield renderPartial('partials/engagementTable', { ...common, part: 'rows', views: views.slice(at, at + ROWS_PER_CHUNK) });
    yield renderPartial('partials/engagementTable', { ...common, part: 'tail', views: [] });
  }
}

export function buildSiteFiles(dataset: PublishedDataset, context: ExportContext, options: SiteOptions): OutputFile[] {
  const outputs = context.outputs ?? [];
  const model = buildModel(dataset);
  const downloads = downloadsFrom(outputs);
  const downloadPaths = new Set(downloads.map((d) => d.outputPath));
  const sdk = sdkInfo(outputs);
  const rows = csvRowRanges(dataset);
  const fmt = formatters(model);
  const files: OutputFile[] = [];
  // The tables a page being rendered asked for (see `table`), in the order of their markers.
  let pageTables: TableSpec[] | undefined;
  const emit = (meta: PageMeta, template: string, data: Record<string, unknown> | (() => Record<string, unknown>) = {}) => {
    // Rendered when the build writes the file, so that pages are never all held in memory;
    // a page's data may be given as a function, computed then too (a record page's links
    // and lists: 100,000 engagement pages kept about 150 MiB of them alive otherwise).
    files.push({
      path: `${SITE_FOLDER}/${meta.path}`,
      content: () => {
        pageTables = [];
        const html = renderPage(template, meta, { ...(typeof data === 'function' ? data() : data), fmt, model });
        const tables = pageTables;
        pageTables = undefined;
        return tables.length === 0 ? [html] : pageChunks(html, tables, fmt);
      },
    });
  };
  /** Where a record is in the other formats: its YAML, its CSV rows (when the CSV was built) and its JSON-LD node. */
  const elsewhere = (kind: RecordKind, id: string, date?: string) => ({
    yaml: yamlUrl(options, kind, id, date),
    csv: (rows.get(`${kind}:${id}`) ?? [])
      .filter((r) => downloadPaths.has(`csv/${r.file}`))
      .map((r) => ({ ...r, href: `${page.download(`csv/${r.file}`)}#${rowFragment(r)}` })),
    jsonldIri: iri[kind](id),
    jsonld: downloadPaths.has('jsonld/engagements.jsonld') ? page.download('jsonld/engagements.jsonld') : null,
    nquads: downloadPaths.has('jsonld/engagements.nq') ? page.download('jsonld/engagements.nq') : null,
  });
  /**
   * A table of engagements, for a template to place with `<%~ it.table() %>`: the template
   * gets a marker, and the table is written in its place a slice of rows at a time
   * (pageChunks), so that a table of every engagement is never one string.
   */
  const table = (views: readonly EngagementView[], from: string, filterable = false) => () => {
    if (!pageTables) throw new Error('an engagement table outside a page being rendered');
    pageTables.push({ views, from, filterable });
    return tableMarker(pageTables.length - 1);
  };

  // Home
  const totals = new Map([...model.byCountry].map(([c, v]) => [c, v.length]));
  const timeline = timelineChart(model.engagements, model.terms['engagement-type']!);
  const chord = countryChart(model.pairs, totals, countryName);
  emit(
    {
      path: page.home,
      title: 'Home',
      description: `An open dataset of ${plural(model.engagements.length, 'defence-diplomacy engagement')}, each with its sources.`,
      section: 'home',
      jsonLd: () => jsonForScript(datasetNode({ model, version: sdk?.version ?? null, downloads, base: options.siteUrl })),
    },
    'home',
    {
      version: sdk?.version ?? null,
      sourceCount: model.engagements.reduce((n, v) => n + v.record.sources.length, 0),
      timelineSvg: renderPartial('charts/timeline', { chart: timeline }),
      timeline,
      chordSvg: renderPartial('charts/countries', { chart: chord }),
      chord,
      recent: table(model.engagements.slice(-8).reverse(), page.home),
    },
  );

  // Every engagement, filterable
  emit(
    {
      path: page.engagements,
      title: 'All engagements',
      description: `Every engagement of the dataset (${model.engagements.length}), with filters and full-text search.`,
      section: 'engagements',
      scripts: [page.asset('minisearch.js'), page.asset('search-index.js'), page.asset('list.js')],
    },
    'engagements',
    { table: table(model.engagements, page.engagements, true), facets: FACETS, years: [...model.byYear.keys()].sort() },
  );
  for (const view of model.engagements) {
    const e = view.record;
    const path = page.engagement(e.id);
    emit(
      {
        path,
        title: e.title,
        description: `${displayDate(e.date, e.date_precision)}: ${e.title}`,
        section: 'engagements',
        jsonLd: () => jsonForScript(eventNode(model, e, options.siteUrl, path)),
      },
      'engagement',
      () => ({ view, e, elsewhere: elsewhere('engagement', e.id, e.date), cameoRule: CAMEO_BY_TYPE[e.type]?.rule ?? null }),
    );
  }

  // People
  emit({ path: page.people, title: 'People', description: `The ${plural(dataset.people.length, 'person', 'people')} of the dataset.`, section: 'people' }, 'people', {
    people: [...dataset.people].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1)),
  });
  for (const person of dataset.people) {
    const path = page.person(person.id);
    emit({ path, title: person.name, description: `${person.name}: positions held and engagements.`, section: 'people' }, 'person', () => {
      const views = model.byPerson.get(person.id) ?? [];
      const met = new Map<string, number>();
      for (const v of views) {
        const own = new Set(v.record.participants.filter((p) => p.person === person.id).map((p) => p.country));
        for (const c of v.facts.countries) if (!own.has(c)) met.set(c, (met.get(c) ?? 0) + 1);
      }
      return {
        person,
        positions: [...person.positions].sort((a, b) => (positionSpan(a).from < positionSpan(b).from ? -1 : positionSpan(a).from > positionSpan(b).from ? 1 : 0)),
        table: table(views, path),
        count: views.length,
        met: [...met].map(([country, count]) => ({ country, count })).sort((a, b) => b.count - a.count || byCountryName(a.country, b.country)),
        elsewhere: elsewhere('person', person.id),
      };
    });
  }

  // Organizations
  const children = new Map<string, string[]>();
  for (const o of dataset.organizations) {
    if (!o.parent) continue;
    const list = children.get(o.parent);
    if (list) list.push(o.id);
    else children.set(o.parent, [o.id]);
  }
  const published = new Map<string, EngagementView[]>();
  for (const v of model.engagements) {
    for (const publisher of new Set(v.record.sources.map((s) => s.publisher))) {
      const list = published.get(publisher);
      if (list) list.push(v);
      else published.set(publisher, [v]);
    }
  }
  emit(
    { path: page.organizations, title: 'Organizations', description: `The ${plural(dataset.organizations.length, 'organization')} of the dataset.`, section: 'organizations' },
    'organizations',
    { groups: model.terms['organization-kind']!.map((k) => ({ kind: k, members: dataset.organizations.filter((o) => o.kind === k.id) })).filter((g) => g.members.length > 0) },
  );
  for (const org of dataset.organizations) {
    const path = page.organization(org.id);
    const views = model.byOrganization.get(org.id) ?? [];
    const reported = published.get(org.id) ?? [];
    emit({ path, title: org.name, description: `${org.name}: engagements and partners.`, section: 'organizations' }, 'organization', () => ({
      org,
      children: (children.get(org.id) ?? []).sort(),
      table: table(views, path),
      count: views.length,
      partners: partnerOrganizations(views, org.id),
      // The latest REPORTED_SHOWN only: a wire service reports thousands.
      reported: reported.length ? table(reported.slice(-REPORTED_SHOWN).reverse(), path) : null,
      reportedCount: reported.length,
      reportedShown: REPORTED_SHOWN,
      elsewhere: elsewhere('organization', org.id),
    }));
  }

  // Countries
  emit({ path: page.countries, title: 'Countries', description: `The ${plural(model.countries.length, 'country', 'countries')} taking part in engagements.`, section: 'countries' }, 'countries', {
    countries: model.allCountries.map((code) => ({ code, count: model.byCountry.get(code)?.length ?? 0, partners: partnersOf(model, code).length })),
  });
  for (const code of model.allCountries) {
    const path = page.country(code);
    const views = model.byCountry.get(code) ?? [];
    const people = new Set<string>();
    const orgs = new Set<string>();
    for (const v of views) for (const p of v.record.participants) if (p.country === code) {
      if (p.person) people.add(p.person);
      if (p.organization) orgs.add(p.organization);
    }
    for (const o of dataset.organizations) if (o.country === code) orgs.add(o.id);
    for (const p of dataset.people) if (p.positions.some((pos) => pos.country === code)) people.add(p.id);
    emit({ path, title: countryName(code), description: `Engagements of ${countryName(code)} and the countries it met.`, section: 'countries' }, 'country', {
      code,
      table: table(views, path),
      count: views.length,
      partners: partnersOf(model, code),
      people: [...people].sort(),
      organizations: [...orgs].sort(),
    });
  }

  // Engagements by type, medium, topic and year: the list's filters without JavaScript
  for (const facet of FACETS) {
    const terms = model.terms[facet.vocabulary]!;
    for (const term of terms) {
      const views = model.byTerm.get(facet.vocabulary)!.get(term.id);
      if (!views) continue;
      const path = page.term(facet.folder, term.id);
      emit({ path, title: `${facet.label}: ${term.label}`, description: term.definition, section: 'engagements' }, 'facet', {
        heading: `${facet.label}: ${term.label}`,
        definition: term.definition,
        table: table(views, path),
        count: views.length,
      });
    }
  }
  for (const [year, views] of model.byYear) {
    const path = page.year(year);
    emit({ path, title: `Engagements in ${year}`, description: `Every engagement of ${year}.`, section: 'engagements' }, 'facet', {
      heading: `Engagements in ${year}`,
      definition: null,
      table: table(views, path),
      count: views.length,
    });
  }

  // Downloads, about, changelog
  const groups: Array<{ name: string; items: Download[] }> = [];
  for (const d of downloads) {
    const last = groups[groups.length - 1];
    if (last && last.name === d.group) last.items.push(d);
    else groups.push({ name: d.group, items: [d] });
  }
  emit({ path: page.downloads, title: 'Downloads', description: 'The dataset as CSV tables, JSON-LD, N-Quads and more, and the SDK.', section: 'downloads' }, 'downloads', {
    groups,
    sdk,
    codebook: downloadPaths.has('codebook.md') ? page.download('codebook.md') : null,
  });
  emit({ path: page.about, title: 'About', description: 'What the dataset is, its licence, how to cite it and how to contribute.', section: 'about' }, 'about', {
    version: sdk?.version ?? null,
    repositoryUrl: options.repositoryUrl,
    branch: options.branch,
    cameo: Object.entries(CAMEO_BY_TYPE).map(([type, m]) => ({ type, code: m.code, label: m.code ? CAMEO[m.code]!.label : null, rule: m.rule })),
  });
  emit({ path: page.changelog, title: 'Changelog', description: 'What changed in each release of the dataset.', section: 'about' }, 'changelog', {
    changelog: outputNamed(outputs, 'sdk/CHANGELOG.md'),
  });

  // Assets and the downloads' copies
  files.push(
    { path: `${SITE_FOLDER}/${page.asset('site.css')}`, content: asset('site.css') },
    { path: `${SITE_FOLDER}/${page.asset('list.js')}`, content: asset('list.js') },
    { path: `${SITE_FOLDER}/${page.asset('favicon.svg')}`, content: asset('favicon.svg') },
    { path: `${SITE_FOLDER}/${page.asset('minisearch.js')}`, content: miniSearchBrowserBuild() },
    { path: `${SITE_FOLDER}/${page.asset('search-index.js')}`, content: () => searchIndexScript(model) },
    ...downloads.map((d) => ({ path: `${SITE_FOLDER}/${d.sitePath}`, content: d.file.content })),
  );
  return files;
}

/** Creates the site exporter; `options` default to siteOptionsFromEnv() at export time. */
export function createSiteExporter(options?: Partial<SiteOptions>): Exporter {
  return {
    name: 'site',
    export: (dataset, context) => buildSiteFiles(dataset, context, { ...siteOptionsFromEnv(), ...options }),
  };
}

/** The exporter `engagements build` runs last, so that its downloads list every other output. */
export const siteExporter: Exporter = createSiteExporter();
