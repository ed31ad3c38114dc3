import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, FOUNDING_ID, FOUNDING_PAGE, hostileRecords, ROOT } from '../../tests/site/support.js';
import { launch, serve } from './browser.js';

// The site in a real browser: Debian's Chromium, over HTTP from a static server on the
// loopback interface and from file://. Screenshots go to tests-clients/site/artifacts/
// (ignored by git).
const ARTIFACTS = path.join(import.meta.dirname, 'artifacts');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let site: string;
let hostileSite: string;
let server: Awaited<ReturnType<typeof serve>>;
let hostileServer: Awaited<ReturnType<typeof serve>>;

/** A page that records console errors, uncaught exceptions, dialogs and failed requests. */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('requestfailed', (r) => {
    // The browser loads the icon lazily and cancels it when the test moves on to the next page.
    if (r.url().endsWith('/assets/favicon.svg') && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  return { page, problems };
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [site, hostileSite, browser] = await Promise.all([
    buildSite(path.join(ROOT, 'records')).then((d) => path.join(d, 'site')),
    buildSite(hostileRecords()).then((d) => path.join(d, 'site')),
    launch(),
  ]);
  server = await serve(site);
  hostileServer = await serve(hostileSite);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await hostileServer?.close();
});

describe('the site in Chromium', () => {
  it('loads every page without a console error, and every internal link resolves', async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    const seen = new Set<string>(['index.html']);
    const queue = ['index.html'];
    const broken: string[] = [];
    let pages = 0;
    while (queue.length) {
      const current = queue.shift()!;
      const response = await page.goto(server.url + current, { waitUntil: 'load' });
      pages++;
      if (response?.status() !== 200) broken.push(`${current}: HTTP ${response?.status()}`);
      const links = await page.$$eval('a[href], link[href], script[src]', (els) =>
        els.map((e) => (e as HTMLAnchorElement).href || (e as HTMLScriptElement).src).filter(Boolean),
      );
      for (const link of links) {
        const url = new URL(link);
        if (!url.href.startsWith(server.url)) continue;
        if (url.hash.length > 1 && url.pathname.endsWith('.html') && url.pathname === new URL(page.url()).pathname) {
          const id = decodeURIComponent(url.hash.slice(1));
          if (!(await page.evaluate((i) => document.getElementById(i) !== null, id))) broken.push(`${current}: #${id} missing`);
        }
        const target = decodeURIComponent(url.pathname.slice(1));
        if (seen.has(target)) continue;
        seen.add(target);
        if (target.endsWith('.html')) queue.push(target);
        else {
          const head = await context.request.fetch(url.origin + url.pathname, { method: 'HEAD' });
          if (head.status() !== 200) broken.push(`${current}: ${target} HTTP ${head.status()}`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(problems).toEqual([]);
    expect(pages).toBeGreaterThan(250);
    await context.close();
  }, 900_000);

  it('works from file://: pages, styles and the search script load', async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    for (const p of ['index.html', FOUNDING_PAGE, 'people/kono-taro.html', 'downloads.html']) {
      await page.goto(pathToFileURL(path.join(site, p)).href);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')!).backgroundColor)).toBe('rgb(15, 42, 68)');
    }
    await page.goto(pathToFileURL(path.join(site, 'engagements/index.html')).href);
    await page.fill('#q', 'Kono');
    expect(await visibleIds(page)).toContain(FOUNDING_ID);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('finds the founding record by "Kono" in the full-text search', async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto(`${server.url}engagements/index.html`);
    const all = await visibleIds(page);
    await page.fill('#q', 'Kono');
    const found = await visibleIds(page);
    expect(found).toContain(FOUNDING_ID);
    expect(found.length).toBeLessThan(all.length);
    expect(await page.textContent('#count')).toBe(`${found.length} of ${all.length} engagements match.`);
    // The address keeps the search, so a result can be shared and reloaded.
    await page.reload();
    expect(await page.inputValue('#q')).toBe('Kono');
    expect(await visibleIds(page)).toEqual(found);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('narrows the list with each filter, and the filters combine', async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto(`${server.url}engagements/index.html`);
    const rows = await page.$$eval('#engagement-list tbody tr', (trs) => trs.map((tr) => ({ ...(tr as HTMLElement).dataset })));
    const expectShown = async (predicate: (r: Record<string, string | undefined>) => boolean) => {
      const expected = rows.filter(predicate).map((r) => r.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(rows.length);
      expect(await visibleIds(page)).toEqual(expected);
    };
    await page.selectOption('#f-country', 'IN');
    await expectShown((r) => r.countries!.split(' ').includes('IN'));
    await page.selectOption('#f-country', '');
    await page.selectOption('#f-type', 'call');
    await expectShown((r) => r.type === 'call');
    await page.selectOption('#f-medium', 'video');
    await expectShown((r) => r.type === 'call' && r.medium === 'video');
    await page.click('button[type=reset]');
    await page.selectOption('#f-topics', 'covid-19');
    await expectShown((r) => r.topics!.split(' ').includes('covid-19'));
    await page.selectOption('#f-topics', '');
    await page.fill('#f-from', '2020-01-01');
    await page.fill('#f-to', '2020-06-30');
    await expectShown((r) => r.date! >= '2020-01-01' && r.date! <= '2020-06-30');
    await page.selectOption('#f-country', 'PK');
    await expectShown((r) => r.date! >= '2020-01-01' && r.date! <= '2020-06-30' && r.countries!.split(' ').includes('PK'));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the whole list and the browse links without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}engagements/index.html`);
    expect(await page.isVisible('#filters')).toBe(false);
    const rows = await page.$$eval('#engagement-list tbody tr', (trs) => trs.filter((tr) => !(tr as HTMLElement).hidden).length);
    expect(rows).toBe(await page.$$eval('#engagement-list tbody tr', (trs) => trs.length));
    await page.click('summary');
    await page.click('a[href="../countries/in.html"]');
    expect(new URL(page.url()).pathname).toBe('/countries/in.html');
    expect(await page.textContent('h1')).toContain('India');
    await context.close();
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const report: string[] = [];
    for (const p of ['index.html', 'engagements/index.html', FOUNDING_PAGE, 'people/kono-taro.html', 'organizations/pakistan-army.html', 'countries/jp.html', 'topics/covid-19.html', 'downloads.html', 'about.html', 'changelog.html']) {
      await page.goto(server.url + p);
      await page.evaluate(axeSource);
      const results = await page.evaluate(() => (window as unknown as { axe: { run: (o: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run({ resultTypes: ['violations'] }));
      for (const v of results.violations) if (v.impact === 'serious' || v.impact === 'critical') report.push(`${p}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    }
    expect(report).toEqual([]);
    await context.close();
  }, 300_000);

  it('runs no script from hostile records, on any page that shows them', async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    for (const p of ['index.html', 'engagements/index.html', FOUNDING_PAGE, 'people/kono-taro.html', 'organizations/japan-ministry-of-defense.html', 'countries/jp.html', 'years/2020.html']) {
      await page.goto(hostileServer.url + p);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), p).toBeUndefined();
      expect(await page.$$eval('img, iframe', (els) => els.length), p).toBe(0);
    }
    await page.goto(`${hostileServer.url}engagements/index.html`);
    await page.fill('#q', 'onerror');
    expect(await visibleIds(page)).toEqual([FOUNDING_ID]);
    expect(await page.textContent(`#engagement-list a[href="${FOUNDING_ID}.html"]`)).toBe('</script><img src=x onerror=alert(1)>');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('saves screenshots of the home page and the founding record at desktop and phone widths', async () => {
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: name === 'phone' ? 2 : 1 });
      const page = await context.newPage();
      for (const [label, p] of [['home', 'index.html'], ['founding', FOUNDING_PAGE]] as const) {
        await page.goto(server.url + p);
        const file = path.join(ARTIFACTS, `${label}-${name}.png`);
        const png = await page.screenshot({ path: file, fullPage: true });
        expect(png.subarray(1, 4).toString()).toBe('PNG');
      }
      await context.close();
    }
  }, 120_000);
});

/** The ids of the list's rows that are shown. */
function visibleIds(page: Page): Promise<string[]> {
  return page.$$eval('#engagement-list tbody tr', (trs) => trs.filter((tr) => !(tr as HTMLElement).hidden).map((tr) => (tr as HTMLElement).dataset.id!));
}
