// @ts-check
/**
 * Mutation testing of src/lib: `npm run mutate` (slow: not part of npm test or CI). README.md, "Mutation testing",
 * says which tests take part and why, and the score per module.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // related: false makes the first run go through every test in that config, so coverage analysis can credit the
  // in-process server tests too (vitest's import graph alone chose only the unit tests of the mutated module).
  vitest: {configFile: 'vitest.mutation.config.ts', related: false},
  // domain/types.ts declares types only: nothing in it exists at run time.
  mutate: ['src/lib/**/*.ts', '!src/lib/domain/types.ts'],
  // Runs only the tests that reached a mutant, instead of every test for every mutant.
  coverageAnalysis: 'perTest',
  // One test process: the run is long, and the machine it was tuned on has two cores shared with other work.
  // Raise it with --concurrency on a free machine.
  concurrency: 1,
  // Reuses earlier results for mutants whose code and covering tests did not change (reports/ is git-ignored).
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: {fileName: 'reports/mutation/mutation.html'},
  jsonReporter: {fileName: 'reports/mutation/mutation.json'},
  // The terminal gets the score table only; the mutants themselves are in the HTML report and list-survivors.mjs.
  clearTextReporter: {allowColor: false, reportTests: false, reportMutants: false, reportScoreTable: true},
  // The goal is 85 % killed per module; a lower score is reported, not a failure.
  thresholds: {high: 85, low: 70, break: null},
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
}
