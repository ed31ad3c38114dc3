import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

// Tests that drive programs from Debian packages (pre-commit, sqlite3, python3-pandas,
// python3-pyld, python3-rdflib, chromium, ...). They run in `npm run test:clients`, never in
// `npm test`, so that `npm test` needs Node alone.
export default mergeConfig(base, {
  test: {
    include: ['tests-clients/**/*.test.ts'],
    testTimeout: 180_000,
  },
});
