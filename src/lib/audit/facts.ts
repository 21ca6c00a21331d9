import type {TierKind} from '../tiers/tiers.js'

/** A fact read from the backend, or why it could not be: the controls that need it then fail with that reason. */
export type Read<T> = {ok: true; value: T} | {ok: false; reason: string}

/** A policy item as the audit compares it: Atlas's own, or one of the schedules Atlas fixes for a tier. */
export interface AuditedItem {
  frequencyType: 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly'
  /** Hourly items: every this many hours. */
  everyHours?: number
  /** Retention in the unit-weighted days of domain/retention.ts. */
  keptDays: number
  /** Retention in words ("7 days", "the 2 most recent (12 hours)"). */
  keptWords: string
}

export interface SnapshotHistory {
  /** Creation instant (ms) of the newest completed snapshot; null when the cluster has none. */
  newestCompletedAt: number | null
  /** Failed snapshots created within the window the standard looks back over, newest first (ISO instants). */
  failedSince: string[]
}

export interface CopyTarget {
  regionName: string
  /** The region the copied snapshots are taken in (the zone's highest-priority region). */
  sourceRegion?: string
  /** Whether the setting copies anything (frequencies, copy policy items or a number of snapshots). */
  copiesSomething: boolean
}

/**
 * Everything the controls read about one cluster or serverless instance. Gathered through Backend methods only
 * (gather.ts), so it is the same on the emulator and on Atlas; the controls themselves are pure.
 */
export interface DeploymentFacts {
  kind: 'cluster' | 'serverless'
  tier: string
  tierKind: TierKind
  /** Cloud Backup on (M0 never; a dedicated cluster may have turned it off). */
  backupEnabled: boolean
  /** The backup policy: the cluster's schedule, or the one Atlas fixes for the tier (`fixedByAtlas`). */
  policy: Read<AuditedItem[]>
  fixedByAtlas: boolean
  /** Continuous Cloud Backup (PIT) on; serverless: Serverless Continuous Backup. */
  continuousBackup: boolean
  restoreWindowDays: Read<number | undefined>
  copies: Read<CopyTarget[]>
  snapshots: Read<SnapshotHistory>
  /** The project's compliance policy state, null when it has none. */
  compliancePolicy: Read<string | null>
}
