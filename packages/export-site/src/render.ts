// Pages are Eta templates (templates/), rendered with autoescaping: `<%= %>` escapes
// `& < > " '`, so record text stays text in elements and attributes alike. `<%~ %>` (raw) is
// used only for markup the site makes itself: a rendered partial, the SVG of a chart, and
// JSON-LD already escaped by jsonForScript.
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import { relativeLink } from './paths.js';

/** The templates folder: `packages/export-site/templates`, beside src/ and dist/. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));
/** The static assets (CSS, the list page's script), copied into the site's assets/. */
export const ASSETS_DIR = fileURLToPath(new URL('../assets/', import.meta.url));

const eta = new Eta({ views: TEMPLATES_DIR, autoEscape: true, autoTrim: false, cache: true, useWith: false });

/** The Content-Security-Policy of every page (a meta tag): no inline script or style, nothing from elsewhere. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'";

export interface PageMeta {
  /** The page's path in the site (`engagements/<id>.html`). */
  path: string;
  title: string;
  description: string;
  /** Which top-level section the page belongs to (highlighted in the navigation). */
  section: 'home' | 'engagements' | 'people' | 'organizations' | 'countries' | 'downloads' | 'about';
  /** JSON-LD, already made safe for a script block by jsonForScript (made when the page is rendered). */
  jsonLd?: () => string;
  /** Scripts (site paths) the page loads; most pages load none. */
  scripts?: string[];
}

/** What every template gets as `it.h`: links relative to the page being rendered. */
export function helpers(from: string) {
  return {
    link: (to: string) => relativeLink(from, to),
    /** Only http(s) addresses become links (the schema allows no others; this is a second guard). */
    safeUrl: (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url : null),
  };
}

/** Renders a page template inside the layout. `data` is available to the template as `it`. */
export function renderPage(template: string, meta: PageMeta, data: Record<string, unknown>): string {
  const h = helpers(meta.path);
  return eta.render(`./${template}`, { ...data, meta, h, csp: CONTENT_SECURITY_POLICY });
}

/** Renders a template that is not a page (a chart's SVG), for embedding with `<%~ %>`. */
export function renderPartial(template: string, data: Record<string, unknown>): string {
  return eta.render(`./${template}`, data);
}
