// Shared by the site's Node tests (tests/site) and browser tests (tests-clients/site): build
// the real outputs (every exporter the CLI runs, the site last) from a records folder into a
// temporary output folder, and a dataset of hostile records to build from.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildOutputs, type Exporter } from '@engagements/core';
import { parse, stringify } from 'yaml';
import { exporters } from '../../packages/cli/src/exporters.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const TODAY = '2026-01-01';
export const FOUNDING_ID = '2020-08-06-pk-jp-army-chief-defence-minister-video-call';
export const FOUNDING_PAGE = `engagements/${FOUNDING_ID}.html`;

/** Builds every output of `records` into a new temporary folder; returns the output folder. */
export async function buildSite(records: string, options: { exporters?: readonly Exporter[] } = {}): Promise<string> {
  const work = mkdtempSync(path.join(tmpdir(), 'engagements-site-'));
  const outDir = path.join(work, 'dist');
  const result = await buildOutputs({ recordsDir: records, cwd: work, outDir, exporters: options.exporters ?? exporters, today: TODAY });
  if (!result.built) throw new Error(`the records have errors: ${JSON.stringify(result.check.diagnostics.slice(0, 3))}`);
  return outDir;
}

/** Every file under `dir`, relative, `/`-separated, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Hostile strings, each put where contributors' text goes. */
export const HOSTILE = {
  title: '</script><img src=x onerror=alert(1)>',
  notes: 'Mustache {{ 7*7 }} and template ${ 7*7 } and Eta <%= 7*7 %> and <!-- a comment <script>window.__pwned = 1</script>',
  summary: '"><svg onload=alert(2)> {{constructor.constructor(\'alert(3)\')()}}',
  location: "Hall '\"><iframe src=javascript:alert(4)>",
  personName: '<img src=x onerror=alert(5)> Kono',
  organizationName: 'Ministry </title><script>alert(6)</script>',
  disagreement: ']]></svg><script>alert(7)</script> ${alert(8)}',
} as const;

/**
 * The founding record's dataset (tests/fixtures/founding) with hostile text in the
 * engagement's title, notes, location, an outcome and a disagreement, a person's name and an
 * organization's name. Returns the records folder.
 */
export function hostileRecords(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'engagements-hostile-site-'));
  const records = path.join(dir, 'records');
  cpSync(path.join(ROOT, 'tests/fixtures/founding/records'), records, { recursive: true });
  const edit = (file: string, change: (record: Record<string, any>) => void) => {
    const full = path.join(records, file);
    const record = parse(readFileSync(full, 'utf8')) as Record<string, any>;
    change(record);
    writeFileSync(full, stringify(record));
  };
  edit(`engagements/2020/${FOUNDING_ID}.yaml`, (e) => {
    e.title = HOSTILE.title;
    e.notes = HOSTILE.notes;
    e.location = HOSTILE.location;
    e.outcomes[0].summary = HOSTILE.summary;
    e.disagreements[0].description = HOSTILE.disagreement;
  });
  edit('people/kono-taro.yaml', (p) => {
    p.name = HOSTILE.personName;
  });
  edit('organizations/japan-ministry-of-defense.yaml', (o) => {
    o.name = HOSTILE.organizationName;
  });
  return records;
}
