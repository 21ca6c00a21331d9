import {describe, expect, test} from 'vitest'

import {updateCluster} from '../../../src/lib/backends/local/cluster-changes.js'
import type {ClusterWithSchedule} from '../../../src/lib/backends/local/repository.js'
import {putPolicy} from '../../helpers/compliance-store.js'
import {GROUP, localWorld, type LocalWorld} from './harness.js'

/**
 * Cluster changes the compliance guards and the schedule rewrites must let through: a policy forbids turning a
 * protection off, never turning it on (rule 89), and a cluster with Cloud Backup off has no schedule for a region or
 * tier change to rewrite or check (rule 55).
 */

function stored(world: LocalWorld, name: string): ClusterWithSchedule {
  return world.backend.transact((s) => s.repo.findCluster(GROUP, name)!)
}

describe('turning a protection on under a Backup Compliance Policy (rule 89)', () => {
  test('continuous backup turned on while the policy requires it is accepted and stored', async () => {
    const world = localWorld()
    putPolicy(world.backend, world.now(), {pitEnabled: true})
    expect(stored(world, 'MultiRegion0').spec.continuousBackup).toBeFalsy()
    const result = updateCluster(world.backend, GROUP, 'MultiRegion0', {continuousBackup: true})
    expect(result.changes.map((c) => [c.setting, c.from, c.to])).toEqual([['continuousBackup', false, true]])
    expect(stored(world, 'MultiRegion0').spec.continuousBackup).toBe(true)
    await world.backend.close()
  })

  test('customer-key encryption turned on while the policy requires it is accepted and stored', async () => {
    const world = localWorld()
    putPolicy(world.backend, world.now(), {encryptionAtRestEnabled: true})
    const result = updateCluster(world.backend, GROUP, 'Cluster0', {encryptionAtRestProvider: 'AWS'})
    expect(result.changes.map((c) => [c.setting, c.from, c.to])).toEqual([['encryptionAtRestProvider', 'NONE', 'AWS']])
    expect(stored(world, 'Cluster0').spec.encryptionAtRestProvider).toBe('AWS')
    await world.backend.close()
  })
})

describe('a cluster with Cloud Backup off (rule 55)', () => {
  test('moves its primary region: no copy settings to rewrite, and it still has no schedule', async () => {
    const world = localWorld()
    updateCluster(world.backend, GROUP, 'MultiRegion0', {cloudBackup: false})
    const result = updateCluster(world.backend, GROUP, 'MultiRegion0', {region: 'US_WEST_2'})
    expect(result.changes).toHaveLength(1)
    expect(result.changes[0]!.effects.map((e) => e.kind)).toEqual(['nodesReplaced', 'nextSnapshotFull'])
    const cluster = stored(world, 'MultiRegion0')
    expect(cluster.spec.regions.find((r) => r.priority === 7)!.regionName).toBe('US_WEST_2')
    expect(cluster.schedule).toBeUndefined()
    await world.backend.close()
  })

  test('changes tier: no policy to check against the new tier, and it still has no schedule', async () => {
    const world = localWorld()
    updateCluster(world.backend, GROUP, 'MultiRegion0', {cloudBackup: false})
    const result = updateCluster(world.backend, GROUP, 'MultiRegion0', {tier: 'M40'})
    expect(result.changes.map((c) => [c.setting, c.from, c.to])).toEqual([['tier', 'M30', 'M40']])
    expect(result.changes[0]!.effects.some((e) => e.kind === 'policyWarning')).toBe(false)
    const cluster = stored(world, 'MultiRegion0')
    expect(cluster.spec.tier).toBe('M40')
    expect(cluster.schedule).toBeUndefined()
    await world.backend.close()
  })
})
