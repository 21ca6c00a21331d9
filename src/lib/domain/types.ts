/**
 * Atlas Administration API v2 shapes handled by atlas-backups, as TypeScript types.
 *
 * Field names and enum values follow ../shared/atlas-api/atlas-backup-openapi.json. These types describe what this
 * tool *produces* (the emulator emits spec-conformant data); the zod schemas in ./schemas.ts describe what it
 * *accepts*, which is more lenient because real Atlas responses depart from the spec in small ways.
 * All timestamps in API objects are ISO 8601 UTC strings without milliseconds ("2026-08-10T03:28:08Z").
 */

export type CloudProvider = 'AWS' | 'AZURE' | 'GCP'

/** Scheduled policy item frequencies. `ondemand` exists in the item enum but only for compliance on-demand items. */
export type ScheduledFrequencyType = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly'
export type PolicyFrequencyType = ScheduledFrequencyType | 'ondemand'
export type RetentionUnit = 'days' | 'weeks' | 'months' | 'years'
/** Upper-case units used by the per-snapshot retention PATCH (BackupSnapshotRetention). */
export type SnapshotRetentionUnit = 'DAYS' | 'WEEKS' | 'MONTHS' | 'YEARS'
export type CopyFrequency = 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY' | 'ON_DEMAND'

export interface Link {
  href: string
  rel: string
}

export interface PolicyItem {
  frequencyInterval: number
  frequencyType: PolicyFrequencyType
  id?: string
  retentionUnit: RetentionUnit
  retentionValue: number
}

export interface SchedulePolicy {
  id?: string
  policyItems: PolicyItem[]
}

/**
 * DiskBackupCopyPolicyItem (API 2024-08-05, rule 62): which snapshots a copy setting copies and how long the copies are
 * kept; `ondemand` items carry no retention (their copies go with the snapshot).
 */
export interface CopyPolicyItem {
  frequencyType: PolicyFrequencyType
  id?: string
  retentionUnit?: RetentionUnit
  retentionValue?: number
}

export interface CopySetting {
  cloudProvider?: CloudProvider
  /** With the schedule's copyPolicyItemsEnabled, instead of `frequencies` (rule 62). */
  copyPolicyItems?: CopyPolicyItem[]
  frequencies?: CopyFrequency[]
  /** Copy the N most recent snapshots instead (1–500; exclusive with frequencies and copyPolicyItems). */
  lastNumberOfSnapshots?: number
  regionName?: string
  shouldCopyOplogs?: boolean
  /** 2024-08-05 shape; the 2023-01-01 shape carries replicationSpecId instead. */
  zoneId?: string
  replicationSpecId?: string
}

export interface AutoExportPolicy {
  exportBucketId?: string
  frequencyType?: 'monthly' | 'yearly'
}

export interface ExtraRetentionSetting {
  frequencyType?: CopyFrequency
  retentionDays?: number
}

/** DiskBackupSnapshotSchedule(20240805): the backup schedule of one cluster, as GET returns it. */
export interface BackupSchedule {
  /** Copy settings managed by Atlas to follow the cluster's topology (2024-08-05). */
  autoCopySettingsEnabled?: boolean
  autoExportEnabled?: boolean
  clusterId?: string
  clusterName?: string
  copyPolicyItemsEnabled?: boolean
  copySettings?: CopySetting[]
  export?: AutoExportPolicy
  extraRetentionSettings?: ExtraRetentionSetting[]
  links?: Link[]
  nextSnapshot?: string
  policies: SchedulePolicy[]
  referenceHourOfDay?: number
  referenceMinuteOfHour?: number
  restoreWindowDays?: number
  useOrgAndGroupNamesInExportPrefix?: boolean
}

/** The PATCH body: every field optional; write-only flags apply once and are never returned. */
export interface BackupSchedulePatch extends Partial<Omit<BackupSchedule, 'clusterId' | 'links' | 'nextSnapshot'>> {
  deleteSnapshots?: boolean
  deleteCopiedBackups?: Array<{cloudProvider?: CloudProvider; regionName?: string; zoneId?: string}>
  /** Copy policy items removed by this PATCH take their copies with them (requires copyPolicyItemsEnabled). */
  deleteCopySnapshots?: boolean
  /** Retention changes of copy policy items apply to the copies already made (rule 62). */
  updateCopySnapshots?: boolean
  updateSnapshots?: boolean
}

/** The state of a project's Backup Compliance Policy (rule 87: ENABLING or UPDATING after a PUT, then ACTIVE). */
export type CompliancePolicyState = 'ACTIVE' | 'ENABLING' | 'UPDATING' | 'DISABLING'

/** BackupComplianceScheduledPolicyItem / BackupComplianceOnDemandPolicyItem: a minimum every cluster policy must meet. */
export type CompliancePolicyItem = PolicyItem

/** DataProtectionSettings20231001: the project's Backup Compliance Policy, as GET and PUT return it (rule 86). */
export interface CompliancePolicy {
  authorizedEmail: string
  authorizedUserFirstName: string
  authorizedUserLastName: string
  copyProtectionEnabled: boolean
  deletable: boolean
  encryptionAtRestEnabled: boolean
  /** Real Atlas answers `null` when the policy has none (atlas-api-notes.md §9). */
  onDemandPolicyItem: CompliancePolicyItem | null
  pitEnabled: boolean
  projectId: string
  restoreWindowDays: number
  scheduledPolicyItems: CompliancePolicyItem[]
  state: CompliancePolicyState
  updatedDate?: string
  updatedUser?: string
}

/** The PUT body: what a client may send (read-only fields are ignored, as Atlas ignores them). */
export type CompliancePolicyRequest = Partial<Omit<CompliancePolicy, 'deletable' | 'state' | 'updatedDate' | 'updatedUser'>>

export type SnapshotStatus = 'queued' | 'inProgress' | 'completed' | 'failed'
export type SnapshotType = 'onDemand' | 'scheduled' | 'fallback'
/** Real Atlas reports `ondemand` on on-demand snapshots, outside the spec's enum (atlas-api-notes.md §8). */
export type SnapshotFrequencyType = ScheduledFrequencyType | 'ondemand'

interface SnapshotCommon {
  createdAt?: string
  description?: string
  expiresAt?: string
  frequencyType?: SnapshotFrequencyType
  id: string
  links?: Link[]
  masterKeyUUID?: string
  mongodVersion?: string
  policyItems?: string[]
  snapshotType: SnapshotType
  status: SnapshotStatus
  storageSizeBytes?: number
}

/** DiskBackupReplicaSet */
export interface ReplicaSetSnapshot extends SnapshotCommon {
  cloudProvider?: CloudProvider
  copyRegions?: string[]
  replicaSetName?: string
  type: 'replicaSet'
}

export interface ShardedSnapshotMember {
  cloudProvider: CloudProvider
  id: string
  replicaSetName: string
}

/** DiskBackupShardedClusterSnapshot */
export interface ShardedClusterSnapshot extends SnapshotCommon {
  configServerType?: 'EMBEDDED' | 'DEDICATED'
  members?: ShardedSnapshotMember[]
  snapshotIds?: string[]
  type: 'shardedCluster'
}

/** DiskBackupSnapshot: discriminated on `type`. */
export type Snapshot = ReplicaSetSnapshot | ShardedClusterSnapshot

/** ServerlessBackupSnapshot */
export interface ServerlessSnapshot {
  createdAt?: string
  expiresAt?: string
  frequencyType?: 'hourly' | 'daily' | 'weekly' | 'monthly'
  id: string
  links?: Link[]
  mongodVersion?: string
  serverlessInstanceName?: string
  snapshotType: 'onDemand' | 'scheduled'
  status: SnapshotStatus
  storageSizeBytes?: number
}

/** DiskBackupOnDemandSnapshotRequest */
export interface OnDemandSnapshotRequest {
  description?: string
  retentionInDays?: number
}

/** BackupSnapshotRetention: PATCH body of one snapshot's retention. */
export interface SnapshotRetentionPatch {
  retentionUnit: SnapshotRetentionUnit
  retentionValue: number
}

/**
 * ApiBSONTimestampView: a point in the oplog (a date and the ordinal of the operation within its second). On a job
 * without one, real Atlas sends `{increment: null, time: null, date: null}`: nulls the spec does not allow and a
 * `time` it does not name (atlas-api-notes.md §9), so a reader must treat null like absent.
 */
export interface BsonTimestamp {
  date?: string | null
  increment?: number | null
  time?: number | null
}

/** How a restore job delivers the snapshot: onto a target cluster, as a download, or replayed to a point in time. */
export type RestoreDeliveryType = 'automated' | 'download' | 'pointInTime'

/** ApiPrivateDownloadDeliveryUrl: a download URL reachable through one private endpoint. */
export interface PrivateDownloadDeliveryUrl {
  deliveryUrl?: string
  /** `vpce-` and 17 hex digits. */
  endpointId?: string
}

/** DiskBackupRestoreMember: one replica set's part (a shard or the config server) of a sharded cluster's restore. */
export interface RestoreJobComponent {
  downloadUrl?: string
  privateDownloadDeliveryUrls?: PrivateDownloadDeliveryUrl[]
  replicaSetName?: string
}

/**
 * The body of POST …/clusters/{clusterName}/backup/restoreJobs (the writable fields of DiskBackupSnapshotRestoreJob),
 * in the order the Atlas CLI sends them. Which fields a delivery type needs is a rule (src/lib/restores), not a type:
 * `automated` and `pointInTime` need the target; a point in time is `oplogTs`+`oplogInc` or `pointInTimeUTCSeconds`.
 */
export interface RestoreJobRequest {
  deliveryType: RestoreDeliveryType
  /** With oplogTs: the ordinal of the operation within that second (≥ 1). */
  oplogInc?: number
  /** With oplogInc: seconds since the Unix epoch (≥ 1199145600, 2008-01-01). */
  oplogTs?: number
  /** Seconds since the Unix epoch (≥ 1199145600). */
  pointInTimeUTCSeconds?: number
  /** 24 hex digits; the snapshot to restore (automated, download). */
  snapshotId?: string
  targetClusterName?: string
  /** The target cluster's project (the CLI's --targetProjectId). */
  targetGroupId?: string
}

/** What a cluster's and a serverless instance's restore jobs report besides the request they were created with. */
interface RestoreJobState {
  /** Set on every job Atlas returns, though the spec marks it only readOnly. */
  id: string
  cancelled?: boolean
  /** Download URLs: `[]` until the download is ready (the POST answers with `[]`). */
  deliveryUrl?: string[]
  /** The oplog point a point-in-time job restores to. */
  desiredTimestamp?: BsonTimestamp
  expired?: boolean
  /** When a download's URLs stop working. */
  expiresAt?: string
  failed?: boolean
  /** Absent while the job runs; set when it is done (the Atlas CLI's `restores watch` stops on it). */
  finishedAt?: string
  links?: Link[]
  /**
   * Emulator only, not in Atlas's API: the region of the copy that served the restore because the snapshot's own
   * region was out (`local regions outage`). Absent when the snapshot's region served it, as on Atlas.
   */
  servedFromCopyRegion?: string
  /** Real Atlas adds it on automated and point-in-time jobs (the target's deployment item); not in the spec. */
  targetDeploymentItemName?: string
  /** When the restored snapshot was taken. */
  timestamp?: string
}

/** DiskBackupSnapshotRestoreJob: a restore job of a dedicated cluster, as GET and POST return it. */
export interface RestoreJob extends RestoreJobRequest, RestoreJobState {
  /** Per-replica-set download URLs of a sharded cluster's download job. */
  components?: RestoreJobComponent[]
  privateDownloadDeliveryUrls?: PrivateDownloadDeliveryUrl[]
}

/**
 * The body of POST …/serverless/{clusterName}/backup/restoreJobs (ServerlessBackupRestoreJob). Unlike a cluster's,
 * the spec requires the target even for a download, and the Atlas CLI always sends both (`""` when unset).
 */
export interface ServerlessRestoreJobRequest extends RestoreJobRequest {
  targetClusterName: string
  targetGroupId: string
}

/**
 * ServerlessBackupRestoreJob: a serverless instance's restore job (no components, no private URLs). The spec marks the
 * target required here too; it is optional in this type because an answer is read as Atlas wrote it.
 */
export interface ServerlessRestoreJob extends RestoreJobRequest, RestoreJobState {}

/** Every Paginated*View: `{links, results, totalCount}`; totalCount is omitted when includeCount=false. */
export interface Paginated<T> {
  links?: Link[]
  results: T[]
  totalCount?: number
}

export interface PageRequest {
  pageNum?: number
  itemsPerPage?: number
  includeCount?: boolean
}

/** ApiError: the Atlas error envelope. */
export interface ApiErrorBody {
  badRequestDetail?: {fields?: Array<{description: string; field: string}>} | null
  detail?: string | null
  error: number
  errorCode: string
  parameters?: unknown[]
  reason?: string | null
}

/** One zone of a cluster, as copy settings name it (rules 56, 57): one for a replica set or sharded cluster. */
export interface ClusterZone {
  zoneId: string
  /** The replication specs of the zone (one per shard): the 2023-01-01 API names the zone by one of them. */
  replicationSpecIds: string[]
  /** The zone's highest-priority region, where its primary is and its snapshots are taken. */
  primaryRegion?: string
  /** The provider of that region: a Global Cluster's zones may differ, and copies stay with it (rule 57). */
  provider?: CloudProvider
  /** Every region the zone has nodes in. */
  regions: string[]
}

/** The facts about a cluster that backup rules depend on (tier rules, NVMe, PIT, provider, zones). */
export interface ClusterFacts {
  /** Instance size name as Atlas spells it: M0, M2, M5, M10 … M700, R40 …, M40_NVME …, FLEX, SERVERLESS. */
  tier: string
  nvme?: boolean
  /** Continuous Cloud Backup (point-in-time restore) enabled. */
  pitEnabled?: boolean
  provider?: CloudProvider
  /** The cluster's zones, when known: copy settings must name one and a region other than its primary's. */
  zones?: ClusterZone[]
}

export interface HardwareSpec {
  instanceSize?: string
  nodeCount?: number
  diskSizeGB?: number
}

/** CloudRegionConfig20240805, the parts a backup tool reads. providerName TENANT marks M0/M2/M5. */
export interface RegionConfig {
  backingProviderName?: CloudProvider
  electableSpecs?: HardwareSpec
  readOnlySpecs?: HardwareSpec
  analyticsSpecs?: HardwareSpec
  priority?: number
  providerName?: CloudProvider | 'TENANT'
  regionName?: string
}

export interface ReplicationSpec {
  id?: string
  regionConfigs?: RegionConfig[]
  zoneId?: string
  zoneName?: string
}

/** ClusterDescription20240805, trimmed to what backups need. */
export interface ClusterDescription {
  backupEnabled?: boolean
  clusterType?: 'REPLICASET' | 'SHARDED' | 'GEOSHARDED'
  createDate?: string
  encryptionAtRestProvider?: 'NONE' | 'AWS' | 'AZURE' | 'GCP'
  groupId?: string
  id?: string
  links?: Link[]
  mongoDBMajorVersion?: string
  mongoDBVersion?: string
  name?: string
  paused?: boolean
  pitEnabled?: boolean
  replicationSpecs?: ReplicationSpec[]
  stateName?: 'IDLE' | 'CREATING' | 'UPDATING' | 'DELETING' | 'REPAIRING'
}

/**
 * A snapshot export bucket (DiskBackupSnapshotExportBucketResponse, 2024-05-30): AWS S3 with a cloud provider access
 * role (`iamRoleId`), or an Azure Blob container with its service URL, role and tenant. `_id` is Atlas's key.
 */
export interface ExportBucket {
  _id: string
  bucketName: string
  cloudProvider: CloudProvider
  iamRoleId?: string
  region?: string
  requirePrivateNetworking?: boolean
  roleId?: string
  serviceUrl?: string
  tenantId?: string
  links?: Link[]
}

/** The create body: AWS needs bucketName and iamRoleId; Azure needs roleId and serviceUrl (bucketName optional). */
export interface ExportBucketRequest {
  cloudProvider: CloudProvider
  bucketName?: string
  iamRoleId?: string
  requirePrivateNetworking?: boolean
  roleId?: string
  serviceUrl?: string
  tenantId?: string
}

/** UpdateRequirePrivateNetworkingRequestView: the only thing a bucket's PATCH changes. */
export interface ExportBucketPatch {
  requirePrivateNetworking: boolean
}

export type ExportJobState = 'Queued' | 'InProgress' | 'Successful' | 'Failed' | 'Cancelled'

export interface BackupLabel {
  key: string
  value: string
}

/** DiskBackupExportJobRequest. */
export interface ExportJobRequest {
  exportBucketId: string
  snapshotId: string
  customData?: BackupLabel[]
}

/** DiskBackupExportJob: one snapshot exported to a bucket; a sharded cluster's job has one component per replica set. */
export interface ExportJob {
  id: string
  exportBucketId: string
  snapshotId?: string
  state?: ExportJobState | string
  createdAt?: string
  finishedAt?: string
  customData?: BackupLabel[]
  components?: Array<{exportId?: string; replicaSetName?: string}>
  exportStatus?: {exportedCollections?: number; totalCollections?: number}
  prefix?: string
  stateReason?: {errorCode?: string; message?: string}
  links?: Link[]
}

/** FlexClusterDescription20241114 as the Flex API answers it (recordings/backup_flex), the fields the emulator has. */
export interface FlexClusterDescription {
  backupSettings: {enabled: boolean}
  clusterType: 'REPLICASET'
  connectionStrings?: {standard?: string; standardSrv?: string}
  createDate: string
  groupId: string
  id: string
  mongoDBVersion: string
  name: string
  providerSettings: {backingProviderName: string; diskSizeGB: number; providerName: 'FLEX'; regionName: string}
  stateName: 'IDLE' | 'CREATING' | 'UPDATING' | 'DELETING' | 'REPAIRING'
  tags: Array<{key: string; value: string}>
  terminationProtectionEnabled: boolean
  versionReleaseSystem: 'LTS' | 'CONTINUOUS'
}

export type FlexStatus = 'PENDING' | 'QUEUED' | 'RUNNING' | 'FAILED' | 'COMPLETED'

/** FlexBackupSnapshot20241113: no links, upper-case status, `expiration` = `scheduledTime` + 8 days (rule 82). */
export interface FlexSnapshot {
  expiration?: string
  finishTime?: string
  id: string
  mongoDBVersion?: string
  scheduledTime?: string
  startTime?: string
  status: FlexStatus
}

/** FlexBackupRestoreJob20241113: a Flex cluster's restore (RESTORE) or download (DOWNLOAD). */
export interface FlexRestoreJob {
  deliveryType: 'RESTORE' | 'DOWNLOAD'
  expirationDate?: string
  id: string
  instanceName: string
  projectId: string
  restoreFinishedDate?: string
  restoreScheduledDate?: string
  snapshotFinishedDate?: string
  snapshotId: string
  snapshotUrl?: string
  status: FlexStatus
  targetDeploymentItemName?: string
  targetProjectId?: string
}

/** FlexBackupRestoreJobCreate20241113: the Atlas CLI sends instanceName, snapshotId, the target and its project. */
export interface FlexRestoreJobRequest {
  instanceName?: string
  snapshotId: string
  targetDeploymentItemName: string
  targetProjectId?: string
}

/** FlexBackupSnapshotDownloadCreate20241113. */
export interface FlexDownloadRequest {
  snapshotId: string
}

/**
 * Group (GET /groups, 2023-01-01): a project as Atlas lists it, the fields of the recorded POST /groups answer. Not in
 * the trimmed spec file; `regionUsageRestrictions` (Atlas for Government only) and `tags` may also appear.
 */
export interface Project {
  clusterCount: number
  created: string
  id: string
  links?: Link[]
  name: string
  orgId: string
  withDefaultAlertsSettings?: boolean
}

/**
 * ServerlessInstanceDescription (GET /groups/{groupId}/serverless, 2023-01-01), trimmed to what backups need. Not in
 * the trimmed spec file: the shape of the official API reference.
 */
export interface ServerlessInstanceDescription {
  connectionStrings?: {standardSrv?: string}
  createDate?: string
  groupId?: string
  id?: string
  links?: Link[]
  mongoDBVersion?: string
  name?: string
  providerSettings?: {backingProviderName?: CloudProvider; providerName?: 'SERVERLESS'; regionName?: string}
  serverlessBackupOptions?: {serverlessContinuousBackupEnabled?: boolean}
  stateName?: 'IDLE' | 'CREATING' | 'UPDATING' | 'DELETING' | 'REPAIRING'
  terminationProtectionEnabled?: boolean
}
