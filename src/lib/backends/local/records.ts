import type {OplogKeptFor} from '../../compliance/enforcement.js'
import type {CloudProvider, RetentionUnit, SnapshotFrequencyType, SnapshotType} from '../../domain/types.js'
import {coverageFrom, type OplogCoverage} from '../../restores/coverage.js'
import type {CustomerKeyProvider} from '../../restores/encryption.js'
import type {OplogRegionMove} from '../../restores/oplog-region-moves.js'
import type {SnapshotVolume} from '../../snapshots/index.js'
import type {SharedTierStorageLocation} from '../../snapshots/storage-location.js'
import type {ClusterSpec} from './fleet.js'

/** How one replica set (or shard, or config server) was snapshotted: which node, and why. */
export interface MemberRecord {
  id: string
  replicaSetName: string
  hostname?: string
  kind: 'full' | 'incremental'
  sizeBytes: number
  /** The deciding steps of the node-selection algorithm, for `local snapshots explain`. */
  reasons: string[]
  skipped: Array<{hostname: string; reason: string}>
}

/**
 * A snapshot as the emulator stores it: the planned timeline rather than a status, so that the status at any
 * virtual instant is derived (queued → inProgress → completed or failed) and a frozen clock shows the same state.
 */
export interface SnapshotRecord {
  id: string
  snapshotType: SnapshotType
  frequencyType: SnapshotFrequencyType
  policyItemId?: string
  description?: string
  /** Firing instant of a scheduled snapshot, or the moment an on-demand snapshot was requested. */
  requestedAt: number
  startedAt: number
  finishesAt: number
  failed: boolean
  retentionUnit: RetentionUnit
  retentionValue: number
  /** Final expiry (for on-demand snapshots: completion + retention, as Atlas recomputes it). */
  expiresAt: number
  /** The retention was changed on this snapshot alone; `updateSnapshots` leaves it alone (rule 34). */
  retentionEdited?: boolean
  /**
   * Kept past its retention by the schedule's extraRetentionSettings under a Backup Compliance Policy (rule 92): the
   * expiry its retention gave; the policy protects it until then, it may be deleted from then until `expiresAt`.
   */
  protectedUntil?: number
  mongodVersion: string
  cloudProvider: CloudProvider
  members: MemberRecord[]
  /** Taken while the cluster used encryption at rest with a customer key: that key, and its provider. */
  customerKey?: {provider: CustomerKeyProvider; masterKeyUUID: string}
  /**
   * Copies of this snapshot in other regions made under the schedule's copy settings (rules 33, 56–62): one per
   * target region, listed in the API's `copyRegions`. Absent in stores written before copies existed: none.
   */
  copies?: SnapshotCopyRecord[]
  /**
   * M2/M5 snapshots: the cluster's region when it was taken, and where Atlas stores such snapshots (seed: "Backup
   * Snapshot Storage Locations"). Emulator-only, for `local snapshots explain`: no Atlas API field carries it.
   */
  sharedTierStorage?: {regionName: string; location: SharedTierStorageLocation}
  /**
   * The cluster's data when the snapshot was taken: a full copy in another region holds all of it (GCP copies are
   * full). Absent in stores written before copies had sizes: read the cluster's data size now.
   */
  dataSizeBytes?: number
}

/** One copy of a snapshot in another region. */
export interface SnapshotCopyRecord {
  cloudProvider: CloudProvider
  regionName: string
  zoneId: string
  /** When the copy exists from (the snapshot's completion, or later when the setting was added later). */
  copiedAt: number
  /** When the copy goes, if not with the snapshot (copy policy items with their own retention). */
  expiresAt?: number
}

/** Mutable per-cluster state carried between commands. */
export interface ClusterState {
  /** Snapshot storage volume per replica set name. */
  volumes: Record<string, SnapshotVolume>
  /** Counter for ids that must be unique but reproducible under a frozen clock. */
  sequence: number
  /**
   * Continuous Cloud Backup's oplog coverage, moved forward by the catch-up and by cluster changes. Absent in stores
   * written before restores existed: read it as coverageFrom(createdAt, spec.continuousBackup).
   */
  coverage?: OplogCoverage
  /** A restore into this cluster runs until this instant (epoch ms): the cluster takes no changes before it. */
  restoringUntil?: number
  /** When shards were last added or removed: snapshots taken before cannot be restored into this cluster. */
  shardsChangedAt?: number
  /** What the last automated or point-in-time restore into this cluster wrote over it, for `local clusters` to show. */
  restoredFrom?: RestoredContent
  /**
   * Where the oplog has been copied to, and when (copy settings with shouldCopyOplogs, rule 59): a restore served
   * from a copy region can replay the oplog only over these spans. Absent: never copied.
   */
  oplogCopies?: OplogCopyRecord[]
  /**
   * The cluster was terminated and its snapshots kept until they expire (rules 55, 91): by `retainBackups`, or
   * because a Backup Compliance Policy was in force. Its row stays, under a name no lookup matches, for them.
   */
  terminated?: TerminatedCluster
  /** A restore window shortened under a compliance policy: the oplog already collected keeps the old one (rule 36). */
  oplogKeptFor?: OplogKeptFor
  /** One per copy setting with lastNumberOfSnapshots (rule 62): the last copies made to its target. Absent: none. */
  copyWindows?: CopyWindowRecord[]
  /** Auto-export has created the export jobs of the snapshots completed up to this instant (auto-export.ts). */
  autoExportedTo?: number
  /**
   * Moves of the highest-priority region made with Continuous Cloud Backup on, oldest first (rule 66): the old
   * region keeps the oplog collected before the move until the new one holds the whole window. Absent: none.
   */
  oplogRegionMoves?: OplogRegionMove[]
}

/**
 * The rolling window of a copy setting with lastNumberOfSnapshots N: the target keeps the N most recent copies, and a
 * copy goes when the N-th newer one completes. `recent` holds the last N copies made (of snapshots the catch-up never
 * stored too: they counted), so the copy a new one pushes out is known without reading the store.
 */
export interface CopyWindowRecord {
  cloudProvider: CloudProvider
  regionName: string
  zoneId: string
  /** The setting took effect at this instant: snapshots requested after it are copied. */
  since: number
  /** The most recent copies made to the target, oldest first: their snapshot's id and request instant. */
  recent: WindowedCopy[]
}

export interface WindowedCopy {
  id: string
  at: number
}

export interface TerminatedCluster {
  /** The name it had: free for a new cluster unless a compliance policy reserves it. */
  name: string
  at: number
  retainedBy: 'retainBackups' | 'compliancePolicy'
}

/** A span during which the oplog was copied from the cluster's primary region to another region. */
export interface OplogCopyRecord {
  cloudProvider: CloudProvider
  regionName: string
  zoneId: string
  /** The region the oplog was copied from: the cluster's highest-priority region then. */
  fromRegion: string
  /** Copying started (epoch ms). */
  from: number
  /** Copying stopped; absent while it goes on. */
  to?: number
}

/** The data a restore put into a cluster: whose, from which snapshot, and to which moment. */
export interface RestoredContent {
  restoreJobId: string
  groupId: string
  clusterName: string
  snapshotId: string
  /** Point-in-time restores: the instant restored to (epoch ms). */
  pointInTime?: number
  startedAt: number
  finishesAt: number
}

export interface ClusterRow {
  id: string
  projectId: string
  name: string
  spec: ClusterSpec
  createdAt: number
  advancedTo: number
  state: ClusterState
}

export function emptyClusterState(): ClusterState {
  return {volumes: {}, sequence: 0}
}

/** The cluster's oplog coverage; a store written before restores existed has none stored and gets it from creation. */
export function clusterCoverage(cluster: ClusterRow): OplogCoverage {
  return cluster.state.coverage ?? coverageFrom(cluster.createdAt, cluster.spec.continuousBackup)
}
