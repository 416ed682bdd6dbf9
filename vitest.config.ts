import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'kernel/test/**/*.test.ts',
      'sdk/test/**/*.test.ts',
      'plugins/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', '.data/**'],
    globalSetup: ['sdk/src/testing/global-setup.ts'],
    pool: 'forks',
    // The JSON report lets CI print a plain "N passed, N failed" line (see .ci/run).
    reporters: ['default', ['json', { outputFile: '.data/test-results.json' }]],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
