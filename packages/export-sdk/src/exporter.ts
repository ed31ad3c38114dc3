import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRedirects, type Exporter, type OutputFile, type PublishedDataset, type Redirect } from '@engagements/core';
import { schemas as currentSchemas, vocabularies as currentVocabularies } from '@engagements/schema';
import { declarations } from './generate/declarations.js';
import { licenseText, PACKAGE_NAME, packageJson } from './generate/manifest.js';
import { readme } from './generate/readme.js';
import { cjsModule, dataModule, DATA_FILE, esmModule, type RuntimeInputs } from './generate/runtime.js';
import { readonlyTypes } from './generate/types.js';
import { validatorsExpression } from './generate/validators.js';
import { INPUT_FILES, REPO_ROOT } from './paths.js';
import { packageChanges, packageChangelog, parseSnapshot, planRelease, type ReleasePlan, type ReleaseSnapshot } from './release.js';

/** Everything besides the dataset that the SDK is built from. All of it is committed in the repository. */
export interface SdkInputs {
  /** The last release (releases/latest.json), or null before the first release. */
  release: ReleaseSnapshot | null;
  /** The changelog of past releases (releases/CHANGELOG.md). */
  changelog: string;
  /** The redirects file's text (releases/redirects.yaml). */
  redirectsText: string;
  /** The generated types (packages/schema/src/generated/types.ts). */
  typesSource: string;
  /** The generated standalone validators (packages/schema/src/generated/validators.ts). */
  validatorsSource: string;
  /** The JSON Schemas keyed by file name (default: those of @engagements/schema). */
  schemas?: Readonly<Record<string, unknown>>;
}

export interface SdkExporterOptions {
  /** The repository root to read the inputs from (default: the repository this module is in). */
  root?: string;
  /** Inputs to use instead of reading them (tests); missing ones are read from `root`. */
  inputs?: Partial<SdkInputs>;
}

/** Reads the SDK's inputs from a repository checkout. A missing releases/latest.json means no release yet. */
export function readSdkInputs(root: string = REPO_ROOT): SdkInputs {
  const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
  const optional = (file: string) => {
    try {
      return read(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
  const release = optional(INPUT_FILES.release);
  return {
    release: release === undefined ? null : parseSnapshot(release, INPUT_FILES.release),
    changelog: optional(INPUT_FILES.changelog) ?? '',
    redirectsText: optional(INPUT_FILES.redirects) ?? '',
    typesSource: read(INPUT_FILES.types),
    validatorsSource: read(INPUT_FILES.validators),
  };
}

/** The redirects in force, checked against the dataset; throws with located messages when the file has errors. */
export function loadRedirects(dataset: PublishedDataset, text: string): Redirect[] {
  const { redirects, diagnostics } = parseRedirects(text, { file: INPUT_FILES.redirects, dataset });
  if (diagnostics.length > 0) {
    const lines = diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.code} ${d.message}${d.hint ? ` ${d.hint}` : ''}`);
    throw new Error(`The redirects file has ${diagnostics.length === 1 ? 'an error' : `${diagnostics.length} errors`}:\n${lines.join('\n')}`);
  }
  return redirects;
}

/** The SDK build's plan: the diff with the last release and the proposed version. */
export function planSdkRelease(dataset: PublishedDataset, inputs: SdkInputs): ReleasePlan & { redirects: Redirect[] } {
  const redirects = loadRedirects(dataset, inputs.redirectsText);
  return { ...planRelease(dataset, inputs.schemas ?? currentSchemas, inputs.release, redirects), redirects };
}

/**
 * Creates the SDK exporter. `export()` reads only committed inputs (the last release, the
 * redirects, the generated types and validators), never the previous output folder or the
 * clock, so the same repository content always gives the same bytes.
 */
export function createSdkExporter(options: SdkExporterOptions = {}): Exporter {
  return {
    name: 'sdk',
    export(dataset) {
      const given = options.inputs ?? {};
      const needsRead = ['release', 'changelog', 'redirectsText', 'typesSource', 'validatorsSource'].some((k) => !(k in given));
      const inputs: SdkInputs = { ...(needsRead ? readSdkInputs(options.root) : ({} as SdkInputs)), ...given };
      return buildSdkFiles(dataset, inputs);
    },
  };
}

/** The exporter the `engagements build` command runs: writes the @engagements/sdk package under `sdk/`. */
export const sdkExporter: Exporter = createSdkExporter();

/** The files of the package, under `sdk/`: a pure function of the dataset and the inputs. */
export function buildSdkFiles(dataset: PublishedDataset, inputs: SdkInputs): OutputFile[] {
  const plan = planSdkRelease(dataset, inputs);
  const schemaSet: Readonly<Record<string, unknown>> = inputs.schemas ?? currentSchemas;
  const schemaFiles = Object.keys(schemaSet).sort();
  const data = {
    engagements: sortById(dataset.engagements),
    people: sortById(dataset.people),
    organizations: sortById(dataset.organizations),
  };
  const vocabularies = currentVocabularies as Readonly<Record<string, { id: string; label: string }>>;
  const vocabularyTypes = Object.fromEntries(Object.values(vocabularies).map((v) => [v.id, typeName(v.label)]));
  const runtime: RuntimeInputs = {
    version: plan.version,
    data,
    redirectsJson: JSON.stringify(plan.redirects),
    schemasJson: JSON.stringify(Object.fromEntries(schemaFiles.map((f) => [f, schemaSet[f]]))),
    vocabulariesJson: JSON.stringify(vocabularies),
    validatorsExpression: validatorsExpression(inputs.validatorsSource),
  };
  const dts = declarations({ version: plan.version, types: readonlyTypes(inputs.typesSource), schemaFiles, vocabularyTypes });
  const changes = packageChanges(plan, PACKAGE_NAME);
  const counts = { engagements: data.engagements.length, people: data.people.length, organizations: data.organizations.length };
  const first = earliest(data.engagements);
  const files: OutputFile[] = [
    { path: 'package.json', content: packageJson(plan.version, counts, schemaFiles) },
    {
      path: 'README.md',
      content: readme({
        version: plan.version,
        previousVersion: changes.previousVersion,
        counts: { ...counts, redirects: plan.redirects.length },
        vocabularies: Object.entries(vocabularyTypes).map(([id, type]) => ({ id, label: vocabularies[id]!.label, type })),
        example: { id: first?.id ?? '2020-08-06-pk-jp-army-chief-defence-minister-video-call' },
      }),
    },
    { path: 'LICENSE', content: licenseText() },
    { path: 'CHANGELOG.md', content: packageChangelog(plan, inputs.changelog) },
    { path: 'changes.json', content: `${JSON.stringify(changes, null, 2)}\n` },
    // One implementation (index.cjs) and a thin ES module wrapper over it (index.js); the
    // records in a file of their own, streamed record by record.
    { path: 'dist/index.js', content: esmModule(runtime) },
    { path: 'dist/index.cjs', content: cjsModule(runtime) },
    { path: `dist/${DATA_FILE}`, content: () => dataModule(runtime) },
    { path: 'dist/index.d.ts', content: dts },
    { path: 'dist/index.d.cts', content: dts },
    ...schemaFiles.map((f) => ({ path: `schemas/${f}`, content: `${JSON.stringify(schemaSet[f], null, 2)}\n` })),
  ];
  return files.map((f) => ({ path: `sdk/${f.path}`, content: f.content })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The TypeScript name the schema generator gives a title: `Engagement type` -> `EngagementType`. */
export function typeName(title: string): string {
  return title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase());
}

function sortById<T extends { id: string }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The first engagement in date-then-id order (the README's example), in one pass. */
function earliest<T extends { id: string; date: string }>(records: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const r of records) if (best === undefined || r.date < best.date || (r.date === best.date && r.id < best.id)) best = r;
  return best;
}
