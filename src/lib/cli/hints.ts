/**
 * What a user can do about an Atlas error, by errorCode. The API's detail says what went wrong; this says what to
 * do next, so every error line names the problem and the fix.
 */
const HINTS: Record<string, string> = {
  GROUP_NOT_FOUND: 'Check the project ID: --projectId, MONGODB_ATLAS_PROJECT_ID or the profile (`atlas-backups config describe` shows which is in use)',
  HOST_NOT_FOUND: 'List the hosts with `atlas-backups local nodes list`',
  CLUSTER_NOT_FOUND: 'Check the cluster name and the project (--projectId, or `atlas-backups config describe`)',
  SNAPSHOT_NOT_FOUND: 'List the snapshots with `atlas-backups backups snapshots list <clusterName>` (serverless instances: `atlas-backups serverless backups snapshots list <name>`)',
  INVALID_SNAPSHOT_ID: 'List the snapshot IDs with `atlas-backups backups snapshots list <clusterName>` (serverless instances: `atlas-backups serverless backups snapshots list <name>`)',
  UNFINISHED_ON_DEMAND_SNAPSHOT: 'Wait for it with `atlas-backups backups snapshots watch <snapshotId> --clusterName <clusterName>`, then try again',
  CANNOT_DELETE_IN_PROGRESS_SNAPSHOT: 'Wait until the snapshot completes (`backups snapshots watch`), then delete it',
  CANNOT_MODIFY_IN_PROGRESS_SNAPSHOT_RETENTION: 'Wait until the snapshot completes, then change its retention',
  PROVIDER_BACKUP_NOT_SUPPORTED: 'M0 clusters have no Cloud Backup: use mongodump, or upgrade to M10 or larger',
  TENANT_CLUSTER_UPDATE_UNSUPPORTED: 'Shared and Flex clusters take one daily snapshot and keep the last 8; upgrade to M10 or larger for custom policies and on-demand snapshots',
  FEATURE_UNSUPPORTED: 'Serverless instances take a snapshot every 6 hours with no custom policy or on-demand snapshots',
  BACKUP_SNAPSHOT_RETENTION_VALUE_INVALID: 'Give a retention of at least 1 day',
  VERSION_GONE: 'Atlas has retired this API version or endpoint; serverless backup endpoints were retired when serverless instances reached end of life',
}

export function hintFor(errorCode: string): string | undefined {
  return HINTS[errorCode]
}
