import {AtlasApiError, type FieldProblem} from './errors.js'

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

/*
 * Refusals of a Backup Compliance Policy (rules 45, 67, 89), all 400 as the error list gives them. The codes are
 * Atlas's, spelling included: CANNOT_DISABLE_PIT_WITH_BACKUUP_COMPLIANCE_POLICY is published with the double U.
 */

function complianceRefusal(errorCode: string, detail: string, parameters: unknown[] = [], fields: Array<{field: string; description: string}> = []): AtlasApiError {
  return new AtlasApiError(400, errorCode, `${detail} The project's Backup Compliance Policy forbids it; only MongoDB Support can make an exception.`, parameters, fields)
}

export function cannotDeleteSnapshotUnderCompliance(snapshotId: string): AtlasApiError {
  return complianceRefusal('CANNOT_DELETE_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY', `Snapshot ${snapshotId} cannot be deleted before it expires.`, [snapshotId])
}

export function cannotDecreaseSnapshotRetentionUnderCompliance(snapshotId: string, expiresAt: string, asked: string): AtlasApiError {
  return complianceRefusal(
    'CANNOT_DECREASE_SNAPSHOT_RETENTION_WITH_BACKUP_COMPLIANCE_POLICY',
    `The retention of snapshot ${snapshotId} cannot be lowered: it expires at ${expiresAt}, the new retention would end it at ${asked}; a longer retention is allowed.`,
    [snapshotId],
  )
}

export function onDemandRetentionBelowCompliance(askedDays: number, minimum: string): AtlasApiError {
  return complianceRefusal(
    'SNAPSHOT_RETENTION_LESS_THAN_BACKUP_COMPLIANCE_POLICY',
    `An on-demand snapshot kept ${askedDays} days is below the policy's on-demand minimum of ${minimum}: ask for at least that retention.`,
  )
}

export function scheduleBelowCompliance(clusterName: string, why: string, fields: Array<{field: string; description: string}> = []): AtlasApiError {
  return complianceRefusal('BACKUP_POLICY_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS', `The backup policy of ${clusterName} would not meet the Backup Compliance Policy: ${why}.`, [clusterName], fields)
}

export function cannotDecreasePitWindowUnderCompliance(clusterName: string, asked: number, minimum: number): AtlasApiError {
  return complianceRefusal(
    'CANNOT_DECREASE_PIT_WINDOW_WITH_BACKUP_COMPLIANCE_POLICY',
    `The restore window of ${clusterName} cannot go down to ${asked} days: the policy requires ${minimum} days of point-in-time restore.`,
    [clusterName],
  )
}

export function cannotDisablePitUnderCompliance(clusterName: string): AtlasApiError {
  return complianceRefusal('CANNOT_DISABLE_PIT_WITH_BACKUUP_COMPLIANCE_POLICY', `Continuous Cloud Backup cannot be turned off on ${clusterName}: the policy requires point-in-time restore.`, [clusterName])
}

export function cannotDisableEncryptionUnderCompliance(clusterName: string): AtlasApiError {
  return complianceRefusal(
    'CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY',
    `Encryption at rest with customer key management cannot be turned off on ${clusterName}: the policy requires it.`,
    [clusterName],
  )
}

export function terminatedNameReserved(name: string): AtlasApiError {
  return complianceRefusal(
    'DUPLICATE_CLUSTER_NAME',
    `The name ${name} belongs to a terminated cluster whose snapshots are kept: it cannot be reused while the policy is in force (rule 91); choose another name.`,
    [name],
  )
}

/* The Backup Compliance Policy resource itself (rules 87, 88, 90). */

/** GET or DELETE on a project that has no policy: 404, as the Terraform provider and CloudFormation read it. */
export function noCompliancePolicy(groupId: string): AtlasApiError {
  return new AtlasApiError(404, 'RESOURCE_NOT_FOUND', `Project ${groupId} has no Backup Compliance Policy.`, [groupId])
}

/** Rule 87: while the last change is being applied (ENABLING, UPDATING), the policy takes no other. */
export function compliancePolicyPending(groupId: string, state: string): AtlasApiError {
  return new AtlasApiError(
    400,
    'CANNOT_UPDATE_BACKUP_COMPLIANCE_POLICY_SETTINGS_WITH_PENDING_ACTION',
    `The Backup Compliance Policy of project ${groupId} is ${state}: wait until it is ACTIVE, then try again.`,
    [groupId],
  )
}

/** Rule 88: clusters whose backup policy is below the minimum, when the PUT may not raise them. */
export function clustersBelowCompliancePolicy(clusterNames: string[], why: string, fields: FieldProblem[]): AtlasApiError {
  return new AtlasApiError(
    400,
    'BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS',
    `The backup policies of ${clusterNames.join(', ')} do not meet the Backup Compliance Policy: ${why}.`,
    clusterNames,
    fields,
  )
}

/**
 * Rule 90: only MongoDB Support (which makes the policy deletable) or an empty project allows disabling. Real Atlas
 * answers this 400 with the code below and the reason as its one parameter (seen in a Terraform destroy's output,
 * appsmithorg/appsmith#38946); the detail here is the emulator's own wording.
 */
export function cannotDisableCompliancePolicy(groupId: string): AtlasApiError {
  return new AtlasApiError(
    400,
    'CANNOT_DISABLE_BACKUP_COMPLIANCE_POLICY',
    `The Backup Compliance Policy of project ${groupId} cannot be disabled while the project has clusters (active or paused) or retained snapshots: terminate the clusters and wait until their snapshots expire, or ask MongoDB Support to make it deletable.`,
    ['Disabling the policy requires MongoDB Support, or a project with no clusters and no retained snapshots'],
  )
}

/*
 * Deleting a project (DELETE /groups/{groupId}): both refusals are 409 in Atlas's error list. Atlas sends the cluster
 * one with no parameters.
 */

export function cannotCloseGroupWithClusters(groupId: string, clusterNames: string[]): AtlasApiError {
  return new AtlasApiError(
    409,
    'CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS',
    `Project ${groupId} cannot be deleted while it has clusters (${clusterNames.join(', ')}): terminate them first.`,
    [],
  )
}

/** Rule 89: under a Backup Compliance Policy a project keeps every snapshot, retained ones of terminated clusters too. */
export function cannotCloseGroupUnderCompliance(groupId: string, snapshots: number, lastExpiry: string): AtlasApiError {
  return new AtlasApiError(
    409,
    'CANNOT_CLOSE_GROUP_ACTIVE_BACKUP_COMPLIANCE_POLICY',
    `Project ${groupId} has a Backup Compliance Policy and ${snapshots} snapshot${snapshots === 1 ? '' : 's'} it protects (the last expires at ${lastExpiry}): it cannot be deleted until they have expired.`,
    [groupId],
  )
}

/* Cloud Backup turned off on a dedicated cluster (rules 55, 85, 89; issue 17). */

/**
 * Rule 89. The references name the code but no status; 400, as for the policy's other refusals of a change (the
 * error list gives those 400).
 */
export function cannotDisableCloudBackupUnderCompliance(clusterName: string): AtlasApiError {
  return complianceRefusal('CANNOT_DISABLE_CLOUD_BACKUP_WITH_BACKUP_COMPLIANCE_POLICY', `Cloud Backup cannot be turned off on ${clusterName}: the policy keeps it on for every cluster.`, [clusterName])
}

/** Rule 85: NVMe clusters keep Cloud Backup on. */
export function nvmeBackupRequired(clusterName: string): AtlasApiError {
  return new AtlasApiError(409, 'NVME_STORAGE_PROVIDER_BACKUP_REQUIRED', `${clusterName} has NVMe storage, which needs Cloud Backup: it cannot be turned off (rule 85).`, [clusterName])
}

/**
 * A backup operation on a cluster whose Cloud Backup is off: the error Atlas gives when a cluster has no backup
 * configuration (atlas-api-notes.md: BACKUP_CONFIG_NOT_FOUND, 404).
 */
export function cloudBackupOff(clusterName: string, groupId: string): AtlasApiError {
  return new AtlasApiError(404, 'BACKUP_CONFIG_NOT_FOUND', `No backup configuration exists for cluster ${clusterName} in group ${groupId}: its Cloud Backup is off.`, [clusterName, groupId])
}

/**
 * Seed, "Limitations of Cloud Backup": Cloud Backup supports sharded clusters running MongoDB 4.0 or later. Atlas
 * documents no code of its own for it: INVALID_ATTRIBUTE (400), as for the emulator's other refused cluster changes.
 */
export function shardedBackupNeedsMongoDB40(clusterName: string, mongoDBVersion: string, fix: string): AtlasApiError {
  return new AtlasApiError(400, 'INVALID_ATTRIBUTE', `${clusterName} runs MongoDB ${mongoDBVersion}: Cloud Backup supports sharded clusters from MongoDB 4.0 on; ${fix}.`, [clusterName])
}

// Snapshot export buckets and export jobs (atlas-api-notes.md: EXPORT_BUCKET_* codes).

export function exportBucketNotFound(exportBucketId: string): AtlasApiError {
  return new AtlasApiError(404, 'EXPORT_BUCKET_NOT_FOUND', `No export bucket with ID ${exportBucketId} exists.`, [exportBucketId])
}

/** Atlas refuses to delete a bucket an export job or a cluster's auto-export policy uses (seen in Terraform's issue #175). */
export function exportBucketInUse(exportBucketId: string, usedBy: string): AtlasApiError {
  return new AtlasApiError(400, 'EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE', `Export bucket ${exportBucketId} cannot be deleted: ${usedBy} uses it.`, [exportBucketId])
}

export function exportJobNotFound(exportId: string, clusterName: string): AtlasApiError {
  return new AtlasApiError(404, 'EXPORT_JOB_NOT_FOUND', `No export job with ID ${exportId} exists for cluster ${clusterName}.`, [exportId, clusterName])
}

/** Rule 82 (recorded): a Flex cluster named on the cluster API (`/clusters/{name}` and its backup paths). */
export function flexClusterInClusterApi(clusterName: string): AtlasApiError {
  return new AtlasApiError(400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', `Flex cluster ${clusterName} cannot be used in the Cluster API.`, [clusterName])
}

/** Rule 82 (recorded): a dedicated (or any non-Flex) cluster named on the Flex API (`/flexClusters/{name}/…`). */
export function nonFlexClusterInFlexApi(clusterName: string): AtlasApiError {
  return new AtlasApiError(400, 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API', `Cannot use non-flex cluster ${clusterName} in the flex API.`, [clusterName])
}

/** A project name is unique in its organisation (the emulator has one organisation). */
export function groupAlreadyExists(name: string): AtlasApiError {
  return new AtlasApiError(409, 'GROUP_ALREADY_EXISTS', `A group with name "${name}" already exists.`, [name])
}
