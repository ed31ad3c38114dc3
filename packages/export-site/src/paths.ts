// Where every page lives inside the site folder, and relative links between them. Links
// are always relative and always name the file (`people/index.html`, never `people/`), so
// the site works from any folder of any static host and from file://.
import path from 'node:path';

/** Paths of pages and files, relative to the site folder. Ids are slugs and need no escaping. */
export const page = {
  home: 'index.html',
  engagements: 'engagements/index.html',
  engagement: (id: string) => `engagements/${id}.html`,
  people: 'people/index.html',
  person: (id: string) => `people/${id}.html`,
  organizations: 'organizations/index.html',
  organization: (id: string) => `organizations/${id}.html`,
  countries: 'countries/index.html',
  country: (code: string) => `countries/${code.toLowerCase()}.html`,
  term: (folder: string, id: string) => `${folder}/${id}.html`,
  year: (year: string) => `years/${year}.html`,
  downloads: 'downloads.html',
  about: 'about.html',
  changelog: 'changelog.html',
  download: (outputPath: string) => `downloads/${outputPath}`,
  asset: (name: string) => `assets/${name}`,
} as const;

/** The link from one page to another file of the site (both relative to the site folder). */
export function relativeLink(from: string, to: string): string {
  const [target, fragment] = to.split('#', 2) as [string, string | undefined];
  const rel = path.posix.relative(path.posix.dirname(from), target) || path.posix.basename(target);
  return fragment === undefined ? rel : `${rel}#${fragment}`;
}
