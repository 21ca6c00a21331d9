import {snapshotNotFound} from '../../domain/atlas-errors.js'
import type {
  BackupSchedule,
  BackupSchedulePatch,
  ClusterDescription,
  CompliancePolicy,
  CompliancePolicyRequest,
  ExportBucket,
  ExportBucketPatch,
  ExportBucketRequest,
  ExportJob,
  ExportJobRequest,
  FlexClusterDescription,
  FlexDownloadRequest,
  FlexRestoreJob,
  FlexRestoreJobRequest,
  FlexSnapshot,
  OnDemandSnapshotRequest,
  PageRequest,
  Paginated,
  Project,
  RestoreJob,
  RestoreJobRequest,
  ServerlessInstanceDescription,
  ServerlessRestoreJob,
  ServerlessRestoreJobRequest,
  ServerlessSnapshot,
  ShardedClusterSnapshot,
  Snapshot,
  SnapshotRetentionPatch,
} from '../../domain/types.js'
import type {RestoreWindow} from '../../restores/index.js'
import type {Backend, CompliancePolicyChange, ScheduleChange} from '../backend.js'
import {readVirtualNow} from './clock.js'
import type {CompliancePolicyPut} from './compliance-policies.js'
import {Repository, SNAPSHOT_LIST, type ClusterWithSchedule} from './repository.js'
import {seedDemoWorld} from './seed.js'
import {catchUpInSteps} from './catch-up-steps.js'
import {CATCH_UP_STEP, CatchUpTooLong, clusterFacts, LocalSession, requireBackup, requireCloudBackupOn, requireSchedule} from './session.js'
import {changeSnapshotRetention, deleteSnapshot, findSnapshot, snapshotPage, takeOnDemandSnapshot} from './snapshots.js'
import {watchLists} from './list-cursors.js'
import {RESTORE_JOB_LIST} from './restore-job-repository.js'
import {EXPORT_BUCKET_LIST, EXPORT_JOB_LIST} from './export-repository.js'
import {asStoreError, inReadTransaction, inTransaction, NeedsWrite, openDatabase, readMeta, storePath, type Database} from './store.js'
import {clusterPath, clusterView, groupPath, paginate, paginateAll, serverlessSnapshotView, snapshotView} from './views.js'

export {LocalSession} from './session.js'

// Schedules, restore jobs and compliance policies each pull in their own rule modules (policy validation, restores,
// compliance): loaded by the operations that use them, so a snapshot listing does not pay for them at start-up.
const schedules = () => import('./schedules.js')
const restoreJobs = () => import('./restore-jobs.js')
const restoreJobViews = () => import('./restore-job-views.js')
const compliancePolicies = () => import('./compliance-policies.js')
const exportBuckets = () => import('./export-buckets.js')
const exportJobs = () => import('./export-jobs.js')
const flexClusters = () => import('./flex-clusters.js')
const fleetViews = () => import('./fleet-views.js')

export interface LocalBackendOptions {
  home: string
  /** Base of `links[].href`; `serve` passes its own address. */
  linkBase?: string
  wallClock?: () => number
  /** Snapshots per catch-up step (default CATCH_UP_STEP); tests make it small. */
  catchUpStep?: number
}

const STORE_STAMP_SQL = 'SELECT (SELECT data_version FROM pragma_data_version) AS version, total_changes() AS changes'

/** The state an answer is computed from (LocalBackend.answerState): the store, named by `stamp`, and the virtual now. */
export interface AnswerState {
  stamp: string
  now: number
}

/** The instants over which an answer holds while the store is unchanged: from `at` up to, not including, `until`. */
export interface AnswerSpan {
  at: number
  until: number
}

/** The address `atlas-backups serve` listens on by default, so in-process links work once it runs. */
export const DEFAULT_LINK_BASE = 'http://127.0.0.1:8080'

/**
 * The embedded Atlas backup emulator behind the Backend interface: a SQLite store under ATLAS_BACKUPS_HOME, a
 * virtual clock, and the rules of src/lib. Every call that changes the store is one IMMEDIATE transaction, so
 * concurrent invocations serialise and no rule can be broken by a race; a read whose clusters are already up to now
 * is one read transaction, which never waits for a writer (read()).
 */
export class LocalBackend implements Backend {
  readonly kind = 'local' as const
  readonly storePath: string
  /** Set when this process created the store and its demo world. */
  seeded = false
  private db: Database | undefined
  /** The answers of readKept, with the instants each holds over. */
  private readonly spans = new WeakMap<object, AnswerSpan>()

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
    if (!this.db) {
      const db = openDatabase(this.options.home)
      try {
        watchLists(db, [SNAPSHOT_LIST, RESTORE_JOB_LIST, EXPORT_JOB_LIST, EXPORT_BUCKET_LIST])
      } catch (error) {
        db.close()
        throw asStoreError(this.storePath, error)
      }
      this.db = db
    }
    return this.db
  }

  /**
   * Runs `work` in one transaction, with the demo world created on first use. A cluster whose catch-up is longer
   * than a step is first brought up in steps, each its own transaction (catch-up-steps.ts), then `work` runs again.
   */
  transact<T>(work: (session: LocalSession) => T): T {
    const db = this.database()
    const whole = new Set<string>()
    const step = this.options.catchUpStep ?? CATCH_UP_STEP
    for (;;) {
      try {
        return inTransaction(db, this.storePath, () => {
          const repo = new Repository(db)
          const now = readVirtualNow(db, this.wallNow())
          if (readMeta(db, 'seeded_at') === undefined) {
            seedDemoWorld(repo, now)
            this.seeded = true
          }
          return work(new LocalSession(repo, now, {linkBase: this.options.linkBase ?? DEFAULT_LINK_BASE, now}, {wholeCatchUp: whole, catchUpStep: step}))
        })
      } catch (error) {
        if (!(error instanceof CatchUpTooLong)) throw error
        // No step could be taken (the catch-up cannot be split): this cluster is then caught up whole, as before.
        if (!catchUpInSteps(db, this.storePath, () => this.wallNow(), error.clusterId, step)) whole.add(error.clusterId)
      }
    }
  }

  /**
   * Runs `work`, which only reads, in a read transaction when it can answer there: the store is seeded and every
   * cluster it looks at is already up to now. Otherwise (a catch-up is due, or something deeper would write) it is
   * run again in a write transaction, so a read never answers from a state a catch-up would change.
   */
  read<T>(work: (session: LocalSession) => T): T {
    const db = this.database()
    try {
      return inReadTransaction(db, this.storePath, () => {
        if (readMeta(db, 'seeded_at') === undefined) throw new NeedsWrite()
        const now = readVirtualNow(db, this.wallNow())
        return work(new LocalSession(new Repository(db), now, {linkBase: this.options.linkBase ?? DEFAULT_LINK_BASE, now}, {readOnly: true}))
      })
    } catch (error) {
      if (error instanceof NeedsWrite) return this.transact(work)
      throw error
    }
  }

  /**
   * The state every answer is computed from: a stamp naming the store's contents (SQLite's data_version, changed by any
   * other connection's commit, and this connection's total_changes(), changed by each row it writes; a clock setting
   * is a row too) and the virtual now. An answer computed in one state is the answer of that state.
   */
  answerState(): AnswerState {
    const db = this.database()
    const row = db.prepare(STORE_STAMP_SQL).get() as {version: number; changes: number}
    return {stamp: `${row.version}:${row.changes}`, now: readVirtualNow(db, this.wallNow())}
  }

  /**
   * The instants over which `answer`, returned by a read that named every instant its answer changes at (readKept),
   * stays the same while the store does; undefined for any other answer.
   */
  answerSpan(answer: unknown): AnswerSpan | undefined {
    return typeof answer === 'object' && answer !== null ? this.spans.get(answer) : undefined
  }

  /**
   * read(), for work whose views all note when they change (ViewContext.nextChange): an answer computed in a read
   * transaction is kept with the span it holds over, so that serve can give it again, with a running clock, until the
   * first instant anything in it changes. An answer of the write path is not: it changed the store.
   */
  private readKept<T extends object>(work: (session: LocalSession) => T): T {
    let session: LocalSession | undefined
    const answer = this.read((s) => {
      session = s
      return work(s)
    })
    if (session?.readOnly) this.spans.set(answer, {at: session.now, until: session.view.nextChange ?? Number.POSITIVE_INFINITY})
    return answer
  }

  async close(): Promise<void> {
    this.db?.close()
    this.db = undefined
  }

  async listClusters(groupId: string, page?: PageRequest): Promise<Paginated<ClusterDescription>> {
    return this.read((s) => {
      s.requireProject(groupId)
      const clusters = s.repo.clusters(groupId).filter((cluster) => cluster.spec.kind !== 'serverless')
      return paginateAll(s.view, `${groupPath(groupId)}/clusters`, clusters.map((cluster) => clusterView(s.view, groupId, cluster)), page)
    })
  }

  async getCluster(groupId: string, clusterName: string): Promise<ClusterDescription> {
    return this.read((s) => clusterView(s.view, groupId, s.cluster(groupId, clusterName)))
  }

  async listProjects(page?: PageRequest): Promise<Paginated<Project>> {
    const {projectPage} = await fleetViews()
    return this.transact((s) => projectPage(s, page))
  }

  async listServerlessInstances(groupId: string, page?: PageRequest): Promise<Paginated<ServerlessInstanceDescription>> {
    const {serverlessInstancePage} = await fleetViews()
    return this.transact((s) => serverlessInstancePage(s, groupId, page))
  }

  async getSchedule(groupId: string, clusterName: string): Promise<BackupSchedule> {
    const {scheduleOf} = await schedules()
    return this.read((s) => {
      const cluster = s.cluster(groupId, clusterName)
      return scheduleOf(s, groupId, cluster, requireSchedule(cluster))
    })
  }

  async updateSchedule(groupId: string, clusterName: string, patch: BackupSchedulePatch): Promise<BackupSchedule> {
    const {applySchedulePatch} = await schedules()
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      return applySchedulePatch(s, groupId, cluster, requireSchedule(cluster), patch)
    })
  }

  /** Reads, derives and writes in one transaction: a change made meanwhile by another process is never lost. */
  async changeSchedule(groupId: string, clusterName: string, change: ScheduleChange): Promise<BackupSchedule> {
    const {applySchedulePatch} = await schedules()
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      const current = requireSchedule(cluster)
      return applySchedulePatch(s, groupId, cluster, current, change(structuredClone(current), clusterFacts(cluster)))
    })
  }

  async deleteSchedule(groupId: string, clusterName: string): Promise<BackupSchedule> {
    const {emptySchedule} = await schedules()
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      return emptySchedule(s, groupId, cluster, requireSchedule(cluster))
    })
  }

  async listSnapshots(groupId: string, clusterName: string, page: PageRequest = {}): Promise<Paginated<Snapshot>> {
    return this.readKept((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      return snapshotPage(s, cluster, page, `${clusterPath(groupId, clusterName)}/backup/snapshots`, (record) => snapshotView(s.view, groupId, cluster, record))
    })
  }

  async getSnapshot(groupId: string, clusterName: string, snapshotId: string): Promise<Snapshot> {
    return this.readKept((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      return snapshotView(s.view, groupId, cluster, findSnapshot(s, cluster, snapshotId))
    })
  }

  async takeSnapshot(groupId: string, clusterName: string, request: OnDemandSnapshotRequest): Promise<Snapshot> {
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireCloudBackupOn(cluster)
      return snapshotView(s.view, groupId, cluster, takeOnDemandSnapshot(s, cluster, request))
    })
  }

  async updateSnapshotRetention(groupId: string, clusterName: string, snapshotId: string, body: SnapshotRetentionPatch): Promise<Snapshot> {
    return this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      return snapshotView(s.view, groupId, cluster, changeSnapshotRetention(s, cluster, snapshotId, body))
    })
  }

  async deleteSnapshot(groupId: string, clusterName: string, snapshotId: string): Promise<void> {
    this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      deleteSnapshot(s, cluster, snapshotId)
    })
  }

  async listShardedSnapshots(groupId: string, clusterName: string): Promise<Paginated<ShardedClusterSnapshot>> {
    return this.readKept((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      const sharded = cluster.spec.clusterType === 'SHARDED'
      const records = sharded ? s.repo.snapshotsOf(cluster.id) : []
      const views = records.map((record) => snapshotView(s.view, groupId, cluster, record) as ShardedClusterSnapshot)
      return paginate(s.view, `${clusterPath(groupId, clusterName)}/backup/snapshots/shardedClusters`, views, {itemsPerPage: Math.max(1, views.length)}, views.length, 0)
    })
  }

  async getShardedSnapshot(groupId: string, clusterName: string, snapshotId: string): Promise<ShardedClusterSnapshot> {
    return this.readKept((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      const record = findSnapshot(s, cluster, snapshotId)
      if (cluster.spec.clusterType !== 'SHARDED') throw snapshotNotFound(snapshotId, clusterName)
      return snapshotView(s.view, groupId, cluster, record) as ShardedClusterSnapshot
    })
  }

  async listServerlessSnapshots(groupId: string, instanceName: string, page: PageRequest = {}): Promise<Paginated<ServerlessSnapshot>> {
    return this.readKept((s) => {
      const instance = s.cluster(groupId, instanceName, 'serverless')
      return snapshotPage(s, instance, page, `${groupPath(groupId)}/serverless/${instanceName}/backup/snapshots`, (record) =>
        serverlessSnapshotView(s.view, groupId, instance, record),
      )
    })
  }

  async getServerlessSnapshot(groupId: string, instanceName: string, snapshotId: string): Promise<ServerlessSnapshot> {
    return this.readKept((s) => {
      const instance = s.cluster(groupId, instanceName, 'serverless')
      return serverlessSnapshotView(s.view, groupId, instance, findSnapshot(s, instance, snapshotId))
    })
  }

  // Restore jobs: the Atlas operations, and two the emulator adds for `serve` and `backups restores window`.

  async listRestoreJobs(groupId: string, clusterName: string, page: PageRequest = {}): Promise<Paginated<RestoreJob>> {
    const [{pageOfRestoreJobs}, {restoreJobView}] = await Promise.all([restoreJobs(), restoreJobViews()])
    return this.read((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      return pageOfRestoreJobs(s, cluster, page, false, (job) => restoreJobView(s.view, job))
    })
  }

  async getRestoreJob(groupId: string, clusterName: string, restoreJobId: string): Promise<RestoreJob> {
    const [{findRestoreJob}, {restoreJobView}] = await Promise.all([restoreJobs(), restoreJobViews()])
    return this.read((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      return restoreJobView(s.view, findRestoreJob(s, cluster, restoreJobId))
    })
  }

  async createRestoreJob(groupId: string, clusterName: string, request: RestoreJobRequest): Promise<RestoreJob> {
    const [{createRestoreJob}, {restoreJobView}] = await Promise.all([restoreJobs(), restoreJobViews()])
    return this.transact((s) => {
      const source = s.cluster(groupId, clusterName)
      requireCloudBackupOn(source)
      return restoreJobView(s.view, createRestoreJob(s, source, request, false))
    })
  }

  async cancelRestoreJob(groupId: string, clusterName: string, restoreJobId: string): Promise<void> {
    const {cancelRestoreJob} = await restoreJobs()
    this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireBackup(cluster)
      cancelRestoreJob(s, cluster, restoreJobId)
    })
  }

  async listServerlessRestoreJobs(groupId: string, instanceName: string, page: PageRequest = {}): Promise<Paginated<ServerlessRestoreJob>> {
    const [{pageOfRestoreJobs}, {serverlessRestoreJobView}] = await Promise.all([restoreJobs(), restoreJobViews()])
    return this.read((s) => pageOfRestoreJobs(s, s.cluster(groupId, instanceName, 'serverless'), page, true, (job) => serverlessRestoreJobView(s.view, job)))
  }

  async getServerlessRestoreJob(groupId: string, instanceName: string, restoreJobId: string): Promise<ServerlessRestoreJob> {
    const [{findRestoreJob}, {serverlessRestoreJobView}] = await Promise.all([restoreJobs(), restoreJobViews()])
    return this.read((s) => serverlessRestoreJobView(s.view, findRestoreJob(s, s.cluster(groupId, instanceName, 'serverless'), restoreJobId)))
  }

  async createServerlessRestoreJob(groupId: string, instanceName: string, request: ServerlessRestoreJobRequest): Promise<ServerlessRestoreJob> {
    const [{createRestoreJob}, {serverlessRestoreJobView}] = await Promise.all([restoreJobs(), restoreJobViews()])
    return this.transact((s) => serverlessRestoreJobView(s.view, createRestoreJob(s, s.cluster(groupId, instanceName, 'serverless'), request, true)))
  }

  // The Flex API (flex-clusters.ts): s.cluster(…, 'flex') refuses any other cluster, as Atlas does (rule 82).

  async getFlexCluster(groupId: string, name: string): Promise<FlexClusterDescription> {
    const {flexClusterView} = await flexClusters()
    return this.read((s) => flexClusterView(s.cluster(groupId, name, 'flex')))
  }

  async listFlexSnapshots(groupId: string, name: string, page: PageRequest = {}): Promise<Paginated<FlexSnapshot>> {
    const {flexSnapshotPage} = await flexClusters()
    return this.read((s) => flexSnapshotPage(s, s.cluster(groupId, name, 'flex'), page))
  }

  async getFlexSnapshot(groupId: string, name: string, snapshotId: string): Promise<FlexSnapshot> {
    const {flexSnapshot} = await flexClusters()
    return this.read((s) => flexSnapshot(s, s.cluster(groupId, name, 'flex'), snapshotId))
  }

  async downloadFlexSnapshot(groupId: string, name: string, request: FlexDownloadRequest): Promise<FlexRestoreJob> {
    const {downloadFlexSnapshot, flexRestoreJobView} = await flexClusters()
    return this.transact((s) => flexRestoreJobView(s.view, downloadFlexSnapshot(s, s.cluster(groupId, name, 'flex'), {...request})))
  }

  async listFlexRestoreJobs(groupId: string, name: string, page: PageRequest = {}): Promise<Paginated<FlexRestoreJob>> {
    const {flexRestoreJobPage} = await flexClusters()
    return this.read((s) => flexRestoreJobPage(s, s.cluster(groupId, name, 'flex'), page))
  }

  async getFlexRestoreJob(groupId: string, name: string, restoreJobId: string): Promise<FlexRestoreJob> {
    const [{findRestoreJob}, {flexRestoreJobView}] = await Promise.all([restoreJobs(), flexClusters()])
    return this.read((s) => flexRestoreJobView(s.view, findRestoreJob(s, s.cluster(groupId, name, 'flex'), restoreJobId)))
  }

  async createFlexRestoreJob(groupId: string, name: string, request: FlexRestoreJobRequest): Promise<FlexRestoreJob> {
    const {createFlexRestoreJob, flexRestoreJobView} = await flexClusters()
    return this.transact((s) => flexRestoreJobView(s.view, createFlexRestoreJob(s, s.cluster(groupId, name, 'flex'), {...request})))
  }

  // The project's Backup Compliance Policy (compliance-policies.ts).

  async getCompliancePolicy(groupId: string): Promise<CompliancePolicy> {
    const {compliancePolicyOf} = await compliancePolicies()
    return this.read((s) => compliancePolicyOf(s, groupId))
  }

  /** Besides Atlas's query flag, `options.version` says which media type the body came in (`serve` passes it). */
  async updateCompliancePolicy(groupId: string, body: CompliancePolicyRequest, options: CompliancePolicyPut = {}): Promise<CompliancePolicy> {
    const {putCompliancePolicy} = await compliancePolicies()
    return this.transact((s) => putCompliancePolicy(s, groupId, body, options))
  }

  /** Reads, derives and writes in one transaction: a change made meanwhile by another process is never lost. */
  async changeCompliancePolicy(groupId: string, change: CompliancePolicyChange): Promise<CompliancePolicy> {
    const {compliancePolicyOf, putCompliancePolicy} = await compliancePolicies()
    return this.transact((s) => putCompliancePolicy(s, groupId, change(compliancePolicyOf(s, groupId))))
  }

  async deleteCompliancePolicy(groupId: string): Promise<void> {
    const {disableCompliancePolicy} = await compliancePolicies()
    this.transact((s) => disableCompliancePolicy(s, groupId))
  }

  // Snapshot export buckets (export-buckets.ts) and export jobs (export-jobs.ts).

  async listExportBuckets(groupId: string, page: PageRequest = {}): Promise<Paginated<ExportBucket>> {
    const {pageOfExportBuckets} = await exportBuckets()
    return this.read((s) => pageOfExportBuckets(s, groupId, page))
  }

  /** `options.folder` (emulator only): the folder standing for the bucket, instead of one under the home. */
  async createExportBucket(groupId: string, request: ExportBucketRequest, options: {folder?: string} = {}): Promise<ExportBucket> {
    const {createExportBucket, exportBucketView} = await exportBuckets()
    return this.transact((s) => exportBucketView(createExportBucket(s, groupId, request, this.home, options.folder)))
  }

  async getExportBucket(groupId: string, exportBucketId: string): Promise<ExportBucket> {
    const {findExportBucket, exportBucketView} = await exportBuckets()
    return this.read((s) => exportBucketView(findExportBucket(s, groupId, exportBucketId)))
  }

  async updateExportBucket(groupId: string, exportBucketId: string, patch: ExportBucketPatch): Promise<ExportBucket> {
    const {patchExportBucket, exportBucketView} = await exportBuckets()
    return this.transact((s) => exportBucketView(patchExportBucket(s, groupId, exportBucketId, patch)))
  }

  async deleteExportBucket(groupId: string, exportBucketId: string): Promise<void> {
    const {deleteExportBucket} = await exportBuckets()
    this.transact((s) => deleteExportBucket(s, groupId, exportBucketId))
  }

  async listExportJobs(groupId: string, clusterName: string, page: PageRequest = {}): Promise<Paginated<ExportJob>> {
    const {pageOfExportJobs} = await exportJobs()
    return this.withExportsDelivered(groupId, clusterName, (s, cluster) => pageOfExportJobs(s, cluster, page))
  }

  async createExportJob(groupId: string, clusterName: string, request: ExportJobRequest): Promise<ExportJob> {
    const {createExportJob, exportJobView} = await exportJobs()
    return this.withExportsDelivered(groupId, clusterName, (s, cluster) => exportJobView(s.now, createExportJob(s, cluster, request)))
  }

  async getExportJob(groupId: string, clusterName: string, exportId: string): Promise<ExportJob> {
    const {findExportJob, exportJobView} = await exportJobs()
    return this.withExportsDelivered(groupId, clusterName, (s, cluster) => exportJobView(s.now, findExportJob(s, cluster, exportId)))
  }

  /**
   * Runs an export-jobs operation on the cluster once auto-export has made the jobs it owes and the files of its
   * exports that finished meanwhile are in their
   * buckets' folders (written between two transactions: no file is written while the store is locked), so that
   * what it answers already says whether each write succeeded.
   */
  private async withExportsDelivered<T>(groupId: string, clusterName: string, work: (s: LocalSession, cluster: ClusterWithSchedule) => T): Promise<T> {
    const [{catchUpAutoExports, pendingDeliveries, markDelivered, markFailed}, {writeExportFiles}] = await Promise.all([exportJobs(), import('./export-files.js')])
    const pending = this.transact((s) => {
      const cluster = s.cluster(groupId, clusterName)
      requireCloudBackupOn(cluster)
      catchUpAutoExports(s, cluster)
      return pendingDeliveries(s, cluster)
    })
    const {written, failed} = pending.length > 0 ? await writeExportFiles(pending) : {written: [], failed: []}
    return this.transact((s) => {
      markDelivered(s, written)
      markFailed(s, failed)
      const cluster = s.cluster(groupId, clusterName)
      requireCloudBackupOn(cluster)
      return work(s, cluster)
    })
  }

  /**
   * What a point-in-time restore of the cluster can reach now, from its stored oplog coverage and snapshots. A
   * serverless instance is answered too (its window is 72 hours): the question is the same for both.
   */
  async restoreWindow(groupId: string, clusterName: string): Promise<RestoreWindow> {
    const {clusterRestoreWindow} = await restoreJobs()
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
    const [{downloadManifest}, {buildDeliveryArchive}] = await Promise.all([restoreJobs(), import('./delivery-archive.js')])
    const {fileName, manifest} = this.transact((s) => downloadManifest(s, restoreJobId))
    return {fileName, bytes: await buildDeliveryArchive(manifest)}
  }
}
