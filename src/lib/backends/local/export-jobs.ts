import {invalidAttribute, snapshotNotFound, exportJobNotFound} from '../../domain/atlas-errors.js'
import {AtlasApiError} from '../../domain/errors.js'
import {deterministicObjectId, isObjectId} from '../../domain/ids.js'
import {toIso} from '../../domain/time.js'
import type {BackupLabel, ExportJob, PageRequest, Paginated} from '../../domain/types.js'
import {snapshotStateAt} from '../../snapshots/index.js'
import type {DeliveryManifest} from './delivery-archive.js'
import {owedAutoExports} from './auto-export.js'
import {findExportBucket} from './export-buckets.js'
import {EXPORT_MS, EXPORT_QUEUED_MS, exportJobState, type ExportBucketRecord, type ExportJobRecord} from './export-records.js'
import {ExportRepository} from './export-repository.js'
import type {SnapshotRecord} from './records.js'
import type {ClusterWithSchedule} from './repository.js'
import type {LocalSession} from './session.js'
import {clusterPath, compact, countedTotal, paginateStored} from './views.js'

/**
 * The export-jobs resource of the emulator: one completed snapshot of an M10+ cluster copied to an export bucket,
 * Queued then InProgress then Successful as the virtual clock moves. Callers (LocalBackend) have opened the
 * transaction and brought the cluster up to now.
 */

/** The emulator has no organizations; each project's stands for it, with an id derived from the project's. */
export function organizationIdOf(groupId: string): string {
  return deterministicObjectId(Date.UTC(2026, 0, 1), `org/${groupId}`)
}

/** "2026-08-10T0327": the snapshot's start to the minute, as Atlas names the folder. */
function prefixDate(epochMs: number): string {
  return toIso(epochMs).slice(0, 16).replace(/:/g, '')
}

function exportPrefix(groupId: string, clusterName: string, snapshot: SnapshotRecord, createdAt: number): string {
  return `exported_snapshots/${organizationIdOf(groupId)}/${groupId}/${clusterName}/${prefixDate(snapshot.startedAt)}/${Math.floor(createdAt / 1000)}`
}

function parseCustomData(value: unknown): BackupLabel[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw invalidAttribute('customData', 'customData must be an array of {key, value}.')
  return value.map((label) => {
    const {key, value: text} = (label ?? {}) as Record<string, unknown>
    if (typeof key !== 'string' || key === '' || typeof text !== 'string') throw invalidAttribute('customData', `${JSON.stringify(label)} is not a {key, value} pair of strings.`)
    return {key, value: text}
  })
}

function requiredId(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  if (typeof value !== 'string' || value === '') throw invalidAttribute(name, `${name} is required.`)
  if (!isObjectId(value)) throw invalidAttribute(name, `${value} is not 24 hexadecimal characters.`)
  return value
}

/** A snapshot not yet completed (or failed) has nothing to export: the spec's 409 for this operation. */
function snapshotNotExportable(snapshotId: string, status: string): AtlasApiError {
  return new AtlasApiError(409, 'EXPORT_SNAPSHOT_NOT_COMPLETED', `Snapshot ${snapshotId} is ${status}: only a completed snapshot can be exported. Watch it until it completes, then export it.`, [snapshotId])
}

/** Export is for dedicated (M10+) clusters; Flex and shared-tier snapshots are downloaded instead. */
function requireDedicated(cluster: ClusterWithSchedule): void {
  if (cluster.spec.kind !== 'dedicated') {
    throw new AtlasApiError(400, 'EXPORT_NOT_SUPPORTED_FOR_TENANT_CLUSTER', `Cluster ${cluster.name} is on the ${cluster.spec.tier} tier: snapshot export needs an M10 or larger cluster.`, [cluster.name])
  }
}

/** The job record for one snapshot going to one bucket, from `at`. */
function newJob(s: LocalSession, cluster: ClusterWithSchedule, snapshot: SnapshotRecord, bucket: ExportBucketRecord, customData: BackupLabel[], at: number, auto: boolean): ExportJobRecord {
  cluster.state.sequence += 1
  return {
    id: deterministicObjectId(at, `${cluster.id}/export-job/${cluster.state.sequence}`),
    groupId: cluster.projectId,
    clusterId: cluster.id,
    clusterName: cluster.name,
    exportBucketId: bucket.id,
    snapshotId: snapshot.id,
    customData,
    createdAt: at,
    startsAt: at + EXPORT_QUEUED_MS,
    finishesAt: at + EXPORT_MS,
    prefix: exportPrefix(cluster.projectId, cluster.name, snapshot, at),
    ...(auto ? {auto: true} : {}),
    snapshot: {
      takenAt: snapshot.finishesAt,
      mongodVersion: snapshot.mongodVersion,
      cloudProvider: snapshot.cloudProvider,
      members: snapshot.members.map((m) => ({replicaSetName: m.replicaSetName, hostname: m.hostname, sizeBytes: m.sizeBytes})),
    },
    components: cluster.spec.clusterType === 'SHARDED' ? snapshot.members.map((m) => m.replicaSetName) : undefined,
  }
}

export function createExportJob(s: LocalSession, cluster: ClusterWithSchedule, body: unknown): ExportJobRecord {
  requireDedicated(cluster)
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidAttribute('body', 'the request body must be a JSON object.')
  const fields = body as Record<string, unknown>
  const exportBucketId = requiredId(fields, 'exportBucketId')
  const snapshotId = requiredId(fields, 'snapshotId')
  const customData = parseCustomData(fields.customData)
  const bucket = findExportBucket(s, cluster.projectId, exportBucketId)
  const snapshot = s.repo.findSnapshot(cluster.id, snapshotId)
  if (!snapshot) throw snapshotNotFound(snapshotId, cluster.name)
  const state = snapshotStateAt(snapshot, s.now)
  if (state.status !== 'completed') throw snapshotNotExportable(snapshotId, state.status)
  const job = newJob(s, cluster, snapshot, bucket, customData, s.now, false)
  new ExportRepository(s.repo.db).insertJob(job)
  s.repo.saveCluster(cluster)
  return job
}

/**
 * Creates the jobs auto-export owes (auto-export.ts), each dated at its snapshot's completion, so that they are
 * Successful already when the clock has moved well past it.
 */
export function catchUpAutoExports(s: LocalSession, cluster: ClusterWithSchedule): void {
  const owed = owedAutoExports(s, cluster)
  if (!owed) return
  const repo = new ExportRepository(s.repo.db)
  const bucket = repo.findBucket(cluster.projectId, owed.bucketId)
  for (const snapshotId of owed.snapshotIds) {
    const snapshot = s.repo.findSnapshot(cluster.id, snapshotId)
    if (!bucket || !snapshot) continue
    const job = newJob(s, cluster, snapshot, bucket, [], snapshot.finishesAt, true)
    repo.insertJob(job)
  }
  cluster.state.autoExportedTo = s.now
  s.repo.saveCluster(cluster)
}

export function findExportJob(s: LocalSession, cluster: ClusterWithSchedule, exportId: string): ExportJobRecord {
  const job = isObjectId(exportId) ? new ExportRepository(s.repo.db).findJob(cluster.id, exportId, s.now) : undefined
  if (!job) throw exportJobNotFound(exportId, cluster.name)
  return job
}

export function pageOfExportJobs(s: LocalSession, cluster: ClusterWithSchedule, page: PageRequest): Paginated<ExportJob> {
  const repo = new ExportRepository(s.repo.db)
  const path = `${clusterPath(cluster.projectId, cluster.name)}/backup/exports`
  return paginateStored(s.view, path, page, countedTotal(page, () => repo.countJobs(cluster.id)), (limit, offset) => repo.jobPage(cluster.id, limit, offset), (job) => exportJobView(s.now, job))
}

/**
 * A job as Atlas answers it (recordings/backup_exports_jobs): keys in alphabetical order, no links, `finishedAt` once
 * it ended. The emulator models no collections, so exportStatus counts none, as Atlas showed for a fresh cluster.
 */
export function exportJobView(now: number, job: ExportJobRecord): ExportJob {
  const state = exportJobState(job, now)
  return compact({
    components: job.components?.map((replicaSetName) => ({exportId: deterministicObjectId(job.createdAt, `${job.id}/${replicaSetName}`), replicaSetName})),
    createdAt: toIso(job.createdAt),
    customData: job.customData,
    exportBucketId: job.exportBucketId,
    exportStatus: {exportedCollections: 0, totalCollections: 0},
    finishedAt: state === 'Cancelled' ? toIso(job.cancelledAt as number) : state === 'Successful' || state === 'Failed' ? toIso(job.finishesAt) : undefined,
    id: job.id,
    prefix: job.prefix,
    snapshotId: job.snapshotId,
    state,
    stateReason: state === 'Failed' ? job.failure : undefined,
  })
}

/** One finished export whose files are not in its bucket's folder yet. */
export interface PendingDelivery {
  job: ExportJobRecord
  folder: string
  /** The download archive's manifest (delivery-archive.ts), naming the export instead of a restore job. */
  manifest: Omit<DeliveryManifest, 'restoreJobId'> & {exportId: string}
  complete: Record<string, unknown>
}

/**
 * The cluster's exports that finished by now and whose files are still to be written. The backend writes them once
 * the transaction is over (no file is written while the store is locked) and then marks them delivered.
 */
export function pendingDeliveries(s: LocalSession, cluster: ClusterWithSchedule): PendingDelivery[] {
  const repo = new ExportRepository(s.repo.db)
  const projectName = s.repo.projects().find((p) => p.id === cluster.projectId)?.name
  return repo.undelivered(cluster.id, s.now).filter((job) => job.cancelledAt === undefined).flatMap((job) => {
    const bucket = repo.findBucket(job.groupId, job.exportBucketId)
    if (!bucket) return []
    const manifest: PendingDelivery['manifest'] = {
      exportId: job.id,
      snapshotId: job.snapshotId,
      clusterName: job.clusterName,
      groupId: job.groupId,
      projectName,
      snapshotTakenAt: toIso(job.snapshot.takenAt),
      mongodVersion: job.snapshot.mongodVersion,
      cloudProvider: job.snapshot.cloudProvider,
      members: job.snapshot.members,
    }
    const complete = {
      orgId: organizationIdOf(job.groupId),
      groupId: job.groupId,
      groupName: projectName,
      clusterName: job.clusterName,
      snapshotId: job.snapshotId,
      exportId: job.id,
      snapshotInitiationDate: toIso(job.snapshot.takenAt),
      exportCompletedAt: toIso(job.finishesAt),
      customData: job.customData,
      replicaSets: job.snapshot.members.map((m) => m.replicaSetName),
      files: ['manifest.json'],
    }
    return [{job, folder: bucket.folder, manifest, complete}]
  })
}

export function markDelivered(s: LocalSession, jobIds: string[]): void {
  const repo = new ExportRepository(s.repo.db)
  for (const id of jobIds) repo.markDelivered(id)
}

/** Exports whose files could not be written end Failed, with the reason the write gave, and are not tried again. */
export function markFailed(s: LocalSession, failures: Array<{job: ExportJobRecord; message: string}>): void {
  const repo = new ExportRepository(s.repo.db)
  for (const {job, message} of failures) {
    job.failure = {errorCode: 'EXPORT_BUCKET_WRITE_FAILED', message}
    repo.markDelivered(job.id, job)
  }
}
