// The downloads: every file the other exporters of the same build wrote (their files are
// handed to the site exporter as `context.outputs`), except the SDK's package folder, which
// the site shows as an install line. Each is copied under `downloads/` in the site with the
// same content value, so the build produces it once and copies the bytes, and a deployment
// of the site folder alone still serves every file. A new output (such as the SQLite
// database) appears here as soon as its exporter runs before the site's.
import { outputText, type OutputFile } from '@engagements/core';
import { tables } from '@engagements/export-csv';
import { page } from './paths.js';

export interface Download {
  /** The file's path in the build's output folder (`csv/engagements.csv`). */
  outputPath: string;
  /** The copy's path in the site (`downloads/csv/engagements.csv`). */
  sitePath: string;
  group: string;
  title: string;
  description: string;
  /** IANA media type. */
  mediaType: string;
  file: OutputFile;
}

interface Kind {
  match: RegExp;
  group: string;
  mediaType: string;
  title: (path: string) => string;
  description: (path: string) => string;
}

const csvTables = new Map(tables.map((t) => [t.file, t]));

/** What each known output is; the order of this list is the order of the groups on the page. */
const KINDS: Kind[] = [
  {
    match: /^csv\/datapackage\.json$/,
    group: 'CSV tables and data package',
    mediaType: 'application/json',
    title: () => 'Data package (datapackage.json)',
    description: () => 'Frictionless Tabular Data Package: every table with its fields, types, constraints, primary and foreign keys.',
  },
  {
    match: /^csv\/[^/]+\.csv$/,
    group: 'CSV tables and data package',
    mediaType: 'text/csv',
    title: (p) => `${csvTables.get(p.slice(4))?.title ?? p.slice(4)} (${p.slice(4)})`,
    description: (p) => csvTables.get(p.slice(4))?.description ?? 'A CSV table.',
  },
  {
    match: /^jsonld\/engagements\.jsonld$/,
    group: 'Linked data',
    mediaType: 'application/ld+json',
    title: () => 'The whole dataset as JSON-LD (engagements.jsonld)',
    description: () => 'One graph of engagements, people, organizations and sources, mapped onto schema.org, PROV and SKOS; context inline.',
  },
  {
    match: /^jsonld\/engagements\.nq$/,
    group: 'Linked data',
    mediaType: 'application/n-quads',
    title: () => 'The same graph as N-Quads (engagements.nq)',
    description: () => 'Every triple of the JSON-LD graph, one per line, sorted.',
  },
  {
    match: /^jsonld\/context\.jsonld$/,
    group: 'Linked data',
    mediaType: 'application/ld+json',
    title: () => 'JSON-LD context (context.jsonld)',
    description: () => 'The term mappings the graph uses.',
  },
  {
    match: /^jsonld\/vocabulary\.jsonld$/,
    group: 'Linked data',
    mediaType: 'application/ld+json',
    title: () => 'Vocabularies as SKOS (vocabulary.jsonld)',
    description: () => 'Our terms and every controlled vocabulary as SKOS concept schemes.',
  },
  {
    match: /\.(sqlite|sqlite3|db)$/,
    group: 'SQLite database',
    mediaType: 'application/vnd.sqlite3',
    title: (p) => `SQLite database (${p.split('/').pop()})`,
    description: () => 'Every table in one SQLite file, with keys and indexes, ready for `sqlite3` or any SQL client.',
  },
  {
    match: /^sqlite\/.+\.json$/,
    group: 'SQLite database',
    mediaType: 'application/json',
    title: (p) => `Database metadata (${p.split('/').pop()})`,
    description: () => 'Metadata describing the SQLite database.',
  },
  {
    match: /^codebook\.md$/,
    group: 'Documentation',
    mediaType: 'text/markdown',
    title: () => 'Codebook (codebook.md)',
    description: () => 'Every field with its type, definition, allowed values and CSV column; the CAMEO mapping.',
  },
];

const OTHER: Omit<Kind, 'match'> = {
  group: 'Other files',
  mediaType: 'application/octet-stream',
  title: (p) => p,
  description: () => 'A file of the build.',
};

/** Outputs that are not offered as downloads: the SDK package (installed from npm) and the site itself. */
function isDownload(path: string): boolean {
  return !path.startsWith('sdk/') && !path.startsWith('site/');
}

/** The downloads among the build's other outputs, grouped in KINDS order, then by path. */
export function downloadsFrom(outputs: readonly OutputFile[]): Download[] {
  const found = outputs
    .filter((f) => isDownload(f.path))
    .map((file) => {
      const index = KINDS.findIndex((k) => k.match.test(file.path));
      const kind = index >= 0 ? KINDS[index]! : OTHER;
      const rank = index >= 0 ? KINDS.findIndex((k) => k.group === kind.group) : KINDS.length;
      return {
        rank,
        download: {
          outputPath: file.path,
          sitePath: page.download(file.path),
          group: kind.group,
          title: kind.title(file.path),
          description: kind.description(file.path),
          mediaType: kind.mediaType,
          file,
        },
      };
    });
  found.sort((a, b) => a.rank - b.rank || (a.download.outputPath < b.download.outputPath ? -1 : 1));
  return found.map((f) => f.download);
}

export interface SdkInfo {
  name: string;
  version: string;
}

/** The SDK package's name and version, read from its package.json among the outputs; null when the SDK was not built. */
export function sdkInfo(outputs: readonly OutputFile[]): SdkInfo | null {
  const manifest = outputs.find((f) => f.path === 'sdk/package.json');
  if (!manifest) return null;
  const json = JSON.parse(outputText(manifest)) as { name: string; version: string };
  return { name: json.name, version: json.version };
}

/** The text of an output, or null when it was not built. */
export function outputNamed(outputs: readonly OutputFile[], path: string): string | null {
  const file = outputs.find((f) => f.path === path);
  return file ? outputText(file) : null;
}
