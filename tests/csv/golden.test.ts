// Golden files: every CSV table, datapackage.json and README.md of the founding record's dataset
// (tests/fixtures/founding, a copy that new curated records do not change). Rewrite them
// with `UPDATE_GOLDEN=1 npx vitest run tests/csv` after an intended change, and review the diff.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportCsv, FOUNDING_RECORDS, GOLDEN_DIR, loadPublished, tables, UPDATE_GOLDEN } from './helpers.js';

/** Golden files of other tests in the same folder (codebook.test.ts). */
const OTHER_GOLDENS = ['codebook.md'];

let files: Map<string, string>;

beforeAll(async () => {
  files = await exportCsv(await loadPublished(FOUNDING_RECORDS));
  if (UPDATE_GOLDEN) {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    for (const name of fs.readdirSync(GOLDEN_DIR)) if (!OTHER_GOLDENS.includes(name)) fs.rmSync(path.join(GOLDEN_DIR, name));
    for (const [name, content] of files) fs.writeFileSync(path.join(GOLDEN_DIR, name), content);
  }
});

describe('CSV goldens of the founding dataset', () => {
  it('writes exactly one file per table plus datapackage.json and README.md', () => {
    expect([...files.keys()].sort()).toEqual([...tables.map((t) => t.file), 'datapackage.json', 'README.md'].sort());
  });

  it('has a golden file for every output and no stale golden file', () => {
    expect(fs.readdirSync(GOLDEN_DIR).filter((name) => !OTHER_GOLDENS.includes(name)).sort()).toEqual([...files.keys()].sort());
  });

  it.each([...tables.map((t) => t.file), 'datapackage.json', 'README.md'])('%s matches its golden file', (name) => {
    const golden = fs.readFileSync(path.join(GOLDEN_DIR, name), 'utf8');
    expect(files.get(name)).toBe(golden);
  });

  it('is deterministic: a second export is byte-identical', async () => {
    const again = await exportCsv(await loadPublished(FOUNDING_RECORDS));
    expect(again).toEqual(files);
  });

  it('writes UTF-8 without a BOM, `\\n` line ends only and a final newline', () => {
    for (const [name, content] of files) {
      expect(content.charCodeAt(0), name).not.toBe(0xfeff);
      expect(content.endsWith('\n'), name).toBe(true);
      expect(content.includes('\r'), name).toBe(false);
    }
  });
});
