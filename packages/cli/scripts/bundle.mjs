// Bundles the command line into dist/bundle/ (run by `npm run build` after tsc): one
// module graph instead of some two hundred files that Node would resolve, read and link
// one by one at every start. `validate` (with the check, the parsers, the validators and
// the rules) is in the bundle; `main.js` loads only what a command needs, through
// dynamic imports that esbuild splits into chunks. Left outside, loaded from
// node_modules as before: the core's main entry (used by build, new, fmt, diff) and the
// exporters, which find their templates and WebAssembly files next to their own modules,
// and the prompts of `new`. Never edit dist/bundle/ by hand: it is rebuilt from dist/.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const coreDist = path.dirname(fileURLToPath(import.meta.resolve('@engagements/core/quick')));
// The core starts worker threads from files beside its loader (`new URL('./x.js',
// import.meta.url)`): each becomes an entry point in the same folder as the chunks.
// (load/fastLoadWorker for build and cached runs, parallel/checkWorker for a cold validate).
const workers = Object.fromEntries(
  ['load', 'parallel'].flatMap((folder) =>
    readdirSync(path.join(coreDist, folder))
      .filter((name) => /Worker\.js$/.test(name))
      .map((name) => [name.replace(/\.js$/, ''), path.join(coreDist, folder, name)]),
  ),
);

/** Exact package names kept outside the bundle (their subpaths, such as @engagements/core/check, are bundled). */
const outside = /^(?:@engagements\/core|@engagements\/export-[a-z0-9-]+|@inquirer\/prompts)$/;

const outdir = path.join(cli, 'dist/bundle');
// Chunk names carry a hash of their content: without emptying the folder, every build
// would leave the previous chunks beside the new ones.
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: { main: path.join(cli, 'dist/main.js'), ...workers },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // CommonJS packages inside the bundle (yaml, commander) call require() for Node's modules.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  plugins: [
    {
      name: 'outside',
      setup(b) {
        b.onResolve({ filter: /^@/ }, (args) => (outside.test(args.path) ? { path: args.path, external: true } : undefined));
      },
    },
  ],
});
