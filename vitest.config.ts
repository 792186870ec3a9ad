import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/helpers/globalSetup.ts'],
    // A browser test drives up to seven contexts; on two loaded cores a whole workflow may take a minute.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration and browser tests each start their own server on port 0,
    // so files can run in parallel; two cores make two workers enough.
    maxWorkers: 2,
    // On CI's two cores, seven browser contexts and a server share the CPU; a
    // browser step that misses its deadline once under that load is run
    // again. A test that fails twice fails the run, and the summary counts
    // retried tests (summaryReporter) so that a flake never goes unseen.
    retry: process.env.CI ? 1 : 0,
    reporters: ['default', './test/helpers/summaryReporter.ts'],
  },
});
