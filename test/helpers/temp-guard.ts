import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/**
 * vitest globalSetup: the whole run gets its own temp folder (TMPDIR, inherited by the test workers and every CLI
 * or server they spawn), which must be empty again at the end. Anything left there is a test that did not remove
 * what it made; the folder is removed either way, so a run never litters the machine's temp folder. Other
 * processes on the machine write elsewhere, so they cannot make this fail.
 */
export default function setup(): () => void {
  const runDir = mkdtempSync(join(tmpdir(), 'atlas-backups-test-run-'))
  for (const name of ['TMPDIR', 'TMP', 'TEMP']) process.env[name] = runDir
  return () => {
    const left = readdirSync(runDir)
    rmSync(runDir, {recursive: true, force: true, maxRetries: 3})
    if (left.length > 0) {
      // vitest reports an error thrown here but still exits 0, so the exit code is set by hand.
      process.exitCode = 1
      process.stderr.write(
        `\nFAIL temp-dir guard: tests left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in the temp folder: ${left.slice(0, 10).join(', ')}${left.length > 10 ? ', …' : ''}.\nMake them with makeHome() or makeTempDir() (test/helpers), which remove them after each file.\n`,
      )
    }
  }
}
