import {defineConfig} from 'vitest/config'

/**
 * The test set Stryker runs against each mutant (npm run mutate; see "Mutation testing" in README.md): the in-process
 * unit tests under test/unit, which call the rule modules and the local backend directly.
 *
 * Stryker's vitest runner loads the mutated sources into its own process, so only tests that import src/ can kill a
 * mutant: tests that spawn the CLI run bin/run.js → dist/, which Stryker never mutates. The in-process server,
 * contract and cloud tests import src/ too, but every one of them reaches the local backend through HTTP, so each
 * mutant of backends/local ran a hundred slow tests: a run over the four scored modules did not finish in two hours
 * on two cores. test/unit/local pins what the emulator stores, operation by operation, and those tests alone are what
 * the score stands on; the HTTP layers are still tested by npm test.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/helpers/temp-guard.ts'],
    setupFiles: ['test/helpers/remove-temp-dirs.ts'],
  },
})
