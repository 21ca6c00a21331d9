import type {Paginated, ReplicaSetSnapshot, SnapshotStatus} from '../../domain/types.js'

/** FlexBackupSnapshot20241113 as Atlas returns it (recordings: backup_flex). */
export interface FlexSnapshot {
  id: string
  expiration?: string
  finishTime?: string
  mongoDBVersion?: string
  scheduledTime?: string
  startTime?: string
  status?: string
}

const FLEX_STATUS: Record<string, SnapshotStatus> = {PENDING: 'queued', QUEUED: 'queued', RUNNING: 'inProgress', COMPLETED: 'completed', FAILED: 'failed'}

/**
 * A Flex snapshot in the shape of a cluster snapshot, so list/describe/watch print the same columns: one daily
 * scheduled snapshot (Flex keeps 8, taken at one time a day), createdAt when it finished, expiresAt its expiration.
 */
export function flexToSnapshot(flex: FlexSnapshot, clusterName: string): ReplicaSetSnapshot {
  const status = FLEX_STATUS[(flex.status ?? '').toUpperCase()] ?? 'queued'
  return {
    createdAt: status === 'completed' ? flex.finishTime : undefined,
    expiresAt: flex.expiration,
    frequencyType: 'daily',
    id: flex.id,
    mongodVersion: flex.mongoDBVersion,
    policyItems: [],
    replicaSetName: clusterName,
    snapshotType: 'scheduled',
    status,
    type: 'replicaSet',
  }
}

export function flexPageToSnapshots(page: Paginated<FlexSnapshot>, clusterName: string): Paginated<ReplicaSetSnapshot> {
  return {...page, results: page.results.map((flex) => flexToSnapshot(flex, clusterName))}
}
