import {describe, expect, test} from 'vitest'

import {createCluster, explainSnapshot} from '../../../src/lib/backends/local/admin.js'
import {explanationText} from '../../../src/lib/cli/views/local.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import {MAX_MEMBER_SPREAD_MS, shardedConsistency, stopsBalancer, supportsShardedBackup} from '../../../src/lib/snapshots/sharded-consistency.js'
import {failure} from '../../helpers/rejection.js'
import {GROUP, type LocalWorld, localWorld, START} from '../local/harness.js'

/** The newest completed snapshot of a cluster, explained, a day and a half after START. */
async function newestExplained(world: LocalWorld, cluster: string) {
  world.setNow(START + 1.5 * DAY_MS)
  const snapshot = (await world.backend.listSnapshots(GROUP, cluster)).results.find((s) => s.status === 'completed')!
  return explainSnapshot(world.backend, snapshot.id!)
}

describe('Limitations of Cloud Backup', () => {
  test.each([
    ['3.6.23', false],
    ['4.0.28', true],
    ['4.2.25', true],
    ['8.0.29', true],
  ])('sharded clusters need MongoDB 4.0 or later: %s → %s', (version, supported) => {
    expect(supportsShardedBackup(version)).toBe(supported)
  })

  test('local backend: creating a sharded cluster below MongoDB 4.0 is refused (400 INVALID_ATTRIBUTE), at 4.0 accepted', () => {
    const world = localWorld()
    const refused = failure(() => createCluster(world.backend, GROUP, {name: 'Old0', shards: 2, mongoDBVersion: '3.6.23'}))
    expect([refused.status, refused.errorCode, refused.detail]).toEqual([
      400,
      'INVALID_ATTRIBUTE',
      'Old0 runs MongoDB 3.6.23: Cloud Backup supports sharded clusters from MongoDB 4.0 on; create it with MongoDB 4.0 or later (--mongodbVersion).',
    ])
    // A replica set of that version is fine: the limitation is about sharded clusters.
    expect(createCluster(world.backend, GROUP, {name: 'Old0', mongoDBVersion: '3.6.23'}).name).toBe('Old0')
    expect(createCluster(world.backend, GROUP, {name: 'Forty0', shards: 2, mongoDBVersion: '4.0.28'}).clusterType).toBe('SHARDED')
  })
})

describe('Sharded Cluster Balancer, FCV 4.0 databases and Cloud Backup', () => {
  test.each([
    ['4.0.28', true],
    ['4.2.25', false],
    ['8.0.29', false],
  ])('FCV %s: the balancer is stopped for the snapshot → %s', (version, stopped) => {
    expect(stopsBalancer(version)).toBe(stopped)
  })

  test('local backend: a 4.0 sharded snapshot records the balancer stopped while it ran and put back afterwards; 4.2+ none', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Forty0', shards: 2, mongoDBVersion: '4.0.28'})
    const forty = await newestExplained(world, 'Forty0')
    expect(forty.sharded!.balancer).toEqual({previousState: 'running', stoppedAt: forty.startedAt, restoredAt: forty.finishesAt})
    expect(explanationText(forty)).toContain(
      `Balancer (FCV 4.0 or earlier): stopped at ${forty.startedAt} for the snapshot, back to its previous state (running) at ${forty.finishesAt}`,
    )
    const modern = await newestExplained(world, 'Sharded0')
    expect(modern.sharded).not.toHaveProperty('balancer')
    expect(explanationText(modern)).not.toContain('Balancer')
  })
})

describe('Consistency and Snapshots', () => {
  test.each([
    ['4.0.28', 'crash'],
    ['4.2.0', 'causal'],
    ['4.4.29', 'causal'],
    ['8.0.29', 'causal'],
  ])('MongoDB %s → %s', (version, consistency) => {
    expect(shardedConsistency(version)).toBe(consistency)
  })

  test('local backend: 4.2 and later are causally consistent as of one coordinated time (the scheduled one)', async () => {
    const world = localWorld()
    const explained = await newestExplained(world, 'Sharded0')
    expect(explained.sharded).toEqual({consistency: 'causal', coordinatedAt: explained.requestedAt})
    expect(explanationText(explained)).toContain(`Causally consistent (MongoDB 4.2 or later): every shard and the config server as of one coordinated time, ${explained.requestedAt}`)
    // A replica set's snapshot has no such section.
    expect(await newestExplained(world, 'Cluster0')).not.toHaveProperty('sharded')
  })

  test('local backend: 4.0 and earlier are crash-consistent, each shard and the config server at about the same time', async () => {
    const world = localWorld()
    createCluster(world.backend, GROUP, {name: 'Forty0', shards: 2, mongoDBVersion: '4.0.28'})
    const explained = await newestExplained(world, 'Forty0')
    const fact = explained.sharded!
    expect(fact.consistency).toBe('crash')
    expect(fact).not.toHaveProperty('coordinatedAt')
    expect(fact.memberTimes!.map((m) => m.replicaSetName)).toEqual(['Forty0-shard-0', 'Forty0-shard-1', 'Forty0-config-0'])
    const times = fact.memberTimes!.map((m) => Date.parse(m.at))
    const started = Date.parse(explained.startedAt)
    for (const at of times) expect(at - started).toBeGreaterThanOrEqual(0)
    expect(fact.spreadMs).toBe(Math.max(...times) - Math.min(...times))
    // Approximately the same time: apart, but by less than the bound, and the same on every look.
    expect(fact.spreadMs).toBeGreaterThan(0)
    expect(fact.spreadMs).toBeLessThanOrEqual(MAX_MEMBER_SPREAD_MS)
    expect(explainSnapshot(world.backend, explained.snapshotId).sharded).toEqual(fact)
    const text = explanationText(explained)
    expect(text).toContain(`Crash-consistent (MongoDB 4.0 or earlier): the shards and the config server taken at about the same time, within ${fact.spreadMs} ms of one another`)
    expect(text).toContain(`  - Forty0-config-0 at ${fact.memberTimes![2]!.at}`)
  })
})
