import { defineConfig } from 'vitest/config';

// The whole fault suite (`npm run test:faults`): the slow cases here, named *.faults.ts so
// the default `npm test` (which runs every *.test.ts) leaves them out, plus the quick cases
// that `npm test` also runs (test/integration/faults-quick). See test/faults/README.md.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/faults/**/*.faults.ts', 'test/integration/faults-quick/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
