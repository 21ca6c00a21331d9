import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
    // Every temporary directory a test makes is removed after its file; the run fails if any is left behind.
    globalSetup: ['test/helpers/temp-guard.ts'],
    setupFiles: ['test/helpers/remove-temp-dirs.ts'],
  },
})
