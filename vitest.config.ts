import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds the web bundle once, so the browser tests run against the current sources.
    globalSetup: ['tests/web/build-bundle.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests start brokers, servers and databases: keep files in separate processes.
    pool: 'forks',
    env: { TZ: 'Asia/Jakarta' },
  },
});
