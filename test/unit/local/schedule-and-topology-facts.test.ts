import {describe, expect, test} from 'vitest'

import {createCluster} from '../../../src/lib/backends/local/admin.js'
import type {CopySetting, Snapshot} from '../../../src/lib/domain/types.js'
import {atlasError, GROUP, type LocalWorld, localWorld} from './harness.js'

/**
 * Facts of the emulator that only a cluster shaped on purpose shows: the highest-priority region is found wherever it
 * is listed, every shard of a sharded cluster is a replication spec of its zone, and a retention change without
 * updateSnapshots leaves the snapshots already taken alone (rule 34).
 */

async function zoneOf(world: LocalWorld, cluster: string): Promise<{zoneId: string; specIds: string[]}> {
  const specs = (await world.backend.getCluster(GROUP, cluster)).replicationSpecs!
  return {zoneId: specs[0]!.zoneId!, specIds: specs.map((spec) => spec.id!)}
}

function copyTo(regionName: string, over: Partial<CopySetting>): CopySetting {
  return {cloudProvider: 'AWS', regionName, frequencies: ['DAILY'], shouldCopyOplogs: false, ...over}
}

describe('the highest-priority region, listed second (rule 57)', () => {
  test('rule 57 refused for the region with the highest priority even when it is not listed first; accepted for the other', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {
      name: 'WestFirst',
      tier: 'M30',
      regions: [
        {regionName: 'US_EAST_1', nodeCount: 2, priority: 6},
        {regionName: 'US_WEST_2', nodeCount: 3, priority: 7},
      ],
    })
    const {zoneId} = await zoneOf(world, 'WestFirst')
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'WestFirst', {copySettings: [copyTo('US_WEST_2', {zoneId})]}))
    expect(error).toMatchObject({status: 400, errorCode: 'INVALID_BACKUP_POLICY'})
    const answer = await world.backend.updateSchedule(GROUP, 'WestFirst', {copySettings: [copyTo('US_EAST_1', {zoneId})]})
    expect(answer.copySettings!.map((setting) => setting.regionName)).toEqual(['US_EAST_1'])
    await world.backend.close()
  })
})

describe('a sharded cluster\'s zone (rule 56, API 2023-01-01)', () => {
  test('rule 56 accepted: the replicationSpecId of any shard names the zone; refused: an id of no shard', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Sharded3', tier: 'M30', shards: 3, regions: [{regionName: 'US_EAST_1', nodeCount: 3}, {regionName: 'US_WEST_2', nodeCount: 2}]})
    const {zoneId, specIds} = await zoneOf(world, 'Sharded3')
    expect(specIds).toHaveLength(3)
    const answer = await world.backend.updateSchedule(GROUP, 'Sharded3', {copySettings: [copyTo('US_WEST_2', {replicationSpecId: specIds[2]})]})
    expect(answer.copySettings).toEqual([copyTo('US_WEST_2', {zoneId})])
    const foreign = (await zoneOf(world, 'Cluster0')).specIds[0]!
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Sharded3', {copySettings: [copyTo('US_WEST_2', {replicationSpecId: foreign})]}))
    expect(error).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE'})
    await world.backend.close()
  })
})

describe('a retention change without updateSnapshots, beside deleteSnapshots (rules 34, 35)', () => {
  test('rules 34, 35: the removed item\'s snapshots go, the changed item\'s snapshots already taken keep their expiry', async () => {
    const world = localWorld()
    const before = (await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})).results as Snapshot[]
    const items = (await world.backend.getSchedule(GROUP, 'Cluster0')).policies[0]!.policyItems
    const daily = items.find((item) => item.frequencyType === 'daily')!
    const hourly = items.find((item) => item.frequencyType === 'hourly')!
    const taken = (id: string) => before.filter((snapshot) => snapshot.policyItems?.includes(id))
    expect(taken(daily.id!).length).toBeGreaterThan(0)
    expect(taken(hourly.id!).length).toBeGreaterThan(0)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {
      deleteSnapshots: true,
      policies: [{policyItems: items.filter((item) => item.id !== hourly.id).map((item) => (item.id === daily.id ? {...item, retentionValue: 14} : item))}],
    })
    const after = (await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})).results as Snapshot[]
    const kept = before.filter((snapshot) => !snapshot.policyItems?.includes(hourly.id!))
    expect(after.map((snapshot) => [snapshot.id, snapshot.expiresAt])).toEqual(kept.map((snapshot) => [snapshot.id, snapshot.expiresAt]))
    await world.backend.close()
  })
})
