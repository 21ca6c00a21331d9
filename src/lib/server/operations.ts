/**
 * The Atlas Administration API v2 operations that `serve` answers, with the media-type versions the OpenAPI spec
 * lists for each one's responses and their `x-sunset` dates. Generated at development time from
 * ../shared/atlas-api/atlas-backup-openapi.json (a user's clone does not have it); test/server/operations.test.ts
 * checks it still matches the spec whenever the spec is present. Templates are relative to /api/atlas/v2.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

export interface MediaVersion {
  /** The date of application/vnd.atlas.<version>+json. */
  version: string
  /** The spec's x-sunset for that content type (ISO day), when it has one. */
  sunset?: string
}

export interface OperationSpec {
  method: HttpMethod
  template: string
  operationId: string
  /** Oldest first. */
  versions: readonly MediaVersion[]
}

export const API_PREFIX = '/api/atlas/v2'

export const OPERATIONS: readonly OperationSpec[] = [
  {method: 'GET', template: '/groups/{groupId}/backupCompliancePolicy', operationId: 'getGroupBackupCompliancePolicy', versions: [{version: '2023-01-01', sunset: '2027-07-01'}, {version: '2023-10-01'}]},
  {method: 'PUT', template: '/groups/{groupId}/backupCompliancePolicy', operationId: 'updateGroupBackupCompliancePolicy', versions: [{version: '2023-01-01', sunset: '2027-07-01'}, {version: '2023-10-01'}]},
  {method: 'DELETE', template: '/groups/{groupId}/backupCompliancePolicy', operationId: 'disableGroupBackupCompliancePolicy', versions: [{version: '2024-11-13'}]},
  {method: 'GET', template: '/groups/{groupId}/clusters', operationId: 'listGroupClusters', versions: [{version: '2023-01-01', sunset: '2027-07-01'}, {version: '2023-02-01', sunset: '2027-07-01'}, {version: '2024-08-05'}]},
  {method: 'GET', template: '/groups/{groupId}/clusters/{clusterName}', operationId: 'getGroupCluster', versions: [{version: '2023-01-01', sunset: '2027-07-01'}, {version: '2023-02-01', sunset: '2027-07-01'}, {version: '2024-08-05'}]},
  {method: 'GET', template: '/groups/{groupId}/clusters/{clusterName}/backup/schedule', operationId: 'getGroupClusterBackupSchedule', versions: [{version: '2023-01-01', sunset: '2027-07-01'}, {version: '2024-08-05'}]},
  {method: 'PATCH', template: '/groups/{groupId}/clusters/{clusterName}/backup/schedule', operationId: 'updateGroupClusterBackupSchedule', versions: [{version: '2023-01-01', sunset: '2027-07-01'}, {version: '2024-08-05'}]},
  {method: 'DELETE', template: '/groups/{groupId}/clusters/{clusterName}/backup/schedule', operationId: 'deleteGroupClusterBackupSchedule', versions: [{version: '2023-01-01', sunset: '2027-07-01'}, {version: '2024-08-05'}]},
  {method: 'GET', template: '/groups/{groupId}/clusters/{clusterName}/backup/snapshots', operationId: 'listGroupClusterBackupSnapshots', versions: [{version: '2023-01-01'}]},
  {method: 'POST', template: '/groups/{groupId}/clusters/{clusterName}/backup/snapshots', operationId: 'takeGroupClusterBackupSnapshots', versions: [{version: '2023-01-01'}]},
  {method: 'GET', template: '/groups/{groupId}/clusters/{clusterName}/backup/snapshots/shardedClusters', operationId: 'listGroupClusterBackupSnapshotShardedClusters', versions: [{version: '2023-01-01'}]},
  {method: 'GET', template: '/groups/{groupId}/clusters/{clusterName}/backup/snapshots/shardedCluster/{snapshotId}', operationId: 'getGroupClusterBackupSnapshotShardedCluster', versions: [{version: '2023-01-01'}]},
  {method: 'DELETE', template: '/groups/{groupId}/clusters/{clusterName}/backup/snapshots/shardedCluster/{snapshotId}', operationId: 'deleteGroupClusterBackupSnapshotShardedCluster', versions: [{version: '2023-01-01'}]},
  {method: 'GET', template: '/groups/{groupId}/clusters/{clusterName}/backup/snapshots/{snapshotId}', operationId: 'getGroupClusterBackupSnapshot', versions: [{version: '2023-01-01'}]},
  {method: 'PATCH', template: '/groups/{groupId}/clusters/{clusterName}/backup/snapshots/{snapshotId}', operationId: 'updateGroupClusterBackupSnapshot', versions: [{version: '2023-01-01'}]},
  {method: 'DELETE', template: '/groups/{groupId}/clusters/{clusterName}/backup/snapshots/{snapshotId}', operationId: 'deleteGroupClusterBackupSnapshot', versions: [{version: '2023-01-01'}]},
  {method: 'GET', template: '/groups/{groupId}/clusters/{clusterName}/backup/restoreJobs', operationId: 'listGroupClusterBackupRestoreJobs', versions: [{version: '2023-01-01'}]},
  {method: 'POST', template: '/groups/{groupId}/clusters/{clusterName}/backup/restoreJobs', operationId: 'createGroupClusterBackupRestoreJob', versions: [{version: '2023-01-01'}]},
  {method: 'GET', template: '/groups/{groupId}/clusters/{clusterName}/backup/restoreJobs/{restoreJobId}', operationId: 'getGroupClusterBackupRestoreJob', versions: [{version: '2023-01-01'}]},
  {method: 'DELETE', template: '/groups/{groupId}/clusters/{clusterName}/backup/restoreJobs/{restoreJobId}', operationId: 'cancelGroupClusterBackupRestoreJob', versions: [{version: '2023-01-01'}]},
  {method: 'GET', template: '/groups/{groupId}/serverless/{clusterName}/backup/snapshots', operationId: 'listGroupServerlessBackupSnapshots', versions: [{version: '2023-01-01', sunset: '2026-01-22'}]},
  {method: 'GET', template: '/groups/{groupId}/serverless/{clusterName}/backup/snapshots/{snapshotId}', operationId: 'getGroupServerlessBackupSnapshot', versions: [{version: '2023-01-01', sunset: '2026-01-22'}]},
  {method: 'GET', template: '/groups/{groupId}/serverless/{clusterName}/backup/restoreJobs', operationId: 'listGroupServerlessBackupRestoreJobs', versions: [{version: '2023-01-01', sunset: '2026-01-22'}]},
  {method: 'POST', template: '/groups/{groupId}/serverless/{clusterName}/backup/restoreJobs', operationId: 'createGroupServerlessBackupRestoreJob', versions: [{version: '2023-01-01', sunset: '2026-01-22'}]},
  {method: 'GET', template: '/groups/{groupId}/serverless/{clusterName}/backup/restoreJobs/{restoreJobId}', operationId: 'getGroupServerlessBackupRestoreJob', versions: [{version: '2023-01-01', sunset: '2026-01-22'}]},
  {method: 'GET', template: '/groups/{groupId}/backup/exportBuckets', operationId: 'listGroupBackupExportBuckets', versions: [{version: '2023-01-01', sunset: '2027-07-01'}, {version: '2024-05-30'}]},
  {method: 'POST', template: '/groups/{groupId}/backup/exportBuckets', operationId: 'createGroupBackupExportBucket', versions: [{version: '2023-01-01', sunset: '2027-07-01'}, {version: '2024-05-30'}]},
  {method: 'GET', template: '/groups/{groupId}/backup/exportBuckets/{exportBucketId}', operationId: 'getGroupBackupExportBucket', versions: [{version: '2023-01-01', sunset: '2027-07-01'}, {version: '2024-05-30'}]},
  {method: 'PATCH', template: '/groups/{groupId}/backup/exportBuckets/{exportBucketId}', operationId: 'updateGroupBackupExportBucket', versions: [{version: '2024-05-30'}]},
  {method: 'DELETE', template: '/groups/{groupId}/backup/exportBuckets/{exportBucketId}', operationId: 'deleteGroupBackupExportBucket', versions: [{version: '2023-01-01'}]},
  {method: 'GET', template: '/groups/{groupId}/clusters/{clusterName}/backup/exports', operationId: 'listGroupClusterBackupExports', versions: [{version: '2023-01-01'}]},
  {method: 'POST', template: '/groups/{groupId}/clusters/{clusterName}/backup/exports', operationId: 'createGroupClusterBackupExport', versions: [{version: '2023-01-01'}]},
  {method: 'GET', template: '/groups/{groupId}/clusters/{clusterName}/backup/exports/{exportId}', operationId: 'getGroupClusterBackupExport', versions: [{version: '2023-01-01'}]},
]
