import {defineConfig} from 'vitest/config'

/**
 * The test set Stryker runs against each mutant (npm run mutate; see "Mutation testing" in README.md).
 *
 * Stryker's vitest runner loads the mutated sources into its own process, so only tests that import src/ directly
 * can kill a mutant. Tests that spawn the CLI run bin/run.js → dist/, which Stryker never mutates (and its sandbox
 * has no dist/ at all), so they would only cost time or fail the initial run: they are left out here.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/server/**/*.test.ts', 'test/contract/**/*.test.ts', 'test/cloud/**/*.test.ts'],
    exclude: [
      // Each of these spawns the built CLI for some or all of its tests.
      'test/server/command.test.ts',
      'test/server/debug-log.test.ts',
      'test/server/retention-unfinished.test.ts',
      'test/cloud/cli-faults.test.ts',
      'test/cloud/digest.test.ts',
      'test/cloud/http-guards.test.ts',
      'test/cloud/secrets.test.ts',
      'test/cloud/serverless-notice.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/helpers/temp-guard.ts'],
    setupFiles: ['test/helpers/remove-temp-dirs.ts'],
  },
})
