import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// Tests that drive programs from Debian packages (pre-commit, sqlite3, python3-pandas,
// python3-pyld, python3-rdflib, chromium, ...). They run in `npm run test:clients`, never in
// `npm test`, so that `npm test` needs Node alone. The settings are the base config's, with
// its own include and exclude (mergeConfig would concatenate the lists and so keep the
// base's exclusion of this very folder).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['tests-clients/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 180_000,
  },
});
