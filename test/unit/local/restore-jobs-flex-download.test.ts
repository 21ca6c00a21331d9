import {describe, expect, test} from 'vitest'

import {createCluster} from '../../../src/lib/backends/local/admin.js'
import {DAY_MS, HOUR_MS, toIso} from '../../../src/lib/domain/time.js'
import {GROUP, localWorld} from './harness.js'

/** Rule 81: a download link of a Flex cluster's snapshot works four hours, as one of an M2/M5 does, not a dedicated one's. */
describe('a Flex cluster\'s download link (rule 81)', () => {
  test('expires four hours after the download is ready', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Flex0', tier: 'FLEX', provider: 'AWS'})
    world.setNow(world.now() + 2 * DAY_MS)
    const page = await world.backend.listSnapshots(GROUP, 'Flex0', {itemsPerPage: 500})
    const snapshot = page.results.find((one) => one.status === 'completed')!
    expect(snapshot).toBeDefined()
    const requestedAt = world.now()
    const job = await world.backend.createRestoreJob(GROUP, 'Flex0', {deliveryType: 'download', snapshotId: snapshot.id})
    world.setNow(world.now() + DAY_MS)
    const ready = await world.backend.getRestoreJob(GROUP, 'Flex0', job.id)
    // Ready 10 seconds after the request (DOWNLOAD_PREPARE_MS), then four hours.
    expect(ready.expiresAt).toBe(toIso(requestedAt + 10_000 + 4 * HOUR_MS))
    await world.backend.close()
  })
})
