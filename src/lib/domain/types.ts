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

export interface CopySetting {
  cloudProvider?: CloudProvider
  frequencies?: CopyFrequency[]
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
  updateSnapshots?: boolean
}

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

export interface BsonTimestamp {
  date?: string | null
  increment?: number | null
}

/** DiskBackupSnapshotRestoreJob */
export interface RestoreJob {
  cancelled?: boolean
  deliveryType: 'automated' | 'download' | 'pointInTime'
  deliveryUrl?: string[]
  desiredTimestamp?: BsonTimestamp
  expired?: boolean
  expiresAt?: string
  failed?: boolean
  finishedAt?: string
  id?: string
  links?: Link[]
  oplogInc?: number
  oplogTs?: number
  pointInTimeUTCSeconds?: number
  snapshotId?: string
  targetClusterName?: string
  targetGroupId?: string
  timestamp?: string
}

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

/** The facts about a cluster that backup rules depend on (tier rules, NVMe, PIT, provider). */
export interface ClusterFacts {
  /** Instance size name as Atlas spells it: M0, M2, M5, M10 … M700, R40 …, M40_NVME …, FLEX, SERVERLESS. */
  tier: string
  nvme?: boolean
  /** Continuous Cloud Backup (point-in-time restore) enabled. */
  pitEnabled?: boolean
  provider?: CloudProvider
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
