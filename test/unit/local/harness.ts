import {expect} from 'vitest'

import {DEMO_PROJECT_ID} from '../../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {AtlasApiError} from '../../../src/lib/domain/errors.js'
import {rejectionOf} from '../../helpers/rejection.js'
import {makeTempDir} from '../../helpers/temp-dirs.js'
import {iso} from '../../helpers/values.js'

/** The demo project every fresh home holds. */
export const GROUP = DEMO_PROJECT_ID

/** Where the API tests start: a Monday, mid-morning UTC, far from any day or month boundary. */
export const START = iso('2026-06-15T10:30:00Z')

/** Where the admin tests start: a Wednesday, mid-morning, so the 18:00 UTC firings are ahead of it. */
export const WALL = iso('2026-06-10T10:00:00Z')

export interface LocalWorld {
  backend: LocalBackend
  home: string
  /** The wall clock the emulator reads (its "now" while the virtual clock is unset); tests move it by hand. */
  wall: number
  setNow(instant: number): void
  now(): number
}

/**
 * A LocalBackend on a fresh temporary home (removed after the test file) whose wall clock stands still until the
 * test moves it, so every instant the emulator derives is known in advance. The demo world is seeded at `start`.
 * Admin operations take this backend as the `local …` commands do.
 */
export function localWorld(start = START, linkBase?: string): LocalWorld {
  const home = makeTempDir('atlas-backups-local-')
  const world: LocalWorld = {
    backend: undefined as unknown as LocalBackend,
    home,
    wall: start,
    setNow(instant) {
      world.wall = instant
    },
    now: () => world.wall,
  }
  world.backend = new LocalBackend({home, wallClock: () => world.wall, linkBase})
  return world
}

/** What an Atlas API error carries, read off the error a call rejects with (a call that succeeds fails the test). */
export interface ErrorFacts {
  status: number
  errorCode: string
  detail: string
  parameters: unknown[]
}

export async function atlasError(promise: Promise<unknown>): Promise<ErrorFacts & {fields: unknown[]}> {
  const error = await rejectionOf(promise)
  expect(error).toBeInstanceOf(AtlasApiError)
  const {status, errorCode, detail, parameters, fields} = error as AtlasApiError
  return {status, errorCode, detail, parameters, fields}
}

/** The ids of every snapshot of a cluster, newest first, as one page lists them. */
export async function snapshotIds(world: LocalWorld, clusterName: string): Promise<string[]> {
  const page = await world.backend.listSnapshots(GROUP, clusterName, {itemsPerPage: 500})
  return page.results.map((snapshot) => snapshot.id)
}
