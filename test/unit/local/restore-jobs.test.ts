import {describe, expect, test} from 'vitest'

import {createCluster, deleteCluster, listFleet} from '../../../src/lib/backends/local/admin.js'
import type {ClusterWithSchedule} from '../../../src/lib/backends/local/repository.js'
import type {RestoreJob, Snapshot} from '../../../src/lib/domain/types.js'
import {isoText} from '../../helpers/values.js'
import {atlasError, GROUP, localWorld, START, type LocalWorld} from './harness.js'

/**
 * The local backend's restore jobs of dedicated clusters (create, list, get, cancel), in-process on a fresh demo world
 * at START (2026-06-15T10:30Z) with a hand-moved clock, asserting the stored result at exact instants.
 */

const BASE = 'http://127.0.0.1:8080'
const SECOND = 1000
const HOUR = 3600 * SECOND
/** A restore into a target runs 15 s; a download is ready after 10 s and its link works for an hour. */
const RESTORE_DONE = 15 * SECOND
const DOWNLOAD_READY = 10 * SECOND

async function completedSnapshots(world: LocalWorld, clusterName = 'Cluster0'): Promise<Snapshot[]> {
  const page = await world.backend.listSnapshots(GROUP, clusterName, {itemsPerPage: 500})
  return page.results.filter((snapshot) => snapshot.status === 'completed')
}

function storedCluster(world: LocalWorld, name: string): ClusterWithSchedule {
  return world.backend.transact((s) => s.repo.findCluster(GROUP, name)!)
}

function automated(snapshotId: string, target = 'MultiRegion0') {
  return {deliveryType: 'automated' as const, snapshotId, targetClusterName: target, targetGroupId: GROUP}
}

describe('automated restore jobs', () => {
  test('the target shows what it holds in local clusters list: restoring until the job ends, then restored', async () => {
    const world = localWorld()
    const [snapshot] = await completedSnapshots(world)
    const target = () => listFleet(world.backend, GROUP).find((cluster) => cluster.name === 'MultiRegion0')!
    expect(target().restoredFrom).toBeUndefined()
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', automated(snapshot!.id))
    const expected = {restoreJobId: job.id, projectId: GROUP, clusterName: 'Cluster0', snapshotId: snapshot!.id, finishesAt: isoText(START + RESTORE_DONE)}
    expect(target().restoredFrom).toEqual({...expected, running: true})
    world.setNow(START + RESTORE_DONE)
    expect(target().restoredFrom).toEqual({...expected, running: false})
    expect(listFleet(world.backend, GROUP).filter((cluster) => cluster.restoredFrom).map((cluster) => cluster.name), 'only the target').toEqual(['MultiRegion0'])
    await world.backend.close()
  })

  test('run 15 s into the target, then report finishedAt; list and get answer the same job', async () => {
    const world = localWorld()
    const [snapshot] = await completedSnapshots(world)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', automated(snapshot!.id))
    const self = `${BASE}/api/atlas/v2/groups/${GROUP}/clusters/Cluster0`
    expect(job).toEqual({
      cancelled: false,
      deliveryType: 'automated',
      deliveryUrl: [],
      desiredTimestamp: {increment: null, time: null, date: null},
      expired: false,
      failed: false,
      id: job.id,
      links: [
        {href: `${self}/backup/restoreJobs/${job.id}`, rel: 'self'},
        {href: `${self}/backup/snapshots/${snapshot!.id}`, rel: 'https://cloud.mongodb.com/snapshot'},
        {href: self, rel: 'https://cloud.mongodb.com/cluster'},
        {href: `${BASE}/api/atlas/v2/groups/${GROUP}`, rel: 'https://cloud.mongodb.com/group'},
      ],
      snapshotId: snapshot!.id,
      targetClusterName: 'MultiRegion0',
      targetDeploymentItemName: job.targetDeploymentItemName,
      targetGroupId: GROUP,
      timestamp: snapshot!.createdAt,
    } satisfies RestoreJob)
    expect(job.targetDeploymentItemName).toMatch(/^atlas-[a-f0-9]{6}$/)
    expect(Object.keys(job), 'keys in alphabetical order, as Atlas writes them').toEqual([...Object.keys(job)].sort())

    world.setNow(START + RESTORE_DONE - 1)
    expect((await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)).finishedAt).toBeUndefined()
    world.setNow(START + RESTORE_DONE)
    const done = await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)
    expect(done).toEqual({...job, finishedAt: isoText(START + RESTORE_DONE)})
    const page = await world.backend.listRestoreJobs(GROUP, 'Cluster0')
    expect(page).toEqual({links: [{href: `${self}/backup/restoreJobs?includeCount=true&pageNum=1&itemsPerPage=100`, rel: 'self'}], results: [done], totalCount: 1})
    await world.backend.close()
  })

  test('the target is being restored until the job finishes, holds the source, and its coverage enters a blackout (rules 65, 74)', async () => {
    const world = localWorld()
    const [snapshot] = await completedSnapshots(world)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', automated(snapshot!.id, 'NVMe0'))
    const target = storedCluster(world, 'NVMe0')
    expect(target.state.restoringUntil).toBe(START + RESTORE_DONE)
    expect(target.state.restoredFrom).toEqual({
      restoreJobId: job.id,
      groupId: GROUP,
      clusterName: 'Cluster0',
      snapshotId: snapshot!.id,
      startedAt: START,
      finishesAt: START + RESTORE_DONE,
    })
    expect(target.state.coverage?.blackoutSince).toBe(START)
    expect(target.state.coverage?.collectingSince).toBeNull()

    // Refused while it runs (409), accepted once it has finished.
    const second = automated(snapshot!.id, 'NVMe0')
    world.setNow(START + RESTORE_DONE - 1)
    expect(await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', second))).toMatchObject({status: 409, errorCode: 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS', parameters: ['NVMe0']})
    world.setNow(START + RESTORE_DONE)
    expect((await world.backend.createRestoreJob(GROUP, 'Cluster0', second)).targetClusterName).toBe('NVMe0')
    await world.backend.close()
  })

  test('a paused target is refused (rule 74), an unknown target is 404, a sharded snapshot does not go to a replica set (rule 72)', async () => {
    const world = localWorld()
    const [snapshot] = await completedSnapshots(world)
    world.backend.transact((s) => {
      const target = s.repo.findCluster(GROUP, 'MultiRegion0')!
      target.spec.paused = true
      s.repo.saveCluster(target)
    })
    expect(await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', automated(snapshot!.id)))).toMatchObject({status: 400, errorCode: 'CLUSTER_PAUSED_CANNOT_RESTORE'})
    expect(await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', automated(snapshot!.id, 'Nowhere0')))).toMatchObject({status: 404, errorCode: 'CLUSTER_NOT_FOUND', parameters: ['Nowhere0', GROUP]})
    const [sharded] = await completedSnapshots(world, 'Sharded0')
    expect(await atlasError(world.backend.createRestoreJob(GROUP, 'Sharded0', automated(sharded!.id, 'NVMe0')))).toMatchObject({status: 403, errorCode: 'CANNOT_RESTORE_TO_TARGET'})
    expect(await world.backend.listRestoreJobs(GROUP, 'Cluster0')).toMatchObject({results: [], totalCount: 0})
    await world.backend.close()
  })

  test('cannot be cancelled (rule 71); unknown and malformed job ids are 404', async () => {
    const world = localWorld()
    const [snapshot] = await completedSnapshots(world)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', automated(snapshot!.id))
    expect(await atlasError(world.backend.cancelRestoreJob(GROUP, 'Cluster0', job.id))).toMatchObject({status: 400, errorCode: 'CANNOT_CANCEL_AUTOMATED_RESTORE'})
    expect((await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)).cancelled).toBe(false)
    const unknown = 'aaaaaaaaaaaaaaaaaaaaaaaa'
    expect(await atlasError(world.backend.getRestoreJob(GROUP, 'Cluster0', unknown))).toMatchObject({status: 404, errorCode: 'RESTORE_JOB_NOT_FOUND', parameters: [unknown, 'Cluster0']})
    expect(await atlasError(world.backend.getRestoreJob(GROUP, 'Cluster0', 'nope'))).toMatchObject({status: 404, errorCode: 'INVALID_JOB_ID'})
    // A job belongs to its source cluster: another cluster does not know it.
    expect(await atlasError(world.backend.getRestoreJob(GROUP, 'NVMe0', job.id))).toMatchObject({status: 404, errorCode: 'RESTORE_JOB_NOT_FOUND'})
    await world.backend.close()
  })
})

describe('the request', () => {
  test.each([
    [{}, 'MISSING_ATTRIBUTE', ['deliveryType']],
    [{deliveryType: 'restore'}, 'INVALID_ENUM_VALUE', ['restore', 'deliveryType']],
    [{deliveryType: 'automated', snapshotId: 'aaaaaaaaaaaaaaaaaaaaaaaa'}, 'MISSING_ATTRIBUTE', ['targetClusterName']],
    [{deliveryType: 'download', snapshotId: 'short'}, 'INVALID_ATTRIBUTE', ['snapshotId']],
  ])('%j is refused by its shape before anything is looked up (rules 68, 69)', async (body, errorCode, parameters) => {
    const world = localWorld()
    expect(await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', body as never))).toMatchObject({status: 400, errorCode, parameters})
    expect((await world.backend.listRestoreJobs(GROUP, 'Cluster0')).totalCount).toBe(0)
    await world.backend.close()
  })
})

describe('targets', () => {
  test('a cluster of another project of the store is a target, named by targetGroupId', async () => {
    const world = localWorld()
    const otherGroup = 'bbbbbbbbbbbbbbbbbbbbbbbb'
    world.backend.transact((s) => s.repo.insertProject(otherGroup, 'Other Project', START))
    createCluster(world.backend, otherGroup, {name: 'Elsewhere0', tier: 'M10'})
    const [snapshot] = await completedSnapshots(world)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'automated', snapshotId: snapshot!.id, targetClusterName: 'Elsewhere0', targetGroupId: otherGroup})
    expect(job).toMatchObject({targetClusterName: 'Elsewhere0', targetGroupId: otherGroup})
    const target = world.backend.transact((s) => s.repo.findCluster(otherGroup, 'Elsewhere0')!)
    expect(target.state.restoredFrom).toMatchObject({groupId: GROUP, clusterName: 'Cluster0', snapshotId: snapshot!.id})
    const unknownGroup = 'cccccccccccccccccccccccc'
    const refused = await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'automated', snapshotId: snapshot!.id, targetClusterName: 'Elsewhere0', targetGroupId: unknownGroup}))
    expect(refused).toMatchObject({status: 404, errorCode: 'GROUP_NOT_FOUND', parameters: [unknownGroup]})
    await world.backend.close()
  })

  test('a cluster restored into itself is source and target at once: one stored state, both changes kept', async () => {
    const world = localWorld()
    const [snapshot] = await completedSnapshots(world)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', automated(snapshot!.id, 'Cluster0'))
    const cluster = storedCluster(world, 'Cluster0')
    expect(cluster.state.restoringUntil).toBe(START + RESTORE_DONE)
    expect(cluster.state.restoredFrom?.restoreJobId).toBe(job.id)
    expect(cluster.state.coverage?.blackoutSince).toBe(START)
    expect((await world.backend.listRestoreJobs(GROUP, 'Cluster0')).totalCount).toBe(1)
    await world.backend.close()
  })

  test('a sharded snapshot restores shard by shard into a sharded cluster of as many shards, listed in components', async () => {
    const world = localWorld()
    const [snapshot] = await completedSnapshots(world, 'Sharded0')
    const job = await world.backend.createRestoreJob(GROUP, 'Sharded0', automated(snapshot!.id, 'Sharded0'))
    expect(job.components).toEqual([{replicaSetName: 'Sharded0-shard-0'}, {replicaSetName: 'Sharded0-shard-1'}, {replicaSetName: 'Sharded0-config-0'}])
    world.setNow(START + RESTORE_DONE)
    // After shards changed, the older snapshot no longer goes back to the same cluster (rule 72).
    world.backend.transact((s) => {
      const cluster = s.repo.findCluster(GROUP, 'Sharded0')!
      cluster.state.shardsChangedAt = START + RESTORE_DONE
      s.repo.saveCluster(cluster)
    })
    expect(await atlasError(world.backend.createRestoreJob(GROUP, 'Sharded0', automated(snapshot!.id, 'Sharded0')))).toMatchObject({status: 403, errorCode: 'CANNOT_RESTORE_TO_TARGET'})
    await world.backend.close()
  })

  test('deleting the source cluster deletes its jobs; deleting a target leaves the source its job', async () => {
    const world = localWorld()
    const [snapshot] = await completedSnapshots(world)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', automated(snapshot!.id))
    deleteCluster(world.backend, GROUP, 'MultiRegion0')
    expect((await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)).targetClusterName).toBe('MultiRegion0')
    deleteCluster(world.backend, GROUP, 'Cluster0')
    const left = world.backend.transact((s) => s.repo.db.prepare('SELECT COUNT(*) AS n FROM restore_jobs').get() as {n: number})
    expect(left.n).toBe(0)
    await world.backend.close()
  })
})

describe('download restore jobs', () => {
  test('deliveryUrl is empty, then names the archive once ready with expiresAt an hour on, then the job expires (rule 76)', async () => {
    const world = localWorld()
    const [snapshot] = await completedSnapshots(world)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: snapshot!.id})
    expect(job).toMatchObject({deliveryType: 'download', deliveryUrl: [], cancelled: false, expired: false, failed: false, snapshotId: snapshot!.id, timestamp: snapshot!.createdAt})
    for (const absent of ['expiresAt', 'finishedAt', 'targetClusterName', 'targetGroupId', 'components']) expect(job, absent).not.toHaveProperty(absent)

    world.setNow(START + DOWNLOAD_READY - 1)
    expect((await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)).deliveryUrl).toEqual([])
    world.setNow(START + DOWNLOAD_READY)
    const ready = await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)
    expect(ready.deliveryUrl).toEqual([`${BASE}/local/downloads/${job.id}/restore-${snapshot!.id}.tar.gz`])
    expect(ready.expiresAt).toBe(isoText(START + DOWNLOAD_READY + HOUR))
    expect(ready.finishedAt).toBeUndefined()
    // A frozen clock shows the same job on every read.
    expect(await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)).toEqual(ready)

    world.setNow(START + DOWNLOAD_READY + HOUR)
    const expired = await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)
    expect(expired).toMatchObject({expired: true, deliveryUrl: [], expiresAt: ready.expiresAt, finishedAt: ready.expiresAt, cancelled: false})
    await world.backend.close()
  })

  test('one active download per snapshot (rule 76): refused while one is active, accepted after it is cancelled', async () => {
    const world = localWorld()
    const [first, other] = await completedSnapshots(world)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: first!.id})
    world.setNow(START + DOWNLOAD_READY + 1)
    const again = {deliveryType: 'download' as const, snapshotId: first!.id}
    const refused = await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', again))
    expect(refused).toMatchObject({status: 400, errorCode: 'CANNOT_DOWNLOAD_SNAPSHOT_CONCURRENTLY', parameters: [first!.id]})
    // Another snapshot can be downloaded meanwhile.
    expect((await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: other!.id})).snapshotId).toBe(other!.id)

    world.setNow(START + 20 * SECOND)
    await world.backend.cancelRestoreJob(GROUP, 'Cluster0', job.id)
    const cancelled = await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)
    expect(cancelled).toMatchObject({cancelled: true, expired: false, deliveryUrl: [], finishedAt: isoText(START + 20 * SECOND), expiresAt: isoText(START + DOWNLOAD_READY + HOUR)})
    // Cancelling again changes nothing.
    await world.backend.cancelRestoreJob(GROUP, 'Cluster0', job.id)
    expect(await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)).toEqual(cancelled)
    expect((await world.backend.createRestoreJob(GROUP, 'Cluster0', again)).snapshotId).toBe(first!.id)
    await world.backend.close()
  })

  test('a download cancelled before it was ready never shows a link or an expiry', async () => {
    const world = localWorld()
    const [snapshot] = await completedSnapshots(world)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: snapshot!.id})
    world.setNow(START + SECOND)
    await world.backend.cancelRestoreJob(GROUP, 'Cluster0', job.id)
    world.setNow(START + DOWNLOAD_READY)
    const read = await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)
    expect(read).toMatchObject({cancelled: true, deliveryUrl: [], finishedAt: isoText(START + SECOND)})
    expect(read).not.toHaveProperty('expiresAt')
    await world.backend.close()
  })

  test('a sharded cluster download names each replica set in components, with the archive once ready', async () => {
    const world = localWorld()
    const [snapshot] = await completedSnapshots(world, 'Sharded0')
    const job = await world.backend.createRestoreJob(GROUP, 'Sharded0', {deliveryType: 'download', snapshotId: snapshot!.id})
    const names = ['Sharded0-shard-0', 'Sharded0-shard-1', 'Sharded0-config-0']
    expect(job.components).toEqual(names.map((replicaSetName) => ({replicaSetName})))
    world.setNow(START + DOWNLOAD_READY)
    const ready = await world.backend.getRestoreJob(GROUP, 'Sharded0', job.id)
    expect(ready.components).toEqual(names.map((replicaSetName) => ({downloadUrl: ready.deliveryUrl![0], replicaSetName})))
    await world.backend.close()
  })

  test('an M2/M5 download link works four hours (rule 81); links start at the base `serve` passes', async () => {
    const world = localWorld(START, 'http://127.0.0.1:9999')
    const [snapshot] = await completedSnapshots(world, 'Shared0')
    const job = await world.backend.createRestoreJob(GROUP, 'Shared0', {deliveryType: 'download', snapshotId: snapshot!.id})
    world.setNow(START + DOWNLOAD_READY)
    const ready = await world.backend.getRestoreJob(GROUP, 'Shared0', job.id)
    expect(ready.expiresAt).toBe(isoText(START + DOWNLOAD_READY + 4 * HOUR))
    expect(ready.deliveryUrl).toEqual([`http://127.0.0.1:9999/local/downloads/${job.id}/restore-${snapshot!.id}.tar.gz`])
    await world.backend.close()
  })

  test('moving the clock back before a cancellation undoes it', async () => {
    const world = localWorld()
    const [snapshot] = await completedSnapshots(world)
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: snapshot!.id})
    world.setNow(START + 30 * SECOND)
    await world.backend.cancelRestoreJob(GROUP, 'Cluster0', job.id)
    world.setNow(START + 20 * SECOND)
    expect((await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)).cancelled).toBe(false)
    world.setNow(START + 40 * SECOND)
    const read = await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)
    expect(read).toMatchObject({cancelled: false, deliveryUrl: [expect.stringContaining(job.id)]})
    await world.backend.close()
  })

  test('an incomplete snapshot is refused (rule 75); an unknown one is 404', async () => {
    const world = localWorld()
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {retentionInDays: 1})
    expect(await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: taken.id}))).toMatchObject({
      status: 409,
      errorCode: 'CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT',
    })
    const unknown = 'aaaaaaaaaaaaaaaaaaaaaaaa'
    expect(await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: unknown}))).toMatchObject({status: 404, errorCode: 'SNAPSHOT_NOT_FOUND'})
    await world.backend.close()
  })
})

describe('listing restore jobs', () => {
  test('pages newest first with totalCount and next/previous links, reading one page', async () => {
    const world = localWorld()
    const snapshots = await completedSnapshots(world)
    const ids: string[] = []
    for (const [index, snapshot] of snapshots.slice(0, 3).entries()) {
      world.setNow(START + index * SECOND)
      ids.push((await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'download', snapshotId: snapshot.id})).id)
    }
    const path = `${BASE}/api/atlas/v2/groups/${GROUP}/clusters/Cluster0/backup/restoreJobs`
    const first = await world.backend.listRestoreJobs(GROUP, 'Cluster0', {itemsPerPage: 2})
    expect(first.results.map((job) => job.id)).toEqual([ids[2], ids[1]])
    expect(first.totalCount).toBe(3)
    expect(first.links).toEqual([
      {href: `${path}?includeCount=true&pageNum=1&itemsPerPage=2`, rel: 'self'},
      {href: `${path}?includeCount=true&pageNum=2&itemsPerPage=2`, rel: 'next'},
    ])
    const second = await world.backend.listRestoreJobs(GROUP, 'Cluster0', {itemsPerPage: 2, pageNum: 2})
    expect(second.results.map((job) => job.id)).toEqual([ids[0]])
    expect(second.links?.map((link) => link.rel)).toEqual(['previous', 'self'])
    expect((await world.backend.listRestoreJobs(GROUP, 'Cluster0', {itemsPerPage: 2, pageNum: 9})).results).toEqual([])
    await world.backend.close()
  })

  test('an M0 cluster has no restore jobs (rule 80)', async () => {
    const world = localWorld()
    expect(await atlasError(world.backend.listRestoreJobs(GROUP, 'Free0'))).toMatchObject({errorCode: 'PROVIDER_BACKUP_NOT_SUPPORTED'})
    await world.backend.close()
  })
})
