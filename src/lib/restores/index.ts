/**
 * The rules of restores and continuous backup (backup-rules.md rows 63–83), pure: no I/O, no clock (callers pass
 * `now`). A backend creating a restore job calls parseRestoreRequest on the body, looks up the clusters and snapshots,
 * then checkRestoreJob, which returns the plan or throws the Atlas error. The emulator keeps one OplogCoverage per
 * cluster, moves it with the events of the cluster's history (coverage.ts) in its catch-up, and restoreWindow renders
 * what a point-in-time restore can reach now.
 */
export {RestoreRuleError, cannotRestoreToTarget, invalidJobId, restoreJobNotFound} from './errors.js'
export {contains, intersect, normalize, subtract, type Interval} from './intervals.js'
export {
  applyCoverageEvent,
  continuousBackupOff,
  continuousBackupOn,
  coverageAfter,
  coverageFrom,
  emptyCoverage,
  oplogRollover,
  restoreStarted,
  snapshotCompleted,
  trimCoverage,
  type CoverageEvent,
  type LossReason,
  type LostSpan,
  type OplogCoverage,
  type RolloverEffect,
} from './coverage.js'
export {
  checkPointInTime,
  classifyInstant,
  describeGapReason,
  restoreWindow,
  windowStart,
  type AvailableSnapshot,
  type GapReason,
  type PointVerdict,
  type RestoreWindow,
  type WindowGap,
  type WindowInput,
} from './window.js'
export {assumedCoverage, policyWindow, type PolicyWindowInput} from './policy-window.js'
export {
  DELIVERY_TYPES,
  MAX_INT32,
  MIN_PIT_SECONDS,
  parseRestoreRequest,
  pointInTimeField,
  pointInTimeMs,
  type DeliveryType,
  type PointInTimeRequest,
  type RestoreRequest,
} from './request.js'
export {isSharded, type RestoreCluster, type RestoreSnapshot} from './facts.js'
export {checkTopology, shardMapping, type ShardMapping} from './topology.js'
export {checkVersions, mongoRelease, type MongoRelease} from './versions.js'
export {checkCancel, checkClusterUpdate, checkDownload, checkRestoreJobId, checkSourceSnapshot, checkTargetState} from './state.js'
export {SERVERLESS_RESTORE_WINDOW_DAYS, checkSourceTier, checkTargetTier, pitWindowDays} from './tiers.js'
export {
  ENCRYPTION_AT_REST_PROVIDERS,
  MAX_ACTIVE_DOWNLOADS_PER_PROJECT,
  checkDownloadEncryption,
  checkProjectDownloads,
  checkRestoreEncryption,
  type CustomerKeyProvider,
  type EncryptionAtRestProvider,
} from './encryption.js'
export {availableSnapshots, checkRestoreJob, type RestoreJobInput, type RestorePlan} from './job.js'
export {findServingRegion, servingRefusal, servingRegion, type OplogCopySpan, type RegionRef, type ServingRegion, type ServingRegionFacts} from './serving-region.js'
