import {describe, expect, it} from 'vitest'

import {createCloudBackend} from '../../src/lib/backends/cloud/index.js'
import {createCluster, explainSnapshot} from '../../src/lib/backends/local/admin.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../src/lib/backends/local/local-backend.js'
import {DAY_MS} from '../../src/lib/domain/time.js'
import {cloudSettings} from '../helpers/cloud-settings.js'
import {iso} from '../helpers/values.js'
import {call, freezeClock, frozenServer, GROUP, V20240805} from './helpers.js'

/**
 * Issue 17's seed sections through `serve` with the cloud backend: the facts they add live only in `local snapshots
 * explain`, so a snapshot's Atlas JSON is the same whether read in-process or over HTTP, and carries none of them.
 */

const START = iso('2026-06-15T10:30:00Z')
const LATER = START + 3 * DAY_MS
const served = frozenServer(START)

describe('serve: Backup Snapshot Storage Locations, copies on Google Cloud, Consistency and Snapshots', () => {
  it('an M5 snapshot, a GCP snapshot with its copy and a 4.0 sharded snapshot: identical JSON over HTTP, no emulator-only field', async () => {
    await freezeClock(served.home, START, (backend) => {
      createCluster(backend, DEMO_PROJECT_ID, {name: 'HongKong0', tier: 'M5', provider: 'AWS', regions: [{regionName: 'AP_EAST_1'}]})
      createCluster(backend, DEMO_PROJECT_ID, {name: 'Gcp0', tier: 'M10', provider: 'GCP', regions: [{regionName: 'CENTRAL_US'}]})
      createCluster(backend, DEMO_PROJECT_ID, {name: 'Forty0', shards: 2, mongoDBVersion: '4.0.28'})
    })
    const zoneId = (await call(served.url, `${GROUP}/clusters/Gcp0`, {accept: V20240805})).body.replicationSpecs[0].zoneId
    const copy = {cloudProvider: 'GCP', regionName: 'WESTERN_US', zoneId, frequencies: ['DAILY'], shouldCopyOplogs: false}
    const patched = await call(served.url, `${GROUP}/clusters/Gcp0/backup/schedule`, {method: 'PATCH', accept: V20240805, body: JSON.stringify({copySettings: [copy]})})
    expect(patched.status, patched.text).toBe(200)
    await freezeClock(served.home, LATER)

    const cloud = await createCloudBackend(cloudSettings(served.url, {kind: 'apiKey', publicKey: 'p', privateKey: 'k', source: 'env'}), {debug: () => {}, warn: () => {}})
    const local = new LocalBackend({home: served.home, wallClock: () => LATER, linkBase: served.url})
    try {
      for (const cluster of ['HongKong0', 'Gcp0', 'Forty0']) {
        const page = await cloud.listSnapshots(DEMO_PROJECT_ID, cluster)
        expect(page).toEqual(await local.listSnapshots(DEMO_PROJECT_ID, cluster))
        const snapshot = page.results.find((s) => s.frequencyType === 'daily')!
        const over = await cloud.getSnapshot(DEMO_PROJECT_ID, cluster, snapshot.id!)
        expect(JSON.stringify(over)).toBe(JSON.stringify(await local.getSnapshot(DEMO_PROJECT_ID, cluster, snapshot.id!)))
        expect(JSON.stringify(over), cluster).not.toMatch(/storageLocation|sharedTierStorage|dataSizeBytes|consistency|balancer|memberTimes|"copies"/)
        // The explanation has what the JSON leaves out.
        const explained = explainSnapshot(local, snapshot.id!)
        if (cluster === 'HongKong0') expect(explained.storageLocation?.location).toBe('Australia')
        if (cluster === 'Gcp0') {
          expect(over).toMatchObject({copyRegions: ['WESTERN_US']})
          expect(explained.copies).toEqual([expect.objectContaining({regionName: 'WESTERN_US', copy: 'full'})])
        }
        if (cluster === 'Forty0') expect(explained.sharded).toMatchObject({consistency: 'crash', balancer: {previousState: 'running'}})
      }
    } finally {
      await local.close()
    }
  })
})
