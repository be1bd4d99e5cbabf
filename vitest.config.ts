import { defineConfig } from 'vitest/config';

// Most tests run the CLI in-process (test/helpers/run.ts) on real DuckDB; test/e2e.test.ts spawns
// bin/journey.js over dist/ (npm test builds it first). Two workers: vitest would use one on a
// 2-core machine (cores - 1), while much of a run waits on DuckDB's own threads.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Test files share their worker's process and module cache instead of a fresh one each: the
    // suite is CPU-bound on two cores and re-importing DuckDB and the CLI per file cost ~15% of it
    // (159 s -> 127 s). Nothing in src/ keeps state between runs of main() that a test could see.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One DuckDB thread per worker: two workers already use both cores (docs/decisions.md).
    env: { TZ: 'UTC', NO_COLOR: '1', JOURNEY_THREADS: '1' },
  },
});
