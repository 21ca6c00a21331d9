import type {OperationSpec} from './operations.js'

/**
 * The Flex API operations `serve` answers. Only the download is in ../shared/atlas-api/atlas-backup-openapi.json
 * (the backup subset of the spec); the others are the Flex cluster and its backup reads and restores the Atlas CLI
 * calls, with the path and the 2024-11-13 media type of recordings/backup_flex and operationIds of the same style.
 * Kept apart from OPERATIONS, which the contract tests hold to that spec file.
 */
export const FLEX_OPERATIONS: readonly OperationSpec[] = [
  {method: 'GET', template: '/groups/{groupId}/flexClusters/{name}', operationId: 'getGroupFlexCluster', versions: [{version: '2024-11-13'}]},
  {method: 'GET', template: '/groups/{groupId}/flexClusters/{name}/backup/snapshots', operationId: 'listGroupFlexClusterBackupSnapshots', versions: [{version: '2024-11-13'}]},
  {method: 'GET', template: '/groups/{groupId}/flexClusters/{name}/backup/snapshots/{snapshotId}', operationId: 'getGroupFlexClusterBackupSnapshot', versions: [{version: '2024-11-13'}]},
  {method: 'POST', template: '/groups/{groupId}/flexClusters/{name}/backup/download', operationId: 'downloadGroupFlexClusterBackup', versions: [{version: '2024-11-13'}]},
  {method: 'GET', template: '/groups/{groupId}/flexClusters/{name}/backup/restoreJobs', operationId: 'listGroupFlexClusterBackupRestoreJobs', versions: [{version: '2024-11-13'}]},
  {method: 'POST', template: '/groups/{groupId}/flexClusters/{name}/backup/restoreJobs', operationId: 'createGroupFlexClusterBackupRestoreJob', versions: [{version: '2024-11-13'}]},
  {method: 'GET', template: '/groups/{groupId}/flexClusters/{name}/backup/restoreJobs/{restoreJobId}', operationId: 'getGroupFlexClusterBackupRestoreJob', versions: [{version: '2024-11-13'}]},
]
