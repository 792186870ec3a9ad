/**
 * Prints one plain closing line, "Tests: N passed, N failed, N skipped",
 * which CI tooling reads regardless of the test runner; before it, every test
 * that passed only when retried (vitest.config.ts), so a flake is never hidden.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const retried: string[] = [];
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed' && (test.diagnostic()?.retryCount ?? 0) > 0) retried.push(`${mod.moduleId} > ${test.fullName}`);
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // A file that failed to load has no tests but must count as a failure.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
    }
    for (const name of retried) process.stdout.write(`\nPassed on a retry: ${name}`);
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
