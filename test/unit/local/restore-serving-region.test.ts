import {describe, expect, test} from 'vitest'

import {createCluster, listNodes, setNodeHealth} from '../../../src/lib/backends/local/admin.js'
import {updateCluster} from '../../../src/lib/backends/local/cluster-changes.js'
import {startRegionOutage} from '../../../src/lib/backends/local/region-outages.js'
import type {ClusterWithSchedule} from '../../../src/lib/backends/local/repository.js'
import {DAY_MS, HOUR_MS} from '../../../src/lib/domain/time.js'
import type {CopySetting, ReplicaSetSnapshot} from '../../../src/lib/domain/types.js'
import {iso} from '../../helpers/values.js'
import {atlasError, GROUP, type LocalWorld, localWorld, START} from './harness.js'

/**
 * Where a restore is served from during a region outage, and which cluster it restores into: a snapshot is stored in
 * the region of the node it was taken from, a point in time replays only from a snapshot taken before it, and a
 * target is found by project and name.
 */

function copy(zoneId: string, regionName: string, shouldCopyOplogs: boolean): CopySetting {
  return {cloudProvider: 'AWS', regionName, zoneId, frequencies: ['DAILY'], shouldCopyOplogs}
}

async function completed(world: LocalWorld, clusterName: string): Promise<ReplicaSetSnapshot[]> {
  const page = await world.backend.listSnapshots(GROUP, clusterName, {itemsPerPage: 500})
  return (page.results as ReplicaSetSnapshot[]).filter((s) => s.status === 'completed')
}

function stored(world: LocalWorld, groupId: string, name: string): ClusterWithSchedule {
  return world.backend.transact((s) => s.repo.findCluster(groupId, name)!)
}

describe('a point in time restored while its region is out (rules 61, 66)', () => {
  test('replays from the latest copied snapshot before the instant, never from a copied one taken after it', async () => {
    const world = localWorld()
    const zoneId = (await world.backend.getCluster(GROUP, 'Cluster0')).replicationSpecs![0]!.zoneId!
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [copy(zoneId, 'US_WEST_2', true)]})
    // Three days on: the dailies of 06-15, 06-16 and 06-17 (18:00) are copied to US_WEST_2 with the oplog.
    world.setNow(START + 3 * DAY_MS)
    const dailies = (await completed(world, 'Cluster0')).filter((s) => s.frequencyType === 'daily' && s.copyRegions!.length === 1)
    // 02:00: after the hourly of 00:00, which has no copy, so the planned base is that hourly.
    const at = iso('2026-06-17T02:00:00Z')
    const before = dailies.filter((s) => Date.parse(s.createdAt!) <= at)[0]!
    expect(before.createdAt!.startsWith('2026-06-16T18:')).toBe(true)
    expect(dailies.some((s) => Date.parse(s.createdAt!) > at)).toBe(true)
    startRegionOutage(world.backend, 'AWS', 'US_EAST_1')
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'pointInTime', pointInTimeUTCSeconds: at / 1000, targetClusterName: 'MultiRegion0', targetGroupId: GROUP})
    expect(job).toMatchObject({snapshotId: before.id, servedFromCopyRegion: 'US_WEST_2', pointInTimeUTCSeconds: at / 1000})
    await world.backend.close()
  })
})

describe('the region a snapshot is stored in', () => {
  test('is the region of the node it was taken from, even after the primary moved to another region', async () => {
    const world = localWorld()
    const old = (await completed(world, 'MultiRegion0'))[0]!
    // The primary moves to US_WEST_2; the node the snapshot was taken from stays, in a region that is not the primary's.
    updateCluster(world.backend, GROUP, 'MultiRegion0', {region: 'US_WEST_2'})
    const cluster = stored(world, GROUP, 'MultiRegion0')
    const hostname = world.backend.transact((s) => s.repo.findSnapshot(cluster.id, old.id)!.members[0]!.hostname)
    const home = cluster.spec.replicaSets[0]!.nodes.find((n) => n.hostname === hostname)!.regionName
    expect(home).not.toBe('US_WEST_2')
    world.setNow(START + HOUR_MS)
    startRegionOutage(world.backend, 'AWS', home)
    const error = await atlasError(world.backend.createRestoreJob(GROUP, 'MultiRegion0', {deliveryType: 'automated', snapshotId: old.id, targetClusterName: 'Cluster0', targetGroupId: GROUP}))
    expect(error).toMatchObject({status: 409, errorCode: 'SNAPSHOT_REGION_UNAVAILABLE'})
    expect(error.detail).toContain(`Snapshot ${old.id} of cluster MultiRegion0 is stored in AWS ${home}, which is out`)
    expect((await world.backend.listRestoreJobs(GROUP, 'MultiRegion0')).results).toEqual([])
    await world.backend.close()
  })
})

describe('the region a sharded cluster\'s snapshot is stored in', () => {
  test('is the region of a node it was taken from, shards and config server alike, after the primary moved', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {
      name: 'ShardedMR0',
      tier: 'M30',
      provider: 'AWS',
      shards: 2,
      regions: [
        {regionName: 'US_EAST_1', nodeCount: 2, priority: 7},
        {regionName: 'US_EAST_2', nodeCount: 2, priority: 6},
        {regionName: 'US_WEST_2', nodeCount: 1, priority: 5},
      ],
    })
    world.setNow(START + DAY_MS)
    const old = (await world.backend.listSnapshots(GROUP, 'ShardedMR0', {itemsPerPage: 500})).results.find((s) => s.status === 'completed')!
    updateCluster(world.backend, GROUP, 'ShardedMR0', {region: 'US_WEST_2'})
    const cluster = stored(world, GROUP, 'ShardedMR0')
    const hostnames = new Set(world.backend.transact((s) => s.repo.findSnapshot(cluster.id, old.id)!.members.map((m) => m.hostname)))
    const sets = [...cluster.spec.replicaSets, cluster.spec.configServer!]
    const home = sets.flatMap((set) => set.nodes).find((n) => hostnames.has(n.hostname))!.regionName
    expect(home).not.toBe('US_WEST_2')
    world.setNow(START + DAY_MS + HOUR_MS)
    startRegionOutage(world.backend, 'AWS', home)
    const error = await atlasError(world.backend.createRestoreJob(GROUP, 'ShardedMR0', {deliveryType: 'automated', snapshotId: old.id, targetClusterName: 'Sharded0', targetGroupId: GROUP}))
    expect(error).toMatchObject({status: 409, errorCode: 'SNAPSHOT_REGION_UNAVAILABLE'})
    expect(error.detail).toContain(`is stored in AWS ${home}, which is out`)
    await world.backend.close()
  })
})

describe('the target of a restore', () => {
  test('a cluster of the same name in another project is the target, not the source itself', async () => {
    const world = localWorld()
    const other = '0123456789abcdef01234567'
    world.backend.transact((s) => s.repo.insertProject(other, 'Other', world.now()))
    createCluster(world.backend, other, {name: 'Cluster0', tier: 'M10', provider: 'AWS'})
    const snapshot = (await completed(world, 'Cluster0'))[0]!
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'automated', snapshotId: snapshot.id, targetClusterName: 'Cluster0', targetGroupId: other})
    expect(job).toMatchObject({targetClusterName: 'Cluster0', targetGroupId: other})
    expect(stored(world, other, 'Cluster0').state.restoringUntil).toBeGreaterThan(world.now())
    expect(stored(world, GROUP, 'Cluster0').state.restoringUntil).toBeUndefined()
    await world.backend.close()
  })
})

describe('two snapshots that finish at the same instant, during an outage (rule 61)', () => {
  test('a point in time at that instant replays from the copied daily snapshot when the on-demand one has no copy', async () => {
    const world = localWorld()
    const zoneId = (await world.backend.getCluster(GROUP, 'Cluster0')).replicationSpecs![0]!.zoneId!
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, frequencies: ['DAILY'], shouldCopyOplogs: true}]})
    // The daily fires at 18:00; an on-demand snapshot asked for at that very instant finishes with it, 12 s later.
    const firing = iso('2026-06-15T18:00:00Z')
    world.setNow(firing)
    const onDemand = await world.backend.takeSnapshot(GROUP, 'Cluster0', {description: 'same instant', retentionInDays: 3})
    world.setNow(firing + HOUR_MS)
    const finished = (await completed(world, 'Cluster0')).filter((s) => s.createdAt === '2026-06-15T18:00:12Z')
    expect(finished.map((s) => [s.snapshotType, s.copyRegions])).toEqual(expect.arrayContaining([['scheduled', ['US_WEST_2']], ['onDemand', []]]))
    startRegionOutage(world.backend, 'AWS', 'US_EAST_1')
    const at = firing + 12_000
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'pointInTime', pointInTimeUTCSeconds: at / 1000, targetClusterName: 'MultiRegion0', targetGroupId: GROUP})
    const daily = finished.find((s) => s.snapshotType === 'scheduled')!
    expect(job).toMatchObject({snapshotId: daily.id, servedFromCopyRegion: 'US_WEST_2'})
    expect(daily.id).not.toBe(onDemand.id)
    await world.backend.close()
  })
})

describe('a failed snapshot during an outage', () => {
  test('is never the base a point in time replays from, even when its region is up', async () => {
    const world = localWorld()
    updateCluster(world.backend, GROUP, 'MultiRegion0', {continuousBackup: true})
    // Every node down for the daily of 06-15 18:00: it fails. Healthy again for the one of 06-16.
    const nodes = listNodes(world.backend, GROUP, 'MultiRegion0')
    for (const node of nodes) setNodeHealth(world.backend, GROUP, node.hostname, false)
    world.setNow(iso('2026-06-15T19:00:00Z'))
    for (const node of nodes) setNodeHealth(world.backend, GROUP, node.hostname, true)
    world.setNow(iso('2026-06-16T21:00:00Z'))
    const page = (await world.backend.listSnapshots(GROUP, 'MultiRegion0', {itemsPerPage: 500})).results as ReplicaSetSnapshot[]
    const failed = page.find((s) => s.status === 'failed')!
    const good = page.find((s) => s.status === 'completed' && s.createdAt!.startsWith('2026-06-16T18:'))!
    expect([failed?.status, good?.status]).toEqual(['failed', 'completed'])
    // The primary moves to US_WEST_2, and the node the good snapshot was taken from is now in US_EAST_2, which goes
    // out; the failed one has no node, so it would be read as stored in the primary's region, which is up.
    updateCluster(world.backend, GROUP, 'MultiRegion0', {region: 'US_WEST_2'})
    startRegionOutage(world.backend, 'AWS', 'US_EAST_2')
    const at = iso('2026-06-16T20:00:00Z')
    const error = await atlasError(world.backend.createRestoreJob(GROUP, 'MultiRegion0', {deliveryType: 'pointInTime', pointInTimeUTCSeconds: at / 1000, targetClusterName: 'Cluster0', targetGroupId: GROUP}))
    expect(error).toMatchObject({status: 409, errorCode: 'SNAPSHOT_REGION_UNAVAILABLE'})
    await world.backend.close()
  })
})
