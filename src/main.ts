import {execute} from '@oclif/core/execute'
import {settings} from '@oclif/core/settings'

/**
 * What bin/run.js runs: oclif from the same bundle as the commands, so they share one copy of its classes.
 * dist/ is what runs. With NODE_ENV=development or test (common in CI jobs and in any vitest or jest run that spawns
 * us), oclif would otherwise look for TypeScript sources to run instead, loading the whole TypeScript compiler to read
 * tsconfig.json on every command: about twice the CPU of the command itself.
 */
export async function run(bin: string): Promise<void> {
  settings.enableAutoTranspile = false
  await execute({dir: bin})
}
