import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A guard against hangs, not a speed limit: a test that spawns the CLI a dozen times takes tens of seconds while
    // another full run shares the machine, and it must pass then too (speed is measured in bench/).
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Most test time is spent waiting on spawned CLI processes, so two files at once use both cores of a CI machine
    // (vitest's default keeps one core free and ran the files one after another: 609 s against 441 s here).
    maxWorkers: 2,
    reporters: ['default'],
    // Every temporary directory a test makes is removed after its file; the run fails if any is left behind.
    // The build guard says up front when dist/ is older than src/ (tests that spawn the CLI then fail, saying to build).
    globalSetup: ['test/helpers/temp-guard.ts', 'test/helpers/build-guard.ts'],
    setupFiles: ['test/helpers/remove-temp-dirs.ts'],
  },
})
