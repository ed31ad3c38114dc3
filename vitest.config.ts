import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests import workspace packages from their TypeScript sources (the `source`
    // export condition), so a unit test never runs stale build output.
    conditions: ['source'],
  },
  // Tests run server-side, where Vite reads the conditions from `ssr.resolve`.
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['tests/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    // tests-clients/ drives Debian programs: `npm run test:clients` (vitest.clients.config.ts).
    exclude: ['**/node_modules/**', 'tests-clients/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { TZ: 'UTC', NO_COLOR: '1' },
  },
});
