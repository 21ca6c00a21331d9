import {cloudBackupOff, clusterNotFound, flexClusterInClusterApi, groupNotFound, noBackupOnFreeTier, noScheduleOnSharedTier, nonFlexClusterInFlexApi, serverlessInstanceNotFound} from '../../domain/atlas-errors.js'
import type {BackupSchedule, ClusterFacts} from '../../domain/types.js'
import type {ExtraRetentionSetting} from '../../domain/types.js'
import type {OplogCoverage} from '../../restores/coverage.js'
import {regionMovesAt} from '../../restores/oplog-region-moves.js'
import {compliancePolicyInForce} from './compliance-policy-repository.js'
import {catchUpCoverage, cutCoverageAt} from './coverage-catch-up.js'
import {oplogCopiesAt} from './copies.js'
import {catchUpCopyWindows, copyWindowsAt} from './copy-windows.js'
import {cloudBackupOn, highestPriorityRegion, zonesOf} from './fleet.js'
import {ExportRepository} from './export-repository.js'
import {RestoreJobRepository} from './restore-job-repository.js'
import type {ClusterWithSchedule, Repository} from './repository.js'
import {clusterCoverage} from './records.js'
import {NeedsWrite} from './store.js'
import {changesAt, type ViewContext} from './views.js'
import {buildRecord, dueSnapshots, establishVolumes, firstFiringAfter, type PlannedSnapshot} from './world.js'

/**
 * How many snapshots one catch-up writes in one transaction at most, when it can be split (catch-up-steps.ts): a
 * longer one is committed in steps, so other processes' reads and writes get the store between them.
 */
export const CATCH_UP_STEP = 2000

/** Raised before anything is written when a cluster's catch-up is longer than a step: it is then taken in steps. */
export class CatchUpTooLong extends Error {
  constructor(readonly clusterId: string) {
    super(`the catch-up of cluster ${clusterId} is longer than one step`)
    this.name = 'CatchUpTooLong'
  }
}

export interface SessionOptions {
  /** Set in a read transaction: a cluster that is not already up to now sends the work to a write transaction. */
  readOnly?: boolean
  /** Clusters whose catch-up, however long, is done here in one transaction (it cannot be split, or is being stepped). */
  wholeCatchUp?: ReadonlySet<string> | 'all'
  /** Snapshots per catch-up step (default CATCH_UP_STEP); tests make it small. */
  catchUpStep?: number
}

/** The API a cluster is named on: the cluster API, the serverless API or the Flex API. */
type Expect = 'cluster' | 'serverless' | 'flex'

/** One command's view of the world: the store, "now", and the clusters it touched, brought up to now. */
export class LocalSession {
  constructor(
    readonly repo: Repository,
    readonly now: number,
    readonly view: ViewContext,
    private readonly options: SessionOptions = {},
  ) {}

  get readOnly(): boolean {
    return this.options.readOnly === true
  }

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
      this.advanceInMemory(cluster)
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
    const whole = this.options.wholeCatchUp
    if (due.length > (this.options.catchUpStep ?? CATCH_UP_STEP) && whole !== 'all' && !whole?.has(cluster.id)) throw new CatchUpTooLong(cluster.id)
    establishVolumes(cluster, cluster.schedule, cluster.advancedTo, now, due[0]?.at)
    const fresh = due.map((planned) => buildRecord(cluster, planned, (t) => t))
    catchUpCopyWindows(this.repo, cluster, cluster.advancedTo, now, fresh)
    for (const record of fresh) this.repo.insertSnapshot(cluster.id, record)
    catchUpCoverage(this.repo, cluster, now)
    cluster.advancedTo = now
    this.repo.saveCluster(cluster)
  }

  /**
   * The catch-up of a read transaction: a read may answer only from the state the write path's catch-up would leave,
   * so anything that catch-up would write to a row other than the cluster's own (an expired snapshot deleted, a
   * snapshot fired, a volume planned, a copy's expiry moved) sends the work to a write transaction. Otherwise (no
   * snapshot expired by now and the schedule did not fire since the cluster's instant: the next event is still ahead)
   * the rest is done here on the cluster in memory, as advance() does before it saves: the oplog coverage moved up to
   * now and the cluster's instant set to now. With a running clock, "now" is a new instant at every request, and this
   * is what lets a read answer without the write lock until the cluster's next event.
   */
  private advanceInMemory(cluster: ClusterWithSchedule): void {
    const now = this.now
    const expiry = this.repo.firstExpiry(cluster.id)
    if (expiry !== undefined && expiry <= now) throw new NeedsWrite()
    // Each event the write path would act on is where this read's answer may change (ViewContext.nextChange).
    changesAt(this.view, expiry)
    if (cluster.state.terminated) return
    if (now < cluster.advancedTo) throw new NeedsWrite()
    // A paused cluster fires nothing (dueSnapshots, establishVolumes): its catch-up has no snapshot to write.
    const fires = cluster.spec.paused ? undefined : firstFiringAfter(cluster, cluster.schedule, cluster.advancedTo, Number.MAX_SAFE_INTEGER)
    if (fires !== undefined && fires <= now) throw new NeedsWrite()
    changesAt(this.view, fires)
    // Copy windows move stored copies' expiries at instants of their own: such an answer holds for this instant only.
    if (cluster.state.copyWindows?.length) changesAt(this.view, now + 1)
    if (now === cluster.advancedTo) return
    // No snapshot is fresh; should a copy window still move a stored copy's expiry, its write fails as read-only.
    catchUpCopyWindows(this.repo, cluster, cluster.advancedTo, now, [])
    const coverage = clusterCoverage(cluster)
    catchUpCoverage(this.repo, cluster, now)
    // The start of the oplog window moves with now at every instant; any other change (a restore's blackout closed by
    // a snapshot that completed, oplog dropping out of the window) is an event the write path keeps in the store.
    if (coverageEvent(coverage, cluster.state.coverage!)) throw new NeedsWrite()
    cluster.advancedTo = now
  }

  /**
   * Where the first bounded step of this cluster's catch-up to now may end: the instant of its `step`-th snapshot,
   * when catching up to that instant first builds exactly the snapshots the whole catch-up would build first, in the
   * same order (none of them expires before now, no volume warm-up at the step's end, no copy windows to move), so
   * the world after all the steps is the one the whole catch-up makes. Undefined when the catch-up is short or cannot
   * be split so.
   */
  catchUpStepEnd(cluster: ClusterWithSchedule, step: number, plan?: {due: readonly PlannedSnapshot[]; from: number}): number | undefined {
    if (cluster.state.terminated || this.now <= cluster.advancedTo || cluster.state.copyWindows?.length) return undefined
    const extra = this.extraRetentionInForce(cluster)
    // The snapshots still due from the cluster's instant to now: from the walk's plan when it starts there (a plan
    // is computed once per walk, not once per step, which would make a long walk quadratic).
    const due = plan && plan.due.length > 0 ? plan.due.slice(plan.from) : this.dueToNow(cluster)
    if (due.length <= step) return undefined
    const end = due[step - 1]!.at
    const first = dueSnapshots(cluster, cluster.schedule, cluster.advancedTo, end, extra)
    const same = first.length === step && first.every((planned, i) => planned.id === due[i]!.id && planned.at === due[i]!.at && planned.expiresAt === due[i]!.expiresAt && planned.protectedUntil === due[i]!.protectedUntil)
    if (!same || firstFiringAfter(cluster, cluster.schedule, end, this.now) !== due[step]!.at) return undefined
    return end
  }

  /** The snapshots a catch-up of the cluster to now would build, oldest first. */
  dueToNow(cluster: ClusterWithSchedule): PlannedSnapshot[] {
    return dueSnapshots(cluster, cluster.schedule, cluster.advancedTo, this.now, this.extraRetentionInForce(cluster))
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

/** Whether the coverage changed otherwise than by the window's start moving on. */
function coverageEvent(before: OplogCoverage, after: OplogCoverage): boolean {
  return JSON.stringify({...before, trimmedBefore: 0}) !== JSON.stringify({...after, trimmedBefore: 0})
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
