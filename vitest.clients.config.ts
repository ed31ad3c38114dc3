import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// Tests that drive programs from Debian packages (pre-commit, sqlite3, python3-pandas,
// python3-pyld, python3-rdflib, chromium, ...). They run in `npm run test:clients`, never in
// `npm test`, so that `npm test` needs Node alone. The base's include and exclude are
// replaced, not merged (mergeConfig would concatenate the lists and keep excluding
// tests-clients/).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['tests-clients/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 180_000,
  },
});
