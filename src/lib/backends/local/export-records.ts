import {SECOND_MS} from '../../domain/time.js'
import type {BackupLabel, CloudProvider, ExportJobState} from '../../domain/types.js'

/**
 * Modelled export durations, like the restores' (restore-job-records.ts): seconds of real time, so `exports jobs
 * create` then `exports jobs watch` ends soon, yet long enough for `watch` to see it queued and then in progress.
 */
export const EXPORT_QUEUED_MS = 5 * SECOND_MS
export const EXPORT_MS = 20 * SECOND_MS

/** A project's export bucket as the emulator keeps it; `folder` is where the emulator writes what Atlas would upload. */
export interface ExportBucketRecord {
  id: string
  groupId: string
  cloudProvider: CloudProvider
  bucketName: string
  iamRoleId?: string
  roleId?: string
  serviceUrl?: string
  tenantId?: string
  requirePrivateNetworking: boolean
  createdAt: number
  /** Absolute path of the folder standing for the bucket. */
  folder: string
}

/** An export job: the instants of its life, so that its state at any virtual instant is derived. */
export interface ExportJobRecord {
  id: string
  groupId: string
  clusterId: string
  clusterName: string
  exportBucketId: string
  snapshotId: string
  customData: BackupLabel[]
  createdAt: number
  startsAt: number
  finishesAt: number
  /** Where in the bucket the files go: exported_snapshots/{org}/{project}/{cluster}/{snapshot start}/{job creation s}. */
  prefix: string
  /** Started by the schedule's auto-export policy rather than by a request. */
  auto?: boolean
  /** The snapshot as it was when the job was created, for the files it writes (the snapshot may expire meanwhile). */
  snapshot: {takenAt: number; mongodVersion: string; cloudProvider: string; members: Array<{replicaSetName: string; hostname?: string; sizeBytes: number}>}
  /** Sharded clusters: the replica sets exported (shards, then the config server), each a component of the job. */
  components?: string[]
  /** Its snapshot was deleted before the export finished: Cancelled from this instant. */
  cancelledAt?: number
  /** Its files could not be written into the bucket's folder: Failed at finishesAt, for this reason. */
  failure?: {errorCode: string; message: string}
}

export function exportJobState(job: ExportJobRecord, now: number): ExportJobState {
  if (job.cancelledAt !== undefined && job.cancelledAt <= now) return 'Cancelled'
  if (now < job.startsAt) return 'Queued'
  if (now < job.finishesAt) return 'InProgress'
  return job.failure ? 'Failed' : 'Successful'
}
