/**
 * Text as an id: letters without their accents, lower case, runs of anything else as one
 * hyphen, at most 80 characters (`Nobuo Kishi` -> `nobuo-kishi`). `new` makes ids this way,
 * and the reference rule compares a misspelt id with the records' names this way.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}
