import {describe, expect, test} from 'vitest'

import {createCluster, deleteCluster} from '../../../src/lib/backends/local/admin.js'
import type {SnapshotRecord} from '../../../src/lib/backends/local/records.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import type {CopySetting} from '../../../src/lib/domain/types.js'
import {putPolicy} from '../../helpers/compliance-store.js'
import {atlasError, GROUP, localWorld, type LocalWorld, START} from './harness.js'

/**
 * What the store holds after changes that reach snapshots already taken or the cluster's own record: terminating a
 * cluster that has no snapshot yet (rules 55, 91), extra retention raised a second time (rule 92), a schedule change
 * that would delete snapshots under a policy (rule 89), and the oplog copy spans when the clock moves back.
 */

function terminatedNames(world: LocalWorld): string[] {
  return world.backend.transact((s) => s.repo.terminatedClusters(GROUP).map((cluster) => cluster.state.terminated!.name))
}

function storedSnapshots(world: LocalWorld, clusterName: string): SnapshotRecord[] {
  return world.backend.transact((s) => s.repo.snapshotsOf(s.repo.findCluster(GROUP, clusterName)!.id))
}

describe('terminating a cluster with no snapshot yet (rules 55, 91)', () => {
  test('rule 55: with retainBackups and nothing to keep, the cluster is deleted outright, not kept as terminated', async () => {
    const world = localWorld()
    expect(createCluster(world.backend, GROUP, {name: 'Empty0', tier: 'M10'})).toMatchObject({snapshots: 0})
    expect(deleteCluster(world.backend, GROUP, 'Empty0', {retainBackups: true})).toEqual({deleted: true, name: 'Empty0', retainedSnapshots: 0})
    expect(terminatedNames(world)).not.toContain('Empty0')
    expect(world.backend.transact((s) => s.repo.findCluster(GROUP, 'Empty0'))).toBeUndefined()
    // Its name is free again at once.
    expect(createCluster(world.backend, GROUP, {name: 'Empty0', tier: 'M10'})).toMatchObject({name: 'Empty0'})
    await world.backend.close()
  })

  test('rule 91: under a policy the same cluster is kept as terminated, its name reserved', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Empty0', tier: 'M10'})
    putPolicy(world.backend, world.now())
    expect(deleteCluster(world.backend, GROUP, 'Empty0', {retainBackups: true})).toMatchObject({deleted: true, retainedSnapshots: 0, retainedBy: 'compliancePolicy'})
    expect(terminatedNames(world)).toContain('Empty0')
    await world.backend.close()
  })
})

describe('extra retention raised again (rule 92)', () => {
  test('rule 92: a longer extra retention moves the expiry of snapshots already extended, counted from the protection', async () => {
    const world = localWorld()
    putPolicy(world.backend, world.now())
    await world.backend.updateSchedule(GROUP, 'Cluster0', {extraRetentionSettings: [{frequencyType: 'DAILY', retentionDays: 5}]})
    const daily = storedSnapshots(world, 'Cluster0').filter((record) => record.frequencyType === 'daily')
    expect(daily.length).toBeGreaterThan(0)
    for (const record of daily) expect(record.expiresAt).toBe(record.protectedUntil! + 5 * DAY_MS)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {extraRetentionSettings: [{frequencyType: 'DAILY', retentionDays: 9}]})
    const after = new Map(storedSnapshots(world, 'Cluster0').map((record) => [record.id, record]))
    for (const record of daily) {
      expect(after.get(record.id)).toMatchObject({protectedUntil: record.protectedUntil, expiresAt: record.protectedUntil! + 9 * DAY_MS})
    }
    await world.backend.close()
  })
})

describe('a schedule change that would delete snapshots under a policy (rule 89)', () => {
  test('rule 89: the refusal names a snapshot of the removed item', async () => {
    const world = localWorld()
    const items = (await world.backend.getSchedule(GROUP, 'Cluster0')).policies[0]!.policyItems
    const weekly = items.find((i) => i.frequencyType === 'weekly')!
    const weeklyIds = storedSnapshots(world, 'Cluster0')
      .filter((record) => record.policyItemId === weekly.id)
      .map((record) => record.id)
    expect(weeklyIds.length).toBeGreaterThan(0)
    putPolicy(world.backend, world.now())
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {policies: [{policyItems: items.filter((i) => i !== weekly)}], deleteSnapshots: true}))
    expect(error.errorCode).toBe('CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY')
    expect(error.parameters).toHaveLength(1)
    expect(weeklyIds).toContain(error.parameters[0])
    expect(error.detail).toContain(`Snapshot ${error.parameters[0] as string} cannot be deleted`)
    await world.backend.close()
  })
})

describe('oplog copies when the clock moves back', () => {
  test('a span opened before the instant the clock moves back to stays open, as the copy settings still ship the oplog', async () => {
    const world = localWorld()
    const zoneId = (await world.backend.getCluster(GROUP, 'Cluster0')).replicationSpecs![0]!.zoneId!
    const setting: CopySetting = {cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, frequencies: ['DAILY'], shouldCopyOplogs: true}
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [setting]})
    const spans = () => world.backend.transact((s) => s.repo.findCluster(GROUP, 'Cluster0')!.state.oplogCopies)
    expect(spans()).toEqual([expect.objectContaining({regionName: 'US_WEST_2', from: START})])
    world.setNow(START + 3 * DAY_MS)
    await world.backend.listSnapshots(GROUP, 'Cluster0')
    world.setNow(START + DAY_MS)
    await world.backend.listSnapshots(GROUP, 'Cluster0')
    const after = spans()!
    expect(after).toHaveLength(1)
    expect(after[0]).toMatchObject({regionName: 'US_WEST_2', from: START})
    expect(after[0]!.to).toBeUndefined()
    await world.backend.close()
  })
})
