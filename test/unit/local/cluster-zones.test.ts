import {describe, expect, test} from 'vitest'

import {createCluster, listNodes} from '../../../src/lib/backends/local/admin.js'
import {GROUP, localWorld} from './harness.js'

/**
 * The zone copy settings see (rules 56, 57): one zone per cluster, whose primary region is the highest-priority one
 * (ties go to the first listed), and which holds every shard's replication spec.
 */

describe('the cluster zone copy settings are checked against', () => {
  test('a sharded cluster\'s zone holds every shard\'s replication spec: a copy setting may name the second one (2023-01-01 shape)', async () => {
    const world = localWorld()
    const specs = (await world.backend.getCluster(GROUP, 'Sharded0')).replicationSpecs!
    expect(specs).toHaveLength(2)
    const setting = {cloudProvider: 'AWS' as const, regionName: 'US_WEST_2', replicationSpecId: specs[1]!.id!, frequencies: ['DAILY' as const], shouldCopyOplogs: false}
    const answer = await world.backend.updateSchedule(GROUP, 'Sharded0', {copySettings: [setting]})
    expect(answer.copySettings).toMatchObject([{regionName: 'US_WEST_2'}])
    expect((await world.backend.getSchedule(GROUP, 'Sharded0')).copySettings).toHaveLength(1)
    await world.backend.close()
  })

  test('two regions of equal priority: the first listed is the primary, so snapshots may be copied to the second', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {
      name: 'Tied0',
      tier: 'M30',
      provider: 'AWS',
      regions: [
        {regionName: 'US_EAST_1', nodeCount: 2, priority: 7},
        {regionName: 'US_WEST_2', nodeCount: 1, priority: 7},
      ],
    })
    const primary = listNodes(world.backend, GROUP, 'Tied0').find((n) => n.state === 'PRIMARY')!
    expect(primary.region).toBe('US_EAST_1')
    const zoneId = (await world.backend.getCluster(GROUP, 'Tied0')).replicationSpecs![0]!.zoneId!
    const answer = await world.backend.updateSchedule(GROUP, 'Tied0', {copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, frequencies: ['DAILY'], shouldCopyOplogs: false}]})
    expect(answer.copySettings).toMatchObject([{regionName: 'US_WEST_2'}])
    await world.backend.close()
  })
})
