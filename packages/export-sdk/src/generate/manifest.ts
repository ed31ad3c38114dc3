export const PACKAGE_NAME = '@engagements/sdk';
/**
 * SPDX expression of the package: its code is MIT, the data it carries (the records and
 * the vocabularies' definitions) CC BY 4.0, as the CSV data package and the site say.
 */
export const LICENSE = '(MIT AND CC-BY-4.0)';

/**
 * The package.json of @engagements/sdk: dual ES module / CommonJS entry points with their
 * own declarations, the schemas as subpath exports, no dependencies and no scripts.
 */
export function packageJson(version: string, counts: { engagements: number; people: number; organizations: number }, schemaFiles: readonly string[]): string {
  const manifest = {
    name: PACKAGE_NAME,
    version,
    description: `Typed data and queries for ${counts.engagements} defence-diplomacy engagements, ${counts.people} people and ${counts.organizations} organizations, with their JSON Schemas and vocabularies.`,
    keywords: ['defence diplomacy', 'military diplomacy', 'engagements', 'dataset', 'open data', 'json-schema', 'typescript'],
    license: LICENSE,
    type: 'module',
    sideEffects: false,
    exports: {
      '.': {
        import: { types: './dist/index.d.ts', default: './dist/index.js' },
        require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
      },
      // One entry per schema (not a wildcard), so that package checkers can resolve each.
      ...Object.fromEntries(schemaFiles.map((f) => [`./schemas/${f}`, `./schemas/${f}`])),
      './changes.json': './changes.json',
      './package.json': './package.json',
    },
    main: './dist/index.cjs',
    module: './dist/index.js',
    types: './dist/index.d.cts',
    files: ['dist', 'schemas', 'changes.json', 'CHANGELOG.md'],
    engines: { node: '>=20' },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The LICENSE file: which part is under which licence, then both. */
export function licenseText(): string {
  return `This package holds code and data under two licences (SPDX: ${LICENSE}).

- The data (the records and vocabularies in dist/data.cjs, dist/index.*, schemas/,
  changes.json and CHANGELOG.md) is licensed under the Creative Commons Attribution 4.0
  International licence (CC BY 4.0): https://creativecommons.org/licenses/by/4.0/
  Attribute it to "The engagements project contributors", with a link to the dataset.
- The code (the query functions and types in dist/) is licensed under the MIT License,
  below.

MIT License

Copyright (c) The engagements contributors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;
}
