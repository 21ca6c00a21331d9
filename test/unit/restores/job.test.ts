import {describe, expect, it} from 'vitest'

import {DAY_MS, HOUR_MS, SECOND_MS} from '../../../src/lib/domain/time.js'
import {availableSnapshots, checkRestoreJob, coverageFrom, parseRestoreRequest, type RestoreJobInput} from '../../../src/lib/restores/index.js'
import {GROUP, OTHER_GROUP, SNAPSHOT_ID, expectRefused, replicaSet, rsSnapshot, sharded, shardedSnapshot} from './fixtures.js'

const NOW = Date.parse('2026-11-30T12:00:00Z')
const CREATED = NOW - 30 * DAY_MS
const OLDER_ID = '6a79468a2c88faeba59de400'
const target = {targetClusterName: 'target', targetGroupId: OTHER_GROUP}

function input(body: Record<string, unknown>, overrides: Partial<RestoreJobInput> = {}): RestoreJobInput {
  const source = replicaSet({name: 'source', groupId: GROUP, shards: ['source-shard-0'], pitEnabled: true})
  return {
    request: parseRestoreRequest(body, {serverless: source.tier === 'SERVERLESS'}),
    source,
    snapshots: [rsSnapshot({id: OLDER_ID, createdAt: NOW - 2 * DAY_MS}), rsSnapshot({createdAt: NOW - HOUR_MS})],
    coverage: coverageFrom(CREATED, true),
    restoreWindowDays: 7,
    target: replicaSet(),
    activeDownloads: [],
    projectActiveDownloads: 0,
    now: NOW,
    ...overrides,
  }
}

describe('a whole restore job', () => {
  it('an automated restore plans the snapshot and the shard mapping', () => {
    expect(checkRestoreJob(input({deliveryType: 'automated', snapshotId: SNAPSHOT_ID, ...target}))).toStrictEqual({
      deliveryType: 'automated',
      snapshotId: SNAPSHOT_ID,
      shards: [{source: 'source-shard-0', target: 'target-shard-0'}],
    })
  })

  it('a download plans the snapshot only, one at a time (rule 76)', () => {
    expect(checkRestoreJob(input({deliveryType: 'download', snapshotId: SNAPSHOT_ID}, {target: undefined}))).toStrictEqual({deliveryType: 'download', snapshotId: SNAPSHOT_ID})
    expectRefused(() => checkRestoreJob(input({deliveryType: 'download', snapshotId: SNAPSHOT_ID}, {activeDownloads: [{snapshotId: SNAPSHOT_ID}]})), {
      rule: 76,
      field: 'snapshotId',
      status: 400,
      errorCode: 'CANNOT_DOWNLOAD_SNAPSHOT_CONCURRENTLY',
    })
  })

  it('a point-in-time restore plans the instant and the snapshot it replays from', () => {
    const at = NOW - 3 * HOUR_MS
    expect(checkRestoreJob(input({deliveryType: 'pointInTime', ...target, pointInTimeUTCSeconds: at / 1000}))).toStrictEqual({
      deliveryType: 'pointInTime',
      snapshotId: OLDER_ID,
      pointInTime: at,
      shards: [{source: 'source-shard-0', target: 'target-shard-0'}],
    })
  })

  it('an unknown snapshot is SNAPSHOT_NOT_FOUND 404', () => {
    expectRefused(() => checkRestoreJob(input({deliveryType: 'automated', snapshotId: '6a79468a2c88faeba59de4ff', ...target})), {status: 404, errorCode: 'SNAPSHOT_NOT_FOUND'})
  })

  it('rule 75: a deleted snapshot named by a point-in-time request is refused too', () => {
    const snapshots = [rsSnapshot({id: OLDER_ID, createdAt: NOW - 2 * DAY_MS}), rsSnapshot({deleted: true})]
    expectRefused(() => checkRestoreJob(input({deliveryType: 'pointInTime', snapshotId: SNAPSHOT_ID, ...target, pointInTimeUTCSeconds: (NOW - HOUR_MS) / 1000}, {snapshots})), {
      rule: 75,
      field: 'snapshotId',
      status: 409,
      errorCode: 'CANNOT_START_RESTORE_JOB_FOR_DELETED_SNAPSHOT',
    })
  })

  it('a deleted or unfinished snapshot is no base for a point in time', () => {
    const snapshots = [rsSnapshot({id: OLDER_ID, createdAt: NOW - 2 * DAY_MS, deleted: true}), rsSnapshot({createdAt: NOW - HOUR_MS, status: 'inProgress'})]
    expect(availableSnapshots(snapshots)).toEqual([])
    expect(availableSnapshots([rsSnapshot({createdAt: undefined})])).toEqual([])
    expectRefused(() => checkRestoreJob(input({deliveryType: 'pointInTime', ...target, pointInTimeUTCSeconds: (NOW - 3 * HOUR_MS) / 1000}, {snapshots})), {
      rule: 70,
      field: 'pointInTimeUTCSeconds',
      status: 404,
      errorCode: 'UNABLE_T0_FIND_SNAPSHOT_PRIOR_TO_PIT_RESTORE_OPTIME',
    })
  })

  it('the target state comes before the time, and topology is checked against the base snapshot', () => {
    expectRefused(() => checkRestoreJob(input({deliveryType: 'pointInTime', ...target, pointInTimeUTCSeconds: (NOW - 30 * DAY_MS) / 1000}, {target: replicaSet({paused: true})})), {
      rule: 74,
      field: 'targetClusterName',
      status: 400,
      errorCode: 'CLUSTER_PAUSED_CANNOT_RESTORE',
    })
    expectRefused(() => checkRestoreJob(input({deliveryType: 'pointInTime', ...target, pointInTimeUTCSeconds: (NOW - HOUR_MS) / 1000}, {target: sharded(1)})), {
      rule: 72,
      field: 'targetClusterName',
      status: 403,
      errorCode: 'CANNOT_RESTORE_TO_TARGET',
    })
  })

  it('the version rule speaks before the topology rule', () => {
    const snapshots = [shardedSnapshot(3, {mongodVersion: '7.0.12'})]
    expectRefused(() => checkRestoreJob(input({deliveryType: 'automated', snapshotId: SNAPSHOT_ID, ...target}, {snapshots, target: sharded(3, {configServerType: 'EMBEDDED'})})), {
      rule: 73,
      field: 'targetClusterName',
      status: 403,
      errorCode: 'CANNOT_RESTORE_TO_TARGET',
    })
  })

  it('tiers speak before versions (6.0 into an 8.0 M2 breaks both)', () => {
    const snapshots = [rsSnapshot({mongodVersion: '6.0.1'})]
    expectRefused(() => checkRestoreJob(input({deliveryType: 'automated', snapshotId: SNAPSHOT_ID, ...target}, {snapshots, target: replicaSet({tier: 'M2', mongoDBVersion: '8.0.4'})})), {
      rule: 81,
      field: 'targetClusterName',
      status: 400,
      errorCode: 'TENANT_RESTORE_VERSION_MISMATCH',
    })
  })

  it('an automated or point-in-time request without its target looked up is a programming error', () => {
    expect(() => checkRestoreJob(input({deliveryType: 'automated', snapshotId: SNAPSHOT_ID, ...target}, {target: undefined}))).toThrow(/need the target cluster looked up/)
  })

  describe('rule 83: a serverless instance restores within 72 hours', () => {
    const serverless = replicaSet({name: 'sl', groupId: GROUP, tier: 'SERVERLESS', pitEnabled: true})
    const snapshots = [rsSnapshot({id: OLDER_ID, createdAt: NOW - 5 * DAY_MS, sourceCluster: {name: 'sl', groupId: GROUP, tier: 'SERVERLESS'}})]
    const body = (at: number) => ({deliveryType: 'pointInTime', ...target, pointInTimeUTCSeconds: at / 1000})
    const serverlessInput = (at: number) => ({...input(body(at)), request: parseRestoreRequest(body(at), {serverless: true}), source: serverless, snapshots})

    it('exactly 72 hours ago is accepted, a second more is refused', () => {
      expect(checkRestoreJob(serverlessInput(NOW - 72 * HOUR_MS)).pointInTime).toBe(NOW - 72 * HOUR_MS)
      expectRefused(() => checkRestoreJob(serverlessInput(NOW - 72 * HOUR_MS - SECOND_MS)), {rule: 63, field: 'pointInTimeUTCSeconds', status: 400, errorCode: 'INVALID_PIT_RESTORE_TIME'})
    })

    it('a download is refused before anything else', () => {
      const download = {deliveryType: 'download', snapshotId: OLDER_ID, ...target}
      expectRefused(() => checkRestoreJob({...input(download), request: parseRestoreRequest(download, {serverless: true}), source: serverless, snapshots, activeDownloads: [{snapshotId: OLDER_ID}]}), {
        rule: 83,
        field: 'deliveryType',
        status: 403,
        errorCode: 'FEATURE_UNSUPPORTED',
      })
    })
  })
})
