// Checking the site's schema.org markup two ways, offline:
// - expandSchemaOrg: jsonld.js expands a block in safe mode (an undefined term or a bad
//   value is an error). schema.org's context cannot be fetched here, so the loader serves
//   the part of it that our blocks use: `@vocab` schema.org and the properties whose values
//   schema.org's own context declares as IRIs (url, sameAs, license, contentUrl, ...).
// - schemaOrgTypeErrors: the blocks are type-checked by TypeScript against schema-dts, whose
//   declarations are generated from schema.org's vocabulary (no vocabulary file ships on
//   npm): a property a type does not have, or a value of the wrong kind, is an error.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import jsonld from 'jsonld';
import ts from 'typescript';
import { ROOT } from './support.js';

const IRI_VALUED = ['url', 'sameAs', 'license', 'contentUrl', 'eventAttendanceMode', 'inDefinedTermSet'];
const SCHEMA_ORG_CONTEXT = {
  '@context': {
    '@vocab': 'https://schema.org/',
    ...Object.fromEntries(IRI_VALUED.map((p) => [p, { '@type': '@id' }])),
  },
};

const documentLoader = async (url: string) => {
  if (url === 'https://schema.org' || url === 'https://schema.org/') return { contextUrl: undefined, documentUrl: url, document: SCHEMA_ORG_CONTEXT };
  throw new Error(`the tests fetch nothing: ${url}`);
};

/** The block expanded (safe mode) as if served at `base`. */
export async function expandSchemaOrg(block: unknown, base: string): Promise<Array<Record<string, unknown>>> {
  return (await jsonld.expand(block as never, { documentLoader: documentLoader as never, base, safe: true } as never)) as Array<Record<string, unknown>>;
}

export interface TypedBlock {
  /** The schema.org type the block must fit (a type schema-dts exports: Dataset, Event, ...). */
  type: string;
  /** A name for the block in the messages. */
  name: string;
  value: unknown;
}

/**
 * TypeScript's errors for each block typed as `WithContext<type>` from schema-dts, as
 * "name: message"; empty when every block fits its type. One program for all the blocks,
 * since loading schema-dts's declarations is the slow part.
 */
export function schemaOrgTypeErrors(blocks: readonly TypedBlock[]): string[] {
  const cache = path.join(ROOT, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, 'schemaorg-check-'));
  try {
    const file = path.join(dir, 'check.ts');
    const types = [...new Set(blocks.map((b) => b.type))].sort();
    let text = `import type { WithContext, ${types.join(', ')} } from 'schema-dts';\n`;
    const starts: Array<{ at: number; name: string }> = [];
    blocks.forEach((b, i) => {
      starts.push({ at: text.length, name: b.name });
      text += `export const block${i}: WithContext<${b.type}> = ${JSON.stringify(b.value, null, 1)};\n`;
    });
    writeFileSync(file, text);
    const program = ts.createProgram([file], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [], skipLibCheck: true });
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const owner = d.start === undefined ? undefined : [...starts].reverse().find((s) => s.at <= d.start!);
      return `${owner?.name ?? '(file)'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
