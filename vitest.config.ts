import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/**/src/**/*.test.ts',
      'packages/**/test/**/*.test.ts',
      'cli/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    exclude: ['**/dist/**', '**/node_modules/**'],
    globalSetup: ['test/fixtures/global-setup.ts'],
    // CLI tests spawn node and wasm-tools; a loaded CI machine needs slack.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
