// Shared helpers of the CSV and codebook tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDataset, outputText, publishedDataset, type OutputFile, type PublishedDataset } from '@engagements/core';
import { validators } from '@engagements/schema';
import { parse } from 'csv-parse/sync';
// Workspace packages resolve to their TypeScript sources (vitest.config.ts, `source` condition).
import { csvExporter } from '@engagements/export-csv';

export * from '@engagements/export-csv';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FOUNDING_RECORDS = path.join(ROOT, 'tests/fixtures/founding/records');
export const REAL_RECORDS = path.join(ROOT, 'records');
export const GOLDEN_DIR = path.join(ROOT, 'tests/golden/csv');
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/** Loads and checks a records folder; fails with the diagnostics when it has errors. */
export async function loadPublished(recordsDir: string): Promise<PublishedDataset> {
  const result = await checkDataset({ recordsDir, cwd: ROOT });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`${recordsDir} has errors:\n${errors.map((d) => `${d.file}:${d.line}: ${d.code} ${d.message}`).join('\n')}`);
  return publishedDataset(result.dataset);
}

/**
 * Loads a records folder that may have rule errors (the curated records/ folder while it is
 * being edited): the records that passed schema validation, and the error diagnostics.
 */
export async function loadSchemaValid(recordsDir: string): Promise<{ dataset: PublishedDataset; errors: string[] }> {
  const result = await checkDataset({ recordsDir, cwd: ROOT });
  const valid = <T extends { valid: boolean; data: unknown }>(records: T[]): T['data'][] => records.filter((r) => r.valid).map((r) => r.data);
  return {
    dataset: {
      engagements: valid(result.dataset.engagements),
      people: valid(result.dataset.people),
      organizations: valid(result.dataset.organizations),
    } as PublishedDataset,
    errors: result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}: ${d.code} ${d.message}`),
  };
}

/** The CSV exporter's files by name (without the `csv/` folder), each read whole. */
export async function exportCsv(dataset: PublishedDataset): Promise<Map<string, string>> {
  const files: OutputFile[] = await csvExporter.export(dataset, {});
  const out = new Map<string, string>();
  for (const file of files) {
    if (!file.path.startsWith('csv/')) throw new Error(`${file.path} is outside csv/`);
    out.set(file.path.slice('csv/'.length), outputText(file));
  }
  return out;
}

/** Files as path -> whole text, for comparing two exports. */
export function fileTexts(files: readonly OutputFile[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f.path, outputText(f)]));
}

/** A CSV file as rows of cells, parsed strictly (RFC 4180, `\n` records). */
export function parseCsv(text: string): string[][] {
  return parse(text, { record_delimiter: '\n', relax_quotes: false, relax_column_count: false, skip_empty_lines: false }) as string[][];
}

/** A CSV file as header + row objects. */
export function csvObjects(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header = [], ...rows] = parseCsv(text);
  return { header, rows: rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]!]))) };
}

/** Schema errors of every record of a dataset, as readable lines (empty when all are valid). */
export function schemaErrors(dataset: PublishedDataset): string[] {
  const out: string[] = [];
  const check = (kind: 'engagement' | 'person' | 'organization', records: readonly { id: string }[]): void => {
    for (const record of records) {
      const validate = validators[kind];
      if (!validate(record)) out.push(`${kind} ${record.id}: ${(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? e.keyword}`).join('; ')}`);
    }
  };
  check('engagement', dataset.engagements);
  check('person', dataset.people);
  check('organization', dataset.organizations);
  return out;
}
