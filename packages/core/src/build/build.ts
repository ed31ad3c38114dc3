import path from 'node:path';
import { checkDataset, type CheckOptions, type CheckResult } from '../check.js';
import type { Dataset } from '../dataset.js';
import type { Exporter, OutputFile, PublishedDataset } from './exporter.js';
import { writeOutputsAtomically } from './writeOutputs.js';

export interface BuildOptions extends CheckOptions {
  /** Output folder (default `dist`). */
  outDir?: string;
  exporters: readonly Exporter[];
  /** Called as each exporter starts, for progress reporting. */
  onExporter?: (name: string) => void;
}

export interface BuildResult {
  check: CheckResult;
  /** False when the records have errors: nothing was written. */
  built: boolean;
  files: string[];
}

/** The validated records as plain data, each kind sorted by id. */
export function publishedDataset(dataset: Dataset): PublishedDataset {
  return {
    engagements: dataset.engagements.map((r) => r.data),
    people: dataset.people.map((r) => r.data),
    organizations: dataset.organizations.map((r) => r.data),
  };
}

/**
 * Validates the records and, when there is no error, runs every exporter and swaps
 * their files into the output folder at once. Invalid records: nothing is written.
 */
export async function buildOutputs(options: BuildOptions): Promise<BuildResult> {
  const check = await checkDataset(options);
  if (check.summary.errors > 0) return { check, built: false, files: [] };
  const outDir = path.resolve(options.cwd ?? process.cwd(), options.outDir ?? 'dist');
  const data = publishedDataset(check.dataset);
  const files: OutputFile[] = [];
  for (const exporter of options.exporters) {
    options.onExporter?.(exporter.name);
    files.push(...(await exporter.export(data, { previousOutDir: outDir, outputs: [...files] })));
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  await writeOutputsAtomically(outDir, files);
  return { check, built: true, files: files.map((f) => f.path) };
}
