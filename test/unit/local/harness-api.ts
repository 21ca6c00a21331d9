import {expect} from 'vitest'

import {DEMO_PROJECT_ID} from '../../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {AtlasApiError} from '../../../src/lib/domain/errors.js'
import {rejectionOf} from '../../helpers/rejection.js'
import {makeTempDir} from '../../helpers/temp-dirs.js'
import {iso} from '../../helpers/values.js'

/** The demo project every fresh home holds. */
export const GROUP = DEMO_PROJECT_ID

/** The wall clock the API tests start at: a Monday, mid-morning UTC, far from any day or month boundary. */
export const START = iso('2026-06-15T10:30:00Z')

export interface ApiWorld {
  backend: LocalBackend
  /** Moves the wall clock (and so the emulator's "now", the virtual clock being unset) to this instant. */
  setNow(instant: number): void
  now(): number
}

/**
 * A LocalBackend on a fresh temporary home (removed after the test file) with a wall clock the test moves by hand,
 * so every instant the emulator derives is known in advance. The demo world is seeded at `start`.
 */
export function apiWorld(start = START, linkBase?: string): ApiWorld {
  let wall = start
  const backend = new LocalBackend({home: makeTempDir('atlas-backups-api-'), wallClock: () => wall, linkBase})
  return {
    backend,
    setNow(instant) {
      wall = instant
    },
    now: () => wall,
  }
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
export async function snapshotIds(world: ApiWorld, clusterName: string): Promise<string[]> {
  const page = await world.backend.listSnapshots(GROUP, clusterName, {itemsPerPage: 500})
  return page.results.map((snapshot) => snapshot.id)
}
