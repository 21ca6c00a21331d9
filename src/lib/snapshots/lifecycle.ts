import {AtlasApiError} from '../domain/errors.js'
import {DAY_MS} from '../domain/time.js'
import type {SnapshotStatus, SnapshotType} from '../domain/types.js'
import {tierInfo} from '../tiers/tiers.js'
import {isUnfinished, isWholeNumber} from './on-demand.js'

/** The planned timeline of a snapshot, from which its state at any instant follows. */
export interface SnapshotTimeline {
  snapshotType: SnapshotType
  requestedAt: number
  startedAt: number
  finishesAt: number
  failed: boolean
  /** Days of retention of an on-demand snapshot (its unit is always days). */
  retentionValue: number
  /** Final expiry: for on-demand snapshots, completion + retention. */
  expiresAt: number
}

export interface SnapshotState {
  status: SnapshotStatus
  /** Set once completed. */
  createdAt?: number
  expiresAt: number
  mongodVersionVisible: boolean
  cloudProviderVisible: boolean
}

/**
 * The state Atlas reports at `now` (backup-rules.md row 46): queued, then inProgress (mongodVersion appears, then
 * cloudProvider half way through), then completed with createdAt. An on-demand snapshot's expiresAt is the request
 * time + retention until it completes, then completion + retention.
 */
export function snapshotStateAt(timeline: SnapshotTimeline, now: number): SnapshotState {
  const status: SnapshotStatus = now < timeline.startedAt ? 'queued' : now < timeline.finishesAt ? 'inProgress' : timeline.failed ? 'failed' : 'completed'
  const provisional = timeline.snapshotType === 'onDemand' && status !== 'completed' && status !== 'failed'
  const halfWay = timeline.startedAt + (timeline.finishesAt - timeline.startedAt) / 2
  return {
    status,
    createdAt: status === 'completed' ? timeline.finishesAt : undefined,
    expiresAt: provisional ? timeline.requestedAt + timeline.retentionValue * DAY_MS : timeline.expiresAt,
    mongodVersionVisible: status !== 'queued',
    cloudProviderVisible: status === 'completed' || status === 'failed' || (status === 'inProgress' && now >= halfWay),
  }
}

/**
 * The first instant after `now` at which snapshotStateAt answers differently: the snapshot starts, reaches half way (its
 * provider shows) or ends. Undefined once it has ended: its state no longer changes.
 */
export function snapshotStateChangesAfter(timeline: SnapshotTimeline, now: number): number | undefined {
  const halfWay = timeline.startedAt + (timeline.finishesAt - timeline.startedAt) / 2
  if (now < timeline.startedAt) return timeline.startedAt
  if (now < halfWay) return halfWay
  return now < timeline.finishesAt ? timeline.finishesAt : undefined
}

// unknown[]: includes() then takes the request's value as it is, and is false for anything but one of these strings.
const SNAPSHOT_RETENTION_UNITS: readonly unknown[] = ['DAYS', 'WEEKS', 'MONTHS', 'YEARS']

/** retentionValue is an int32 in the API. */
export const MAX_RETENTION_VALUE = 2_147_483_647

/**
 * Atlas takes and expires the snapshots of shared-tier (M2/M5) clusters itself: one a day, the last 8 kept
 * (backup-rules.md row 81), so none can be deleted or kept longer by hand.
 */
export function checkSnapshotsManagedByUser(input: {tier: string; clusterName: string; action: 'deleted' | 'changed'}): void {
  const info = tierInfo(input.tier)
  if (info.kind !== 'shared' && info.kind !== 'flex') return
  const what = input.action === 'deleted' ? 'deleted' : 'given another retention'
  throw new AtlasApiError(
    400,
    'TENANT_CLUSTER_UPDATE_UNSUPPORTED',
    `Cluster ${input.clusterName} is on the ${info.name} tier: Atlas manages its snapshots (one a day, the last 8 kept), so they cannot be ${what}.`,
    [input.clusterName],
  )
}

/** PATCH of one snapshot's retention: completed snapshots only, an upper-case unit and a whole value ≥ 1. */
export function checkRetentionChange(input: {status: SnapshotStatus; retentionUnit?: unknown; retentionValue?: unknown}): void {
  if (input.status !== 'completed') {
    throw new AtlasApiError(400, 'CANNOT_MODIFY_IN_PROGRESS_SNAPSHOT_RETENTION', `The snapshot is ${input.status}: its retention can be changed once it has completed.`)
  }
  if (!SNAPSHOT_RETENTION_UNITS.includes(input.retentionUnit)) {
    throw new AtlasApiError(400, 'INVALID_ENUM_VALUE', `Invalid retentionUnit ${JSON.stringify(input.retentionUnit)}: use DAYS, WEEKS, MONTHS or YEARS.`, ['retentionUnit'])
  }
  const value = input.retentionValue
  if (!isWholeNumber(value) || value < 1 || value > MAX_RETENTION_VALUE) {
    throw new AtlasApiError(400, 'BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID', `Invalid retentionValue ${JSON.stringify(value)}: use a whole number, 1 or more.`, [value])
  }
}

/** The latest expiry the emulator stores: its dates are shown as four-digit years. */
const LATEST_EXPIRY = Date.UTC(9999, 11, 31, 23, 59, 59)

/** A retention so long that the expiry leaves the calendar is refused rather than stored as an invalid date. */
export function checkExpiry(expiresAt: number, retention: {retentionUnit: string; retentionValue: number}): void {
  if (!Number.isFinite(expiresAt) || expiresAt > LATEST_EXPIRY) {
    throw new AtlasApiError(
      400,
      'BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID',
      `Invalid retentionValue ${retention.retentionValue}: ${retention.retentionValue} ${retention.retentionUnit.toLowerCase()} from the snapshot's creation ends after the year 9999.`,
      [retention.retentionValue],
    )
  }
}

/** A snapshot can be deleted unless it is queued or in progress (backup-rules.md row 53). */
export function checkDelete(input: {status: SnapshotStatus}): void {
  if (isUnfinished(input.status)) {
    throw new AtlasApiError(400, 'CANNOT_DELETE_IN_PROGRESS_SNAPSHOT', `The snapshot is ${input.status}: it can be deleted once it has completed or failed.`)
  }
}
