import {snapshotNotFound} from '../domain/atlas-errors.js'
import type {OplogCoverage} from './coverage.js'
import {checkDownloadEncryption, checkProjectDownloads, checkRestoreEncryption} from './encryption.js'
import type {RestoreCluster, RestoreSnapshot} from './facts.js'
import type {RestoreRequest} from './request.js'
import {checkDownload, checkSourceSnapshot, checkTargetState} from './state.js'
import {checkSourceTier, checkTargetTier, pitWindowDays} from './tiers.js'
import {checkTopology, type ShardMapping} from './topology.js'
import {checkVersions} from './versions.js'
import {checkPointInTime, type AvailableSnapshot} from './window.js'

export interface RestoreJobInput {
  request: RestoreRequest
  /** The cluster or serverless instance in the URL. */
  source: RestoreCluster
  /** The source's snapshots, deleted ones included when the backend still knows them. */
  snapshots: readonly RestoreSnapshot[]
  coverage: OplogCoverage
  /** The source's schedule setting; a serverless instance uses 72 hours instead. */
  restoreWindowDays: number
  /** Required for automated and point-in-time restores: the cluster named by the request, looked up by the caller. */
  target?: RestoreCluster
  /** The source's download jobs that are still active. */
  activeDownloads: ReadonlyArray<{snapshotId?: string}>
  /** Downloads only: how many downloads are active across the source's project (rule 76's per-project limit). */
  projectActiveDownloads: number
  now: number
}

/** What the backend starts once every rule has accepted the request. */
export interface RestorePlan {
  deliveryType: RestoreRequest['deliveryType']
  /** The snapshot restored, or the one a point-in-time restore replays the oplog from. */
  snapshotId: string
  /** Point-in-time restores: the instant restored to (epoch ms). */
  pointInTime?: number
  /** Automated and point-in-time restores: which replica set goes where. */
  shards?: ShardMapping[]
}

export function availableSnapshots(snapshots: readonly RestoreSnapshot[]): AvailableSnapshot[] {
  return snapshots.filter((s) => s.status === 'completed' && s.deleted !== true && s.createdAt !== undefined).map((s) => ({id: s.id, createdAt: s.createdAt as number}))
}

function namedSnapshot(input: RestoreJobInput, snapshotId: string): RestoreSnapshot {
  const snapshot = input.snapshots.find((s) => s.id === snapshotId)
  if (!snapshot) throw snapshotNotFound(snapshotId, input.source.name)
  checkSourceSnapshot(snapshot)
  return snapshot
}

/**
 * Every rule a restore job request meets, in the order a caller meets them: what the source offers (rows 80, 83),
 * the snapshot (75) or the moment (63–65, 70), downloads (76: no customer-key snapshot, one at a time per snapshot,
 * a few at a time per project), then the target's state (74), tier (80, 81, 83), encryption (75), versions (73) and
 * topology (72). The request's shape (68–70) is checked by parseRestoreRequest before.
 */
export function checkRestoreJob(input: RestoreJobInput): RestorePlan {
  const {request} = input
  checkSourceTier(input.source, request.deliveryType)
  let snapshot = request.snapshotId === undefined ? undefined : namedSnapshot(input, request.snapshotId)
  if (request.deliveryType === 'download') {
    const downloaded = snapshot as RestoreSnapshot
    checkDownloadEncryption(downloaded)
    checkDownload(downloaded.id, input.activeDownloads)
    checkProjectDownloads(input.source.groupId, input.projectActiveDownloads)
    return {deliveryType: 'download', snapshotId: downloaded.id}
  }
  const target = input.target
  if (!target) throw new RangeError('automated and point-in-time restores need the target cluster looked up')
  checkTargetState(target)
  let pointInTime: number | undefined
  if (request.pointInTime) {
    const found = checkPointInTime({
      coverage: input.coverage,
      snapshots: availableSnapshots(input.snapshots),
      now: input.now,
      restoreWindowDays: pitWindowDays(input.source.tier, input.restoreWindowDays),
      clusterName: input.source.name,
      pointInTime: request.pointInTime,
    })
    pointInTime = found.at
    // A snapshot named in a point-in-time request is checked above (row 75); the oplog replays from the latest one.
    snapshot = input.snapshots.find((s) => s.id === found.baseSnapshotId) as RestoreSnapshot
  }
  const restored = snapshot as RestoreSnapshot
  checkTargetTier(restored, target)
  checkRestoreEncryption(restored, target)
  checkVersions(restored, target)
  const shards = checkTopology(restored, target)
  return pointInTime === undefined ? {deliveryType: request.deliveryType, snapshotId: restored.id, shards} : {deliveryType: request.deliveryType, snapshotId: restored.id, pointInTime, shards}
}
