import {describe, expect, test} from 'vitest'

import {createCluster, deleteCluster, explainSnapshot, listFleet} from '../../../src/lib/backends/local/admin.js'
import {DAY_MS, toIso} from '../../../src/lib/domain/time.js'
import {putPolicy} from '../../helpers/compliance-store.js'
import {failure} from '../../helpers/rejection.js'
import {atlasError, GROUP, localWorld, type LocalWorld, snapshotIds} from './harness.js'

/**
 * Terminating a cluster (`local clusters delete`, rules 55 and 91): its snapshots go at once, unless retainBackups or
 * a Backup Compliance Policy keeps them until they expire; a terminated cluster is not found by the cluster API,
 * `local clusters list` shows it while it keeps snapshots, and under a policy its name cannot be reused.
 */

function snapshotCount(world: LocalWorld): number {
  return world.backend.transact((s) => (s.repo.db.prepare('SELECT COUNT(*) AS n FROM snapshots').get() as {n: number}).n)
}

describe('terminating a cluster', () => {
  test('rule 55: without retainBackups or a policy, its snapshots are deleted at once', async () => {
    const world = localWorld()
    const ids = await snapshotIds(world, 'Cluster0')
    const before = snapshotCount(world)
    expect(deleteCluster(world.backend, GROUP, 'Cluster0')).toEqual({deleted: true, name: 'Cluster0', retainedSnapshots: 0})
    expect(snapshotCount(world)).toBe(before - ids.length)
    expect(listFleet(world.backend, GROUP).map((c) => c.name)).not.toContain('Cluster0')
    await world.backend.close()
  })

  test('rule 55: with retainBackups, the snapshots are kept until they expire; the cluster API no longer finds it; the name is free', async () => {
    const world = localWorld()
    const ids = await snapshotIds(world, 'Cluster0')
    const result = deleteCluster(world.backend, GROUP, 'Cluster0', {retainBackups: true})
    expect(result).toMatchObject({deleted: true, name: 'Cluster0', retainedSnapshots: ids.length, retainedBy: 'retainBackups'})
    expect((await atlasError(world.backend.getCluster(GROUP, 'Cluster0'))).errorCode).toBe('CLUSTER_NOT_FOUND')
    expect((await atlasError(world.backend.listSnapshots(GROUP, 'Cluster0'))).errorCode).toBe('CLUSTER_NOT_FOUND')
    expect((await world.backend.listClusters(GROUP)).results.map((c) => c.name)).not.toContain('Cluster0')
    const listed = listFleet(world.backend, GROUP).find((c) => c.name === 'Cluster0')
    expect(listed).toMatchObject({snapshots: ids.length, terminated: {at: toIso(world.now()), retainedBy: 'retainBackups'}})
    expect(explainSnapshot(world.backend, ids[0]!).cluster).toBe('Cluster0')
    const reborn = createCluster(world.backend, GROUP, {name: 'Cluster0', tier: 'M10'})
    expect(reborn).toMatchObject({name: 'Cluster0', snapshots: 0})
    expect(reborn.terminated).toBeUndefined()
    expect(listFleet(world.backend, GROUP).filter((c) => c.name === 'Cluster0')).toHaveLength(2)
    await world.backend.close()
  })

  test('rule 55: retained snapshots still expire, take no new ones, and the terminated cluster leaves the list with the last', async () => {
    const world = localWorld()
    const ids = await snapshotIds(world, 'Cluster0')
    const result = deleteCluster(world.backend, GROUP, 'Cluster0', {retainBackups: true})
    world.setNow(world.now() + 2 * DAY_MS)
    const twoDaysOn = listFleet(world.backend, GROUP).find((c) => c.name === 'Cluster0')!
    expect(twoDaysOn.snapshots, 'hourly snapshots kept 2 days are gone, and none were taken').toBeLessThan(ids.length)
    world.setNow(Date.parse(result.retainedUntil!))
    expect(listFleet(world.backend, GROUP).find((c) => c.name === 'Cluster0')).toBeUndefined()
    expect(snapshotCount(world), 'nothing of it is left in the store').toBe(world.backend.transact((s) => s.repo.clusters(GROUP).reduce((n, c) => n + s.repo.countSnapshots(c.id), 0)))
    await world.backend.close()
  })

  test('rule 91: under a compliance policy the snapshots are always kept, and the name cannot be reused (400 DUPLICATE_CLUSTER_NAME)', async () => {
    const world = localWorld()
    const ids = await snapshotIds(world, 'Cluster0')
    putPolicy(world.backend, world.now())
    expect(deleteCluster(world.backend, GROUP, 'Cluster0')).toMatchObject({retainedSnapshots: ids.length, retainedBy: 'compliancePolicy'})
    const error = failure(() => createCluster(world.backend, GROUP, {name: 'Cluster0', tier: 'M10'}))
    expect(error).toMatchObject({status: 400, errorCode: 'DUPLICATE_CLUSTER_NAME', parameters: ['Cluster0']})
    expect(error.detail).toContain('cannot be reused while the policy is in force (rule 91)')
    expect(listFleet(world.backend, GROUP).filter((c) => c.name === 'Cluster0')).toHaveLength(1)
    expect(createCluster(world.backend, GROUP, {name: 'Cluster1', tier: 'M10'}).name, 'another name is fine').toBe('Cluster1')
    await world.backend.close()
  })

  test('rule 91: a cluster with no snapshots keeps its name reserved under a policy', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Empty0', tier: 'M10'})
    putPolicy(world.backend, world.now())
    expect(deleteCluster(world.backend, GROUP, 'Empty0')).toMatchObject({retainedSnapshots: 0, retainedBy: 'compliancePolicy'})
    expect(listFleet(world.backend, GROUP).find((c) => c.name === 'Empty0')).toMatchObject({snapshots: 0, terminated: {retainedBy: 'compliancePolicy'}})
    expect(failure(() => createCluster(world.backend, GROUP, {name: 'Empty0', tier: 'M10'})).errorCode).toBe('DUPLICATE_CLUSTER_NAME')
    await world.backend.close()
  })
})
