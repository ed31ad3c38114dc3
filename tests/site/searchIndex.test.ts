import { buildModel, searchDocuments, searchIndexJson, searchIndexJsonPieces, SEARCH_OPTIONS } from '@engagements/export-site';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadPublished, REAL_RECORDS } from '../csv/helpers.js';

// The site's search index is written term by term (searchIndexJsonPieces) instead of as one
// JSON.stringify(index): the pieces must join into exactly MiniSearch's own JSON, whatever
// its version does, or the browser's MiniSearch.loadJSON would read something else.
describe('the search index written in pieces', () => {
  it('joins into exactly JSON.stringify of the index MiniSearch builds from every document', async () => {
    const model = buildModel(await loadPublished(REAL_RECORDS));
    const index = new MiniSearch(SEARCH_OPTIONS);
    index.addAll(searchDocuments(model));
    const whole = JSON.stringify(index);
    const pieces = [...searchIndexJsonPieces(index)];
    expect(pieces.length).toBeGreaterThan(100); // one per term, not one string
    expect(pieces.join('')).toBe(whole);
    expect(searchIndexJson(model)).toBe(whole);
    const loaded = MiniSearch.loadJSON(pieces.join(''), SEARCH_OPTIONS);
    expect(loaded.documentCount).toBe(model.engagements.length);
    expect(loaded.search('Pakistan').length).toBeGreaterThan(0);
  });
});
