/**
 * Turns the generated types (packages/schema/src/generated/types.ts, the output of
 * json-schema-to-typescript) into the package's read-only types: every property
 * `readonly`, every array `readonly T[]`, because the data the package exports is deeply
 * frozen. The input has a narrow, known shape; anything unexpected throws, so that a
 * change in the generator is noticed at build time rather than shipped.
 */
export function readonlyTypes(source: string): string {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  // Drop the generator's banner: the package has its own.
  while (lines.length > 0 && (lines[0]!.startsWith('//') || lines[0]!.trim() === '')) lines.shift();
  const out: string[] = [];
  let inInterface = false;
  for (const line of lines) {
    if (/^export interface \w+ \{$/.test(line)) inInterface = true;
    else if (line === '}') inInterface = false;
    else if (inInterface) {
      const property = /^( {2})([A-Za-z_$][\w$]*\??:)(.*)$/.exec(line);
      if (property) {
        out.push(`${property[1]}readonly ${property[2]}${property[3]}`);
        continue;
      }
      if (/^ {2}\S/.test(line) && !/^ {2}(\/\*\*|\*)/.test(line)) throw new Error(`readonlyTypes: unexpected line in an interface: ${line}`);
    }
    out.push(line);
  }
  let text = out.join('\n');
  text = text.replace(/\b([A-Z][\w$]*)\[\]/g, 'readonly $1[]');
  // Every array type must now be read-only (a parenthesised or generic array would not be).
  const bare = /(?<!readonly [A-Z][\w$]*)\[\]/.exec(text);
  if (bare) throw new Error(`readonlyTypes: an array type that is not a plain name: ...${text.slice(Math.max(0, bare.index - 40), bare.index + 2)}`);
  if (/\[key: string\]/.test(text)) throw new Error('readonlyTypes: index signatures are not expected in the generated types');
  // The generator's note on every type is noise for consumers.
  text = text.replace(/\n \*\n \* This interface was referenced by `AllTypes`'s JSON-Schema\n \* via the `definition` "[^"]+"\./g, '');
  text = text.replace(/\/\*\*\n \* This interface was referenced by `AllTypes`'s JSON-Schema\n \* via the `definition` "[^"]+"\.\n \*\/\n/g, '');
  if (text.includes('AllTypes')) throw new Error('readonlyTypes: a reference to AllTypes is left');
  return `${text.trim()}\n`;
}

/** The names of the types a `types.ts` exports (`export type X` and `export interface X`). */
export function exportedTypeNames(source: string): string[] {
  return [...source.matchAll(/^export (?:type|interface) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!);
}
