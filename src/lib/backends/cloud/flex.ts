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
 * A Flex snapshot (FlexBackupSnapshot20241113) in the shape of a cluster snapshot (DiskBackupReplicaSet), so
 * `backups snapshots list/describe/watch` print the same columns for a Flex cluster. Flex keeps one snapshot a day
 * (8 of them), all taken by Atlas, none on demand. The mapping:
 *
 * | Snapshot field  | from the Flex snapshot                                                            |
 * |-----------------|-----------------------------------------------------------------------------------|
 * | id              | id                                                                                |
 * | status          | PENDING, QUEUED → queued; RUNNING → inProgress; COMPLETED → completed; FAILED → failed; anything else → queued |
 * | createdAt       | finishTime, once COMPLETED (a dedicated cluster's snapshot also gets createdAt on completion) |
 * | expiresAt       | expiration                                                                        |
 * | mongodVersion   | mongoDBVersion                                                                    |
 * | frequencyType   | 'daily' (Flex's only schedule)                                                    |
 * | snapshotType    | 'scheduled'                                                                       |
 * | type            | 'replicaSet' (a Flex cluster is a replica set); replicaSetName = the cluster name  |
 * | policyItems     | [] (Flex has no backup policy)                                                    |
 * | storageSizeBytes, cloudProvider, description | absent: Flex does not report them                    |
 *
 * scheduledTime and startTime have no Snapshot counterpart and are dropped.
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
