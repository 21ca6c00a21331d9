import type {RestoreJob} from '../domain/types.js'
import {RestoreRuleError, invalidJobId} from './errors.js'
import type {RestoreCluster, RestoreSnapshot} from './facts.js'

/** The snapshot to restore is completed and not deleted (backup-rules.md row 75). */
export function checkSourceSnapshot(snapshot: Pick<RestoreSnapshot, 'id' | 'status' | 'deleted'>): void {
  if (snapshot.deleted === true) {
    throw new RestoreRuleError(75, 'snapshotId', 409, 'CANNOT_START_RESTORE_JOB_FOR_DELETED_SNAPSHOT', `Snapshot ${snapshot.id} has been deleted: it can no longer be restored.`, [snapshot.id])
  }
  if (snapshot.status !== 'completed') {
    throw new RestoreRuleError(
      75,
      'snapshotId',
      409,
      'CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT',
      `Snapshot ${snapshot.id} is ${snapshot.status}: only a completed snapshot can be restored.`,
      [snapshot.id],
    )
  }
}

/** The target is running and not already being restored (row 74). */
export function checkTargetState(target: Pick<RestoreCluster, 'name' | 'paused' | 'restoreInProgress'>): void {
  if (target.paused === true) {
    throw new RestoreRuleError(74, 'targetClusterName', 400, 'CLUSTER_PAUSED_CANNOT_RESTORE', `Cluster ${target.name} is paused: resume it before restoring into it.`, [target.name])
  }
  if (target.restoreInProgress === true) {
    throw new RestoreRuleError(74, 'targetClusterName', 409, 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS', `A restore into cluster ${target.name} is already running: wait until it finishes.`, [target.name])
  }
}

/** While a restore runs into a cluster, the cluster takes no changes (row 74). */
export function checkClusterUpdate(cluster: Pick<RestoreCluster, 'name' | 'restoreInProgress'>): void {
  if (cluster.restoreInProgress === true) {
    throw new RestoreRuleError(
      74,
      'clusterName',
      400,
      'CLUSTER_RESTORE_IN_PROGRESS_CANNOT_UPDATE',
      `A restore into cluster ${cluster.name} is running: the cluster cannot be changed until it finishes.`,
      [cluster.name],
    )
  }
}

/**
 * Only download jobs can be cancelled (row 71): automated and point-in-time restores have started overwriting the
 * target. A job that restores one shard of a sharded restore cannot be cancelled on its own (405, as the spec's
 * example shows). Cancelling a download that has already ended is accepted and changes nothing (DELETE is idempotent).
 */
export function checkCancel(job: {id: string; deliveryType: RestoreJob['deliveryType']; shardJob?: boolean}): void {
  if (job.shardJob === true) {
    throw new RestoreRuleError(71, 'restoreJobId', 405, 'ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED', `Restore job ${job.id} restores one shard of a sharded restore: it cannot be cancelled on its own.`, [job.id])
  }
  if (job.deliveryType !== 'download') {
    throw new RestoreRuleError(
      71,
      'deliveryType',
      400,
      'CANNOT_CANCEL_AUTOMATED_RESTORE',
      `Restore job ${job.id} is ${job.deliveryType === 'automated' ? 'an automated' : 'a point-in-time'} restore, which cannot be cancelled: only download jobs can.`,
      [job.id],
    )
  }
}

/** One active download per snapshot (row 76). */
export function checkDownload(snapshotId: string, activeDownloads: ReadonlyArray<{snapshotId?: string}>): void {
  if (activeDownloads.some((job) => job.snapshotId === snapshotId)) {
    throw new RestoreRuleError(76, 'snapshotId', 400, 'CANNOT_DOWNLOAD_SNAPSHOT_CONCURRENTLY', `A download of snapshot ${snapshotId} is already active: use it, or cancel it first.`, [snapshotId])
  }
}

/** Restore job ids are 24 hexadecimal characters, like every Atlas object id. */
export function checkRestoreJobId(restoreJobId: string): void {
  if (!/^[a-f0-9]{24}$/.test(restoreJobId)) throw invalidJobId(restoreJobId)
}
