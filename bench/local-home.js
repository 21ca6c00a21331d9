// A bench home filled in process through the emulator itself (thousands of CLI runs would take minutes), so what it
// stores has the emulator's own schema and rules. Needs a build (`npm run build`).
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {changeClock} from '../dist/lib/backends/local/admin.js'
import {freezeClock} from '../dist/lib/backends/local/clock.js'
import {LocalBackend} from '../dist/lib/backends/local/local-backend.js'

/**
 * A new temporary home whose clock is frozen at the wall clock, then given to `fill` (a LocalBackend on it); the
 * home is removed again when filling fails, and the backend is closed either way.
 */
export async function frozenLocalHome(fill) {
  const home = mkdtempSync(join(tmpdir(), 'atlas-backups-bench-'))
  const backend = new LocalBackend({home})
  try {
    changeClock(backend, (state, wall) => freezeClock(state, wall))
    await fill(backend)
    return home
  } catch (error) {
    rmSync(home, {recursive: true, force: true})
    throw error
  } finally {
    await backend.close()
  }
}
