import {AtlasApiError} from './errors.js'

/** The Atlas errors the emulator raises, with Atlas's codes, statuses and detail wording where it is known. */

export function groupNotFound(groupId: string): AtlasApiError {
  return new AtlasApiError(404, 'GROUP_NOT_FOUND', `No group with ID ${groupId} exists.`, [groupId])
}

export function clusterNotFound(clusterName: string, groupId: string, note?: string): AtlasApiError {
  const detail = `No cluster named ${clusterName} exists in group ${groupId}.${note ? ` ${note}` : ''}`
  return new AtlasApiError(404, 'CLUSTER_NOT_FOUND', detail, [clusterName, groupId])
}

export function serverlessInstanceNotFound(name: string, groupId: string, note?: string): AtlasApiError {
  const detail = `No serverless instance named ${name} exists in group ${groupId}.${note ? ` ${note}` : ''}`
  return new AtlasApiError(404, 'SERVERLESS_INSTANCE_NOT_FOUND', detail, [name, groupId])
}

export function snapshotNotFound(snapshotId: string, clusterName: string): AtlasApiError {
  return new AtlasApiError(404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID ${snapshotId} exists for cluster ${clusterName}.`, [snapshotId, clusterName])
}

export function invalidSnapshotId(snapshotId: string): AtlasApiError {
  return new AtlasApiError(404, 'INVALID_SNAPSHOT_ID', `Invalid snapshot ID ${snapshotId}: snapshot IDs are 24 hexadecimal characters.`, [snapshotId])
}

export function noBackupOnFreeTier(clusterName: string): AtlasApiError {
  return new AtlasApiError(400, 'PROVIDER_BACKUP_NOT_SUPPORTED', `Cluster ${clusterName} is an M0 free cluster, which has no Cloud Backup.`, [clusterName])
}

export function noScheduleOnSharedTier(clusterName: string, tier: string): AtlasApiError {
  return new AtlasApiError(
    400,
    'TENANT_CLUSTER_UPDATE_UNSUPPORTED',
    `Cluster ${clusterName} is on the ${tier} tier: it has no configurable backup schedule (one snapshot a day, the last 8 kept).`,
    [clusterName],
  )
}

export function invalidAttribute(name: string, why: string): AtlasApiError {
  return new AtlasApiError(400, 'INVALID_ATTRIBUTE', `Invalid attribute ${name} specified: ${why}`, [name])
}

/** Rule 60: with the Backup Compliance Policy's copy protection on, copies in other regions cannot be deleted. */
export function copyDeletionProtected(clusterName: string): AtlasApiError {
  return new AtlasApiError(
    400,
    'CANNOT_DELETE_COPY_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY_ENABLED',
    `The Backup Compliance Policy of this project protects copied snapshots: the copies of ${clusterName} in other regions cannot be deleted. Leave deleteCopiedBackups and deleteCopySnapshots out; the copies are kept until they expire.`,
    [clusterName],
  )
}

/**
 * The emulator's refusal of a restore whose snapshot is stored in a region that is out (`local regions outage`) with
 * no usable copy elsewhere. Atlas documents no code for it; 409 as the state of the world, not the request, is at
 * fault (and so that clients do not retry it as they retry a 503).
 */
export function snapshotRegionUnavailable(snapshotId: string, clusterName: string, region: string, why: string): AtlasApiError {
  return new AtlasApiError(
    409,
    'SNAPSHOT_REGION_UNAVAILABLE',
    `Snapshot ${snapshotId} of cluster ${clusterName} is stored in ${region}, which is out, and ${why}: restore another snapshot, or wait until the region is back.`,
    [snapshotId, clusterName, region],
  )
}
