import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    pool: 'forks',
    // Two cores: real sshd fleets and Chromium compete with the runner itself.
    maxWorkers: 2,
    // A safety net against hangs, not a speed check: at load 20-30 (CI beside other work) tests
    // that drive Chromium, real sshd or the real CLI took 60 s where they take 10 s when quiet.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    reporters: ['default', './test/reporter.ts'],
  },
});
