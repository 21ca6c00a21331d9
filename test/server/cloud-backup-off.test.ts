import {describe, expect, it} from 'vitest'

import {updateCluster} from '../../src/lib/backends/local/cluster-changes.js'
import {DEMO_PROJECT_ID} from '../../src/lib/backends/local/fleet.js'
import {iso} from '../helpers/values.js'
import {call, expectAtlasError, freezeClock, frozenServer, GROUP, V20230101, V20240805} from './helpers.js'

/**
 * `serve` for a cluster whose Cloud Backup was turned off (issue 17 item 3): the cluster document says so
 * (backupEnabled, and no PIT), and the backup endpoints answer Atlas's BACKUP_CONFIG_NOT_FOUND (404).
 */

const START = iso('2026-06-15T10:30:00Z')
const CLUSTER = `${GROUP}/clusters/MultiRegion0`

const served = frozenServer(START)

describe('Important (seed, under the backup policy: disabling Cloud Backups deletes the snapshots at once): serve with a cluster whose Cloud Backup is off', () => {
  it('backupEnabled false in the cluster JSON, true again once it is back on; the backup API answers 404 BACKUP_CONFIG_NOT_FOUND meanwhile', async () => {
    expect((await call(served.url, CLUSTER, {accept: V20240805})).body).toMatchObject({backupEnabled: true})
    await freezeClock(served.home, START, (backend) => updateCluster(backend, DEMO_PROJECT_ID, 'MultiRegion0', {cloudBackup: false}))
    const cluster = await call(served.url, CLUSTER, {accept: V20240805})
    expect(cluster.status, cluster.text).toBe(200)
    expect(cluster.body).toMatchObject({name: 'MultiRegion0', backupEnabled: false, pitEnabled: false})
    const listed = await call(served.url, `${GROUP}/clusters`, {accept: V20240805})
    expect(listed.body.results.find((c: {name: string}) => c.name === 'MultiRegion0')).toMatchObject({backupEnabled: false})
    expectAtlasError(await call(served.url, `${CLUSTER}/backup/schedule`, {accept: V20240805}), 404, 'BACKUP_CONFIG_NOT_FOUND')
    expectAtlasError(await call(served.url, `${CLUSTER}/backup/snapshots`, {accept: V20230101}), 404, 'BACKUP_CONFIG_NOT_FOUND')
    await freezeClock(served.home, START, (backend) => updateCluster(backend, DEMO_PROJECT_ID, 'MultiRegion0', {cloudBackup: true}))
    expect((await call(served.url, CLUSTER, {accept: V20240805})).body).toMatchObject({backupEnabled: true})
    expect((await call(served.url, `${CLUSTER}/backup/schedule`, {accept: V20240805})).status).toBe(200)
  })
})
