import {AtlasApiError} from '../domain/errors.js'
import type {OnDemandSnapshotRequest, SnapshotStatus, SnapshotType} from '../domain/types.js'
import {tierInfo} from '../tiers/tiers.js'

/** The Atlas CLI's default retention for `snapshots create` when --retention is not given. */
export const DEFAULT_ON_DEMAND_RETENTION_DAYS = 1

export function onDemandRetentionDays(request: OnDemandSnapshotRequest): number {
  return request.retentionInDays ?? DEFAULT_ON_DEMAND_RETENTION_DAYS
}

function tierRefusal(tier: string): AtlasApiError | undefined {
  const info = tierInfo(tier)
  if (info.onDemand) return undefined
  if (info.kind === 'free') return new AtlasApiError(400, 'PROVIDER_BACKUP_NOT_SUPPORTED', 'M0 free clusters have no Cloud Backup: on-demand snapshots need an M10 or larger cluster.')
  if (info.kind === 'serverless') return new AtlasApiError(400, 'FEATURE_UNSUPPORTED', 'Serverless instances do not support on-demand snapshots.')
  return new AtlasApiError(400, 'TENANT_CLUSTER_UPDATE_UNSUPPORTED', `${info.name} clusters do not support on-demand snapshots: they take one snapshot a day. Use an M10 or larger cluster.`)
}

/** A whole number. Number.isInteger is false for anything that is not a number, so no typeof check is needed. */
export function isWholeNumber(value: unknown): value is number {
  return Number.isInteger(value)
}

export function isUnfinished(status: SnapshotStatus): boolean {
  return status === 'queued' || status === 'inProgress'
}

/**
 * Whether Atlas accepts an on-demand snapshot request (backup-rules.md rows 40, 41, 44): M10+ only, retention a
 * whole number of days ≥ 1, and no other on-demand snapshot queued or in progress. A scheduled snapshot in
 * progress does not block one.
 */
export function checkOnDemandRequest(input: {tier: string; retentionInDays?: unknown; snapshots: Array<{snapshotType: SnapshotType; status: SnapshotStatus}>}): void {
  const refusal = tierRefusal(input.tier)
  if (refusal) throw refusal
  const retention = input.retentionInDays
  if (retention !== undefined && (!isWholeNumber(retention) || retention < 1)) {
    throw new AtlasApiError(400, 'BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID', `Invalid retentionInDays ${JSON.stringify(retention)}: use a whole number of days, 1 or more.`, [retention])
  }
  if (input.snapshots.some((s) => s.snapshotType === 'onDemand' && isUnfinished(s.status))) {
    throw new AtlasApiError(400, 'UNFINISHED_ON_DEMAND_SNAPSHOT', 'Another on-demand snapshot is queued or in progress: wait until it completes before taking another.')
  }
}
