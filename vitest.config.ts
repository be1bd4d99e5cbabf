import { defineConfig } from 'vitest/config';

// Tests run the built CLI and real DuckDB; give spawned runs room on a 2-core CI machine.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC', NO_COLOR: '1' },
  },
});
