/**
 * The error envelopes the rules produce, word for word: what `serve` sends and the CLI prints. One case per place a
 * rule refuses, so a changed message is a deliberate change.
 */
import {describe, expect, it} from 'vitest'

import type {ApiErrorBody} from '../../../src/lib/domain/types.js'
import {
  RestoreRuleError,
  checkCancel,
  checkClusterUpdate,
  checkDownload,
  checkPointInTime,
  checkRestoreJobId,
  checkSourceSnapshot,
  checkSourceTier,
  checkTargetState,
  checkTargetTier,
  checkTopology,
  checkVersions,
  coverageAfter,
  parseRestoreRequest,
  restoreJobNotFound,
} from '../../../src/lib/restores/index.js'
import {GROUP, SNAPSHOT_ID, replicaSet, rsSnapshot, sharded, shardedSnapshot} from './fixtures.js'

function envelope(run: () => unknown): Omit<ApiErrorBody, 'reason'> {
  try {
    run()
  } catch (error) {
    if (!(error instanceof RestoreRuleError)) throw error
    expect(error.name).toBe('RestoreRuleError')
    const {reason, ...body} = error.toBody()
    expect(reason).toBeTruthy()
    return body
  }
  throw new Error('the rule accepted')
}

const JOB_ID = '6a794733c0eb9e7a17740663'
const target = {targetClusterName: 'target', targetGroupId: GROUP}
const fromTier = (tier: string, extra = {}) => rsSnapshot({sourceCluster: {name: 'source', groupId: GROUP, tier}, ...extra})

describe('request messages (rules 68–70, 83)', () => {
  it.each([
    ['no deliveryType', {}, {}],
    ['a wrong deliveryType', {deliveryType: 'restore'}, {}],
    ['no target', {deliveryType: 'automated', snapshotId: SNAPSHOT_ID}, {}],
    ['no serverless target', {deliveryType: 'automated', snapshotId: SNAPSHOT_ID}, {serverless: true}],
    ['a wrong project', {deliveryType: 'automated', snapshotId: SNAPSHOT_ID, targetClusterName: 'target', targetGroupId: 'p'}, {}],
    ['no snapshot', {deliveryType: 'download'}, {}],
    ['a wrong snapshot', {deliveryType: 'download', snapshotId: 'abc'}, {}],
    ['both kinds of time', {deliveryType: 'pointInTime', ...target, pointInTimeUTCSeconds: 1_795_000_000, oplogTs: 1_795_000_000, oplogInc: 1}, {}],
    ['no time', {deliveryType: 'pointInTime', ...target}, {}],
    ['a wrong time', {deliveryType: 'pointInTime', ...target, pointInTimeUTCSeconds: 5}, {}],
    ['an oplog entry on serverless', {deliveryType: 'pointInTime', ...target, oplogTs: 1_795_000_000, oplogInc: 1}, {serverless: true}],
    ['no oplogTs', {deliveryType: 'pointInTime', ...target, oplogInc: 1}, {}],
    ['no oplogInc', {deliveryType: 'pointInTime', ...target, oplogTs: 1_795_000_000}, {}],
    ['a wrong oplogTs', {deliveryType: 'pointInTime', ...target, oplogTs: 5, oplogInc: 1}, {}],
    ['a wrong oplogInc', {deliveryType: 'pointInTime', ...target, oplogTs: 1_795_000_000, oplogInc: 0}, {}],
  ])('%s', (_label, body, options) => {
    expect(envelope(() => parseRestoreRequest(body, options))).toEqual(ENVELOPES[_label])
  })
})

describe('state, cancel and download messages (rules 71, 74–76)', () => {
  it.each([
    ['a deleted snapshot', () => checkSourceSnapshot({id: SNAPSHOT_ID, status: 'completed', deleted: true})],
    ['an unfinished snapshot', () => checkSourceSnapshot({id: SNAPSHOT_ID, status: 'inProgress'})],
    ['a paused target', () => checkTargetState(replicaSet({paused: true}))],
    ['a target being restored', () => checkTargetState(replicaSet({restoreInProgress: true}))],
    ['a change during a restore', () => checkClusterUpdate(replicaSet({restoreInProgress: true}))],
    ['cancelling a shard job', () => checkCancel({id: JOB_ID, deliveryType: 'download', shardJob: true})],
    ['cancelling an automated restore', () => checkCancel({id: JOB_ID, deliveryType: 'automated'})],
    ['cancelling a point-in-time restore', () => checkCancel({id: JOB_ID, deliveryType: 'pointInTime'})],
    ['a second download', () => checkDownload(SNAPSHOT_ID, [{snapshotId: SNAPSHOT_ID}])],
    ['a malformed job id', () => checkRestoreJobId('job-1')],
    ['an unknown job', () => {
      throw restoreJobNotFound(JOB_ID, 'source')
    }],
  ])('%s', (_label, run) => {
    expect(envelope(run)).toEqual(ENVELOPES[_label])
  })
})

describe('tier, topology and version messages (rules 72, 73, 80–83)', () => {
  it.each([
    ['an M0 source', () => checkSourceTier({name: 'free', tier: 'M0'}, 'automated')],
    ['a serverless download', () => checkSourceTier({name: 'sl', tier: 'SERVERLESS'}, 'download')],
    ['an M0 target', () => checkTargetTier(rsSnapshot(), replicaSet({tier: 'M0'}))],
    ['a dedicated snapshot into serverless', () => checkTargetTier(fromTier('M10'), replicaSet({tier: 'SERVERLESS'}))],
    ['a Cloud Manager snapshot into serverless', () => checkTargetTier(fromTier('M10', {fromCloudManager: true}), replicaSet({tier: 'SERVERLESS'}))],
    ['an M2 snapshot into a sharded cluster', () => checkTargetTier(fromTier('M2'), sharded(2))],
    ['a serverless snapshot into M5', () => checkTargetTier(fromTier('SERVERLESS'), replicaSet({tier: 'M5'}))],
    ['a 4.2 snapshot into M2 on 5.0', () => checkTargetTier(fromTier('M10', {mongodVersion: '4.2.24'}), replicaSet({tier: 'M2', mongoDBVersion: '5.0.0'}))],
    ['a shard member', () => checkTopology(rsSnapshot({shardMemberOf: 'abc'}), replicaSet())],
    ['sharded into a replica set', () => checkTopology(shardedSnapshot(2), replicaSet())],
    ['a replica set into a sharded cluster', () => checkTopology(rsSnapshot(), sharded(2))],
    ['a shard count', () => checkTopology(shardedSnapshot(2), sharded(3))],
    ['a config server type', () => checkTopology(shardedSnapshot(2, {configServerType: 'EMBEDDED'}), sharded(2))],
    ['shards changed since', () => checkTopology(shardedSnapshot(2, {sourceCluster: {name: 'target', groupId: replicaSet().groupId, tier: 'M30'}}), sharded(2, {shardsChangedAt: Date.parse('2026-11-25T00:00:00Z')}))],
    ['a pinned FCV', () => checkVersions(rsSnapshot({fcv: '7.0'}), replicaSet())],
    ['an older target', () => checkVersions(rsSnapshot(), replicaSet({mongoDBVersion: '7.0.12'}))],
    ['an older legacy target', () => checkVersions(rsSnapshot({mongodVersion: '4.4.29', fcv: undefined}), replicaSet({mongoDBVersion: '4.2.0'}))],
    ['a legacy pinned FCV', () => checkVersions(rsSnapshot({mongodVersion: '5.0.1', fcv: '4.4'}), replicaSet({mongoDBVersion: '5.0.1'}))],
    ['7.0 into 8.0 with a config shard', () => checkVersions(shardedSnapshot(2, {mongodVersion: '7.0.12'}), sharded(2, {configServerType: 'EMBEDDED'}))],
  ])('%s', (_label, run) => {
    expect(envelope(run)).toEqual(ENVELOPES[_label])
  })
})

describe('point-in-time messages (rules 63–65, 70)', () => {
  const t0 = Date.parse('2026-11-01T00:00:00Z')
  const now = Date.parse('2026-11-10T00:00:00Z')
  const check = (coverage: ReturnType<typeof coverageAfter>, at: number, snapshots = [{id: 's', createdAt: t0}]) =>
    checkPointInTime({coverage, snapshots, now, restoreWindowDays: 7, clusterName: 'source', pointInTime: {by: 'seconds', seconds: at / 1000}})

  it.each([
    ['continuous backup off', () => check(coverageAfter([]), now - 1000)],
    ['outside the window', () => check(coverageAfter([{kind: 'continuousBackupOn', at: t0}]), t0)],
    ['not yet', () => check(coverageAfter([{kind: 'continuousBackupOn', at: t0}]), now)],
    ['a blackout', () => check(coverageAfter([{kind: 'continuousBackupOn', at: t0}, {kind: 'restoreStarted', at: now - 60_000}]), now - 1000)],
    ['a rollover', () => check(coverageAfter([{kind: 'continuousBackupOn', at: t0}, {kind: 'oplogRollover', from: now - 120_000, to: now - 60_000}]), now - 100_000)],
    ['no snapshot before', () => check(coverageAfter([{kind: 'continuousBackupOn', at: t0}]), now - 1000, [])],
  ])('%s', (_label, run) => {
    expect(envelope(run)).toEqual(ENVELOPES[_label])
  })
})

/** Word for word, by case. */
const ENVELOPES: Record<string, Omit<ApiErrorBody, 'reason'>> = {
  'an older legacy target': {
    error: 403,
    errorCode: 'CANNOT_RESTORE_TO_TARGET',
    parameters: ['target'],
    detail: 'Cannot restore to target cluster target: snapshot 6a79468a2c88faeba59de489 is of MongoDB 4.4.29; the target must run 4.4, or the next major version, and target runs 4.2.0.',
  },
  'a legacy pinned FCV': {
    error: 403,
    errorCode: 'CANNOT_RESTORE_TO_TARGET',
    parameters: ['target'],
    detail: 'Cannot restore to target cluster target: snapshot 6a79468a2c88faeba59de489 pins feature compatibility version 4.4, so the target must run MongoDB 4.4; target runs 5.0.1.',
  },
  'a blackout': {
    error: 400,
    errorCode: 'INVALID_PIT_RESTORE_TIME',
    parameters: [],
    detail: 'Invalid point-in-time restore time: 2026-11-09T23:59:59Z cannot be restored to on cluster source: it lies between the start of a restore and the first snapshot completed after it (window 2026-11-03T00:00:00Z to 2026-11-10T00:00:00Z).',
  },
  'a rollover': {
    error: 400,
    errorCode: 'INVALID_PIT_RESTORE_TIME',
    parameters: [],
    detail: 'Invalid point-in-time restore time: 2026-11-09T23:58:20Z cannot be restored to on cluster source: the oplog rolled over before backup collected it (window 2026-11-03T00:00:00Z to 2026-11-10T00:00:00Z).',
  },
  'continuous backup off': {
    error: 409,
    errorCode: 'NO_CHECKPOINT_FOR_PIT_RESTORE',
    parameters: ['source'],
    detail: 'Cluster source has Continuous Cloud Backup turned off, so it keeps no oplog to restore a point in time from. Restore a snapshot instead, or turn Continuous Cloud Backup on and wait for it to cover the moment you need.',
  },
  'no snapshot before': {
    error: 404,
    errorCode: 'UNABLE_T0_FIND_SNAPSHOT_PRIOR_TO_PIT_RESTORE_OPTIME',
    parameters: [],
    detail: 'No snapshot to replay the oplog from: 2026-11-09T23:59:59Z cannot be restored to on cluster source: no snapshot precedes it in the same unbroken stretch of oplog (window 2026-11-03T00:00:00Z to 2026-11-10T00:00:00Z).',
  },
  'not yet': {
    error: 400,
    errorCode: 'INVALID_PIT_RESTORE_TIME',
    parameters: [],
    detail: 'Invalid point-in-time restore time: 2026-11-10T00:00:00Z cannot be restored to on cluster source: it is not in the past (window 2026-11-03T00:00:00Z to 2026-11-10T00:00:00Z).',
  },
  'outside the window': {
    error: 400,
    errorCode: 'INVALID_PIT_RESTORE_TIME',
    parameters: [],
    detail: 'Invalid point-in-time restore time: 2026-11-01T00:00:00Z cannot be restored to on cluster source: it is before the restore window, or its oplog was deleted as older than the window (window 2026-11-03T00:00:00Z to 2026-11-10T00:00:00Z).',
  },
  'a wrong deliveryType': {
    error: 400,
    errorCode: 'INVALID_ENUM_VALUE',
    parameters: ['restore', 'deliveryType'],
    detail: 'An invalid enumeration value "restore" was specified for deliveryType: use automated, download, pointInTime.',
  },
  'a wrong oplogInc': {
    error: 400,
    errorCode: 'INVALID_ATTRIBUTE',
    parameters: ['oplogInc'],
    detail: 'Invalid attribute oplogInc specified: 0 is not a whole number from 1 to 2147483647.',
  },
  'a wrong oplogTs': {
    error: 400,
    errorCode: 'INVALID_ATTRIBUTE',
    parameters: ['oplogTs'],
    detail: 'Invalid attribute oplogTs specified: 5 is not a whole number of seconds since the epoch from 1199145600 (2008-01-01) to 2147483647.',
  },
  'a wrong project': {
    error: 400,
    errorCode: 'INVALID_ATTRIBUTE',
    parameters: ['targetGroupId'],
    detail: 'Invalid attribute targetGroupId specified: "p" is not a project ID (24 hexadecimal characters).',
  },
  'a wrong snapshot': {
    error: 400,
    errorCode: 'INVALID_ATTRIBUTE',
    parameters: ['snapshotId'],
    detail: 'Invalid attribute snapshotId specified: "abc" is not a snapshot ID (24 hexadecimal characters).',
  },
  'a wrong time': {
    error: 400,
    errorCode: 'INVALID_ATTRIBUTE',
    parameters: ['pointInTimeUTCSeconds'],
    detail: 'Invalid attribute pointInTimeUTCSeconds specified: 5 is not a whole number of seconds since the epoch from 1199145600 (2008-01-01) to 2147483647.',
  },
  'an oplog entry on serverless': {
    error: 400,
    errorCode: 'INVALID_ATTRIBUTE',
    parameters: ['oplogTs'],
    detail: 'Invalid attribute oplogTs specified: serverless instances restore to a point in time by pointInTimeUTCSeconds only, not by oplog entry.',
  },
  'both kinds of time': {
    error: 400,
    errorCode: 'INVALID_ATTRIBUTE',
    parameters: ['pointInTimeUTCSeconds'],
    detail: 'Invalid attribute pointInTimeUTCSeconds specified: give either pointInTimeUTCSeconds or oplogTs with oplogInc, not both.',
  },
  'no deliveryType': {
    error: 400,
    errorCode: 'MISSING_ATTRIBUTE',
    parameters: ['deliveryType'],
    detail: 'The required attribute deliveryType was not specified: choose one of automated, download, pointInTime.',
  },
  'no oplogInc': {
    error: 400,
    errorCode: 'MISSING_ATTRIBUTE',
    parameters: ['oplogInc'],
    detail: 'The required attribute oplogInc was not specified: oplogTs needs oplogInc, the ordinal of the entry within that second: give both.',
  },
  'no oplogTs': {
    error: 400,
    errorCode: 'MISSING_ATTRIBUTE',
    parameters: ['oplogTs'],
    detail: 'The required attribute oplogTs was not specified: oplogInc names an entry within the second oplogTs: give both.',
  },
  'no serverless target': {
    error: 400,
    errorCode: 'MISSING_ATTRIBUTE',
    parameters: ['targetClusterName'],
    detail: 'The required attribute targetClusterName was not specified: serverless restores write into a target cluster, named by targetClusterName and targetGroupId.',
  },
  'no snapshot': {
    error: 400,
    errorCode: 'MISSING_ATTRIBUTE',
    parameters: ['snapshotId'],
    detail: 'The required attribute snapshotId was not specified: download restores need the snapshot to restore.',
  },
  'no target': {
    error: 400,
    errorCode: 'MISSING_ATTRIBUTE',
    parameters: ['targetClusterName'],
    detail: 'The required attribute targetClusterName was not specified: automated restores write into a target cluster, named by targetClusterName and targetGroupId.',
  },
  'no time': {
    error: 400,
    errorCode: 'MISSING_ATTRIBUTE',
    parameters: ['pointInTimeUTCSeconds'],
    detail: 'The required attribute pointInTimeUTCSeconds was not specified: a pointInTime restore needs pointInTimeUTCSeconds, or oplogTs with oplogInc.',
  },
  'a change during a restore': {
    error: 400,
    errorCode: 'CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE',
    parameters: ['target'],
    detail: 'A restore into cluster target is running: the cluster cannot be changed until it finishes.',
  },
  'a deleted snapshot': {
    error: 409,
    errorCode: 'CANNOT_START_RESTORE_JOB_FOR_DELETED_SNAPSHOT',
    parameters: ['6a79468a2c88faeba59de489'],
    detail: 'Snapshot 6a79468a2c88faeba59de489 has been deleted: it can no longer be restored.',
  },
  'a malformed job id': {
    error: 404,
    errorCode: 'INVALID_JOB_ID',
    parameters: ['job-1'],
    detail: 'Invalid restore job ID job-1: job IDs are 24 hexadecimal characters.',
  },
  'a paused target': {
    error: 400,
    errorCode: 'CLUSTER_PAUSED_CANNOT_RESTORE',
    parameters: ['target'],
    detail: 'Cluster target is paused: resume it before restoring into it.',
  },
  'a second download': {
    error: 400,
    errorCode: 'CANNOT_DOWNLOAD_SNAPSHOT_CONCURRENTLY',
    parameters: ['6a79468a2c88faeba59de489'],
    detail: 'A download of snapshot 6a79468a2c88faeba59de489 is already active: use it, or cancel it first.',
  },
  'a target being restored': {
    error: 409,
    errorCode: 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS',
    parameters: ['target'],
    detail: 'A restore into cluster target is already running: wait until it finishes.',
  },
  'an unfinished snapshot': {
    error: 409,
    errorCode: 'CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT',
    parameters: ['6a79468a2c88faeba59de489'],
    detail: 'Snapshot 6a79468a2c88faeba59de489 is inProgress: only a completed snapshot can be restored.',
  },
  'an unknown job': {
    error: 404,
    errorCode: 'RESTORE_JOB_NOT_FOUND',
    parameters: ['6a794733c0eb9e7a17740663', 'source'],
    detail: 'No restore job with ID 6a794733c0eb9e7a17740663 exists for cluster source.',
  },
  'cancelling a point-in-time restore': {
    error: 400,
    errorCode: 'CANNOT_CANCEL_AUTOMATED_RESTORE',
    parameters: ['6a794733c0eb9e7a17740663'],
    detail: 'Restore job 6a794733c0eb9e7a17740663 is a point-in-time restore, which cannot be cancelled: only download jobs can.',
  },
  'cancelling a shard job': {
    error: 405,
    errorCode: 'ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED',
    parameters: ['6a794733c0eb9e7a17740663'],
    detail: 'Restore job 6a794733c0eb9e7a17740663 restores one shard of a sharded restore: it cannot be cancelled on its own.',
  },
  'cancelling an automated restore': {
    error: 400,
    errorCode: 'CANNOT_CANCEL_AUTOMATED_RESTORE',
    parameters: ['6a794733c0eb9e7a17740663'],
    detail: 'Restore job 6a794733c0eb9e7a17740663 is an automated restore, which cannot be cancelled: only download jobs can.',
  },
  '7.0 into 8.0 with a config shard': {
    error: 403,
    errorCode: 'CANNOT_RESTORE_TO_TARGET',
    parameters: ['target'],
    detail: 'Cannot restore to target cluster target: a MongoDB 7.0 sharded cluster of 2 shards cannot be restored to a MongoDB 8.0 sharded cluster of 2 shards with an embedded config server.',
  },
  'a 4.2 snapshot into M2 on 5.0': {
    error: 400,
    errorCode: 'TENANT_RESTORE_VERSION_MISMATCH',
    parameters: ['target'],
    detail: 'M2 cluster target runs MongoDB 5.0.0 and takes snapshots of its own or the previous major version only; snapshot 6a79468a2c88faeba59de489 is of 4.2.24.',
  },
  'a Cloud Manager snapshot into serverless': {
    error: 403,
    errorCode: 'CANNOT_RESTORE_TO_TARGET',
    parameters: ['target'],
    detail: 'Cannot restore to target cluster target: snapshot 6a79468a2c88faeba59de489 comes from Cloud Manager, and serverless instances take only serverless snapshots.',
  },
  'a config server type': {
    error: 403,
    errorCode: 'CANNOT_RESTORE_TO_TARGET',
    parameters: ['target'],
    detail: 'Cannot restore to target cluster target: snapshot 6a79468a2c88faeba59de489 has embedded config servers and target has dedicated ones: they must match.',
  },
  'a dedicated snapshot into serverless': {
    error: 403,
    errorCode: 'CANNOT_RESTORE_TO_TARGET',
    parameters: ['target'],
    detail: 'Cannot restore to target cluster target: snapshot 6a79468a2c88faeba59de489 comes from an M10 cluster, and serverless instances take only serverless snapshots.',
  },
  'a pinned FCV': {
    error: 403,
    errorCode: 'CANNOT_RESTORE_TO_TARGET',
    parameters: ['target'],
    detail: 'Cannot restore to target cluster target: snapshot 6a79468a2c88faeba59de489 pins feature compatibility version 7.0, so the target must run MongoDB 7.x; target runs 8.0.4.',
  },
  'a replica set into a sharded cluster': {
    error: 403,
    errorCode: 'CANNOT_RESTORE_TO_TARGET',
    parameters: ['target'],
    detail: 'Cannot restore to target cluster target: snapshot 6a79468a2c88faeba59de489 is of a replica set, and target is a sharded cluster.',
  },
  'a serverless download': {
    error: 403,
    errorCode: 'FEATURE_UNSUPPORTED',
    parameters: ['sl'],
    detail: 'Serverless instance sl: serverless snapshots cannot be downloaded; restore them to a cluster instead.',
  },
  'a serverless snapshot into M5': {
    error: 400,
    errorCode: 'TENANT_RESTORE_INCOMPATIBLE_TOPOLOGY',
    parameters: ['target'],
    detail: 'Snapshot 6a79468a2c88faeba59de489 is of a serverless instance, which cannot be restored into the M5 cluster target.',
  },
  'a shard count': {
    error: 403,
    errorCode: 'CANNOT_RESTORE_TO_TARGET',
    parameters: ['target'],
    detail: 'Cannot restore to target cluster target: snapshot 6a79468a2c88faeba59de489 has 2 shards and target has 3: they must match.',
  },
  'a shard member': {
    error: 400,
    errorCode: 'AUTOMATED_RESTORE_OF_SHARD_NOT_ALLOWED',
    parameters: ['6a79468a2c88faeba59de489'],
    detail: 'Snapshot 6a79468a2c88faeba59de489 holds one shard of the sharded snapshot abc: restore the sharded snapshot instead.',
  },
  'an M0 source': {
    error: 400,
    errorCode: 'PROVIDER_BACKUP_NOT_SUPPORTED',
    parameters: ['free'],
    detail: 'Cluster free is an M0 free cluster: it has no backups to restore (use mongodump).',
  },
  'an M0 target': {
    error: 400,
    errorCode: 'PROVIDER_BACKUP_NOT_SUPPORTED',
    parameters: ['target'],
    detail: 'Cluster target is an M0 free cluster: nothing can be restored into it.',
  },
  'an M2 snapshot into a sharded cluster': {
    error: 400,
    errorCode: 'TENANT_RESTORE_INCOMPATIBLE_TOPOLOGY',
    parameters: ['target'],
    detail: 'Snapshot 6a79468a2c88faeba59de489 is of an M2 cluster, which restores only to replica sets; target is sharded.',
  },
  'an older target': {
    error: 403,
    errorCode: 'CANNOT_RESTORE_TO_TARGET',
    parameters: ['target'],
    detail: 'Cannot restore to target cluster target: snapshot 6a79468a2c88faeba59de489 is of MongoDB 8.0.4; the target must run 8.0 or a later 8.x, or the next major version, and target runs 7.0.12.',
  },
  'sharded into a replica set': {
    error: 403,
    errorCode: 'CANNOT_RESTORE_TO_TARGET',
    parameters: ['target'],
    detail: 'Cannot restore to target cluster target: snapshot 6a79468a2c88faeba59de489 is of a sharded cluster, and target is a replica set.',
  },
  'shards changed since': {
    error: 403,
    errorCode: 'CANNOT_RESTORE_TO_TARGET',
    parameters: ['target'],
    detail: 'Cannot restore to target cluster target: snapshot 6a79468a2c88faeba59de489 was taken before shards were added to or removed from target, so it cannot be restored to it; restore it to another cluster with the snapshot\'s topology.',
  },
}
