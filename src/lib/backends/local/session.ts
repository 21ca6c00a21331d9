import {cloudBackupOff, clusterNotFound, flexClusterInClusterApi, groupNotFound, noBackupOnFreeTier, noScheduleOnSharedTier, nonFlexClusterInFlexApi, serverlessInstanceNotFound} from '../../domain/atlas-errors.js'
import type {BackupSchedule, ClusterFacts} from '../../domain/types.js'
import type {ExtraRetentionSetting} from '../../domain/types.js'
import {regionMovesAt} from '../../restores/oplog-region-moves.js'
import {compliancePolicyInForce} from './compliance-policy-repository.js'
import {catchUpCoverage, cutCoverageAt} from './coverage-catch-up.js'
import {oplogCopiesAt} from './copies.js'
import {catchUpCopyWindows, copyWindowsAt} from './copy-windows.js'
import {cloudBackupOn, highestPriorityRegion, zonesOf} from './fleet.js'
import {ExportRepository} from './export-repository.js'
import {RestoreJobRepository} from './restore-job-repository.js'
import type {ClusterWithSchedule, Repository} from './repository.js'
import {NeedsWrite} from './store.js'
import type {ViewContext} from './views.js'
import {buildRecord, dueSnapshots, establishVolumes} from './world.js'

/** The API a cluster is named on: the cluster API, the serverless API or the Flex API. */
type Expect = 'cluster' | 'serverless' | 'flex'

/** One command's view of the world: the store, "now", and the clusters it touched, brought up to now. */
export class LocalSession {
  constructor(
    readonly repo: Repository,
    readonly now: number,
    readonly view: ViewContext,
    /** Set in a read transaction: a cluster that is not already up to now sends the work to a write transaction. */
    readonly readOnly = false,
  ) {}

  requireProject(groupId: string): void {
    if (!this.repo.projectExists(groupId)) throw groupNotFound(groupId)
  }

  /** Finds a cluster (serverless instance, Flex cluster) on the API `expect` names, and brings its snapshots up to now. */
  cluster(groupId: string, name: string, expect: Expect = 'cluster'): ClusterWithSchedule {
    this.requireProject(groupId)
    const cluster = this.repo.findCluster(groupId, name)
    const serverless = cluster?.spec.kind === 'serverless'
    if (expect === 'cluster' && (!cluster || serverless)) {
      throw clusterNotFound(name, groupId, serverless ? `${name} is a serverless instance: use the serverless backup commands.` : undefined)
    }
    if (expect === 'serverless' && (!cluster || !serverless)) {
      throw serverlessInstanceNotFound(name, groupId, cluster ? `${name} is a cluster: use the cluster backup commands.` : undefined)
    }
    // Rule 82: Atlas refuses a cluster on the other API, both ways (recorded), so a client learns which one it is.
    const flex = cluster?.spec.kind === 'flex'
    if (expect === 'cluster' && flex) throw flexClusterInClusterApi(name)
    if (expect === 'flex') {
      if (!cluster) throw clusterNotFound(name, groupId)
      if (!flex) throw nonFlexClusterInFlexApi(name)
    }
    this.advance(cluster!)
    return cluster!
  }

  /** Any cluster or serverless instance of the project (a restore's target), brought up to now. */
  anyCluster(groupId: string, name: string): ClusterWithSchedule {
    this.requireProject(groupId)
    const cluster = this.repo.findCluster(groupId, name)
    if (!cluster) throw clusterNotFound(name, groupId)
    this.advance(cluster)
    return cluster
  }

  /**
   * Brings one cluster from the last instant a command looked at it up to now: expired snapshots go, and the
   * scheduled snapshots that fired meanwhile and are still alive appear, at O(snapshots alive).
   */
  advance(cluster: ClusterWithSchedule): void {
    const now = this.now
    if (this.readOnly) {
      // Answering here is only right when the catch-up would change nothing: the cluster is at now, none expired.
      if ((now !== cluster.advancedTo && !cluster.state.terminated) || this.repo.hasExpired(cluster.id, now)) throw new NeedsWrite()
      return
    }
    // A terminated cluster takes no more snapshots; the ones it kept still expire (rules 55, 91).
    if (cluster.state.terminated) {
      this.repo.deleteExpired(cluster.id, now)
      return
    }
    if (now < cluster.advancedTo) {
      this.moveBack(cluster)
      return
    }
    this.repo.deleteExpired(cluster.id, now)
    if (now === cluster.advancedTo) return
    const due = dueSnapshots(cluster, cluster.schedule, cluster.advancedTo, now, this.extraRetentionInForce(cluster))
    establishVolumes(cluster, cluster.schedule, cluster.advancedTo, now, due[0]?.at)
    const fresh = due.map((planned) => buildRecord(cluster, planned, (t) => t))
    catchUpCopyWindows(this.repo, cluster, cluster.advancedTo, now, fresh)
    for (const record of fresh) this.repo.insertSnapshot(cluster.id, record)
    catchUpCoverage(this.repo, cluster, now)
    cluster.advancedTo = now
    this.repo.saveCluster(cluster)
  }

  /** The schedule's extra retention while a compliance policy gives it effect (rule 92); read only when there is some. */
  extraRetentionInForce(cluster: ClusterWithSchedule): ExtraRetentionSetting[] | undefined {
    const settings = cluster.schedule?.extraRetentionSettings
    if (!settings?.length) return undefined
    return compliancePolicyInForce(this.repo.db, cluster.projectId) ? settings : undefined
  }

  /**
   * The clock was moved back: what had not happened by now never did. Later snapshots and restore jobs go, later
   * cancellations are undone, so is a restore into this cluster that started later, the oplog coverage is cut at now,
   * and the windows of lastNumberOfSnapshots copy settings are as they stood at now. A region move made later is
   * taken as made now: the cluster stays in its new region.
   */
  private moveBack(cluster: ClusterWithSchedule): void {
    const now = this.now
    this.repo.deleteLaterThan(cluster.id, now)
    copyWindowsAt(this.repo, cluster, now)
    new RestoreJobRepository(this.repo.db).forgetLaterThan(cluster.id, now)
    new ExportRepository(this.repo.db).forgetLaterThan(cluster.id, now)
    if (cluster.state.autoExportedTo !== undefined && cluster.state.autoExportedTo > now) cluster.state.autoExportedTo = now
    if (cluster.state.restoredFrom !== undefined && cluster.state.restoredFrom.startedAt > now) {
      delete cluster.state.restoredFrom
      delete cluster.state.restoringUntil
    }
    if (cluster.state.coverage) cluster.state.coverage = cutCoverageAt(cluster.state.coverage, now)
    if (cluster.state.oplogRegionMoves) cluster.state.oplogRegionMoves = regionMovesAt(cluster.state.oplogRegionMoves, now)
    if (cluster.state.oplogCopies) {
      const spec = cluster.spec
      cluster.state.oplogCopies = oplogCopiesAt(cluster.state.oplogCopies, cluster.schedule?.copySettings ?? [], highestPriorityRegion(spec.regions).regionName, spec.provider, now)
    }
    cluster.advancedTo = now
    this.repo.saveCluster(cluster)
  }
}

export function clusterFacts(cluster: ClusterWithSchedule): ClusterFacts {
  const spec = cluster.spec
  return {tier: spec.tier, nvme: spec.nvme, pitEnabled: spec.continuousBackup, provider: spec.provider, zones: spec.kind === 'dedicated' ? zonesOf(cluster.id, spec) : undefined}
}

export function requireBackup(cluster: ClusterWithSchedule): void {
  if (cluster.spec.kind === 'free') throw noBackupOnFreeTier(cluster.name)
  requireCloudBackupOn(cluster)
}

/** A cluster whose Cloud Backup was turned off has no schedule, snapshots or restores to offer until it is back on. */
export function requireCloudBackupOn(cluster: ClusterWithSchedule): void {
  if (cluster.spec.kind !== 'free' && !cloudBackupOn(cluster.spec)) throw cloudBackupOff(cluster.name, cluster.projectId)
}

export function requireSchedule(cluster: ClusterWithSchedule): BackupSchedule {
  requireBackup(cluster)
  if (cluster.spec.kind !== 'dedicated' || !cluster.schedule) throw noScheduleOnSharedTier(cluster.name, cluster.spec.tier)
  return cluster.schedule
}
