import {DEMO_PROJECT_ID} from '../../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {makeTempDir} from '../../helpers/temp-dirs.js'
import {iso} from '../../helpers/values.js'

export {DEMO_PROJECT_ID}

/** The wall clock every admin test starts from: a Wednesday, mid-morning, so 18:00 UTC firings are ahead of it. */
export const WALL = iso('2026-06-10T10:00:00Z')

/**
 * A LocalBackend on a fresh temporary home (removed after the test file) whose wall clock stands still at `wall`
 * unless the test moves it: `harness.wall = …`. Admin operations take this backend as the `local …` commands do.
 */
export function adminHarness(wall: number = WALL): {backend: LocalBackend; home: string; wall: number} {
  const home = makeTempDir('atlas-backups-admin-')
  const harness = {
    home,
    wall,
    backend: undefined as unknown as LocalBackend,
  }
  harness.backend = new LocalBackend({home, wallClock: () => harness.wall})
  return harness
}
