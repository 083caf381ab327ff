import { defineConfig } from 'vitest/config';

// Unit tests live beside the code (src/**/x.test.ts); integration and end-to-end tests
// start real servers on 127.0.0.1 (test/integration, test/e2e).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
