// Shared by the SDK tests: load the real dataset, run the exporter, write its files.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { checkDataset, outputText, publishedDataset, type Exporter, type OutputFile, type PublishedDataset } from '@engagements/core';
import { sdkExporter } from '@engagements/export-sdk';

export const root = path.resolve(import.meta.dirname, '../..');
export const FOUNDING = '2020-08-06-pk-jp-army-chief-defence-minister-video-call';

export async function loadDataset(): Promise<PublishedDataset> {
  const result = await checkDataset({ recordsDir: path.join(root, 'records'), cwd: root });
  if (result.summary.errors > 0) throw new Error(`the records have ${result.summary.errors} errors`);
  return publishedDataset(result.dataset);
}

/** Writes exporter files into a new temporary folder and returns it. */
export function writeFiles(files: readonly OutputFile[], prefix = 'engagements-sdk-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const file of files) {
    const target = path.join(dir, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, typeof file.content === 'function' ? outputText(file) : file.content);
  }
  return dir;
}

/** Runs an exporter on a dataset and writes the result: returns the output folder (the package is `<dir>/sdk`). */
export async function buildSdk(dataset: PublishedDataset, exporter: Exporter = sdkExporter): Promise<{ dir: string; files: OutputFile[] }> {
  const files = await exporter.export(dataset, {});
  return { dir: writeFiles(files), files };
}

/**
 * Loads a built package's CommonJS entry with Node's own `require`, which vitest does not
 * transform (its module runner takes seconds per megabyte of embedded data). Both entry
 * points share one body; package.test.ts runs the ES module under plain Node.
 */
export function requireSdk(packageDir: string): any {
  return createRequire(import.meta.url)(path.join(packageDir, 'dist/index.cjs'));
}

export function text(file: OutputFile | undefined): string {
  if (!file) throw new Error('no such file');
  return outputText(file);
}

/** Files as path -> whole text, to compare two exports (streamed contents are functions). */
export function texts(files: readonly OutputFile[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f.path, outputText(f)]));
}
