import {describe, expect, it} from 'vitest'

import {checkCancel, checkClusterUpdate, checkDownload, checkRestoreJobId, checkSourceSnapshot, checkTargetState, restoreJobNotFound} from '../../../src/lib/restores/index.js'
import {SNAPSHOT_ID, expectRefused, refusal, replicaSet} from './fixtures.js'

const JOB_ID = '6a794733c0eb9e7a17740663'

describe('rule 75: the source snapshot is completed and not deleted', () => {
  it('accepts a completed snapshot', () => {
    expect(refusal(() => checkSourceSnapshot({id: SNAPSHOT_ID, status: 'completed'}))).toBeUndefined()
    expect(refusal(() => checkSourceSnapshot({id: SNAPSHOT_ID, status: 'completed', deleted: false}))).toBeUndefined()
  })

  it.each(['queued', 'inProgress', 'failed'] as const)('refuses a %s snapshot', (status) => {
    expectRefused(() => checkSourceSnapshot({id: SNAPSHOT_ID, status}), {rule: 75, field: 'snapshotId', status: 409, errorCode: 'CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT'})
  })

  it('refuses a deleted snapshot, even a completed one', () => {
    expectRefused(() => checkSourceSnapshot({id: SNAPSHOT_ID, status: 'completed', deleted: true}), {
      rule: 75,
      field: 'snapshotId',
      status: 409,
      errorCode: 'CANNOT_START_RESTORE_JOB_FOR_DELETED_SNAPSHOT',
    })
  })
})

describe('rule 74: the target state', () => {
  it('accepts a running cluster with no restore', () => {
    expect(refusal(() => checkTargetState(replicaSet()))).toBeUndefined()
    expect(refusal(() => checkTargetState(replicaSet({paused: false, restoreInProgress: false})))).toBeUndefined()
  })

  it('refuses a paused target: CLUSTER_PAUSED_CANNOT_RESTORE 400', () => {
    expectRefused(() => checkTargetState(replicaSet({paused: true})), {rule: 74, field: 'targetClusterName', status: 400, errorCode: 'CLUSTER_PAUSED_CANNOT_RESTORE'})
  })

  it('refuses a target already being restored: ATLAS_CLUSTER_RESTORE_IN_PROGRESS 409', () => {
    expectRefused(() => checkTargetState(replicaSet({restoreInProgress: true})), {rule: 74, field: 'targetClusterName', status: 409, errorCode: 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS'})
  })

  it('a cluster being restored takes no changes', () => {
    expect(refusal(() => checkClusterUpdate(replicaSet()))).toBeUndefined()
    expectRefused(() => checkClusterUpdate(replicaSet({restoreInProgress: true})), {rule: 74, field: 'clusterName', status: 400, errorCode: 'CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE'})
  })
})

describe('rule 71: only downloads can be cancelled', () => {
  it('accepts cancelling a download', () => {
    expect(refusal(() => checkCancel({id: JOB_ID, deliveryType: 'download'}))).toBeUndefined()
    expect(refusal(() => checkCancel({id: JOB_ID, deliveryType: 'download', shardJob: false}))).toBeUndefined()
  })

  it.each(['automated', 'pointInTime'] as const)('refuses cancelling a %s restore: CANNOT_CANCEL_AUTOMATED_RESTORE 400', (deliveryType) => {
    expectRefused(() => checkCancel({id: JOB_ID, deliveryType}), {rule: 71, field: 'deliveryType', status: 400, errorCode: 'CANNOT_CANCEL_AUTOMATED_RESTORE'})
  })

  it("refuses cancelling one shard's job: ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED 405", () => {
    expectRefused(() => checkCancel({id: JOB_ID, deliveryType: 'download', shardJob: true}), {
      rule: 71,
      field: 'restoreJobId',
      status: 405,
      errorCode: 'ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED',
    })
  })

  it('an unknown job is RESTORE_JOB_NOT_FOUND 404; a malformed id INVALID_JOB_ID 404', () => {
    expectRefused(() => {
      throw restoreJobNotFound(JOB_ID, 'source')
    }, {rule: 71, field: 'restoreJobId', status: 404, errorCode: 'RESTORE_JOB_NOT_FOUND'})
    expect(refusal(() => checkRestoreJobId(JOB_ID))).toBeUndefined()
    for (const id of ['job-1', `x${JOB_ID}`, `${JOB_ID}x`]) expectRefused(() => checkRestoreJobId(id), {rule: 71, field: 'restoreJobId', status: 404, errorCode: 'INVALID_JOB_ID'})
  })
})

describe('rule 76: one active download per snapshot', () => {
  it('accepts a download of a snapshot no active download holds', () => {
    expect(refusal(() => checkDownload(SNAPSHOT_ID, [{snapshotId: '6a79468a2c88faeba59de400'}, {}]))).toBeUndefined()
  })

  it('refuses a second one: CANNOT_DOWNLOAD_SNAPSHOT_CONCURRENTLY 400', () => {
    expectRefused(() => checkDownload(SNAPSHOT_ID, [{snapshotId: SNAPSHOT_ID}]), {rule: 76, field: 'snapshotId', status: 400, errorCode: 'CANNOT_DOWNLOAD_SNAPSHOT_CONCURRENTLY'})
  })
})
