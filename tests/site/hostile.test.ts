import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { attr, byId, byTag, jsonLdBlocks, parsePage, textOf, type ParsedPage } from './html.js';
import { buildSite, filesUnder, FOUNDING_PAGE, HOSTILE, hostileRecords } from './support.js';

// Every string of a record comes from a contributor's pull request. Hostile ones must show
// as the same characters on every page, in the JSON-LD and in the search index, and never
// become markup or code.
let site: string;
let pages: ParsedPage[];
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  site = path.join(await buildSite(hostileRecords()), 'site');
  pages = filesUnder(site).filter((f) => f.endsWith('.html')).map((p) => parsePage(site, p));
}, 120_000);

describe('hostile text in records', () => {
  it('never becomes an element, an event handler or a script on any page', () => {
    for (const page of pages) {
      expect(page.elements.filter((e) => ['img', 'iframe', 'object', 'embed', 'base', 'form'].includes(e.tagName) && !(e.tagName === 'form' && attr(e, 'id') === 'filters')), page.path).toEqual([]);
      expect(page.elements.flatMap((e) => e.attrs.filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`)), page.path).toEqual([]);
      for (const s of byTag(page, 'script')) {
        if (attr(s, 'type') === 'application/ld+json') continue;
        expect(attr(s, 'src'), page.path).toMatch(/^(\.\.\/)?assets\/(minisearch|search-index|list)\.js$/);
        expect(textOf(s), page.path).toBe('');
      }
      expect(byTag(page, 'svg').flatMap((svg) => byTag({ ...page, elements: page.elements.filter((e) => e.tagName === 'script' && isInside(e, svg)) }, 'script')), page.path).toEqual([]);
    }
  });

  it('shows as the same characters wherever it is rendered', () => {
    const founding = pages.find((p) => p.path === FOUNDING_PAGE)!;
    expect(textOf(byTag(founding, 'h1')[0]!)).toBe(HOSTILE.title);
    expect(textOf(byTag(founding, 'title')[0]!)).toBe(`${HOSTILE.title} · Defence-diplomacy engagements`);
    expect(attr(byTag(founding, 'meta').find((m) => attr(m, 'name') === 'description')!, 'content')).toBe(`6 August 2020: ${HOSTILE.title}`);
    expect(textOf(byId(founding, 'notes')!.parentNode as never)).toContain(HOSTILE.notes);
    expect(squash(textOf(byId(founding, 'outcome-1')!))).toContain(HOSTILE.summary);
    expect(squash(textOf(byId(founding, 'disagreement-1')!))).toContain(HOSTILE.disagreement);
    const main = textOf(byTag(founding, 'main')[0]!);
    for (const value of [HOSTILE.location, HOSTILE.personName, HOSTILE.organizationName]) expect(main).toContain(value);
    // Template syntax in a record is text, not a template: nothing was evaluated.
    expect(main).toContain('{{ 7*7 }} and template ${ 7*7 } and Eta <%= 7*7 %>');
    expect(main).not.toContain('49');
    const list = pages.find((p) => p.path === 'engagements/index.html')!;
    expect(byTag(list, 'a').map(textOf)).toContain(HOSTILE.title);
    const person = pages.find((p) => p.path === 'people/kono-taro.html')!;
    expect(textOf(byTag(person, 'h1')[0]!)).toContain(HOSTILE.personName);
    const org = pages.find((p) => p.path === 'organizations/japan-ministry-of-defense.html')!;
    expect(textOf(byTag(org, 'h1')[0]!)).toBe(HOSTILE.organizationName);
  });

  it('cannot close or comment out a JSON-LD block, and the JSON holds the exact strings', () => {
    for (const page of pages) {
      for (const block of byTag(page, 'script').filter((s) => attr(s, 'type') === 'application/ld+json')) {
        const raw = textOf(block);
        expect(raw, page.path).not.toMatch(/<\/script|<!--|<script/i);
      }
    }
    const [event] = jsonLdBlocks(pages.find((p) => p.path === FOUNDING_PAGE)!) as [Record<string, any>];
    expect(event.name).toBe(HOSTILE.title);
    expect(event.description).toBe(HOSTILE.notes);
    expect(event.location.name).toBe(HOSTILE.location);
    expect(event.attendee[1].name).toBe(HOSTILE.personName);
    expect(event.attendee[1].affiliation.name).toBe(HOSTILE.organizationName);
  });

  it('stays data in the search index: the script only sets its global, and search finds the text', () => {
    const script = readFileSync(path.join(site, 'assets/search-index.js'), 'utf8');
    expect(script).not.toMatch(/<\/script|<!--/i);
    const window: Record<string, unknown> = {};
    vm.runInNewContext(script, { window });
    expect(Object.keys(window)).toEqual(['ENGAGEMENTS_SEARCH']);
    const { options, index } = window.ENGAGEMENTS_SEARCH as { options: ConstructorParameters<typeof MiniSearch>[0]; index: unknown };
    const search = MiniSearch.loadJSON(JSON.stringify(index), options);
    expect(search.search('onerror', { prefix: true }).map((r) => r.id)).toEqual(['2020-08-06-pk-jp-army-chief-defence-minister-video-call']);
    expect(search.search('constructor').map((r) => r.id)).toEqual(['2020-08-06-pk-jp-army-chief-defence-minister-video-call']);
  });
});

function isInside(element: { parentNode: unknown }, ancestor: unknown): boolean {
  for (let n = element.parentNode as { parentNode?: unknown } | null; n; n = (n.parentNode as { parentNode?: unknown } | null) ?? null) if (n === ancestor) return true;
  return false;
}
