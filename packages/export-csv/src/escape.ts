// The formula-injection policy for CSV cells, in one place: the writer applies it, the
// reader undoes it, the data package and the README describe it.
//
// Spreadsheets (Excel, LibreOffice, Google Sheets, Numbers) run a cell as a formula when
// it starts with `=`, `+`, `-` or `@` (or their full-width forms), and some also after a
// leading tab, carriage return or other control character. Only free-text columns can
// start with such a character: every other column is an id, a date, a code, a URL, a
// number or a vocabulary term whose schema pattern or enum proves that it starts with an
// ASCII letter or digit (see `startsSafely` and the schema-driven classification in
// `schemaInfo.ts`). The writer refuses to write a non-free-text cell that breaks this.
//
// Free-text columns get a reversible prefix: when the text starts with a character of
// `FORMULA_TRIGGER` (which includes `'` itself), one `'` is put in front. A reader removes
// exactly one leading `'` from every free-text cell that has one, and gets the text back
// unchanged. Escaping `'` too is what makes the rule lossless: a cell of a free-text
// column starts with `'` exactly when the writer added one.

/**
 * The first characters that get a `'` in front in free-text columns: `=`, `+`, `-`, `@`,
 * their full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20), the apostrophe itself (so that
 * the rule can be undone), every control character (tab, CR, LF, NUL and the rest of
 * C0 and C1), every invisible format character (zero-width space, byte order mark,
 * bidirectional controls) and every white-space or separator character: some
 * spreadsheets skip leading white space before looking for `=`, and an invisible first
 * character must not hide a formula sign behind it.
 */
export const FORMULA_TRIGGER = /^[=+\-@'\uFF1D\uFF0B\uFF0D\uFF20\p{Cc}\p{Cf}\p{White_Space}\p{Z}]/u;

/** The prefix put in front of a free-text value that starts with a trigger character. */
export const ESCAPE_PREFIX = "'";

/** Makes a free-text value safe to open in a spreadsheet; `unescapeFreeText` undoes it. */
export function escapeFreeText(value: string): string {
  return FORMULA_TRIGGER.test(value) ? ESCAPE_PREFIX + value : value;
}

/** Undoes `escapeFreeText`: removes exactly one leading `'`, if any. */
export function unescapeFreeText(cell: string): string {
  return cell.startsWith(ESCAPE_PREFIX) ? cell.slice(ESCAPE_PREFIX.length) : cell;
}

/** True when a cell cannot be taken for a formula: empty, or starting with an ASCII letter or digit. */
export function startsSafely(cell: string): boolean {
  return cell === '' || /^[A-Za-z0-9]/.test(cell);
}
