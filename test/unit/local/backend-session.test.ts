import {expect, test} from 'vitest'

import {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {storePath} from '../../../src/lib/backends/local/store.js'
import {makeTempDir} from '../../helpers/temp-dirs.js'
import {GROUP, START} from './harness.js'

/** The LocalBackend object itself: first use seeds the demo world once, close() lets it reopen its store. */

test('the first backend on a home seeds the demo world; a second one on the same home finds it', async () => {
  const home = makeTempDir('atlas-backups-api-')
  const first = new LocalBackend({home, wallClock: () => START})
  expect(first.seeded).toBe(false)
  const clusters = await first.listClusters(GROUP)
  expect(first.seeded).toBe(true)
  await first.close()
  const second = new LocalBackend({home, wallClock: () => START + 1_000})
  expect(await second.listClusters(GROUP)).toEqual(clusters)
  expect(second.seeded).toBe(false)
  await second.close()
})

test('a closed backend reopens its store on the next call, and closing twice is harmless', async () => {
  const home = makeTempDir('atlas-backups-api-')
  const backend = new LocalBackend({home, wallClock: () => START})
  await backend.close()
  const before = await backend.getSchedule(GROUP, 'Cluster0')
  await backend.close()
  await backend.close()
  expect(await backend.getSchedule(GROUP, 'Cluster0')).toEqual(before)
  expect(backend.home).toBe(home)
  expect(backend.storePath).toBe(storePath(home))
  await backend.close()
})

test('close() releases the SQLite connection, and the next call opens a new one on the same store', async () => {
  const home = makeTempDir('atlas-backups-api-')
  const backend = new LocalBackend({home, wallClock: () => START})
  const before = await backend.getSchedule(GROUP, 'Cluster0')
  const connection = backend.database()
  expect(connection.open).toBe(true)
  await backend.close()
  // Released, not kept for reuse: another process may now replace or remove the store file (`local reset`).
  expect(connection.open).toBe(false)
  expect(await backend.getSchedule(GROUP, 'Cluster0')).toEqual(before)
  expect(backend.database()).not.toBe(connection)
  expect(backend.database().open).toBe(true)
  await backend.close()
})
