import {dirname, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

import {staleBuildMessage, staleBuildReason} from './built.js'

/**
 * vitest globalSetup: says once, before any test, when dist/ is older than src/. The tests that spawn the CLI then
 * fail with the same message (see assertBuilt in cli.ts); unit tests, which import src/ directly, still run.
 */
export default function setup(): void {
  const reason = staleBuildReason(resolve(dirname(fileURLToPath(import.meta.url)), '../..'))
  if (reason !== undefined) process.stderr.write(`\nWARNING ${staleBuildMessage(reason)}.\n\n`)
}
