import type {
  BackupSchedule,
  BackupSchedulePatch,
  ClusterDescription,
  ClusterFacts,
  CompliancePolicy,
  CompliancePolicyRequest,
  ExportBucket,
  ExportBucketPatch,
  ExportBucketRequest,
  ExportJob,
  ExportJobRequest,
  FlexClusterDescription,
  FlexDownloadRequest,
  FlexRestoreJob,
  FlexRestoreJobRequest,
  FlexSnapshot,
  OnDemandSnapshotRequest,
  PageRequest,
  Paginated,
  Project,
  RestoreJob,
  RestoreJobRequest,
  ServerlessRestoreJob,
  ServerlessInstanceDescription,
  ServerlessRestoreJobRequest,
  ServerlessSnapshot,
  ShardedClusterSnapshot,
  Snapshot,
  SnapshotRetentionPatch,
} from '../domain/types.js'

/**
 * A schedule change worked out from the schedule it applies to: it returns the PATCH body for `current` (and may
 * refuse by throwing). The local backend calls it inside the transaction that writes the result, so two changes
 * made at once both land; over the cloud backend `current` is what a GET answered just before the PATCH.
 */
/**
 * A compliance-policy change worked out from the policy in force: it returns the whole PUT body (and may refuse by
 * throwing). The local backend calls it inside the transaction that writes the result; over the cloud backend
 * `current` is what a GET answered just before the PUT, as the Atlas CLI does it.
 */
export type CompliancePolicyChange = (current: CompliancePolicy) => CompliancePolicyRequest

export type ScheduleChange = (current: BackupSchedule, cluster: ClusterFacts) => BackupSchedulePatch

/**
 * One method per Atlas Administration API v2 operation, taking and returning the API's JSON. Implementations throw
 * AtlasApiError with the status and errorCode Atlas would send, so callers and `serve` never know which backend
 * answered.
 */
export interface Backend {
  readonly kind: 'local' | 'cloud'

  listClusters(groupId: string, page?: PageRequest): Promise<Paginated<ClusterDescription>>
  getCluster(groupId: string, clusterName: string): Promise<ClusterDescription>

  /** GET /groups (listGroups, 2023-01-01): every project the credentials can see, in the order Atlas lists them. */
  listProjects(page?: PageRequest): Promise<Paginated<Project>>
  /**
   * GET /groups/{groupId}/serverless (listGroupServerlessInstances, 2023-01-01): the project's serverless instances,
   * which listClusters never returns.
   */
  listServerlessInstances(groupId: string, page?: PageRequest): Promise<Paginated<ServerlessInstanceDescription>>

  getSchedule(groupId: string, clusterName: string): Promise<BackupSchedule>
  updateSchedule(groupId: string, clusterName: string, patch: BackupSchedulePatch): Promise<BackupSchedule>
  /** updateSchedule with a body derived from the current schedule: what `backups schedule update` sends. */
  changeSchedule(groupId: string, clusterName: string, change: ScheduleChange): Promise<BackupSchedule>
  deleteSchedule(groupId: string, clusterName: string): Promise<BackupSchedule>

  listSnapshots(groupId: string, clusterName: string, page?: PageRequest): Promise<Paginated<Snapshot>>
  getSnapshot(groupId: string, clusterName: string, snapshotId: string): Promise<Snapshot>
  takeSnapshot(groupId: string, clusterName: string, request: OnDemandSnapshotRequest): Promise<Snapshot>
  updateSnapshotRetention(groupId: string, clusterName: string, snapshotId: string, body: SnapshotRetentionPatch): Promise<Snapshot>
  deleteSnapshot(groupId: string, clusterName: string, snapshotId: string): Promise<void>

  listShardedSnapshots(groupId: string, clusterName: string): Promise<Paginated<ShardedClusterSnapshot>>
  getShardedSnapshot(groupId: string, clusterName: string, snapshotId: string): Promise<ShardedClusterSnapshot>

  listServerlessSnapshots(groupId: string, instanceName: string, page?: PageRequest): Promise<Paginated<ServerlessSnapshot>>
  getServerlessSnapshot(groupId: string, instanceName: string, snapshotId: string): Promise<ServerlessSnapshot>

  listRestoreJobs(groupId: string, clusterName: string, page?: PageRequest): Promise<Paginated<RestoreJob>>
  getRestoreJob(groupId: string, clusterName: string, restoreJobId: string): Promise<RestoreJob>
  createRestoreJob(groupId: string, clusterName: string, request: RestoreJobRequest): Promise<RestoreJob>
  /** Download jobs only: automated and point-in-time restores cannot be cancelled. */
  cancelRestoreJob(groupId: string, clusterName: string, restoreJobId: string): Promise<void>

  listServerlessRestoreJobs(groupId: string, instanceName: string, page?: PageRequest): Promise<Paginated<ServerlessRestoreJob>>
  getServerlessRestoreJob(groupId: string, instanceName: string, restoreJobId: string): Promise<ServerlessRestoreJob>
  createServerlessRestoreJob(groupId: string, instanceName: string, request: ServerlessRestoreJobRequest): Promise<ServerlessRestoreJob>

  /**
   * The project's Backup Compliance Policy. No policy set: 404 as Atlas answers it. The PUT answers ENABLING (first)
   * or UPDATING (later) and the policy turns ACTIVE once applied (rule 87). `overwriteBackupPolicies` (Atlas's default
   * true) raises cluster policies below the minimum; false refuses them (rule 88). DELETE is the 2024-11-13 operation,
   * allowed only when the policy is deletable or the project is empty (rule 90).
   */
  getCompliancePolicy(groupId: string): Promise<CompliancePolicy>
  /** `version`: the media type of the body (2023-01-01 does not require the names); 2023-10-01 when left out. */
  updateCompliancePolicy(groupId: string, body: CompliancePolicyRequest, options?: {overwriteBackupPolicies?: boolean; version?: '2023-01-01' | '2023-10-01'}): Promise<CompliancePolicy>
  /** updateCompliancePolicy with a body derived from the current policy: what the read-modify-write commands send. */
  changeCompliancePolicy(groupId: string, change: CompliancePolicyChange): Promise<CompliancePolicy>
  deleteCompliancePolicy(groupId: string): Promise<void>

  /**
   * The project's snapshot export buckets (2024-05-30; DELETE is 2023-01-01 only). A bucket an export job or a
   * cluster's auto-export policy uses cannot be deleted: 400 EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE.
   */
  listExportBuckets(groupId: string, page?: PageRequest): Promise<Paginated<ExportBucket>>
  createExportBucket(groupId: string, request: ExportBucketRequest): Promise<ExportBucket>
  getExportBucket(groupId: string, exportBucketId: string): Promise<ExportBucket>
  updateExportBucket(groupId: string, exportBucketId: string, patch: ExportBucketPatch): Promise<ExportBucket>
  deleteExportBucket(groupId: string, exportBucketId: string): Promise<void>

  /** A cluster's snapshot export jobs (2023-01-01): Queued, InProgress, then Successful, Failed or Cancelled. */
  listExportJobs(groupId: string, clusterName: string, page?: PageRequest): Promise<Paginated<ExportJob>>
  createExportJob(groupId: string, clusterName: string, request: ExportJobRequest): Promise<ExportJob>
  getExportJob(groupId: string, clusterName: string, exportId: string): Promise<ExportJob>

  /**
   * The Flex API (2024-11-13), for Flex clusters only: a dedicated cluster named here is 400
   * CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API, as a Flex cluster on the cluster API is 400
   * CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API (rule 82). `downloadFlexSnapshot` creates a DOWNLOAD job whose
   * `snapshotUrl` works at once.
   */
  getFlexCluster(groupId: string, name: string): Promise<FlexClusterDescription>
  listFlexSnapshots(groupId: string, name: string, page?: PageRequest): Promise<Paginated<FlexSnapshot>>
  getFlexSnapshot(groupId: string, name: string, snapshotId: string): Promise<FlexSnapshot>
  downloadFlexSnapshot(groupId: string, name: string, request: FlexDownloadRequest): Promise<FlexRestoreJob>
  listFlexRestoreJobs(groupId: string, name: string, page?: PageRequest): Promise<Paginated<FlexRestoreJob>>
  getFlexRestoreJob(groupId: string, name: string, restoreJobId: string): Promise<FlexRestoreJob>
  createFlexRestoreJob(groupId: string, name: string, request: FlexRestoreJobRequest): Promise<FlexRestoreJob>

  /** Releases files or connections; the CLI calls it once per command. */
  close(): Promise<void>
}
