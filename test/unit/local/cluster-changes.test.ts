import {describe, expect, test} from 'vitest'

import {changeClock, createCluster, explainSnapshot, listFleet} from '../../../src/lib/backends/local/admin.js'
import {freezeClockAt, setClock} from '../../../src/lib/backends/local/clock.js'
import {updateCluster, type ClusterChanges} from '../../../src/lib/backends/local/cluster-changes.js'
import type {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {simulateOplogRollover} from '../../../src/lib/backends/local/oplog-rollover.js'
import {clusterCoverage} from '../../../src/lib/backends/local/records.js'
import type {ClusterWithSchedule} from '../../../src/lib/backends/local/repository.js'
import {AtlasApiError} from '../../../src/lib/domain/errors.js'
import {failure} from '../../helpers/rejection.js'
import {RestoreRuleError} from '../../../src/lib/restores/errors.js'
import {iso} from '../../helpers/values.js'
import {GROUP, localWorld, WALL} from './harness.js'

const HOUR = 3_600_000
/** After the first 18:00 UTC firing following WALL (10:00), once its snapshot has completed. */
const AFTER_EVENING = iso('2026-06-10T18:30:00Z')

function frozen(): LocalBackend {
  const {backend} = localWorld(WALL)
  changeClock(backend, (state) => freezeClockAt(state, WALL))
  return backend
}

function moveClock(backend: LocalBackend, to: number): void {
  changeClock(backend, (state, wall) => setClock(state, to, wall))
}

/** The cluster as stored, without bringing it up to now. */
function stored(backend: LocalBackend, name: string): ClusterWithSchedule {
  return backend.transact((s) => s.repo.findCluster(GROUP, name)!)
}

function edit(backend: LocalBackend, name: string, change: (cluster: ClusterWithSchedule) => void): void {
  backend.transact((s) => {
    const cluster = s.repo.findCluster(GROUP, name)!
    change(cluster)
    s.repo.saveCluster(cluster)
  })
}


/** How each replica set of a snapshot was copied, in member order: the newest one, or the first requested after `since`. */
async function copiesOf(backend: LocalBackend, cluster: string, since?: number): Promise<{requestedAt: string; copies: string[]; hosts: Array<string | undefined>}> {
  const page = await backend.listSnapshots(GROUP, cluster)
  const explained = page.results.map((snapshot) => explainSnapshot(backend, snapshot.id as string))
  const chosen = since === undefined ? explained[0]! : explained.filter((e) => Date.parse(e.requestedAt) > since).at(-1)!
  return {requestedAt: chosen.requestedAt, copies: chosen.members.map((m) => m.copy), hosts: chosen.members.map((m) => m.hostname)}
}

/** Looks at the cluster (its volumes are established by the snapshots before WALL), changes it, and lets 18:00 fire. */
async function nextSnapshotAfter(backend: LocalBackend, cluster: string, changes: ClusterChanges) {
  await backend.listSnapshots(GROUP, cluster)
  const result = updateCluster(backend, GROUP, cluster, changes)
  moveClock(backend, AFTER_EVENING)
  return {result, next: await copiesOf(backend, cluster, WALL)}
}

describe('storage changes: a new snapshot volume and a full copy (seed: tier, storage volume or speed, region)', () => {
  test('without a change the 18:00 snapshot is incremental', async () => {
    const backend = frozen()
    await backend.listSnapshots(GROUP, 'Cluster0')
    moveClock(backend, AFTER_EVENING)
    expect((await copiesOf(backend, 'Cluster0')).copies).toEqual(['incremental'])
  })

  test('a tier change stores the tier and makes the next snapshot a full copy', async () => {
    const backend = frozen()
    const {result, next} = await nextSnapshotAfter(backend, 'Cluster0', {tier: 'M30'})
    expect(result.changes).toMatchObject([{setting: 'tier', from: 'M10', to: 'M30', effects: [{kind: 'nextSnapshotFull'}]}])
    expect(stored(backend, 'Cluster0').spec.tier).toBe('M30')
    // Cluster0 has continuous backup, so its hourly item fires at 12:00 first.
    expect(next).toMatchObject({requestedAt: '2026-06-10T12:00:00Z', copies: ['full']})
  })

  test('the same tier changes nothing: the volume stays and the next snapshot is incremental', async () => {
    const backend = frozen()
    const {result, next} = await nextSnapshotAfter(backend, 'Cluster0', {tier: 'M10'})
    expect(result.changes).toEqual([])
    expect(result.unchanged).toEqual(['tier'])
    expect(next.copies).toEqual(['incremental'])
  })

  test('a tier change is refused on a tenant cluster, and to a tier the provider does not offer', () => {
    const backend = frozen()
    expect(failure(() => updateCluster(backend, GROUP, 'Shared0', {tier: 'M10'}))).toMatchObject({status: 400, errorCode: 'TENANT_CLUSTER_UPDATE_UNSUPPORTED'})
    expect(failure(() => updateCluster(backend, GROUP, 'Cluster0', {tier: 'M2'}))).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE'})
    expect(failure(() => updateCluster(backend, GROUP, 'Cluster0', {tier: 'M1000'}))).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE'})
    expect(stored(backend, 'Cluster0').spec.tier).toBe('M10')
  })

  test('moving to an NVMe tier is refused while the policy has an hourly item every 6 hours (NVMe takes 12 only)', () => {
    const backend = frozen()
    const error = failure(() => updateCluster(backend, GROUP, 'Cluster0', {tier: 'M40_NVME'}))
    expect(error.status).toBe(400)
    expect(error.fields.map((f) => f.field)).toEqual(['policies[0].policyItems[0].frequencyInterval'])
    expect(stored(backend, 'Cluster0').spec).toMatchObject({tier: 'M10', nvme: false})
  })

  test('a disk size change makes the next snapshot full; it is refused on NVMe and below the data size', async () => {
    const backend = frozen()
    const {result, next} = await nextSnapshotAfter(backend, 'MultiRegion0', {diskSizeGB: 200})
    expect(result.changes).toMatchObject([{setting: 'diskSizeGB', from: 120, to: 200}])
    expect(stored(backend, 'MultiRegion0').spec.diskSizeGB).toBe(200)
    expect(next.copies).toEqual(['full'])
    expect(failure(() => updateCluster(backend, GROUP, 'NVMe0', {diskSizeGB: 500})).detail).toMatch(/NVMe/)
    createCluster(backend, GROUP, {name: 'Big', tier: 'M200'})
    expect(failure(() => updateCluster(backend, GROUP, 'Big', {diskSizeGB: 20})).detail).toMatch(/cannot hold the 50 GB/)
  })

  test('a disk speed change stores the IOPS and makes the next snapshot full; refused on NVMe', async () => {
    const backend = frozen()
    const {result, next} = await nextSnapshotAfter(backend, 'Cluster0', {diskIOPS: 6000})
    expect(result.changes).toMatchObject([{setting: 'diskIOPS', from: 'standard', to: 6000}])
    expect(stored(backend, 'Cluster0').spec.diskIOPS).toBe(6000)
    expect(next.copies).toEqual(['full'])
    expect(failure(() => updateCluster(backend, GROUP, 'NVMe0', {diskIOPS: 6000})).errorCode).toBe('INVALID_ATTRIBUTE')
  })

  test('a single-region cluster moved to another region: nodes rebuilt there, next snapshot full in the new region', async () => {
    const backend = frozen()
    const {result, next} = await nextSnapshotAfter(backend, 'Cluster0', {region: 'EU_WEST_1'})
    expect(result.changes[0]).toMatchObject({setting: 'region', from: 'US_EAST_1', to: 'EU_WEST_1'})
    // Cluster0 has continuous backup: the oplog stays in both regions (row 66).
    expect(result.changes[0]!.effects.map((e) => e.kind)).toEqual(['nodesReplaced', 'nextSnapshotFull', 'oplogKeptInBothRegions'])
    const spec = stored(backend, 'Cluster0').spec
    expect(spec.regions).toEqual([{regionName: 'EU_WEST_1', nodeCount: 3, priority: 7}])
    expect(spec.replicaSets[0]!.nodes.every((n) => n.regionName === 'EU_WEST_1')).toBe(true)
    expect(next.copies).toEqual(['full'])
    expect(failure(() => updateCluster(backend, GROUP, 'Cluster0', {region: 'EUROPE_WEST'})).detail).toMatch(/not an Atlas region of AWS/)
  })

  test('a new highest-priority region swaps priorities, moves the primary, and rewrites a copy setting to it (row 61)', async () => {
    const backend = frozen()
    const zoneId = (await backend.getCluster(GROUP, 'MultiRegion0')).replicationSpecs![0]!.zoneId
    await backend.updateSchedule(GROUP, 'MultiRegion0', {copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, frequencies: ['DAILY'], shouldCopyOplogs: false}]})
    const {result, next} = await nextSnapshotAfter(backend, 'MultiRegion0', {region: 'US_WEST_2'})
    expect(result.changes[0]!.effects.map((e) => e.kind)).toEqual(['nodesReplaced', 'nextSnapshotFull', 'copySettingsRewritten'])
    const cluster = stored(backend, 'MultiRegion0')
    expect(cluster.spec.regions.map((r) => [r.regionName, r.priority])).toEqual([
      ['US_WEST_2', 7],
      ['US_EAST_2', 6],
      ['US_EAST_1', 5],
    ])
    const primary = cluster.spec.replicaSets[0]!.nodes.find((n) => n.state === 'PRIMARY')!
    expect(primary.regionName).toBe('US_WEST_2')
    expect(cluster.schedule!.copySettings![0]!.regionName).toBe('US_EAST_1')
    expect(next.copies).toEqual(['full'])
    // The election looks at the primary's region only: US_WEST_2 has one node, the primary itself.
    expect(next.hosts[0]).toBe(primary.hostname)
  })

  test('the region already highest changes nothing', () => {
    const backend = frozen()
    expect(updateCluster(backend, GROUP, 'MultiRegion0', {region: 'US_EAST_1'})).toMatchObject({changes: [], unchanged: ['region']})
  })
})

describe('shard count (topology rule 72)', () => {
  test('adding a shard: the new shard copies in full, the others stay incremental, shardsChangedAt is now', async () => {
    const backend = frozen()
    const {result, next} = await nextSnapshotAfter(backend, 'Sharded0', {shards: 3})
    expect(result.changes).toMatchObject([{setting: 'shards', from: 2, to: 3}])
    expect(result.changes[0]!.effects.map((e) => e.kind)).toEqual(['newVolumes', 'restoreTopology'])
    const cluster = stored(backend, 'Sharded0')
    expect(cluster.spec.replicaSets.map((r) => r.name)).toEqual(['Sharded0-shard-0', 'Sharded0-shard-1', 'Sharded0-shard-2'])
    expect(cluster.state.shardsChangedAt).toBe(WALL)
    expect(next.copies).toEqual(['incremental', 'incremental', 'full', 'incremental'])
  })

  test('removing a shard drops its replica set and volume', () => {
    const backend = frozen()
    const result = updateCluster(backend, GROUP, 'Sharded0', {shards: 1})
    expect(result.changes[0]!.effects.map((e) => e.kind)).toEqual(['volumesRemoved', 'restoreTopology'])
    const cluster = stored(backend, 'Sharded0')
    expect(cluster.spec.replicaSets.map((r) => r.name)).toEqual(['Sharded0-shard-0'])
    expect(Object.keys(cluster.state.volumes).sort()).toEqual(['Sharded0-config-0', 'Sharded0-shard-0'])
  })

  test('a replica set given shards becomes sharded: it is shard 0 (volume kept), with a new shard and config server', async () => {
    const backend = frozen()
    const {next} = await nextSnapshotAfter(backend, 'MultiRegion0', {shards: 2})
    const cluster = stored(backend, 'MultiRegion0')
    expect(cluster.spec.clusterType).toBe('SHARDED')
    expect(cluster.spec.replicaSets.map((r) => r.name)).toEqual(['MultiRegion0-shard-0', 'MultiRegion0-shard-1'])
    expect(cluster.spec.configServer?.name).toBe('MultiRegion0-config-0')
    expect(next.copies).toEqual(['incremental', 'full', 'full'])
  })

  test('refused: a sharded cluster back to a replica set, and a tenant cluster', () => {
    const backend = frozen()
    expect(failure(() => updateCluster(backend, GROUP, 'Sharded0', {shards: 0})).detail).toMatch(/cannot become a replica set/)
    expect(failure(() => updateCluster(backend, GROUP, 'Shared0', {shards: 2})).errorCode).toBe('TENANT_CLUSTER_UPDATE_UNSUPPORTED')
    expect(stored(backend, 'Sharded0').spec.replicaSets).toHaveLength(2)
  })
})

describe('pause and resume', () => {
  test('a paused cluster takes no scheduled snapshot; after resuming, the next firing is taken again', async () => {
    const backend = frozen()
    const before = (await backend.listSnapshots(GROUP, 'MultiRegion0')).totalCount!
    const paused = updateCluster(backend, GROUP, 'MultiRegion0', {paused: true})
    expect(paused.changes[0]!.effects.map((e) => e.kind)).toEqual(['scheduledSnapshotsStop', 'notRestoreTarget'])
    expect(stored(backend, 'MultiRegion0').spec.paused).toBe(true)
    expect(listFleet(backend, GROUP).find((c) => c.name === 'MultiRegion0')).toMatchObject({paused: true})
    moveClock(backend, AFTER_EVENING)
    expect((await backend.listSnapshots(GROUP, 'MultiRegion0')).totalCount).toBeLessThanOrEqual(before)
    expect(Date.parse((await copiesOf(backend, 'MultiRegion0')).requestedAt)).toBeLessThan(WALL)
    const resumed = updateCluster(backend, GROUP, 'MultiRegion0', {paused: false})
    expect(resumed.changes[0]!.effects[0]!.detail).toBe('scheduled snapshots resume: the next at 2026-06-11T18:00:00Z')
    expect(stored(backend, 'MultiRegion0').spec.paused).toBeUndefined()
    moveClock(backend, iso('2026-06-11T18:30:00Z'))
    expect((await copiesOf(backend, 'MultiRegion0')).requestedAt).toBe('2026-06-11T18:00:00Z')
  })

  test('refused: pausing an NVMe cluster (rule 85) or a tenant cluster; a paused cluster takes no structural change', () => {
    const backend = frozen()
    expect(failure(() => updateCluster(backend, GROUP, 'NVMe0', {paused: true}))).toMatchObject({status: 409, errorCode: 'CANNOT_PAUSE_NVME_CLUSTER'})
    expect(failure(() => updateCluster(backend, GROUP, 'Free0', {paused: true})).errorCode).toBe('TENANT_CLUSTER_UPDATE_UNSUPPORTED')
    updateCluster(backend, GROUP, 'Cluster0', {paused: true})
    expect(failure(() => updateCluster(backend, GROUP, 'Cluster0', {tier: 'M30'}))).toMatchObject({status: 409, errorCode: 'CANNOT_UPDATE_PAUSED_CLUSTER'})
    // Resuming in the same call lets the change through.
    expect(updateCluster(backend, GROUP, 'Cluster0', {paused: false, tier: 'M30'}).changes.map((c) => c.setting)).toEqual(['paused', 'tier'])
  })
})

describe('continuous backup on and off (rules 63, 64, 59)', () => {
  test('off deletes the stored coverage; the snapshots stay', async () => {
    const backend = frozen()
    const before = (await backend.listSnapshots(GROUP, 'Cluster0')).totalCount!
    expect(clusterCoverage(stored(backend, 'Cluster0')).enabled).toBe(true)
    const result = updateCluster(backend, GROUP, 'Cluster0', {continuousBackup: false})
    expect(result.changes[0]!.effects.map((e) => e.kind)).toEqual(['coverageDeleted'])
    const cluster = stored(backend, 'Cluster0')
    expect(cluster.spec.continuousBackup).toBe(false)
    expect(cluster.state.coverage).toMatchObject({enabled: false, stretches: [], collectingSince: null})
    expect((await backend.listSnapshots(GROUP, 'Cluster0')).totalCount).toBe(before)
  })

  test('on starts coverage now; a policy without an hourly item gets a warning (rule 23)', () => {
    const backend = frozen()
    const result = updateCluster(backend, GROUP, 'MultiRegion0', {continuousBackup: true})
    expect(result.changes[0]!.effects.map((e) => e.kind)).toEqual(['coverageStarts', 'policyWarning'])
    const cluster = stored(backend, 'MultiRegion0')
    expect(cluster.spec.continuousBackup).toBe(true)
    expect(cluster.state.coverage).toMatchObject({enabled: true, collectingSince: WALL, stretches: []})
  })

  test('refused: off while a copy setting ships oplogs (rule 59), and on for a tenant cluster (rule 63)', async () => {
    const backend = frozen()
    const zoneId = (await backend.getCluster(GROUP, 'Cluster0')).replicationSpecs![0]!.zoneId
    await backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, frequencies: ['DAILY'], shouldCopyOplogs: true}]})
    const error = failure(() => updateCluster(backend, GROUP, 'Cluster0', {continuousBackup: false}))
    expect(error.fields).toMatchObject([{field: 'copySettings[0].shouldCopyOplogs'}])
    expect(stored(backend, 'Cluster0').spec.continuousBackup).toBe(true)
    expect(failure(() => updateCluster(backend, GROUP, 'Shared0', {continuousBackup: true})).errorCode).toBe('TENANT_CLUSTER_UPDATE_UNSUPPORTED')
  })
})

describe('MongoDB version', () => {
  test('a patch release and the next major version are accepted; later snapshots record the new version', async () => {
    const backend = frozen()
    expect(updateCluster(backend, GROUP, 'Cluster0', {mongoDBVersion: '8.0.30'}).changes[0]).toMatchObject({from: '8.0.29', to: '8.0.30'})
    updateCluster(backend, GROUP, 'Cluster0', {mongoDBVersion: '9.0.1'})
    moveClock(backend, AFTER_EVENING)
    const newest = (await backend.listSnapshots(GROUP, 'Cluster0')).results[0]!
    expect(newest.mongodVersion).toBe('9.0.1')
  })

  test('refused: two majors at once, a downgrade, and on a serverless instance', () => {
    const backend = frozen()
    expect(failure(() => updateCluster(backend, GROUP, 'Cluster0', {mongoDBVersion: '10.0.0'})).detail).toMatch(/one major version at a time/)
    expect(failure(() => updateCluster(backend, GROUP, 'Cluster0', {mongoDBVersion: '7.0.14'})).detail).toMatch(/does not downgrade/)
    expect(failure(() => updateCluster(backend, GROUP, 'Serverless0', {mongoDBVersion: '8.0.30'})).errorCode).toBe('FEATURE_UNSUPPORTED')
    expect(stored(backend, 'Cluster0').spec.mongoDBVersion).toBe('8.0.29')
  })
})

describe('no change while a restore runs (rule 74), and all or nothing', () => {
  test('refused until restoringUntil, accepted after', () => {
    const backend = frozen()
    edit(backend, 'Cluster0', (cluster) => (cluster.state.restoringUntil = WALL + HOUR))
    const error = failure(() => updateCluster(backend, GROUP, 'Cluster0', {tier: 'M30'}))
    expect(error).toBeInstanceOf(RestoreRuleError)
    expect(error).toMatchObject({status: 400, errorCode: 'CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE', rule: 74})
    expect(stored(backend, 'Cluster0').spec.tier).toBe('M10')
    moveClock(backend, WALL + HOUR)
    expect(updateCluster(backend, GROUP, 'Cluster0', {tier: 'M30'}).changes).toHaveLength(1)
  })

  test('one refused change leaves the others undone', () => {
    const backend = frozen()
    expect(() => updateCluster(backend, GROUP, 'Cluster0', {tier: 'M30', diskSizeGB: 1})).toThrow(AtlasApiError)
    expect(stored(backend, 'Cluster0').spec).toMatchObject({tier: 'M10', diskSizeGB: 40})
  })

  test('an unknown cluster is CLUSTER_NOT_FOUND', () => {
    expect(failure(() => updateCluster(frozen(), GROUP, 'Nope', {tier: 'M30'})).errorCode).toBe('CLUSTER_NOT_FOUND')
  })
})

describe('oplog rollover (rule 64, the seed example)', () => {
  const FROM = WALL - 3 * HOUR
  const TO = WALL - 2 * HOUR

  test('erasesHistory (default): every oplog backup up to the end of the lost span goes; collection goes on from it', () => {
    const backend = frozen()
    const createdAt = stored(backend, 'Cluster0').createdAt
    const result = simulateOplogRollover(backend, GROUP, 'Cluster0', {from: FROM, to: TO})
    expect(result.effect).toBe('erasesHistory')
    expect(result.lost).toEqual([{from: new Date(createdAt).toISOString().replace('.000Z', 'Z'), to: '2026-06-10T08:00:00Z'}])
    expect(result.coverage).toEqual([{from: '2026-06-10T08:00:00Z', to: '2026-06-10T10:00:00Z'}])
    expect(stored(backend, 'Cluster0').state.coverage).toMatchObject({enabled: true, stretches: [], collectingSince: TO, lost: [{from: createdAt, to: TO, reason: 'oplogRollover'}]})
  })

  test('hole: only the lost span goes', () => {
    const backend = frozen()
    const createdAt = stored(backend, 'Cluster0').createdAt
    const result = simulateOplogRollover(backend, GROUP, 'Cluster0', {from: FROM}, 'hole')
    expect(result.lost).toEqual([{from: '2026-06-10T07:00:00Z', to: '2026-06-10T10:00:00Z'}])
    expect(stored(backend, 'Cluster0').state.coverage).toMatchObject({stretches: [{from: createdAt, to: FROM}], collectingSince: WALL})
  })

  test('refused: a span ending after now (nothing stored), and a cluster without continuous backup', () => {
    const backend = frozen()
    const late = failure(() => simulateOplogRollover(backend, GROUP, 'Cluster0', {from: FROM, to: WALL + HOUR}))
    expect(late.fields.map((f) => f.field)).toEqual(['to'])
    expect(stored(backend, 'Cluster0').state.coverage).toBeUndefined()
    expect(failure(() => simulateOplogRollover(backend, GROUP, 'MultiRegion0', {from: FROM, to: TO}))).toMatchObject({status: 409, errorCode: 'CONTINUOUS_BACKUP_OFF'})
  })
})
