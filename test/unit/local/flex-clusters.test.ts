import {afterAll, beforeAll, describe, expect, test} from 'vitest'

import {createCluster} from '../../../src/lib/backends/local/admin.js'
import {DAY_MS, HOUR_MS, toIso} from '../../../src/lib/domain/time.js'
import type {FlexSnapshot} from '../../../src/lib/domain/types.js'
import {atlasError, GROUP, localWorld, START, type LocalWorld} from './harness.js'

/** The emulator's Flex API (rule 82): a Flex cluster's snapshots, downloads and restores, and the wrong API refused. */
let world: LocalWorld
const CREATED = START + HOUR_MS

beforeAll(() => {
  world = localWorld()
  world.setNow(CREATED)
  createCluster(world.backend, GROUP, {name: 'Flex0', tier: 'FLEX', provider: 'AWS'})
  createCluster(world.backend, GROUP, {name: 'Flex1', tier: 'FLEX', provider: 'AWS'})
  world.setNow(CREATED + 10 * DAY_MS + HOUR_MS)
})

afterAll(async () => {
  await world.backend.close()
})

async function completed(name = 'Flex0'): Promise<FlexSnapshot> {
  const page = await world.backend.listFlexSnapshots(GROUP, name)
  return page.results.find((one) => one.status === 'COMPLETED')!
}

describe('rule 82: each cluster on its own API', () => {
  test('a Flex cluster on the cluster API is 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API (cluster, snapshots, restore jobs)', async () => {
    for (const call of [
      world.backend.getCluster(GROUP, 'Flex0'),
      world.backend.listSnapshots(GROUP, 'Flex0'),
      world.backend.getSnapshot(GROUP, 'Flex0', '0123456789abcdef01234567'),
      world.backend.listRestoreJobs(GROUP, 'Flex0'),
      world.backend.createRestoreJob(GROUP, 'Flex0', {deliveryType: 'download', snapshotId: '0123456789abcdef01234567'}),
    ]) {
      expect(await atlasError(call)).toMatchObject({status: 400, errorCode: 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', parameters: ['Flex0']})
    }
  })

  test('a dedicated cluster on the Flex API is 400 CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API; an unknown one 404 CLUSTER_NOT_FOUND', async () => {
    for (const call of [world.backend.getFlexCluster(GROUP, 'Cluster0'), world.backend.listFlexSnapshots(GROUP, 'Cluster0'), world.backend.listFlexRestoreJobs(GROUP, 'Cluster0')]) {
      expect(await atlasError(call)).toMatchObject({status: 400, errorCode: 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API', parameters: ['Cluster0']})
    }
    expect(await atlasError(world.backend.getFlexCluster(GROUP, 'Nope'))).toMatchObject({status: 404, errorCode: 'CLUSTER_NOT_FOUND'})
  })
})

describe('Flex snapshots (rule 82): the last 8 daily, expiration = scheduledTime + 8 days', () => {
  test('the cluster answers on the Flex API as recorded', async () => {
    const cluster = await world.backend.getFlexCluster(GROUP, 'Flex0')
    expect(cluster).toMatchObject({name: 'Flex0', groupId: GROUP, clusterType: 'REPLICASET', providerSettings: {providerName: 'FLEX', backingProviderName: 'AWS'}, backupSettings: {enabled: true}, createDate: toIso(CREATED)})
  })

  test('eight snapshots in the recorded shape, each expiring 8 days after it was scheduled', async () => {
    const page = await world.backend.listFlexSnapshots(GROUP, 'Flex0')
    expect(page.totalCount).toBe(8)
    for (const snapshot of page.results) {
      expect(Object.keys(snapshot).sort()).toEqual(['expiration', 'finishTime', 'id', 'mongoDBVersion', 'scheduledTime', 'startTime', 'status'])
      expect(Date.parse(snapshot.expiration!) - Date.parse(snapshot.scheduledTime!)).toBe(8 * DAY_MS)
      expect(snapshot.status).toBe('COMPLETED')
    }
    expect(page.links?.[0]?.href).toContain(`/groups/${GROUP}/flexClusters/Flex0/backup/snapshots`)
    const one = page.results[0]!
    expect(await world.backend.getFlexSnapshot(GROUP, 'Flex0', one.id)).toEqual(one)
  })

  test('a snapshot just fired is QUEUED, without a startTime or finishTime', async () => {
    const page = await world.backend.listFlexSnapshots(GROUP, 'Flex0')
    const latest = page.results.map((s) => Date.parse(s.scheduledTime!)).sort((a, b) => b - a)[0]!
    const at = world.now()
    world.setNow(latest + DAY_MS + 1_000)
    try {
      const running = (await world.backend.listFlexSnapshots(GROUP, 'Flex0')).results.find((s) => s.status !== 'COMPLETED')
      expect(running).toMatchObject({status: 'QUEUED'})
      expect(running!.startTime).toBeUndefined()
      expect(running!.finishTime).toBeUndefined()
    } finally {
      world.setNow(at)
    }
  })
})

describe('Flex downloads and restores (rules 81, 82)', () => {
  test('backup/download: a DOWNLOAD job whose snapshotUrl works at once, for four hours; asked again, the same job', async () => {
    const snapshot = await completed()
    const job = await world.backend.downloadFlexSnapshot(GROUP, 'Flex0', {snapshotId: snapshot.id})
    expect(job).toMatchObject({deliveryType: 'DOWNLOAD', status: 'COMPLETED', snapshotId: snapshot.id, instanceName: 'Flex0', projectId: GROUP})
    expect(job.snapshotUrl).toMatch(new RegExp(`/local/downloads/${job.id}/`))
    expect(job.expirationDate).toBe(toIso(world.now() + 4 * HOUR_MS))
    expect((await world.backend.downloadFlexSnapshot(GROUP, 'Flex0', {snapshotId: snapshot.id})).id).toBe(job.id)
    const file = await world.backend.readDownload(job.id)
    expect(file.bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]))
  })

  test('a restore is PENDING when scheduled, RUNNING, then COMPLETED; expirationDate = scheduled + 6 h as observed', async () => {
    const snapshot = await completed()
    const scheduled = world.now()
    const job = await world.backend.createFlexRestoreJob(GROUP, 'Flex0', {instanceName: 'Flex0', snapshotId: snapshot.id, targetDeploymentItemName: 'Flex1', targetProjectId: GROUP})
    expect(job).toMatchObject({deliveryType: 'RESTORE', status: 'PENDING', targetDeploymentItemName: 'Flex1', targetProjectId: GROUP, restoreScheduledDate: toIso(scheduled)})
    expect(job.expirationDate).toBe(toIso(scheduled + 6 * HOUR_MS))
    expect(job.snapshotFinishedDate).toBe(snapshot.finishTime)
    world.setNow(scheduled + 1_000)
    expect((await world.backend.getFlexRestoreJob(GROUP, 'Flex0', job.id)).status).toBe('RUNNING')
    world.setNow(scheduled + HOUR_MS)
    const done = await world.backend.getFlexRestoreJob(GROUP, 'Flex0', job.id)
    expect(done.status).toBe('COMPLETED')
    expect(done.restoreFinishedDate).toBeDefined()
    const page = await world.backend.listFlexRestoreJobs(GROUP, 'Flex0')
    expect(page.results.map((one) => one.id)).toContain(job.id)
  })

  test('a restore of an unknown snapshot is refused (404 SNAPSHOT_NOT_FOUND); a restore into a sharded cluster too (rule 81)', async () => {
    expect(await atlasError(world.backend.createFlexRestoreJob(GROUP, 'Flex0', {snapshotId: '0123456789abcdef01234567', targetDeploymentItemName: 'Flex1'}))).toMatchObject({status: 404})
    const snapshot = await completed()
    expect(await atlasError(world.backend.createFlexRestoreJob(GROUP, 'Flex0', {snapshotId: snapshot.id, targetDeploymentItemName: 'Sharded0', targetProjectId: GROUP}))).toMatchObject({status: 400, errorCode: 'TENANT_RESTORE_INCOMPATIBLE_TOPOLOGY'})
  })
})
