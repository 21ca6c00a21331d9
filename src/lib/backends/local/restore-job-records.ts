import {HOUR_MS, SECOND_MS} from '../../domain/time.js'
import type {DeliveryType} from '../../restores/index.js'

/**
 * Modelled restore durations, like the snapshots' (world.ts): seconds of real time, so `restores start` then
 * `restores watch` ends soon, yet long enough for `watch` to see the job running.
 */
export const RESTORE_MS = 15 * SECOND_MS
export const DOWNLOAD_PREPARE_MS = 10 * SECOND_MS
/** A download link works about an hour after it is ready (rule 76, observed); four hours for M2/M5 (rule 81). */
export const DOWNLOAD_LINK_MS = HOUR_MS
export const SHARED_TIER_DOWNLOAD_LINK_MS = 4 * HOUR_MS

/**
 * A restore job as the emulator stores it: the instants of its life rather than its flags, so that its state at any
 * virtual instant is derived and a frozen clock shows the same job on every read.
 */
export interface RestoreJobRecord {
  id: string
  deliveryType: DeliveryType
  /** Created through the serverless API (a serverless instance's job). */
  serverless: boolean
  groupId: string
  sourceClusterId: string
  sourceClusterName: string
  snapshotId: string
  /** The completion of the snapshot restored: the job's `timestamp`. */
  snapshotTakenAt: number
  target?: {groupId: string; clusterName: string; clusterId: string; deploymentItemName: string}
  /** Point-in-time jobs: the moment restored to, as the request named it. */
  pointInTime?: {at: number; oplogTs?: number; oplogInc?: number; byUtcSeconds: boolean}
  createdAt: number
  /** A restore is done, or a download is ready, at this instant. */
  finishesAt: number
  /** Downloads: the link stops working at this instant. */
  linkExpiresAt?: number
  /** Set when a download was cancelled. */
  cancelledAt?: number
  /** The snapshot as it was when the job started, for the download's manifest (the snapshot may expire meanwhile). */
  snapshot: {mongodVersion: string; cloudProvider: string; members: Array<{replicaSetName: string; hostname?: string; sizeBytes: number}>}
  /** Sharded clusters: each replica set restored (shards, then the config server), for `components`. */
  components?: string[]
  /** Set when the snapshot's own region was out and a copy in this region served the restore (`local regions outage`). */
  servedFromCopy?: {cloudProvider: string; regionName: string}
}

export type RestoreJobPhase = 'running' | 'finished' | 'ready' | 'expired' | 'cancelled'

/**
 * Where the job stands at `now`. Downloads: preparing (running) until finishesAt, ready until the link expires, then
 * expired; a cancellation wins from its instant on. Automated and point-in-time restores: running, then finished.
 */
export function restoreJobPhase(job: RestoreJobRecord, now: number): RestoreJobPhase {
  if (job.cancelledAt !== undefined && job.cancelledAt <= now) return 'cancelled'
  if (now < job.finishesAt) return 'running'
  if (job.deliveryType !== 'download') return 'finished'
  return job.linkExpiresAt !== undefined && now >= job.linkExpiresAt ? 'expired' : 'ready'
}

/** A download that still holds its snapshot: one per snapshot at a time (rule 76). */
export function isActiveDownload(job: RestoreJobRecord, now: number): boolean {
  if (job.deliveryType !== 'download') return false
  const phase = restoreJobPhase(job, now)
  return phase === 'running' || phase === 'ready'
}

export function downloadFileName(job: Pick<RestoreJobRecord, 'snapshotId'>): string {
  return `restore-${job.snapshotId}.tar.gz`
}
