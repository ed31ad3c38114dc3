// Where every page lives inside the site folder, and relative links between them. Links
// are always relative and always name the file (`people/index.html`, never `people/`), so
// the site works from any folder of any static host and from file://.

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

/**
 * The link from one page to another file of the site (both relative to the site folder):
 * `../` for each folder of `from`, or the bare name within the same folder. String work
 * only, since it runs for every link of every page.
 */
export function relativeLink(from: string, to: string): string {
  const hash = to.indexOf('#');
  const target = hash < 0 ? to : to.slice(0, hash);
  const fragment = hash < 0 ? '' : to.slice(hash);
  const fromDir = from.lastIndexOf('/') < 0 ? '' : from.slice(0, from.lastIndexOf('/') + 1);
  if (target === '') return fragment;
  if (fromDir === '') return target + fragment;
  if (target.startsWith(fromDir) && !target.slice(fromDir.length).includes('/')) return target.slice(fromDir.length) + fragment;
  return '../'.repeat(fromDir.split('/').length - 1) + target + fragment;
}
