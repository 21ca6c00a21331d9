import {describe, expect, test} from 'vitest'

import {changeClock, createCluster} from '../../../src/lib/backends/local/admin.js'
import {freezeClockAt} from '../../../src/lib/backends/local/clock.js'
import {updateCluster, type ClusterChanges} from '../../../src/lib/backends/local/cluster-changes.js'
import type {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {simulateOplogRollover} from '../../../src/lib/backends/local/oplog-rollover.js'
import {clusterCoverage} from '../../../src/lib/backends/local/records.js'
import type {ClusterWithSchedule} from '../../../src/lib/backends/local/repository.js'
import type {CopyFrequency} from '../../../src/lib/domain/types.js'
import {failure} from '../../helpers/rejection.js'
import {GROUP, localWorld, WALL} from './harness.js'

/**
 * What `local clusters update` and `local clusters oplog-rollover` report, word for word: the change list a user reads
 * is the only account of what a change did to the backups, and each refusal names the cluster and the fix.
 */

const HOUR = 3_600_000
const NOW = '2026-06-10T10:00:00Z'
const FULL_COPY = "every replica set's snapshot volume is invalid: the next snapshot elects a node in the primary's region and takes a full copy"

function frozen(): LocalBackend {
  const {backend} = localWorld(WALL)
  changeClock(backend, (state) => freezeClockAt(state, WALL))
  return backend
}

function stored(backend: LocalBackend, name: string): ClusterWithSchedule {
  return backend.transact((s) => s.repo.findCluster(GROUP, name)!)
}

/** Sets up a state no command reaches directly (a restore's oplog blackout, a cluster without a schedule). */
function edit(backend: LocalBackend, name: string, change: (cluster: ClusterWithSchedule) => void): void {
  backend.transact((s) => {
    const cluster = s.repo.findCluster(GROUP, name)!
    change(cluster)
    s.repo.saveCluster(cluster)
  })
}

/** The refusal of a change, as the command prints it, with the cluster as its one parameter. */
function refused(backend: LocalBackend, name: string, changes: ClusterChanges) {
  const error = failure(() => updateCluster(backend, GROUP, name, changes))
  expect(error.parameters).toEqual([name])
  return {status: error.status, errorCode: error.errorCode, detail: error.detail}
}

function change(backend: LocalBackend, name: string, changes: ClusterChanges) {
  const result = updateCluster(backend, GROUP, name, changes)
  expect(result).toMatchObject({cluster: name, projectId: GROUP, at: NOW})
  return result.changes
}

describe('refusals name the cluster, the reason and the way out', () => {
  test('tenant and serverless clusters take no dedicated-only change (rows 80–83)', () => {
    const backend = frozen()
    const tenant = (name: string, tier: string, what: string) => ({status: 400, errorCode: 'TENANT_CLUSTER_UPDATE_UNSUPPORTED', detail: `${name} is an ${tier} cluster: ${what} applies to dedicated clusters (M10 and above) only.`})
    const serverless = (what: string) => ({status: 400, errorCode: 'FEATURE_UNSUPPORTED', detail: `Serverless0 is a serverless instance: ${what} applies to dedicated clusters (M10 and above) only.`})
    expect(refused(backend, 'Shared0', {tier: 'M10'})).toEqual(tenant('Shared0', 'M2', 'a tier change'))
    expect(refused(backend, 'Serverless0', {tier: 'M10'})).toEqual(serverless('a tier change'))
    expect(refused(backend, 'Serverless0', {diskSizeGB: 500})).toEqual(serverless('a disk size change'))
    expect(refused(backend, 'Shared0', {diskIOPS: 500})).toEqual(tenant('Shared0', 'M2', 'a disk speed change'))
    expect(refused(backend, 'Free0', {region: 'EU_WEST_1'})).toEqual(tenant('Free0', 'M0', 'a region change'))
    expect(refused(backend, 'Serverless0', {shards: 2})).toEqual(serverless('sharding'))
    expect(refused(backend, 'Serverless0', {paused: true})).toEqual(serverless('pausing'))
    expect(refused(backend, 'Serverless0', {encryptionAtRestProvider: 'AWS'})).toEqual(serverless('encryption at rest with customer key management'))
    expect(refused(backend, 'Shared0', {continuousBackup: true})).toEqual({
      status: 400,
      errorCode: 'TENANT_CLUSTER_UPDATE_UNSUPPORTED',
      detail: 'Shared0 is an M2 cluster: Continuous Cloud Backup needs a dedicated cluster (M10 and above) or a serverless instance (rule 63).',
    })
    expect(refused(backend, 'Serverless0', {mongoDBVersion: '8.0.30'})).toEqual({status: 400, errorCode: 'FEATURE_UNSUPPORTED', detail: 'Serverless0 is a serverless instance: Atlas chooses its MongoDB version.'})
  })

  test('tier, disk and region refusals on a dedicated cluster', () => {
    const backend = frozen()
    createCluster(backend, GROUP, {name: 'Gcp0', tier: 'M10', provider: 'GCP'})
    const invalid = (detail: string) => ({status: 400, errorCode: 'INVALID_ATTRIBUTE', detail})
    expect(refused(backend, 'Cluster0', {tier: 'M2'})).toEqual(invalid('Cluster0 is a dedicated cluster and cannot move to M2: use another dedicated tier (M10 and above).'))
    expect(refused(backend, 'Cluster0', {tier: 'M1000'})).toEqual(invalid("AWS has no M1000 tier: use one of AWS's dedicated tiers."))
    expect(refused(backend, 'NVMe0', {diskSizeGB: 500})).toEqual(invalid('NVMe0 has NVMe storage, whose size comes with the tier: change --tier instead.'))
    expect(refused(backend, 'NVMe0', {diskIOPS: 6000})).toEqual(invalid('NVMe0 has NVMe storage, whose speed comes with the tier: change --tier instead.'))
    expect(refused(backend, 'Gcp0', {diskIOPS: 6000})).toEqual(invalid('Gcp0 runs on GCP, where disk speed follows disk size: change --diskSizeGB instead.'))
    expect(refused(backend, 'Cluster0', {region: 'europe_west'})).toEqual(invalid('EUROPE_WEST is not an Atlas region of AWS, the provider of Cluster0.'))
    expect(refused(backend, 'NVMe0', {paused: true})).toEqual({status: 409, errorCode: 'CANNOT_PAUSE_NVME_CLUSTER', detail: 'NVMe0 has NVMe storage: NVMe clusters cannot be paused (rule 85).'})
  })

  test('shard and version refusals (rules 72, 73)', () => {
    const backend = frozen()
    createCluster(backend, GROUP, {name: 'Old0', tier: 'M10', mongoDBVersion: '3.6'})
    const invalid = (detail: string) => ({status: 400, errorCode: 'INVALID_ATTRIBUTE', detail})
    expect(refused(backend, 'Sharded0', {shards: 0})).toEqual(
      invalid('Sharded0 is sharded and cannot become a replica set again: keep at least 1 shard, or restore its data into a new replica set.'),
    )
    expect(refused(backend, 'Old0', {shards: 2})).toEqual(invalid('Old0 runs MongoDB 3.6: Cloud Backup supports sharded clusters from MongoDB 4.0 on; upgrade it first.'))
    expect(stored(backend, 'Old0').spec).toMatchObject({clusterType: 'REPLICASET', replicaSets: [{name: 'Old0'}]})
    expect(refused(backend, 'Cluster0', {mongoDBVersion: 'banana'})).toEqual(invalid('MongoDB banana is not a release Atlas runs: use 4.4 or a later release.'))
    expect(refused(backend, 'Cluster0', {mongoDBVersion: '10.0.0'})).toEqual(
      invalid('Cluster0 runs MongoDB 8.0.29: Atlas upgrades one major version at a time, so upgrade to the next major version first.'),
    )
    const downgrade = invalid('Cluster0 runs MongoDB 8.0.29: the emulator does not downgrade MongoDB (Atlas allows it only with a pinned feature compatibility version).')
    expect(refused(backend, 'Cluster0', {mongoDBVersion: '7.0.14'})).toEqual(downgrade)
    // Same release line: a lower minor release is a downgrade, a lower patch is Atlas's choice.
    expect(stored(backend, 'Cluster0').spec.mongoDBVersion).toBe('8.0.29')
  })

  test('a paused cluster names every structural change it refuses; other changes go through', () => {
    const backend = frozen()
    change(backend, 'Sharded0', {paused: true})
    expect(refused(backend, 'Sharded0', {paused: true, tier: 'M40', diskSizeGB: 100, diskIOPS: 6000, region: 'EU_WEST_1', shards: 3, mongoDBVersion: '9.0.1'})).toEqual({
      status: 409,
      errorCode: 'CANNOT_UPDATE_PAUSED_CLUSTER',
      detail: 'Sharded0 is paused: it takes no tier, diskSizeGB, diskIOPS, region, shards, mongoDBVersion change until it is resumed (add --resume).',
    })
    expect(refused(backend, 'Sharded0', {diskSizeGB: 100}).detail).toBe('Sharded0 is paused: it takes no diskSizeGB change until it is resumed (add --resume).')
    expect(change(backend, 'Sharded0', {continuousBackup: true}).map((c) => c.setting)).toEqual(['continuousBackup'])
    expect(stored(backend, 'Sharded0').spec).toMatchObject({paused: true, continuousBackup: true})
  })
})

describe('the change list: each setting, its old and new value, and every effect on the backups', () => {
  test('tier, disk size and disk speed: the next snapshot is a full copy', () => {
    const backend = frozen()
    const full = (why: string) => [{kind: 'nextSnapshotFull', detail: `${why}: ${FULL_COPY}`}]
    expect(change(backend, 'Cluster0', {tier: 'M30'})).toEqual([{setting: 'tier', from: 'M10', to: 'M30', effects: full('tier change')}])
    expect(change(backend, 'MultiRegion0', {diskSizeGB: 200})).toEqual([{setting: 'diskSizeGB', from: 120, to: 200, effects: full('storage volume change')}])
    expect(change(backend, 'MultiRegion0', {diskIOPS: 6000})).toEqual([{setting: 'diskIOPS', from: 'standard', to: 6000, effects: full('storage speed change')}])
    expect(change(backend, 'MultiRegion0', {diskIOPS: 7000})).toEqual([{setting: 'diskIOPS', from: 6000, to: 7000, effects: full('storage speed change')}])
  })

  test('settings asked for with the value they have are listed as unchanged, in the order applied', () => {
    const backend = frozen()
    const result = updateCluster(backend, GROUP, 'Cluster0', {
      paused: false,
      tier: 'M10',
      diskSizeGB: 40,
      region: 'US_EAST_1',
      shards: 0,
      mongoDBVersion: '8.0.29',
      continuousBackup: true,
      encryptionAtRestProvider: 'NONE',
    })
    expect(result).toEqual({cluster: 'Cluster0', projectId: GROUP, at: NOW, changes: [], unchanged: ['paused', 'tier', 'diskSizeGB', 'region', 'shards', 'mongoDBVersion', 'continuousBackup', 'encryptionAtRestProvider']})
    expect(stored(backend, 'Cluster0').spec).toMatchObject({tier: 'M10', diskSizeGB: 40, clusterType: 'REPLICASET', mongoDBVersion: '8.0.29', continuousBackup: true})
    expect(updateCluster(backend, GROUP, 'Sharded0', {shards: 3, paused: true, diskIOPS: 6000}).unchanged).toEqual([])
    expect(updateCluster(backend, GROUP, 'Sharded0', {paused: true, continuousBackup: false}).unchanged).toEqual(['continuousBackup', 'paused'])
    expect(updateCluster(backend, GROUP, 'Sharded0', {shards: 3, paused: false, diskIOPS: 6000}).unchanged).toEqual(['diskIOPS', 'shards'])
  })

  test('the disk may shrink to the data size exactly, not below it', () => {
    const backend = frozen()
    createCluster(backend, GROUP, {name: 'Big', tier: 'M200'})
    expect(refused(backend, 'Big', {diskSizeGB: 49})).toEqual({status: 400, errorCode: 'INVALID_ATTRIBUTE', detail: '49 GB cannot hold the 50 GB of data of Big: give at least 50.'})
    expect(change(backend, 'Big', {diskSizeGB: 50})).toMatchObject([{setting: 'diskSizeGB', to: 50}])
  })

  test('a cluster made NVMe keeps NVMe storage on a new size that offers it, and a standard one stays standard', () => {
    const backend = frozen()
    expect(change(backend, 'NVMe0', {tier: 'M50'})).toMatchObject([{setting: 'tier', from: 'M40_NVME', to: 'M50'}])
    expect(stored(backend, 'NVMe0').spec).toMatchObject({tier: 'M50', nvme: true})
    change(backend, 'MultiRegion0', {tier: 'M40'})
    expect(stored(backend, 'MultiRegion0').spec).toMatchObject({tier: 'M40', nvme: false})
  })

  test('region moves: single-region and highest-priority wording, the oplog kept in both regions with continuous backup (rule 66)', () => {
    const backend = frozen()
    expect(change(backend, 'Cluster0', {region: 'eu_west_1'})).toEqual([
      {
        setting: 'region',
        from: 'US_EAST_1',
        to: 'EU_WEST_1',
        effects: [
          {kind: 'nodesReplaced', detail: 'the nodes are rebuilt on the new regions and the primary is elected in EU_WEST_1'},
          {kind: 'nextSnapshotFull', detail: `region change: ${FULL_COPY}`},
          {
            kind: 'oplogKeptInBothRegions',
            // Cluster0's restore window is 2 days: the old region's copy goes 2 days after the move.
            detail: "the oplog is kept in US_EAST_1 and EU_WEST_1 until the restore window is covered in EU_WEST_1, at 2026-06-12T10:00:00Z, when US_EAST_1's copy is deleted: point-in-time coverage is unchanged (rule 66)",
          },
        ],
      },
    ])
    expect(change(backend, 'MultiRegion0', {region: 'US_EAST_2'})).toEqual([
      {
        setting: 'region',
        from: 'US_EAST_1',
        to: 'US_EAST_2',
        effects: [
          {kind: 'nodesReplaced', detail: 'the nodes are rebuilt on the new regions and the primary is elected in US_EAST_2'},
          {kind: 'nextSnapshotFull', detail: `highest-priority region change: ${FULL_COPY}`},
        ],
      },
    ])
    // The two regions swapped priorities: no region is listed twice.
    expect(stored(backend, 'MultiRegion0').spec.regions.map((r) => [r.regionName, r.priority])).toEqual([
      ['US_EAST_2', 7],
      ['US_EAST_1', 6],
      ['US_WEST_2', 5],
    ])
  })

  test('a sharded cluster moved to another region: every shard and the config server rebuilt there', () => {
    const backend = frozen()
    change(backend, 'Sharded0', {region: 'EU_WEST_1'})
    const spec = stored(backend, 'Sharded0').spec
    expect(spec.replicaSets.map((r) => r.name)).toEqual(['Sharded0-shard-0', 'Sharded0-shard-1'])
    const nodes = [...spec.replicaSets.flatMap((r) => r.nodes), ...spec.configServer!.nodes]
    expect(nodes.length).toBeGreaterThan(0)
    expect(new Set(nodes.map((n) => n.regionName))).toEqual(new Set(['EU_WEST_1']))
  })

  test('shards: added ones get new names in order, removed ones are named, a replica set becomes shard 0 (rule 72)', () => {
    const backend = frozen()
    expect(change(backend, 'Sharded0', {shards: 4})).toEqual([
      {
        setting: 'shards',
        from: 2,
        to: 4,
        effects: [
          {kind: 'newVolumes', detail: 'Sharded0-shard-2, Sharded0-shard-3 have no snapshot volume yet: their first snapshot is a full copy'},
          {kind: 'restoreTopology', detail: `snapshots taken before ${NOW} cannot be restored into Sharded0 any more; a sharded cluster of 2 shards can still take them (rule 72)`},
        ],
      },
    ])
    expect(stored(backend, 'Sharded0').spec.replicaSets.map((r) => r.name)).toEqual(['Sharded0-shard-0', 'Sharded0-shard-1', 'Sharded0-shard-2', 'Sharded0-shard-3'])
    expect(change(backend, 'Sharded0', {shards: 2})).toEqual([
      {
        setting: 'shards',
        from: 4,
        to: 2,
        effects: [
          {kind: 'volumesRemoved', detail: 'Sharded0-shard-2, Sharded0-shard-3 removed, with their snapshot volumes'},
          {kind: 'restoreTopology', detail: `snapshots taken before ${NOW} cannot be restored into Sharded0 any more; a sharded cluster of 4 shards can still take them (rule 72)`},
        ],
      },
    ])
    expect(change(backend, 'Cluster0', {shards: 2})).toEqual([
      {
        setting: 'shards',
        from: 0,
        to: 2,
        effects: [
          {kind: 'nodesReplaced', detail: 'the replica set becomes shard Cluster0-shard-0, with a config server Cluster0-config-0'},
          {kind: 'newVolumes', detail: 'Cluster0-shard-1, Cluster0-config-0 have no snapshot volume yet: their first snapshot is a full copy'},
          {kind: 'restoreTopology', detail: `snapshots taken before ${NOW} cannot be restored into Cluster0 any more; a replica set can still take them (rule 72)`},
        ],
      },
    ])
  })

  test('a replica set on MongoDB 4.0 may be sharded', () => {
    const backend = frozen()
    createCluster(backend, GROUP, {name: 'Four0', tier: 'M10', mongoDBVersion: '4.0'})
    expect(change(backend, 'Four0', {shards: 1})).toMatchObject([{setting: 'shards', from: 0, to: 1}])
    expect(stored(backend, 'Four0').spec.clusterType).toBe('SHARDED')
  })

  test('MongoDB version: the snapshots from now on carry the new one (rule 73)', () => {
    const backend = frozen()
    expect(change(backend, 'Cluster0', {mongoDBVersion: '9.0.1'})).toEqual([
      {
        setting: 'mongoDBVersion',
        from: '8.0.29',
        to: '9.0.1',
        effects: [{kind: 'snapshotVersion', detail: 'snapshots from now on are of MongoDB 9.0.1; earlier ones (8.0.29) still restore into Cluster0 while it runs their major version or the next one (rule 73)'}],
      },
    ])
  })

  test('continuous backup on: where coverage starts and how far back the window reaches, serverless 3 days (rules 63, 23)', () => {
    const backend = frozen()
    expect(change(backend, 'MultiRegion0', {continuousBackup: true})).toEqual([
      {
        setting: 'continuousBackup',
        from: false,
        to: true,
        effects: [
          {kind: 'coverageStarts', detail: `oplog is collected from now: point-in-time restores reach instants from ${NOW} on, at most 2 days back (2026-06-08T10:00:00Z at the earliest)`},
          {
            kind: 'policyWarning',
            detail: 'Continuous Cloud Backup is on but the policy has no hourly item: add one that keeps snapshots at least as long as the restore window (rule 23)',
          },
        ],
      },
    ])
    expect(change(backend, 'Serverless0', {continuousBackup: true})).toEqual([
      {
        setting: 'continuousBackup',
        from: false,
        to: true,
        effects: [{kind: 'coverageStarts', detail: `oplog is collected from now: point-in-time restores reach instants from ${NOW} on, at most 3 days back (2026-06-07T10:00:00Z at the earliest)`}],
      },
    ])
  })

  test('continuous backup off: the coverage deleted is given from its earliest start to now (rule 64)', () => {
    const backend = frozen()
    const createdAt = new Date(stored(backend, 'Cluster0').createdAt).toISOString().replace('.000Z', 'Z')
    // A hole leaves a stretch before the lost span and collection going on after it: the earliest start is the stretch's.
    simulateOplogRollover(backend, GROUP, 'Cluster0', {from: WALL - 3 * HOUR, to: WALL - 2 * HOUR}, 'hole')
    const deleted = (span: string) => ({
      kind: 'coverageDeleted',
      detail: `all oplog coverage deleted (${span}): no point-in-time restore until it is turned on again; snapshots stay (rule 64)`,
    })
    expect(change(backend, 'Cluster0', {continuousBackup: false})).toEqual([{setting: 'continuousBackup', from: true, to: false, effects: [deleted(`from ${createdAt} to ${NOW}`)]}])
    expect(stored(backend, 'Cluster0').spec.continuousBackup).toBe(false)
    // Turned on and off at the same instant: only the stretch being collected, from now.
    change(backend, 'MultiRegion0', {continuousBackup: true})
    expect(change(backend, 'MultiRegion0', {continuousBackup: false})[0]!.effects).toEqual([deleted(`from ${NOW} to ${NOW}`)])
  })

  test('pause and resume', () => {
    const backend = frozen()
    expect(change(backend, 'Sharded0', {paused: true})).toEqual([
      {
        setting: 'paused',
        from: false,
        to: true,
        effects: [
          {kind: 'scheduledSnapshotsStop', detail: 'no scheduled snapshot is taken while the cluster is paused; the snapshots taken so far expire as planned'},
          {kind: 'notRestoreTarget', detail: 'a paused cluster cannot be a restore target (rule 74): resume Sharded0 first'},
        ],
      },
    ])
    expect(change(backend, 'Sharded0', {paused: false})).toEqual([
      {setting: 'paused', from: true, to: false, effects: [{kind: 'scheduledSnapshotsResume', detail: 'scheduled snapshots resume: the next at 2026-06-10T18:00:00Z'}]},
    ])
  })

  test('encryption at rest with customer key management on and off (rules 75, 76)', () => {
    const backend = frozen()
    const [on] = change(backend, 'MultiRegion0', {encryptionAtRestProvider: 'AWS'})
    expect(on).toMatchObject({setting: 'encryptionAtRestProvider', from: 'NONE', to: 'AWS', effects: [{kind: 'snapshotEncryption'}]})
    expect(on!.effects[0]!.detail).toMatch(
      /^snapshots taken from now on are encrypted with the project's AWS key \(masterKeyUUID [0-9a-f-]{36}\): they cannot be downloaded and restore only into clusters using encryption at rest with AWS \(rules 75, 76\)$/,
    )
    expect(stored(backend, 'MultiRegion0').spec.encryptionAtRestProvider).toBe('AWS')
    expect(change(backend, 'MultiRegion0', {encryptionAtRestProvider: 'NONE'})).toEqual([
      {
        setting: 'encryptionAtRestProvider',
        from: 'AWS',
        to: 'NONE',
        effects: [
          {
            kind: 'snapshotEncryption',
            detail: 'snapshots taken from now on have no customer key: they can be downloaded and restored into any cluster; earlier ones keep their key (rules 75, 76)',
          },
        ],
      },
    ])
    expect(stored(backend, 'MultiRegion0').spec.encryptionAtRestProvider).toBeUndefined()
  })
})

describe('the policy checked after a change (rules 17, 20, 59)', () => {
  test('a policy warning goes with the continuous backup change, else with the tier change, never with another', () => {
    const backend = frozen()
    const warnings = (effects: Array<{kind: string}>) => effects.filter((e) => e.kind === 'policyWarning').length
    const both = change(backend, 'MultiRegion0', {diskSizeGB: 200, continuousBackup: true})
    expect(both.map((c) => [c.setting, warnings(c.effects)])).toEqual([
      ['diskSizeGB', 0],
      ['continuousBackup', 1],
    ])
    const later = change(backend, 'MultiRegion0', {diskSizeGB: 300, tier: 'M40'})
    expect(later.map((c) => [c.setting, warnings(c.effects)])).toEqual([
      ['tier', 1],
      ['diskSizeGB', 0],
    ])
  })

  test('a serverless instance has no policy to check', () => {
    const backend = frozen()
    expect(change(backend, 'Serverless0', {continuousBackup: true})[0]!.effects.map((e) => e.kind)).toEqual(['coverageStarts'])
  })

  test('a change that would break the policy is refused with each broken rule as a field', () => {
    const backend = frozen()
    const error = failure(() => updateCluster(backend, GROUP, 'Cluster0', {tier: 'M40_NVME'}))
    expect(error.parameters).toEqual(['Cluster0'])
    expect(error.detail).toBe('The backup policy of Cluster0 would break a rule after this change: change the policy first (backups schedule update)')
    expect(error.fields).toHaveLength(1)
    expect(error.fields[0]!.field).toBe('policies[0].policyItems[0].frequencyInterval')
    expect(error.fields[0]!.description).toMatch(new RegExp(`^${error.errorCode} \\(rule \\d+\\): .+`))
  })
})

describe('oplog rollover refusals and report (rule 64)', () => {
  test('the lost span must end by now and start before it ends; the flag at fault is named', () => {
    const backend = frozen()
    const detail = `The lost span must end by the emulator's now (${NOW}) and start before it ends`
    const late = failure(() => simulateOplogRollover(backend, GROUP, 'NVMe0', {from: WALL - HOUR, to: WALL + HOUR}))
    expect(late).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE', detail, parameters: ['NVMe0']})
    expect(late.fields).toEqual([{field: 'to', description: `2026-06-10T11:00:00Z is too late: give --to before ${NOW}, or move the clock with \`local clock set\``}])
    const lateFrom = failure(() => simulateOplogRollover(backend, GROUP, 'NVMe0', {from: WALL + HOUR}))
    expect(lateFrom.fields).toEqual([{field: 'from', description: `2026-06-10T11:00:00Z is too late: give --from before ${NOW}, or move the clock with \`local clock set\``}])
    const empty = failure(() => simulateOplogRollover(backend, GROUP, 'NVMe0', {from: WALL - HOUR, to: WALL - HOUR}))
    expect(empty).toMatchObject({detail, fields: [{field: 'to'}]})
    expect(failure(() => simulateOplogRollover(backend, GROUP, 'NVMe0', {from: WALL}))).toMatchObject({detail, fields: [{field: 'from'}]})
    expect(stored(backend, 'NVMe0').state.coverage).toBeUndefined()
  })

  test('a cluster without continuous backup is told how to turn it on', () => {
    const error = failure(() => simulateOplogRollover(frozen(), GROUP, 'MultiRegion0', {from: WALL - HOUR}))
    expect(error).toMatchObject({
      status: 409,
      errorCode: 'CONTINUOUS_BACKUP_OFF',
      detail: 'MultiRegion0 has Continuous Cloud Backup off: it keeps no oplog backup for a rollover to lose. Turn it on with `local clusters update MultiRegion0 --continuousBackup`',
      parameters: ['MultiRegion0'],
    })
  })

  test('a span up to now leaves no coverage; a second rollover reports only what it lost', () => {
    const backend = frozen()
    const createdAt = new Date(stored(backend, 'NVMe0').createdAt).toISOString().replace('.000Z', 'Z')
    expect(simulateOplogRollover(backend, GROUP, 'NVMe0', {from: WALL - 5 * HOUR, to: WALL - 4 * HOUR}, 'hole')).toMatchObject({
      lost: [{from: '2026-06-10T05:00:00Z', to: '2026-06-10T06:00:00Z'}],
      coverage: [
        {from: createdAt, to: '2026-06-10T05:00:00Z'},
        {from: '2026-06-10T06:00:00Z', to: NOW},
      ],
    })
    expect(simulateOplogRollover(backend, GROUP, 'NVMe0', {from: WALL - HOUR})).toEqual({
      cluster: 'NVMe0',
      projectId: GROUP,
      rolledOver: {from: '2026-06-10T09:00:00Z', to: NOW},
      effect: 'erasesHistory',
      lost: [
        {from: createdAt, to: '2026-06-10T05:00:00Z'},
        {from: '2026-06-10T06:00:00Z', to: NOW},
      ],
      coverage: [],
    })
  })
})

describe('clusters off the common path', () => {
  test('a version the emulator does not know: it may be sharded and upgraded, nothing to compare it with', () => {
    const backend = frozen()
    createCluster(backend, GROUP, {name: 'Odd0', tier: 'M10', mongoDBVersion: '3.9'})
    expect(change(backend, 'Odd0', {shards: 2})).toMatchObject([{setting: 'shards', from: 0, to: 2}])
    expect(change(backend, 'Odd0', {mongoDBVersion: '8.0.1'})).toMatchObject([{setting: 'mongoDBVersion', from: '3.9', to: '8.0.1'}])
  })

  test('an already sharded cluster on MongoDB 3.6 may change its shard count', () => {
    const backend = frozen()
    // Creating it is refused now (the seed's "Limitations of Cloud Backup"); a store written before that may hold one.
    createCluster(backend, GROUP, {name: 'OldSharded0', tier: 'M30', shards: 2, mongoDBVersion: '4.0'})
    edit(backend, 'OldSharded0', (cluster) => {
      cluster.spec.mongoDBVersion = '3.6'
    })
    expect(change(backend, 'OldSharded0', {shards: 3})).toMatchObject([{setting: 'shards', from: 2, to: 3}])
  })

  test('continuous backup on after a restore blacked the oplog out: coverage starts with the next snapshot; off then deletes nothing dated', () => {
    const backend = frozen()
    edit(backend, 'MultiRegion0', (cluster) => {
      cluster.state.coverage = {...clusterCoverage(cluster), enabled: false, stretches: [], collectingSince: null, blackoutSince: WALL - HOUR}
    })
    expect(change(backend, 'MultiRegion0', {continuousBackup: true})[0]!.effects[0]).toEqual({
      kind: 'coverageStarts',
      detail: 'oplog is collected from now: point-in-time restores reach instants from the first snapshot taken after the restore running into it, at most 2 days back (2026-06-08T10:00:00Z at the earliest)',
    })
    expect(stored(backend, 'MultiRegion0').state.coverage).toMatchObject({enabled: true, collectingSince: null, stretches: []})
    expect(change(backend, 'MultiRegion0', {continuousBackup: false})[0]!.effects).toEqual([
      {kind: 'coverageDeleted', detail: 'all oplog coverage deleted: no point-in-time restore until it is turned on again; snapshots stay (rule 64)'},
    ])
  })

  test('a dedicated cluster without a backup schedule: no window to give, no next snapshot to name, no policy to check', () => {
    const backend = frozen()
    edit(backend, 'MultiRegion0', (cluster) => {
      cluster.schedule = undefined
    })
    expect(change(backend, 'MultiRegion0', {continuousBackup: true})).toEqual([
      {setting: 'continuousBackup', from: false, to: true, effects: [{kind: 'coverageStarts', detail: `oplog is collected from now: point-in-time restores reach instants from ${NOW} on`}]},
    ])
    change(backend, 'MultiRegion0', {paused: true})
    expect(change(backend, 'MultiRegion0', {paused: false})[0]!.effects).toEqual([{kind: 'scheduledSnapshotsResume', detail: 'scheduled snapshots resume'}])
  })
})

describe('MongoDB minor releases (rule 73)', () => {
  test('within a major version a lower minor release is a downgrade; the next major version is an upgrade whatever its minor', () => {
    const backend = frozen()
    createCluster(backend, GROUP, {name: 'Minor0', tier: 'M10', mongoDBVersion: '8.2.1'})
    expect(refused(backend, 'Minor0', {mongoDBVersion: '8.0.5'}).detail).toBe(
      'Minor0 runs MongoDB 8.2.1: the emulator does not downgrade MongoDB (Atlas allows it only with a pinned feature compatibility version).',
    )
    expect(change(backend, 'Minor0', {mongoDBVersion: '8.2.0'})).toMatchObject([{from: '8.2.1', to: '8.2.0'}])
    expect(change(backend, 'Minor0', {mongoDBVersion: '9.0.0'})).toMatchObject([{from: '8.2.0', to: '9.0.0'}])
  })
})

describe('the policy warning and the rollover report in less common orders', () => {
  test('resumed and moved to a new tier in one call: the policy warning goes with the tier change, not the resume', () => {
    const backend = frozen()
    change(backend, 'MultiRegion0', {continuousBackup: true, paused: true})
    const changes = change(backend, 'MultiRegion0', {paused: false, tier: 'M40'})
    expect(changes.map((c) => [c.setting, c.effects.filter((e) => e.kind === 'policyWarning').length])).toEqual([
      ['paused', 0],
      ['tier', 1],
    ])
  })

  test('a rollover while the oplog is blacked out by a restore keeps only the stretches collected before it', () => {
    const backend = frozen()
    const createdAt = stored(backend, 'Cluster0').createdAt
    edit(backend, 'Cluster0', (cluster) => {
      cluster.state.coverage = {...clusterCoverage(cluster), enabled: true, stretches: [{from: createdAt, to: WALL - HOUR}], collectingSince: null, blackoutSince: WALL - HOUR}
    })
    const result = simulateOplogRollover(backend, GROUP, 'Cluster0', {from: WALL - 3 * HOUR, to: WALL - 2 * HOUR}, 'hole')
    expect(result.coverage).toEqual([
      {from: new Date(createdAt).toISOString().replace('.000Z', 'Z'), to: '2026-06-10T07:00:00Z'},
      {from: '2026-06-10T08:00:00Z', to: '2026-06-10T09:00:00Z'},
    ])
  })
})

describe('a refused change lists the broken rules only', () => {
  test('continuous backup off under a copy setting that ships oplogs: the error field is rule 59, not the copy setting warning', async () => {
    const backend = frozen()
    const zoneId = (await backend.getCluster(GROUP, 'Cluster0')).replicationSpecs![0]!.zoneId
    const frequencies: CopyFrequency[] = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']
    await backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, frequencies, shouldCopyOplogs: true}]})
    const error = failure(() => updateCluster(backend, GROUP, 'Cluster0', {continuousBackup: false}))
    expect(error.fields.map((f) => f.field)).toEqual(['copySettings[0].shouldCopyOplogs'])
    expect(error.errorCode).toBe(error.fields[0]!.description.split(' ')[0])
  })
})
