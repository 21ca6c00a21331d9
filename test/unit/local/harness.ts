import {expect} from 'vitest'

import {DEMO_PROJECT_ID} from '../../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {deterministicObjectId} from '../../../src/lib/domain/ids.js'
import {DAY_MS, HOUR_MS} from '../../../src/lib/domain/time.js'
import {AtlasApiError} from '../../../src/lib/domain/errors.js'
import type {CopySetting} from '../../../src/lib/domain/types.js'
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

/** The zone id of a cluster's first replication spec: what a copy setting names its target zone by. */
export async function zoneOf(world: LocalWorld, cluster = 'Cluster0'): Promise<string> {
  return (await world.backend.getCluster(GROUP, cluster)).replicationSpecs![0]!.zoneId!
}

/** A copy setting to US_WEST_2 of daily, weekly and on-demand snapshots, without oplogs; `over` changes any field. */
export function westCopy(zoneId: string, over: Partial<CopySetting> = {}): CopySetting {
  return {cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, frequencies: ['DAILY', 'WEEKLY', 'ON_DEMAND'], shouldCopyOplogs: false, ...over}
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

/**
 * `count` snapshots more on Cluster0 (copies of a scheduled one, a month before START and back, hourly, three at
 * each instant so ids break ties), added in one transaction: a store of 10k snapshots in a second, not a catch-up.
 */
export function addBulkSnapshots(backend: LocalBackend, count: number): void {
  backend.transact((s) => {
    const cluster = s.cluster(GROUP, 'Cluster0')
    const model = s.repo.snapshotsOf(cluster.id).find((record) => record.snapshotType === 'scheduled')!
    for (let index = 0; index < count; index += 1) {
      const at = START - 30 * DAY_MS - Math.floor(index / 3) * HOUR_MS
      s.repo.insertSnapshot(cluster.id, {...model, id: deterministicObjectId(at, `bulk/${index}`), requestedAt: at, finishesAt: at + 60_000, expiresAt: START + 400 * DAY_MS})
    }
  })
}
