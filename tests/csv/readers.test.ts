// The default-reader policy (src/readers.ts): which columns default readers change, the
// warnings of the data package, and the generated csv/README.md. The calls themselves are
// run with the real readers in tests-clients/csv.
import { dataPackage, defaultReaderRisk, csvReadme, duckdbColumns, READER_RECIPES, readrTypes, tableNamed, tables } from '@engagements/export-csv';
import { describe, expect, it } from 'vitest';

const flagged = () => tables.flatMap((t) => t.columns.filter((c) => defaultReaderRisk(c)).map((c) => `${t.name}.${c.name}:${defaultReaderRisk(c)}`));

describe('columns that default readers change', () => {
  it('are the country-code columns (NA is Namibia) and the CAMEO codes (062), and no other', () => {
    expect(flagged().sort()).toEqual(
      [
        'engagements.host:missing',
        'engagements.initiator_country:missing',
        'engagements.cameo_code:number',
        'engagement_countries.country:missing',
        'participants.country:missing',
        'participants.cameo_code:number',
        'outcomes.by:missing',
        'positions.country:missing',
        'organizations.country:missing',
      ].sort(),
    );
  });

  it('carry the warning in the data package, which says it in its description too', () => {
    const pkg = dataPackage(tables) as { description: string; resources: { name: string; schema: { fields: { name: string; description: string }[] } }[] };
    expect(pkg.description).toContain('`NA` (Namibia) as a missing value');
    const field = (table: string, name: string) => pkg.resources.find((r) => r.name === table)!.schema.fields.find((f) => f.name === name)!.description;
    expect(field('participants', 'country')).toMatch(/Warning: pandas, R and csvkit read `NA` \(Namibia\) as a missing value/);
    expect(field('participants', 'cameo_code')).toMatch(/Warning: .*`062` becomes 62/);
    expect(field('participants', 'role')).not.toContain('Warning');
  });
});

describe('csv/README.md', () => {
  const readme = csvReadme(tables);

  it('shows each reader\'s call for engagements.csv (country code, CAMEO code and boolean) and lists every table\'s types', () => {
    const engagements = tableNamed('engagements');
    for (const recipe of READER_RECIPES) expect(readme).toContain(recipe.code(engagements, 'engagements.csv'));
    // Every call the README shows converts the boolean column `remote`.
    expect(readme).toContain('df[column] = df[column].map({"true": True, "false": False}).astype("boolean")');
    expect(readme).toContain('df[c("remote")] <- lapply(df[c("remote")], function(x) x == "true")');
    expect(readme).toContain(`col_types = "${readrTypes(engagements)}"`);
    expect(readrTypes(engagements)).toContain('l');
    expect(readme).toContain(`csvjson --no-inference --blanks --snifflimit 0 engagements.csv | jq 'map(."remote" |= ({"true": true, "false": false, "": null}[.]))'`);
    expect(readme).toContain("'remote': 'BOOLEAN'");
    for (const table of tables) {
      expect(readme).toContain(`| \`${table.file}\` |`);
      expect(readme).toContain(duckdbColumns(table));
    }
  });

  it('gives readr and DuckDB a type for every column, in file order', () => {
    expect(readrTypes(tableNamed('participants'))).toBe('ciccccccc');
    expect(readrTypes(tableNamed('engagements'))).toMatch(/^ccDDc/);
    expect(duckdbColumns(tableNamed('topics'))).toBe("{'engagement_id': 'VARCHAR', 'topic_index': 'BIGINT', 'topic': 'VARCHAR'}");
    expect(readme).toContain("'remote': 'BOOLEAN'");
  });

  it('types the integer and boolean columns in pandas and R base', () => {
    const engagements = tableNamed('engagements');
    const pandas = READER_RECIPES.find((r) => r.reader === 'pandas')!.code(engagements, 'engagements.csv');
    expect(pandas).toContain('dtype=str, keep_default_na=False, na_values=[""]');
    expect(pandas).toContain('"participant_count"');
    expect(pandas).toContain('for column in ["remote"]:');
    const base = READER_RECIPES.find((r) => r.reader === 'r-base')!.code(engagements, 'engagements.csv');
    expect(base).toContain('colClasses = "character", na.strings = ""');
    expect(base).toContain('df[c("remote")] <- lapply(df[c("remote")], function(x) x == "true")');
  });

  it('converts the boolean columns after csvkit with jq, and leaves tables without one as csvkit reads them', () => {
    const csvkit = READER_RECIPES.find((r) => r.reader === 'csvkit')!;
    expect(csvkit.code(tableNamed('participants'), 'participants.csv')).toBe('csvjson --no-inference --blanks --snifflimit 0 participants.csv');
    expect(csvkit.code(tableNamed('engagements'), 'engagements.csv')).toMatch(/ \| jq 'map\(\."remote" \|= /);
  });
});
