import {rmSync} from 'node:fs'

import {clustersBelowCompliancePolicy, groupNotFound, shardedBackupNeedsMongoDB40} from '../../domain/atlas-errors.js'
import {AtlasApiError} from '../../domain/errors.js'
import {toIso} from '../../domain/time.js'
import {snapshotStateAt, type VolumeEvent} from '../../snapshots/index.js'
import {supportsShardedBackup} from '../../snapshots/sharded-consistency.js'
import {oplogRegionView, type OplogRegionView} from '../../restores/oplog-regions.js'
import {checkNameReusable, retentionOnTermination} from '../../compliance/enforcement.js'
import {readClock, writeClock, type ClockState} from './clock.js'
import {compliancePolicyInForce} from './compliance-policy-repository.js'
import {invalidateVolumes, type ChangeEffect} from './cluster-changes.js'
import {bringUpToCompliancePolicy, underCompliancePolicy, unraisableShortfalls} from './compliance-on-cluster.js'
import {cloudBackupOn, isValidClusterName, type ClusterRequest} from './fleet.js'
import type {LocalBackend} from './local-backend.js'
import type {LocalSession} from './session.js'
import type {RestoredContent} from './records.js'
import type {ClusterWithSchedule} from './repository.js'
import {newCluster} from './seed.js'
import {copyFacts, sharedTierStorageFact, type CopyFact, type SharedTierStorageFact} from './snapshot-storage-facts.js'
import {shardedSnapshotFact, type ShardedSnapshotFact} from './sharded-snapshot-facts.js'
import {storePath} from './store.js'
import {oplogRegionsOf} from './oplog-region-facts.js'

/** Operations on the emulator itself (not Atlas API operations): its clock, fleet, node health and internals. */

export interface ClockView {
  now: string
  frozen: boolean
  offsetMs: number
}

function clockView(state: ClockState, now: number): ClockView {
  return {now: toIso(now), frozen: state.frozenAt !== null, offsetMs: state.frozenAt === null ? state.offsetMs : 0}
}

export function showClock(backend: LocalBackend): ClockView {
  return backend.transact((s) => clockView(readClock(s.repo.db), s.now))
}

/** Applies a clock change; the world catches up (or rewinds) when each cluster is next looked at. */
export function changeClock(backend: LocalBackend, change: (state: ClockState, wallNow: number) => ClockState): ClockView {
  return backend.transact((s) => {
    const wall = backend.wallNow()
    const next = change(readClock(s.repo.db), wall)
    writeClock(s.repo.db, next)
    return clockView(next, next.frozenAt ?? wall + next.offsetMs)
  })
}

export interface ClusterSummary {
  name: string
  projectId: string
  kind: string
  tier: string
  provider: string
  clusterType: string
  regions: string
  shards: number
  nvme: boolean
  /** Cloud Backup: off only once turned off (`local clusters update --noCloudBackup`), and on M0. */
  backupEnabled: boolean
  continuousBackup: boolean
  /** Paused clusters take no scheduled snapshots and cannot be restore targets. */
  paused: boolean
  mongoDBVersion: string
  createdAt: string
  snapshots: number
  /** What the last automated or point-in-time restore wrote over the cluster; absent when none ever did. */
  restoredFrom?: RestoredFromSummary
  /** Terminated, its snapshots kept until they expire (rules 55, 91); the Atlas API no longer finds it. */
  terminated?: {at: string; retainedBy: 'retainBackups' | 'compliancePolicy'}
}

export interface RestoredFromSummary {
  restoreJobId: string
  projectId: string
  clusterName: string
  snapshotId: string
  /** Point-in-time restores: the moment restored to. */
  pointInTime?: string
  /** Until then the restore runs, and the cluster takes no changes. */
  finishesAt: string
  running: boolean
}

function restoredFromSummary(content: RestoredContent, now: number): RestoredFromSummary {
  return {
    restoreJobId: content.restoreJobId,
    projectId: content.groupId,
    clusterName: content.clusterName,
    snapshotId: content.snapshotId,
    ...(content.pointInTime === undefined ? {} : {pointInTime: toIso(content.pointInTime)}),
    finishesAt: toIso(content.finishesAt),
    running: content.finishesAt > now,
  }
}

function summary(s: LocalSession, cluster: ClusterWithSchedule): ClusterSummary {
  const spec = cluster.spec
  const terminated = cluster.state.terminated
  return {
    name: terminated?.name ?? cluster.name,
    projectId: cluster.projectId,
    kind: spec.kind,
    tier: spec.tier,
    provider: spec.provider,
    clusterType: spec.kind === 'serverless' ? 'SERVERLESS' : spec.clusterType,
    regions: spec.regions.map((r) => `${r.regionName}:${r.nodeCount}:${r.priority}`).join(','),
    shards: spec.clusterType === 'SHARDED' ? spec.replicaSets.length : 0,
    nvme: spec.nvme,
    backupEnabled: cloudBackupOn(spec),
    continuousBackup: spec.continuousBackup,
    paused: Boolean(spec.paused),
    mongoDBVersion: spec.mongoDBVersion,
    createdAt: toIso(cluster.createdAt),
    snapshots: s.repo.countSnapshots(cluster.id),
    ...(cluster.state.restoredFrom ? {restoredFrom: restoredFromSummary(cluster.state.restoredFrom, s.now)} : {}),
    ...(terminated ? {terminated: {at: toIso(terminated.at), retainedBy: terminated.retainedBy}} : {}),
  }
}

/**
 * Live clusters, then terminated ones that still keep snapshots (or whose name a compliance policy reserves), so
 * what was retained stays in view. A terminated cluster with nothing left and no policy is forgotten here.
 */
export function listFleet(backend: LocalBackend, projectId?: string): ClusterSummary[] {
  return backend.transact((s) => {
    if (projectId !== undefined) s.requireProject(projectId)
    const all = s.repo.clusters(projectId, {terminated: true})
    const live = all.filter((cluster) => !cluster.state.terminated)
    const terminated = all.filter((cluster) => cluster.state.terminated)
    for (const cluster of all) s.advance(cluster)
    const kept = terminated.filter((cluster) => {
      if (s.repo.countSnapshots(cluster.id) > 0 || compliancePolicyInForce(s.repo.db, cluster.projectId)) return true
      s.repo.deleteCluster(cluster.id)
      return false
    })
    return [...live, ...kept].map((cluster) => summary(s, cluster))
  })
}

export interface CreatedCluster extends ClusterSummary {
  /** What the project's Backup Compliance Policy changed on the new cluster (rule 88); absent when nothing. */
  compliancePolicyEffects?: ChangeEffect[]
}

/**
 * Adds a cluster. Under a Backup Compliance Policy a cluster it covers starts at the policy's minimum (rule 88):
 * Continuous Cloud Backup on when the policy requires point-in-time restore, the default schedule raised as the
 * policy's PUT raises existing ones; one the policy would refuse (no customer key where the policy requires
 * encryption, an NVMe hourly interval) is refused, as the PUT refuses a project with such a cluster.
 */
export function createCluster(backend: LocalBackend, projectId: string, request: ClusterRequest): CreatedCluster {
  return backend.transact((s) => {
    s.requireProject(projectId)
    if (!isValidClusterName(request.name)) {
      throw new AtlasApiError(400, 'INVALID_CLUSTER_NAME', `Cluster name ${request.name} is invalid: use letters, digits and hyphens, starting with a letter or digit.`, [request.name])
    }
    if (s.repo.findCluster(projectId, request.name)) {
      throw new AtlasApiError(400, 'DUPLICATE_CLUSTER_NAME', `A cluster named ${request.name} already exists in group ${projectId}.`, [request.name, projectId])
    }
    const policy = compliancePolicyInForce(s.repo.db, projectId)
    checkNameReusable(policy, request.name, s.repo.terminatedClusters(projectId).map((c) => c.state.terminated!.name))
    let cluster = newCluster(projectId, request, s.now)
    // A new dedicated cluster always starts with Cloud Backup on, so a sharded one needs a release it supports.
    if (cluster.spec.clusterType === 'SHARDED' && !supportsShardedBackup(cluster.spec.mongoDBVersion)) {
      throw shardedBackupNeedsMongoDB40(request.name, cluster.spec.mongoDBVersion, 'create it with MongoDB 4.0 or later (--mongodbVersion)')
    }
    if (!policy || !underCompliancePolicy(cluster)) {
      s.repo.insertCluster(cluster)
      return summary(s, cluster)
    }
    const gaps = unraisableShortfalls(cluster, policy)
    if (gaps.length > 0) {
      // One cluster: the detail names every gap, so no field list (which the CLI would print line by line) is needed.
      throw clustersBelowCompliancePolicy([request.name], `a new cluster must meet it from the start, and ${gaps.map((gap) => gap.message).join('; ')}`, [])
    }
    const effects: ChangeEffect[] = []
    // Born with continuous backup, so its default schedule is the one with the hourly item (as --continuousBackup).
    if (policy.pitEnabled && !cluster.spec.continuousBackup) {
      cluster = newCluster(projectId, {...request, continuousBackup: true}, s.now)
      effects.push({kind: 'compliancePolicy', detail: 'Backup Compliance Policy: Continuous Cloud Backup on, as the policy requires point-in-time restore (rule 88)'})
    }
    s.repo.insertCluster(cluster)
    effects.push(...bringUpToCompliancePolicy(s, cluster, policy))
    s.repo.saveCluster(cluster)
    return {...summary(s, cluster), ...(effects.length > 0 ? {compliancePolicyEffects: effects} : {})}
  })
}

export interface ClusterDeletion {
  deleted: true
  name: string
  /** Snapshots kept until they expire (rules 55, 91): `local clusters list` shows them under the terminated cluster. */
  retainedSnapshots: number
  /** Why they were kept; absent when they were deleted with the cluster. */
  retainedBy?: 'retainBackups' | 'compliancePolicy'
  /** When the last kept snapshot expires. */
  retainedUntil?: string
}

/**
 * Terminating a cluster deletes its snapshots at once, as Atlas does, unless `retainBackups` asks to keep them or a
 * Backup Compliance Policy is in force, which always keeps them (rules 55, 91): they then expire as planned.
 */
export function deleteCluster(backend: LocalBackend, projectId: string, name: string, options: {retainBackups?: boolean} = {}): ClusterDeletion {
  return backend.transact((s) => {
    const cluster = s.anyCluster(projectId, name)
    const retainedBy = retentionOnTermination(compliancePolicyInForce(s.repo.db, projectId), options.retainBackups)
    const snapshots = s.repo.snapshotsOf(cluster.id)
    if (!retainedBy || (snapshots.length === 0 && retainedBy === 'retainBackups')) {
      s.repo.deleteCluster(cluster.id)
      return {deleted: true, name, retainedSnapshots: 0}
    }
    cluster.state.terminated = {name: cluster.name, at: s.now, retainedBy}
    s.repo.markTerminated(cluster)
    const lastExpiry = Math.max(...snapshots.map((record) => record.expiresAt))
    return {deleted: true, name, retainedSnapshots: snapshots.length, retainedBy, ...(snapshots.length > 0 ? {retainedUntil: toIso(lastExpiry)} : {})}
  })
}

export interface NodeRow {
  cluster: string
  replicaSet: string
  hostname: string
  region: string
  regionPriority: number
  memberPriority: number
  state: string
  healthy: boolean
}

function nodeRows(cluster: ClusterWithSchedule): NodeRow[] {
  const sets = cluster.spec.configServer ? [...cluster.spec.replicaSets, cluster.spec.configServer] : cluster.spec.replicaSets
  return sets.flatMap((set) =>
    set.nodes.map((node) => ({
      cluster: cluster.name,
      replicaSet: set.name,
      hostname: node.hostname,
      region: node.regionName,
      regionPriority: node.regionPriority,
      memberPriority: node.memberPriority,
      state: node.state,
      healthy: node.healthy,
    })),
  )
}

export function listNodes(backend: LocalBackend, projectId: string, clusterName?: string): NodeRow[] {
  return backend.transact((s) => {
    s.requireProject(projectId)
    // A Flex cluster has nodes too, though the cluster API refuses it (rule 82): look it up as any cluster.
    const flex = clusterName !== undefined && s.repo.findCluster(projectId, clusterName)?.spec.kind === 'flex'
    const clusters = clusterName === undefined ? s.repo.clusters(projectId) : [flex ? s.anyCluster(projectId, clusterName) : s.cluster(projectId, clusterName)]
    return clusters.filter((c) => c.spec.kind !== 'serverless').flatMap(nodeRows)
  })
}

/**
 * Marks a node healthy or not. The cluster is first brought up to now, so snapshots that fired before this moment
 * keep the node choice they had; from now on node selection skips an unhealthy node.
 */
export function setNodeHealth(backend: LocalBackend, projectId: string, hostname: string, healthy: boolean): NodeRow {
  return backend.transact((s) => {
    s.requireProject(projectId)
    for (const cluster of s.repo.clusters(projectId)) {
      const sets = cluster.spec.configServer ? [...cluster.spec.replicaSets, cluster.spec.configServer] : cluster.spec.replicaSets
      const node = sets.flatMap((set) => set.nodes).find((n) => n.hostname === hostname)
      if (!node) continue
      s.advance(cluster)
      node.healthy = healthy
      s.repo.saveCluster(cluster)
      return nodeRows(cluster).find((row) => row.hostname === hostname)!
    }
    throw new AtlasApiError(404, 'HOST_NOT_FOUND', `No host named ${hostname} exists in group ${projectId}.`, [hostname, projectId])
  })
}

export interface StorageEventResult {
  cluster: string
  event: VolumeEvent
  /** Each replica set's snapshot volume after the event: invalid until the next snapshot elects a node. */
  volumes: Array<{replicaSet: string; hostname?: string; valid: boolean}>
}

/**
 * One of the events the seed lists (tier, disk or region change, a new highest-priority region, maintenance): every
 * snapshot volume of the cluster becomes invalid, so its next snapshot elects a node in the primary's region and
 * copies in full.
 */
export function storageEvent(backend: LocalBackend, projectId: string, name: string, event: VolumeEvent): StorageEventResult {
  return backend.transact((s) => {
    const cluster = s.cluster(projectId, name)
    invalidateVolumes(cluster, event)
    s.repo.saveCluster(cluster)
    return {cluster: cluster.name, event, volumes: Object.entries(cluster.state.volumes).map(([replicaSet, v]) => ({replicaSet, hostname: v.hostname, valid: v.valid}))}
  })
}

export interface SnapshotExplanation {
  snapshotId: string
  cluster: string
  snapshotType: string
  frequencyType: string
  policyItemId?: string
  status: string
  requestedAt: string
  startedAt: string
  finishesAt: string
  expiresAt: string
  members: Array<{replicaSetName: string; hostname?: string; copy: string; sizeBytes: number; reasons: string[]; skipped: Array<{hostname: string; reason: string}>}>
  /** M2/M5 snapshots only. */
  storageLocation?: SharedTierStorageFact
  /** Copies in other regions (absent when none). */
  copies?: CopyFact[]
  /** Sharded clusters only: consistency, member times and the balancer. */
  sharded?: ShardedSnapshotFact
  /**
   * Completed snapshots of a cluster with Continuous Cloud Backup on: the oplog after the snapshot that a
   * point-in-time restore from it replays, kept in the restore window now, by the region holding it (rule 66).
   */
  oplog?: OplogRegionView[]
}

export function explainSnapshot(backend: LocalBackend, snapshotId: string): SnapshotExplanation {
  return backend.transact((s) => {
    const found = s.repo.findSnapshotAnywhere(snapshotId)
    // A stored snapshot always has its cluster (the foreign key deletes snapshots with their cluster).
    const cluster = found && s.repo.clusters(undefined, {terminated: true}).find((c) => c.id === found.clusterId)
    if (!cluster) throw new AtlasApiError(404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID ${snapshotId} exists in the local emulator.`, [snapshotId])
    const record = found!.record
    const state = snapshotStateAt(record, s.now)
    const storageLocation = sharedTierStorageFact(cluster, record)
    const copies = copyFacts(cluster, record)
    const sharded = shardedSnapshotFact(record)
    const oplog = state.createdAt === undefined || cluster.state.terminated ? undefined : oplogAfterSnapshot(s, cluster, state.createdAt)
    return {
      snapshotId,
      cluster: cluster.state.terminated?.name ?? cluster.name,
      snapshotType: record.snapshotType,
      frequencyType: record.frequencyType,
      policyItemId: record.policyItemId,
      status: state.status,
      requestedAt: toIso(record.requestedAt),
      startedAt: toIso(record.startedAt),
      finishesAt: toIso(record.finishesAt),
      expiresAt: toIso(state.expiresAt),
      members: record.members.map((m) => ({replicaSetName: m.replicaSetName, hostname: m.hostname, copy: m.kind, sizeBytes: m.sizeBytes, reasons: m.reasons, skipped: m.skipped})),
      ...(storageLocation ? {storageLocation} : {}),
      ...(copies.length > 0 ? {copies} : {}),
      ...(sharded ? {sharded} : {}),
      ...(oplog ? {oplog} : {}),
    }
  })
}

/** The oplog kept after `createdAt` in the window now, by region; undefined with Continuous Cloud Backup off. */
function oplogAfterSnapshot(s: LocalSession, cluster: ClusterWithSchedule, createdAt: number): OplogRegionView[] | undefined {
  if (!cluster.spec.continuousBackup) return undefined
  s.advance(cluster)
  return oplogRegionsOf(cluster, s.now)
    .filter((span) => span.to > createdAt)
    .map((span) => oplogRegionView({...span, from: Math.max(span.from, createdAt)}))
}

export interface StoreStatus {
  store: string
  now: string
  frozen: boolean
  offsetMs: number
  projects: Array<{id: string; name: string; clusters: number; snapshots: number}>
}

export function storeStatus(backend: LocalBackend): StoreStatus {
  return backend.transact((s) => {
    const clock = readClock(s.repo.db)
    const projects = s.repo.projects().map((project) => {
      const clusters = s.repo.clusters(project.id)
      let snapshots = 0
      for (const cluster of clusters) {
        s.advance(cluster)
        snapshots += s.repo.countSnapshots(cluster.id)
      }
      return {...project, clusters: clusters.length, snapshots}
    })
    return {store: backend.storePath, ...clockView(clock, s.now), projects}
  })
}

/** Removes the store (and its WAL files) so the next command starts a new demo world. Works on a corrupt store. */
export function resetStore(home: string): string {
  const path = storePath(home)
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, {force: true})
  return path
}

export function requireProjectExists(backend: LocalBackend, projectId: string): void {
  backend.transact((s) => {
    if (!s.repo.projectExists(projectId)) throw groupNotFound(projectId)
  })
}

/** Whether Continuous Cloud Backup is on now for a cluster or serverless instance (`backups restores window`). */
export function continuousBackupOf(backend: LocalBackend, projectId: string, name: string): boolean {
  return backend.transact((s) => s.anyCluster(projectId, name).spec.continuousBackup)
}
