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
export {availableSnapshots, checkRestoreJob, type RestoreJobInput, type RestorePlan} from './job.js'
