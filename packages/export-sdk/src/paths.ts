import { fileURLToPath } from 'node:url';

/**
 * The repository root, found from this module's place in it: the module is
 * `packages/export-sdk/src/paths.ts` when run from source and
 * `packages/export-sdk/dist/paths.js` when built, three levels below the root either way.
 */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Files of the repository that the SDK build reads, relative to the root. */
export const INPUT_FILES = {
  /** The last release: version, schemas and a snapshot of the published data. */
  release: 'releases/latest.json',
  /** The changelog of past releases, newest first. */
  changelog: 'releases/CHANGELOG.md',
  /** Redirects of renamed or merged ids. */
  redirects: 'releases/redirects.yaml',
  /** The generated TypeScript types, copied into the package's declarations. */
  types: 'packages/schema/src/generated/types.ts',
  /** The generated standalone validators, copied into the package's code. */
  validators: 'packages/schema/src/generated/validators.ts',
} as const;
