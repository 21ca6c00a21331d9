import {
  clusterNotFound,
  groupNotFound,
  invalidSnapshotId,
  noBackupOnFreeTier,
  noScheduleOnSharedTier,
  serverlessInstanceNotFound,
  snapshotNotFound,
} from '../../domain/atlas-errors.js'
import {AtlasApiError} from '../../domain/errors.js'
import {deterministicObjectId, isObjectId} from '../../domain/ids.js'
import {DAY_MS} from '../../domain/time.js'
import type {
  BackupSchedule,
  BackupSchedulePatch,
  ClusterDescription,
  ClusterFacts,
  OnDemandSnapshotRequest,
  PageRequest,
  Paginated,
  RestoreJob,
  RestoreJobRequest,
  RetentionUnit,
  ServerlessRestoreJob,
  ServerlessRestoreJobRequest,
  ServerlessSnapshot,
  ShardedClusterSnapshot,
  Snapshot,
  SnapshotRetentionPatch,
} from '../../domain/types.js'
import {hasErrors, validateSchedule} from '../../policy/index.js'
import type {RestoreWindow} from '../../restores/index.js'
import {addRetention, compileSchedule, nextSnapshot} from '../../schedule/index.js'
import {checkDelete, checkExpiry, checkOnDemandRequest, checkRetentionChange, checkSnapshotsManagedByUser, onDemandRetentionDays, snapshotStateAt} from '../../snapshots/index.js'
import type {Backend, ScheduleChange} from '../backend.js'
import {readVirtualNow} from './clock.js'
import {catchUpCoverage, cutCoverageAt} from './coverage-catch-up.js'
import {buildDeliveryArchive} from './delivery-archive.js'
import {RestoreJobRepository} from './restore-job-repository.js'
import {restoreJobView, serverlessRestoreJobView} from './restore-job-views.js'
import {cancelRestoreJob, clusterRestoreWindow, createRestoreJob, downloadManifest, findRestoreJob, pageOfRestoreJobs} from './restore-jobs.js'
import type {SnapshotRecord} from './records.js'
import {Repository, type ClusterWithSchedule} from './repository.js'
import {mergeSchedulePatch} from './schedule-patch.js'
import {seedDemoWorld} from './seed.js'
import {inTransaction, openDatabase, readMeta, storePath, type Database} from './store.js'
import {clusterPath, clusterView, groupPath, paginate, paginateAll, paginateStored, scheduleView, serverlessSnapshotView, snapshotView, type ViewContext} from './views.js'
import {buildRecord, dueSnapshots, establishVolumes, previousFiring} from './world.js'

export interface LocalBackendOptions {
  home: string
  /** Base of `links[].href`; `serve` passes its own address. */
  linkBase?: string
  wallClock?: () => number
}

/** The address `atlas-backups serve` listens on by default, so in-process links work once it runs. */
export const DEFAULT_LINK_BASE = 'http://127.0.0.1:8080'

type Expect = 'cluster' | 'serverless'

/** One command's view of the world: the store, "now", and the clusters it touched, brought up to now. */
export class LocalSession {
  constructor(
    readonly repo: Repository,
    readonly now: number,
    readonly view: ViewContext,
  ) {}

  requireProject(groupId: string): void {
    if (!this.repo.projectExists(groupId)) throw groupNotFound(groupId)
  }

  /** Finds a cluster (or serverless instance) and brings its snapshots up to now. */
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
    if (now < cluster.advancedTo) {
      this.moveBack(cluster)
      return
    }
    this.repo.deleteExpired(cluster.id, now)
    if (now === cluster.advancedTo) return
    const due = dueSnapshots(cluster, cluster.schedule, cluster.advancedTo, now)
    establishVolumes(cluster, cluster.schedule, cluster.advancedTo, now, due[0]?.at)
    for (const planned of due) this.repo.insertSnapshot(cluster.id, buildRecord(cluster, planned, (t) => t))
    catchUpCoverage(this.repo, cluster, now)
    cluster.advancedTo = now
    this.repo.saveCluster(cluster)
  }

  /**
   * The clock was moved back: what had not happened by now never did. Later snapshots and restore jobs go, later
   * cancellations are undone, so is a restore into this cluster that started later, and the oplog coverage is cut at now.
   */
  private moveBack(cluster: ClusterWithSchedule): void {
    const now = this.now
    this.repo.deleteLaterThan(cluster.id, now)
    new RestoreJobRepository(this.repo.db).forgetLaterThan(cluster.id, now)
    if (cluster.state.restoredFrom !== undefined && cluster.state.restoredFrom.startedAt > now) {
      delete cluster.state.restoredFrom
      delete cluster.state.restoringUntil
    }
    if (cluster.state.coverage) cluster.state.coverage = cutCoverageAt(cluster.state.coverage, now)
    cluster.advancedTo = now
    this.repo.saveCluster(cluster)
  }
}

export function clusterFacts(cluster: ClusterWithSchedule): ClusterFacts {
  return {tier: cluster.spec.tier, nvme: cluster.spec.nvme, pitEnabled: cluster.spec.continuousBackup, provider: cluster.spec.provider}
}

function requireBackup(cluster: ClusterWithSchedule): void {
  if (cluster.spec.kind === 'free') throw noBackupOnFreeTier(cluster.name)
}

function requireSchedule(cluster: ClusterWithSchedule): BackupSchedule {
  requireBackup(cluster)
  if (cluster.spec.kind !== 'dedicated' || !cluster.schedule) throw noScheduleOnSharedTier(cluster.name, cluster.spec.tier)
  return cluster.schedule
}

const LOWER_UNIT: Record<SnapshotRetentionPatch['retentionUnit'], RetentionUnit> = {DAYS: 'days', WEEKS: 'weeks', MONTHS: 'months', YEARS: 'years'}

/**
 * The embedded Atlas backup emulator behind the Backend interface: a SQLite store under ATLAS_BACKUPS_HOME, a
 * virtual clock, and the rules of src/lib. Every call is one IMMEDIATE transaction, so concurrent invocations
 * serialise and no rule can be broken by a race.
 */
export class LocalBackend implements Backend {
  readonly kind = 'local' as const
  readonly storePath: string
  /** Set when this process created the store and its demo world. */
  seeded = false
  private db: Database | undefined

  constructor(private readonly options: LocalBackendOptions) {
    this.storePath = storePath(options.home)
  }

  get home(): string {
    return this.options.home
  }

  wallNow(): number {
    return (this.options.wallClock ?? Date.now)()
  }

  database(): Database {
    this.db ??= openDatabase(this.options.home)
    return this.db
  }

  /** Runs `work` in one transaction, with the demo world created on first use. */
  transact<T>(work: (session: LocalSession) => T): T {
    const db = this.database()
    return inTransaction(db, this.storePath, () => {
      const repo = new Repository(db)
      const now = readVirtualNow(db, this.wallNow())
      if (readMeta(db, 'seeded_at') === undefined) {
        seedDemoWorld(repo, now)
        this.seeded = true
      }
      return work(new LocalSession(repo, now, {linkBase: this.options.linkBase ?? DEFAULT_LINK_BASE, now}))
    })
  }

  async close(): Promise<void> {
    this.db?.close()
    this.db = undefined
  }

  async listClusters(groupId: string, page?: PageRequest): Promise<Paginated<ClusterDescription>> {
    return this.transact((s) => {
      s.requireProject(groupId)
      const clusters = s.repo.clusters(groupId).filter((cluster) => cluster.spec.kind !== 'serverless')
      return paginateAll(s.view, `${groupPath(groupId)}/clusters`, clusters.map((cluster) => clusterView(s.view, groupId, cluster)), page)
    })
  }

  async getCluster(groupId: string, clusterName: string): Promise<ClusterDescription> {
    return this.transact((s) => clusterView(s.view, groupId, s.cluster(groupId, clusterName)))
  }

  async getSchedule(groupId: string, clusterName: string): Promise<BackupSchedule> {
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      const schedule = requireSchedule(cluster)
      return scheduleView(s.view, groupId, cluster, schedule, nextSnapshot(compileSchedule(schedule), s.now))
    })
  }

  async updateSchedule(groupId: string, clusterName: string, patch: BackupSchedulePatch): Promise<BackupSchedule> {
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      return this.applySchedulePatch(s, groupId, cluster, requireSchedule(cluster), patch)
    })
  }

  /** Reads, derives and writes in one transaction: a change made meanwhile by another process is never lost. */
  async changeSchedule(groupId: string, clusterName: string, change: ScheduleChange): Promise<BackupSchedule> {
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      const current = requireSchedule(cluster)
      return this.applySchedulePatch(s, groupId, cluster, current, change(structuredClone(current), clusterFacts(cluster)))
    })
  }

  private applySchedulePatch(s: LocalSession, groupId: string, cluster: ClusterWithSchedule, current: BackupSchedule, patch: BackupSchedulePatch): BackupSchedule {
    const violations = validateSchedule(patch, {cluster: clusterFacts(cluster), current}).filter((v) => v.severity === 'error')
    if (hasErrors(violations)) {
      const first = violations[0]!
      const detail = violations.length === 1 ? first.message : `Invalid Backup Policy: ${violations.length} problems, the first: ${first.message}`
      throw new AtlasApiError(400, first.errorCode, detail, [cluster.name], violations.map((v) => ({field: v.path, description: `${v.errorCode}: ${v.message}`})))
    }
    let sequence = cluster.state.sequence
    const newId = () => deterministicObjectId(s.now, `${cluster.id}/policy-item/${++sequence}`)
    const merged = mergeSchedulePatch(current, patch, newId)
    cluster.state.sequence = sequence
    cluster.schedule = merged.schedule
    this.applySnapshotEffects(s, cluster, patch, merged.retentionChanged, merged.removedItemIds)
    s.repo.saveCluster(cluster)
    s.repo.deleteExpired(cluster.id, s.now)
    return scheduleView(s.view, groupId, cluster, merged.schedule, nextSnapshot(compileSchedule(merged.schedule), s.now))
  }

  /** `updateSnapshots` re-dates earlier snapshots of changed items (rule 34); `deleteSnapshots` drops removed items' ones (rule 35). */
  private applySnapshotEffects(
    s: LocalSession,
    cluster: ClusterWithSchedule,
    patch: BackupSchedulePatch,
    retentionChanged: Array<{id?: string; retentionUnit: RetentionUnit; retentionValue: number}>,
    removedItemIds: string[],
  ): void {
    if (!patch.updateSnapshots && !(patch.deleteSnapshots && removedItemIds.length > 0)) return
    const changed = new Map(retentionChanged.map((item) => [item.id, item]))
    const removed = new Set(removedItemIds)
    for (const record of s.repo.snapshotsOf(cluster.id)) {
      if (record.snapshotType !== 'scheduled' || record.policyItemId === undefined) continue
      if (patch.deleteSnapshots && removed.has(record.policyItemId)) {
        s.repo.deleteSnapshot(cluster.id, record.id)
        continue
      }
      const item = changed.get(record.policyItemId)
      if (patch.updateSnapshots && item && !record.retentionEdited) {
        record.retentionUnit = item.retentionUnit
        record.retentionValue = item.retentionValue
        record.expiresAt = addRetention(record.requestedAt, item.retentionUnit, item.retentionValue)
        s.repo.updateSnapshot(cluster.id, record)
      }
    }
  }

  async deleteSchedule(groupId: string, clusterName: string): Promise<BackupSchedule> {
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      const current = requireSchedule(cluster)
      const emptied: BackupSchedule = {...current, policies: [{id: current.policies[0]?.id, policyItems: []}]}
      cluster.schedule = emptied
      s.repo.saveCluster(cluster)
      return scheduleView(s.view, groupId, cluster, emptied, undefined)
    })
  }

  async listSnapshots(groupId: string, clusterName: string, page: PageRequest = {}): Promise<Paginated<Snapshot>> {
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      return this.snapshotPage(s, groupId, cluster, page, `${clusterPath(groupId, clusterName)}/backup/snapshots`, (record) =>
        snapshotView(s.view, groupId, cluster, record),
      )
    })
  }

  private snapshotPage<T>(s: LocalSession, groupId: string, cluster: ClusterWithSchedule, page: PageRequest, path: string, view: (r: SnapshotRecord) => T): Paginated<T> {
    const total = s.repo.countSnapshots(cluster.id)
    return paginateStored(s.view, path, page, total, (limit, offset) => s.repo.pageOfSnapshots(cluster.id, limit, offset), view)
  }

  private record(s: LocalSession, cluster: ClusterWithSchedule, snapshotId: string): SnapshotRecord {
    if (!isObjectId(snapshotId)) throw invalidSnapshotId(snapshotId)
    const record = s.repo.findSnapshot(cluster.id, snapshotId)
    if (!record) throw snapshotNotFound(snapshotId, cluster.name)
    return record
  }

  async getSnapshot(groupId: string, clusterName: string, snapshotId: string): Promise<Snapshot> {
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      return snapshotView(s.view, groupId, cluster, this.record(s, cluster, snapshotId))
    })
  }

  async takeSnapshot(groupId: string, clusterName: string, request: OnDemandSnapshotRequest): Promise<Snapshot> {
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      const existing = s.repo.snapshotsOf(cluster.id).map((record) => ({snapshotType: record.snapshotType, status: snapshotStateAt(record, s.now).status}))
      checkOnDemandRequest({tier: cluster.spec.tier, retentionInDays: request.retentionInDays, snapshots: existing})
      const days = onDemandRetentionDays(request)
      cluster.state.sequence += 1
      const record = buildRecord(
        cluster,
        {
          id: deterministicObjectId(s.now, `${cluster.id}/on-demand/${cluster.state.sequence}`),
          at: s.now,
          snapshotType: 'onDemand',
          frequencyType: 'ondemand',
          description: request.description ?? '',
          retentionUnit: 'days',
          retentionValue: days,
          previousAt: cluster.schedule ? previousFiring(compileSchedule(cluster.schedule), s.now) : undefined,
        },
        (completedAt) => completedAt + days * DAY_MS,
      )
      s.repo.insertSnapshot(cluster.id, record)
      s.repo.saveCluster(cluster)
      return snapshotView(s.view, groupId, cluster, record)
    })
  }

  async updateSnapshotRetention(groupId: string, clusterName: string, snapshotId: string, body: SnapshotRetentionPatch): Promise<Snapshot> {
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      const record = this.record(s, cluster, snapshotId)
      checkSnapshotsManagedByUser({tier: cluster.spec.tier, clusterName, action: 'changed'})
      const state = snapshotStateAt(record, s.now)
      checkRetentionChange({status: state.status, retentionUnit: body?.retentionUnit, retentionValue: body?.retentionValue})
      const unit = LOWER_UNIT[body.retentionUnit]
      // Atlas counts the new retention from the snapshot's creation, not from the request: only a completed snapshot
      // gets here, and it was created when it finished (its state's createdAt).
      const expiresAt = addRetention(record.finishesAt, unit, body.retentionValue)
      checkExpiry(expiresAt, body)
      record.retentionUnit = unit
      record.retentionValue = body.retentionValue
      record.expiresAt = expiresAt
      record.retentionEdited = true
      s.repo.updateSnapshot(cluster.id, record)
      return snapshotView(s.view, groupId, cluster, record)
    })
  }

  async deleteSnapshot(groupId: string, clusterName: string, snapshotId: string): Promise<void> {
    this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      const record = this.record(s, cluster, snapshotId)
      checkSnapshotsManagedByUser({tier: cluster.spec.tier, clusterName, action: 'deleted'})
      checkDelete({status: snapshotStateAt(record, s.now).status})
      s.repo.deleteSnapshot(cluster.id, snapshotId)
    })
  }

  async listShardedSnapshots(groupId: string, clusterName: string): Promise<Paginated<ShardedClusterSnapshot>> {
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      const sharded = cluster.spec.clusterType === 'SHARDED'
      const records = sharded ? s.repo.snapshotsOf(cluster.id) : []
      const views = records.map((record) => snapshotView(s.view, groupId, cluster, record) as ShardedClusterSnapshot)
      return paginate(s.view, `${clusterPath(groupId, clusterName)}/backup/snapshots/shardedClusters`, views, {itemsPerPage: Math.max(1, views.length)}, views.length, 0)
    })
  }

  async getShardedSnapshot(groupId: string, clusterName: string, snapshotId: string): Promise<ShardedClusterSnapshot> {
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      const record = this.record(s, cluster, snapshotId)
      if (cluster.spec.clusterType !== 'SHARDED') throw snapshotNotFound(snapshotId, clusterName)
      return snapshotView(s.view, groupId, cluster, record) as ShardedClusterSnapshot
    })
  }

  async listServerlessSnapshots(groupId: string, instanceName: string, page: PageRequest = {}): Promise<Paginated<ServerlessSnapshot>> {
    return this.transact((s) => {
      const instance = s.cluster(groupId, instanceName, 'serverless')
      return this.snapshotPage(s, groupId, instance, page, `${groupPath(groupId)}/serverless/${instanceName}/backup/snapshots`, (record) =>
        serverlessSnapshotView(s.view, groupId, instance, record),
      )
    })
  }

  async getServerlessSnapshot(groupId: string, instanceName: string, snapshotId: string): Promise<ServerlessSnapshot> {
    return this.transact((s) => {
      const instance = s.cluster(groupId, instanceName, 'serverless')
      return serverlessSnapshotView(s.view, groupId, instance, this.record(s, instance, snapshotId))
    })
  }

  // Restore jobs: the Atlas operations, and two the emulator adds for `serve` and `backups restores window`.

  async listRestoreJobs(groupId: string, clusterName: string, page: PageRequest = {}): Promise<Paginated<RestoreJob>> {
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      return pageOfRestoreJobs(s, cluster, page, false, (job) => restoreJobView(s.view, job))
    })
  }

  async getRestoreJob(groupId: string, clusterName: string, restoreJobId: string): Promise<RestoreJob> {
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      return restoreJobView(s.view, findRestoreJob(s, cluster, restoreJobId))
    })
  }

  async createRestoreJob(groupId: string, clusterName: string, request: RestoreJobRequest): Promise<RestoreJob> {
    return this.transact((s) => restoreJobView(s.view, createRestoreJob(s, s.cluster(groupId, clusterName), request, false)))
  }

  async cancelRestoreJob(groupId: string, clusterName: string, restoreJobId: string): Promise<void> {
    this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      cancelRestoreJob(s, cluster, restoreJobId)
    })
  }

  async listServerlessRestoreJobs(groupId: string, instanceName: string, page: PageRequest = {}): Promise<Paginated<ServerlessRestoreJob>> {
    return this.transact((s) => pageOfRestoreJobs(s, s.cluster(groupId, instanceName, 'serverless'), page, true, (job) => serverlessRestoreJobView(s.view, job)))
  }

  async getServerlessRestoreJob(groupId: string, instanceName: string, restoreJobId: string): Promise<ServerlessRestoreJob> {
    return this.transact((s) => serverlessRestoreJobView(s.view, findRestoreJob(s, s.cluster(groupId, instanceName, 'serverless'), restoreJobId)))
  }

  async createServerlessRestoreJob(groupId: string, instanceName: string, request: ServerlessRestoreJobRequest): Promise<ServerlessRestoreJob> {
    return this.transact((s) => serverlessRestoreJobView(s.view, createRestoreJob(s, s.cluster(groupId, instanceName, 'serverless'), request, true)))
  }

  /**
   * What a point-in-time restore of the cluster can reach now, from its stored oplog coverage and snapshots. A
   * serverless instance is answered too (its window is 72 hours): the question is the same for both.
   */
  async restoreWindow(groupId: string, clusterName: string): Promise<RestoreWindow> {
    return this.transact((s) => {
      const cluster = s.anyCluster(groupId, clusterName)
      requireBackup(cluster)
      return clusterRestoreWindow(s, cluster)
    })
  }

  /**
   * The archive behind a download job's `deliveryUrl` (`{linkBase}/local/downloads/{restoreJobId}/{fileName}`), for
   * `serve` to send. Throws the Atlas error when the job does not exist, is not ready or has expired.
   */
  async readDownload(restoreJobId: string): Promise<{fileName: string; bytes: Buffer}> {
    const {fileName, manifest} = this.transact((s) => downloadManifest(s, restoreJobId))
    return {fileName, bytes: await buildDeliveryArchive(manifest)}
  }
}
