import {describe, expect, test} from 'vitest'

import {changeClock, listFleet} from '../../../src/lib/backends/local/admin.js'
import {freezeClockAt} from '../../../src/lib/backends/local/clock.js'
import {clusterIdFor, DEMO_FLEET} from '../../../src/lib/backends/local/fleet.js'
import {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {initialSchedule, newCluster} from '../../../src/lib/backends/local/seed.js'
import {readMeta} from '../../../src/lib/backends/local/store.js'
import {deterministicObjectId} from '../../../src/lib/domain/ids.js'
import {iso} from '../../helpers/values.js'
import {GROUP, localWorld, WALL} from './harness.js'

const CREATED = iso('2025-05-06T00:00:00Z')

describe('the seeded demo world', () => {
  test('a new store holds the demo project, created 400 days before at midnight, and the moment it was seeded', () => {
    const h = localWorld(WALL)
    changeClock(h.backend, (state) => freezeClockAt(state, WALL))
    expect(h.backend.seeded).toBe(true)
    const db = h.backend.database()
    expect(readMeta(db, 'seeded_at')).toBe('2026-06-10T10:00:00Z')
    expect(db.prepare('SELECT id, name, created_at FROM projects').all()).toEqual([{id: GROUP, name: 'Demo Project', created_at: CREATED}])
    // A second process on the same home finds the world there and does not seed again.
    const again = new LocalBackend({home: h.home, wallClock: () => WALL + 1000})
    expect(listFleet(again)).toHaveLength(8)
    expect(again.seeded).toBe(false)
    expect(readMeta(again.database(), 'seeded_at')).toBe('2026-06-10T10:00:00Z')
  })

  test('the demo fleet: one cluster per case, each with the snapshots of its schedule at a frozen clock', () => {
    const h = localWorld(WALL)
    changeClock(h.backend, (state) => freezeClockAt(state, WALL))
    const rows = listFleet(h.backend).map((c) => [c.name, c.kind, c.tier, c.clusterType, c.regions, c.shards, c.nvme, c.continuousBackup, c.mongoDBVersion, c.createdAt, c.snapshots])
    const at = '2025-05-06T00:00:00Z'
    expect(rows).toEqual([
      ['Cluster0', 'dedicated', 'M10', 'REPLICASET', 'US_EAST_1:3:7', 0, false, true, '8.0.29', at, 28],
      ['Free0', 'free', 'M0', 'REPLICASET', 'US_EAST_1:3:7', 0, false, false, '8.0.29', at, 0],
      ['MultiRegion0', 'dedicated', 'M30', 'REPLICASET', 'US_EAST_1:2:7,US_EAST_2:2:6,US_WEST_2:1:5', 0, false, false, '8.0.29', at, 22],
      ['NVMe0', 'dedicated', 'M40_NVME', 'REPLICASET', 'US_EAST_1:3:7', 0, true, true, '8.0.29', at, 24],
      ['Serverless0', 'serverless', 'SERVERLESS', 'SERVERLESS', 'US_EAST_1:3:7', 0, false, false, '8.0.29', at, 2],
      ['Serverless1', 'serverless', 'SERVERLESS', 'SERVERLESS', 'US_EAST_1:3:7', 0, false, true, '8.0.29', at, 44],
      ['Sharded0', 'dedicated', 'M30', 'SHARDED', 'US_EAST_1:3:7', 2, false, false, '8.0.29', at, 22],
      ['Shared0', 'shared', 'M2', 'REPLICASET', 'US_EAST_1:3:7', 0, false, false, '8.0.29', at, 8],
    ])
    expect(DEMO_FLEET.map((c) => c.name)).toEqual(['Cluster0', 'MultiRegion0', 'Sharded0', 'NVMe0', 'Shared0', 'Free0', 'Serverless0', 'Serverless1'])
  })

  test('the ids of the demo clusters and their policies are the same in every home', async () => {
    const a = localWorld(WALL)
    const b = localWorld(WALL + 5 * 3_600_000)
    const ids = async (backend: LocalBackend) => {
      const clusters = await backend.listClusters(GROUP)
      const schedule = await backend.getSchedule(GROUP, 'Cluster0')
      return [clusters.results.map((c) => c.id), schedule.policies[0]!.id, schedule.policies[0]!.policyItems.map((i) => i.id)]
    }
    const first = await ids(a.backend)
    expect(await ids(b.backend)).toEqual(first)
    expect((first[0] as string[])[0]).toBe(clusterIdFor(GROUP, 'Cluster0', CREATED))
  })
})

describe('a new cluster', () => {
  test('a dedicated cluster gets the seed default policy at 18:00 UTC with reproducible ids (hourly only with PIT)', () => {
    const id = clusterIdFor('p', 'c', CREATED)
    const schedule = initialSchedule(id, CREATED, false, true)
    expect(schedule.referenceHourOfDay).toBe(18)
    expect(schedule.referenceMinuteOfHour).toBe(0)
    expect(schedule.policies).toEqual([
      {
        id: deterministicObjectId(CREATED, `${id}/policy`),
        policyItems: [
          {id: deterministicObjectId(CREATED, `${id}/policy-item/initial-0`), frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2},
          {id: deterministicObjectId(CREATED, `${id}/policy-item/initial-1`), frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7},
          {id: deterministicObjectId(CREATED, `${id}/policy-item/initial-2`), frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4},
          {id: deterministicObjectId(CREATED, `${id}/policy-item/initial-3`), frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 12},
        ],
      },
    ])
    expect(initialSchedule(id, CREATED, true, true).policies[0]!.policyItems[0]).toMatchObject({frequencyType: 'hourly', frequencyInterval: 12})
    expect(initialSchedule(id, CREATED, false, false).policies[0]!.policyItems.map((i) => i.frequencyType)).toEqual(['daily', 'weekly', 'monthly'])
  })

  test('starts caught up at its creation, with an empty state; only a dedicated cluster has a policy', () => {
    const cluster = newCluster('p', {name: 'c', continuousBackup: true}, CREATED)
    expect(cluster).toMatchObject({id: clusterIdFor('p', 'c', CREATED), projectId: 'p', name: 'c', createdAt: CREATED, advancedTo: CREATED, state: {volumes: {}, sequence: 0}})
    expect(cluster.schedule).toEqual(initialSchedule(cluster.id, CREATED, false, true))
    expect(newCluster('p', {name: 'c', tier: 'M2'}, CREATED).schedule).toBeUndefined()
    expect(newCluster('p', {name: 'c', tier: 'SERVERLESS'}, CREATED).schedule).toBeUndefined()
  })
})
