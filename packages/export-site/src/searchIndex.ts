// The full-text search index, built at build time with MiniSearch and loaded by the list
// page's script from a plain script file (file:// forbids fetch), so search needs no server.
// The index is MiniSearch's own JSON; JSON.stringify keeps every record's text as string
// data, so nothing in it can run.
import MiniSearch from 'minisearch';
import { countryName, termLabel, type SiteModel } from './model.js';

/** MiniSearch options: the browser must use the same ones to load the index. */
export const SEARCH_OPTIONS = {
  idField: 'id',
  fields: ['title', 'names', 'countries', 'topics', 'place', 'text'],
  storeFields: [] as string[],
};

/** The searchable text of every engagement, in date order. */
export function searchDocuments(model: SiteModel): Array<Record<string, string>> {
  return model.engagements.map(({ record: e, facts }) => {
    const names = new Set<string>();
    for (const p of e.participants) {
      const person = p.person ? model.personById.get(p.person) : undefined;
      const org = p.organization ? model.organizationById.get(p.organization) : undefined;
      for (const n of [person?.name, ...(person?.aliases ?? []), person?.native_name, org?.name, ...(org?.aliases ?? []), p.name_as_reported, p.title_as_reported]) if (n) names.add(n);
    }
    return {
      id: e.id,
      title: e.title,
      names: [...names].join(' \n'),
      countries: facts.countries.map((c) => `${c} ${countryName(c)}`).join(' \n'),
      topics: e.topics.map((t) => termLabel(model, 'topic', t)).join(' \n'),
      place: e.location ?? '',
      text: [e.notes, ...(e.outcomes ?? []).map((o) => o.summary)].filter(Boolean).join(' \n'),
    };
  });
}

/** The index as JSON text (MiniSearch.loadJSON reads it with SEARCH_OPTIONS). */
export function searchIndexJson(model: SiteModel): string {
  const index = new MiniSearch(SEARCH_OPTIONS);
  index.addAll(searchDocuments(model));
  return JSON.stringify(index);
}

/**
 * The script file the list page loads: one assignment of the index and the options to a
 * global. JSON is valid JavaScript; `<` is escaped anyway so the text could also sit in HTML.
 */
export function searchIndexScript(model: SiteModel): string {
  const payload = `{"options":${JSON.stringify(SEARCH_OPTIONS)},"index":${searchIndexJson(model)}}`.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `window.ENGAGEMENTS_SEARCH = ${payload};\n`;
}
