import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {startRegionOutage} from '../../src/lib/backends/local/region-outages.js'
import {startServer, type RunningServer} from '../../src/lib/server/index.js'
import {iso} from '../helpers/values.js'
import {call, CLUSTER0, freezeClock, tempHome, V20230101, V20240805} from './helpers.js'

/**
 * `serve` during a simulated regional outage: the restore job a copy served carries servedFromCopyRegion (the
 * emulator's own field, which a client of the API reads like any other), and a snapshot with no copy gets the 409.
 */

const START = iso('2026-06-15T10:30:00Z')
const DAY = 86_400_000

let home: string
let server: RunningServer

beforeAll(async () => {
  home = tempHome()
  await freezeClock(home, START)
  server = await startServer({home, port: 0, log: () => {}})
})

afterAll(async () => {
  await server?.close()
})

describe('serve: restores while a region is out', () => {
  it('a copied snapshot is restored from its copy region; one without a copy is refused with 409 SNAPSHOT_REGION_UNAVAILABLE', async () => {
    const cluster = await call(server.url, CLUSTER0, {accept: V20240805})
    const zoneId = (cluster.body.replicationSpecs as Array<{zoneId: string}>)[0]!.zoneId
    const copySettings = [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, frequencies: ['DAILY'], shouldCopyOplogs: false}]
    const patched = await call(server.url, `${CLUSTER0}/backup/schedule`, {method: 'PATCH', accept: V20240805, body: JSON.stringify({copySettings})})
    expect(patched.status, patched.text).toBe(200)
    await freezeClock(home, START + 2 * DAY, (backend) => startRegionOutage(backend, 'AWS', 'US_EAST_1'))
    const page = await call(server.url, `${CLUSTER0}/backup/snapshots?itemsPerPage=20`, {accept: V20230101})
    const snapshots = (page.body.results as Array<{id: string; status: string; frequencyType: string; copyRegions: string[]}>).filter((s) => s.status === 'completed')
    const daily = snapshots.find((s) => s.copyRegions.includes('US_WEST_2'))!
    const hourly = snapshots.find((s) => s.frequencyType === 'hourly')!
    const restore = (snapshotId: string) =>
      call(server.url, `${CLUSTER0}/backup/restoreJobs`, {method: 'POST', accept: V20230101, body: JSON.stringify({deliveryType: 'download', snapshotId})})
    const refused = await restore(hourly.id)
    expect(refused.status, refused.text).toBe(409)
    expect(refused.body).toMatchObject({error: 409, errorCode: 'SNAPSHOT_REGION_UNAVAILABLE'})
    const job = await restore(daily.id)
    expect(job.status, job.text).toBe(200)
    expect(job.body).toMatchObject({snapshotId: daily.id, servedFromCopyRegion: 'US_WEST_2'})
  })
})
