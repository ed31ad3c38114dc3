// Reading built pages the way a browser's parser does (parse5, the WHATWG HTML parser), for
// the site's tests: elements, attributes, text, links and JSON-LD blocks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

export interface ParsedPage {
  path: string;
  html: string;
  elements: Element[];
}

export function parsePage(siteDir: string, pagePath: string): ParsedPage {
  const html = readFileSync(path.join(siteDir, pagePath), 'utf8');
  const elements: Element[] = [];
  const walk = (node: Node) => {
    if ('tagName' in node) elements.push(node);
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
    if ('content' in node && node.content) walk(node.content as unknown as Node);
  };
  walk(parse(html) as unknown as Node);
  return { path: pagePath, html, elements };
}

export function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

/** The text inside an element, as the DOM's textContent gives it. */
export function textOf(element: Element): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeName === '#text') text += (node as DefaultTreeAdapterMap['textNode']).value;
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
  };
  walk(element as unknown as Node);
  return text;
}

export function byTag(page: ParsedPage, tag: string): Element[] {
  return page.elements.filter((e) => e.tagName === tag);
}

export function byId(page: ParsedPage, id: string): Element | undefined {
  return page.elements.find((e) => attr(e, 'id') === id);
}

/** The parsed JSON of every `application/ld+json` block of the page. */
export function jsonLdBlocks(page: ParsedPage): unknown[] {
  return byTag(page, 'script')
    .filter((s) => attr(s, 'type') === 'application/ld+json')
    .map((s) => JSON.parse(textOf(s)) as unknown);
}

/** Every link of the page: href of a and link, src of script and img. */
export function linksOf(page: ParsedPage): string[] {
  const links: string[] = [];
  for (const e of page.elements) {
    const value = e.tagName === 'a' || e.tagName === 'link' ? attr(e, 'href') : e.tagName === 'script' || e.tagName === 'img' ? attr(e, 'src') : undefined;
    if (value !== undefined) links.push(value);
  }
  return links;
}
