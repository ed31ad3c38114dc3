// codebook.md: generated from the schemas and tables.ts, it documents every field, every
// CSV column, every vocabulary term and the CAMEO mapping. Golden file:
// tests/golden/csv/codebook.md (rewrite with UPDATE_GOLDEN=1).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAMEO_BY_TYPE, outputText } from '@engagements/core';
import { CODEBOOK_PATH, codebookExporter } from '@engagements/export-codebook';
import { FOUNDING_RECORDS, GOLDEN_DIR, UPDATE_GOLDEN, loadPublished, schemaFields, tables, vocabularyList, type RecordKind } from './helpers.js';

const GOLDEN = path.join(GOLDEN_DIR, 'codebook.md');

async function codebook(): Promise<string> {
  const files = await codebookExporter.export({ engagements: [], people: [], organizations: [] }, {});
  expect(files.map((f) => f.path)).toEqual([CODEBOOK_PATH]);
  return outputText(files[0]!);
}

describe('codebook', () => {
  it('is exported as codebook.md at the root of the output folder', async () => {
    expect(codebookExporter.name).toBe('codebook');
    expect(CODEBOOK_PATH).toBe('codebook.md');
    const text = await codebook();
    expect(text.endsWith('\n')).toBe(true);
    expect(text.startsWith('# Codebook')).toBe(true);
  });

  it('matches its golden file', async () => {
    const text = await codebook();
    if (UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, text);
    expect(text).toBe(fs.readFileSync(GOLDEN, 'utf8'));
  });

  it('depends on the schemas, not on the records', async () => {
    const withData = await codebookExporter.export(await loadPublished(FOUNDING_RECORDS), {});
    expect(outputText(withData[0]!)).toBe(await codebook());
  });

  it.each<RecordKind>(['engagement', 'person', 'organization'])('lists every field of the %s schema with its CSV column', async (kind) => {
    const text = await codebook();
    for (const field of schemaFields(kind)) {
      const row = text.split('\n').find((line) => line.startsWith(`| \`${field.path}\` |`) && text.indexOf(line) > text.indexOf(`## ${kind.charAt(0).toUpperCase()}${kind.slice(1)}`));
      expect(row, field.path).toBeDefined();
      const cells = row!.split(' | ');
      expect(cells.length, field.path).toBe(5);
      expect(cells[4]!.trim(), field.path).not.toBe('|');
      if (field.info.description) expect(row, field.path).toContain(field.info.description.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|'));
    }
  });

  it('documents every table and column of the CSV files', async () => {
    const text = await codebook();
    for (const table of tables) {
      expect(text).toContain(`### \`${table.file}\``);
      for (const column of table.columns) expect(text, `${table.name}.${column.name}`).toMatch(new RegExp(`\\| \`${column.name}\` \\| ${column.type} \\|`));
    }
  });

  it('lists every vocabulary term with its label and definition', async () => {
    const text = await codebook();
    for (const vocabulary of vocabularyList) {
      expect(text).toContain(`<a id="vocabulary-${vocabulary.id}"></a>`);
      for (const term of vocabulary.terms) expect(text).toContain(`| \`${term.id}\` | ${term.label} | ${term.definition.replace(/\|/g, '\\|')} |`);
    }
  });

  it('has the CAMEO mapping of every engagement type and the derived fields', async () => {
    const text = await codebook();
    for (const [type, mapping] of Object.entries(CAMEO_BY_TYPE)) {
      expect(text).toMatch(new RegExp(`\\| \`${type}\` \\([^)]*\\) \\| ${mapping.code ? `\`${mapping.code}\`` : '—'} \\|`));
    }
    for (const name of ['engagements.scope', 'engagements.remote', 'engagements.cameo_code', 'engagements.country_count', 'participants.cameo_code', 'engagement_countries.country']) {
      expect(text).toContain(`| \`${name}\` |`);
    }
  });

  it('has working links to its vocabulary and table anchors', async () => {
    const text = await codebook();
    const anchors = new Set([...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    for (const heading of text.matchAll(/^## (.+)$/gm)) anchors.add(heading[1]!.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-'));
    for (const link of text.matchAll(/\]\(#([^)]+)\)/g)) expect(anchors.has(link[1]!), link[1]).toBe(true);
  });
});
