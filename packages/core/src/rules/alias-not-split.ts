import { schemas } from '@engagements/schema';
import type { AnyRecord } from '../dataset.js';
import { nameKey } from './alias-unique.js';
import type { RecordRule } from './rule.js';

/**
 * English names of the countries of the schema's CountryCode list, from the CLDR data
 * that Node's Intl carries (`VN` -> "Vietnam"), by nameKey.
 */
let countryNames: ReadonlyMap<string, string> | undefined;
/** Built on first use, not at import: a run that checks no person or organization never pays for it. */
const COUNTRY_NAMES = (): ReadonlyMap<string, string> => (countryNames ??= (() => {
  const codes = (schemas['defs.schema.json'] as unknown as { $defs: { CountryCode: { enum: string[] } } }).$defs.CountryCode.enum;
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const map = new Map<string, string>();
  for (const code of codes) {
    const name = names.of(code);
    if (name && name !== code) map.set(nameKey(name), code);
  }
  return map;
})());

/**
 * RULE020. In a flow list, a comma separates items: `aliases: [Ministry of National
 * Defence, Vietnam]` holds two aliases, "Ministry of National Defence" and "Vietnam", where
 * one name was meant. An alias that is the name of a country, or the record's own name, is
 * almost always such a split (a country is not an alias of a ministry or a person; a name
 * need not be repeated as an alias). A warning, since a rare record may mean it.
 */
export const aliasNotSplit: RecordRule = {
  code: 'RULE020',
  name: 'alias-not-split',
  description:
    'An alias is neither the name of a country nor the record\'s own name: both are what a comma inside a flow list (`[Ministry of Defence, Pakistan]`) leaves behind when it splits one name in two.',
  severity: 'warning',
  scope: 'record',
  kinds: ['person', 'organization'],
  check(record: AnyRecord, _context, report) {
    if (record.kind === 'engagement') return;
    const { name, aliases = [] } = record.data;
    aliases.forEach((alias, i) => {
      const key = nameKey(alias);
      const country = COUNTRY_NAMES().get(key);
      // The own name as written (spacing aside): an alias in other capitals (`KONO Taro`) is a spelling sources use.
      const own = sameText(alias, name);
      if (!country && !own) return;
      const what = country ? `the name of a country (${country})` : 'the record\'s own name';
      // The likely original: this alias joined to its neighbour with the comma that split them.
      const joined = country && i > 0 ? `${aliases[i - 1]}, ${alias}` : !country && i + 1 < aliases.length ? `${alias}, ${aliases[i + 1]}` : undefined;
      const split = joined
        ? `If the list was written \`[${joined}]\`, its comma split one name in two: write "${joined}" in quotes, or each alias on its own line (\`- ${joined}\`).`
        : 'If a comma in a list split a name in two, quote the name or write each alias on its own line.';
      report({ record, path: ['aliases', i] }, `The alias "${alias}" is ${what}.`, `${split} ${own ? 'Otherwise remove it: the name need not be repeated among the aliases.' : 'Otherwise remove it: a country is not an alias.'}`);
    });
  },
};

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim();
  return norm(a) === norm(b);
}
