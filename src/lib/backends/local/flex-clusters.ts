import {HOUR_MS, toIso} from '../../domain/time.js'
import type {FlexClusterDescription, FlexRestoreJob, FlexSnapshot, FlexStatus, PageRequest, Paginated} from '../../domain/types.js'
import {snapshotStateAt} from '../../snapshots/index.js'
import {cloudBackupOn} from './fleet.js'
import type {SnapshotRecord} from './records.js'
import {isActiveDownload, restoreJobPhase, type RestoreJobRecord} from './restore-job-records.js'
import {RestoreJobRepository} from './restore-job-repository.js'
import {deliveryUrl} from './restore-job-views.js'
import {createRestoreJob} from './restore-jobs.js'
import type {ClusterRow} from './records.js'
import type {ClusterWithSchedule} from './repository.js'
import type {LocalSession} from './session.js'
import {findSnapshot, snapshotPage} from './snapshots.js'
import {compact, countedTotal, groupPath, paginateStored, type ViewContext} from './views.js'

/**
 * The Flex API of the emulator (`/groups/{groupId}/flexClusters/{name}/…`): a Flex cluster, its daily snapshots, its
 * restores and downloads, in the shapes of recordings/backup_flex. The snapshots are those the world fires for the
 * tier (one a day, 8 kept, rule 82); the jobs are the emulator's restore jobs, shown as Flex jobs. Callers
 * (LocalBackend) have opened the transaction and found the cluster on the Flex API (s.cluster(…, 'flex')).
 */

/** Observed: a Flex restore's `expirationDate` is its `restoreScheduledDate` + 6 hours (rule 82). */
export const FLEX_RESTORE_EXPIRATION_MS = 6 * HOUR_MS

export function flexClusterPath(groupId: string, name: string): string {
  return `${groupPath(groupId)}/flexClusters/${name}`
}

export function flexClusterView(cluster: ClusterRow): FlexClusterDescription {
  const spec = cluster.spec
  const host = `${cluster.name.toLowerCase()}.${cluster.id.slice(-7)}.mongodb.net`
  return {
    backupSettings: {enabled: cloudBackupOn(spec)},
    clusterType: 'REPLICASET',
    connectionStrings: {standardSrv: `mongodb+srv://${host}`},
    createDate: toIso(cluster.createdAt),
    groupId: cluster.projectId,
    id: cluster.id,
    mongoDBVersion: spec.mongoDBVersion,
    name: cluster.name,
    providerSettings: {backingProviderName: spec.provider, diskSizeGB: spec.diskSizeGB, providerName: 'FLEX', regionName: spec.regions[0]?.regionName ?? ''},
    stateName: 'IDLE',
    tags: [],
    terminationProtectionEnabled: false,
    versionReleaseSystem: 'LTS',
  }
}

const SNAPSHOT_STATUS = {queued: 'QUEUED', inProgress: 'RUNNING', completed: 'COMPLETED', failed: 'FAILED'} as const satisfies Record<string, FlexStatus>

/** A stored snapshot as the Flex API shows it at ctx.now: no links, no type, upper-case status. */
export function flexSnapshotView(ctx: ViewContext, record: SnapshotRecord): FlexSnapshot {
  const state = snapshotStateAt(record, ctx.now)
  const started = state.status !== 'queued'
  const over = state.status === 'completed' || state.status === 'failed'
  return compact({
    expiration: toIso(state.expiresAt),
    finishTime: over ? toIso(record.finishesAt) : undefined,
    id: record.id,
    mongoDBVersion: state.mongodVersionVisible ? record.mongodVersion : undefined,
    scheduledTime: toIso(record.requestedAt),
    startTime: started ? toIso(record.startedAt) : undefined,
    status: SNAPSHOT_STATUS[state.status],
  })
}

/**
 * A restore job as the Flex API shows it: PENDING at the instant it was scheduled, RUNNING until it finishes, then
 * COMPLETED. A download's `snapshotUrl` is the emulator's delivery URL while the link works, and its
 * `expirationDate` the link's end; a restore's `expirationDate` is as observed (scheduled + 6 h).
 */
export function flexRestoreJobView(ctx: ViewContext, job: RestoreJobRecord): FlexRestoreJob {
  const phase = restoreJobPhase(job, ctx.now)
  const download = job.deliveryType === 'download'
  const status: FlexStatus = phase === 'cancelled' ? 'FAILED' : phase !== 'running' ? 'COMPLETED' : ctx.now === job.createdAt ? 'PENDING' : 'RUNNING'
  return compact({
    deliveryType: download ? ('DOWNLOAD' as const) : ('RESTORE' as const),
    expirationDate: toIso(download ? (job.linkExpiresAt ?? job.finishesAt) : job.createdAt + FLEX_RESTORE_EXPIRATION_MS),
    id: job.id,
    instanceName: job.sourceClusterName,
    projectId: job.groupId,
    restoreFinishedDate: status === 'COMPLETED' ? toIso(job.finishesAt) : undefined,
    restoreScheduledDate: toIso(job.createdAt),
    snapshotFinishedDate: toIso(job.snapshotTakenAt),
    snapshotId: job.snapshotId,
    snapshotUrl: download && phase === 'ready' ? deliveryUrl(ctx, job) : undefined,
    status,
    targetDeploymentItemName: job.target?.clusterName,
    targetProjectId: job.target?.groupId,
  })
}

export function flexSnapshotPage(s: LocalSession, cluster: ClusterWithSchedule, page: PageRequest): Paginated<FlexSnapshot> {
  return snapshotPage(s, cluster, page, `${flexClusterPath(cluster.projectId, cluster.name)}/backup/snapshots`, (record) => flexSnapshotView(s.view, record))
}

export function flexSnapshot(s: LocalSession, cluster: ClusterWithSchedule, snapshotId: string): FlexSnapshot {
  return flexSnapshotView(s.view, findSnapshot(s, cluster, snapshotId))
}

export function flexRestoreJobPage(s: LocalSession, cluster: ClusterWithSchedule, page: PageRequest): Paginated<FlexRestoreJob> {
  const jobs = new RestoreJobRepository(s.repo.db)
  const path = `${flexClusterPath(cluster.projectId, cluster.name)}/backup/restoreJobs`
  return paginateStored(s.view, path, page, countedTotal(page, () => jobs.count(cluster.id)), (limit, offset) => jobs.page(cluster.id, limit, offset), (job) => flexRestoreJobView(s.view, job))
}

/**
 * A Flex restore (FlexBackupRestoreJobCreate20241113): the snapshot into `targetDeploymentItemName` of
 * `targetProjectId` (this project when left out), under the restore rules of M2/M5 and Flex (rules 81, 82).
 */
export function createFlexRestoreJob(s: LocalSession, source: ClusterWithSchedule, body: Record<string, unknown>): RestoreJobRecord {
  const request = {
    deliveryType: 'automated',
    snapshotId: body.snapshotId,
    targetClusterName: body.targetDeploymentItemName,
    targetGroupId: body.targetProjectId ?? source.projectId,
  }
  return createRestoreJob(s, source, request, false)
}

/**
 * `POST …/backup/download`: a DOWNLOAD job whose `snapshotUrl` works at once, as the Atlas CLI fetches it straight
 * from this answer, for four hours (rule 81). Asked again while that link works, it answers the same job: one
 * download of a snapshot at a time (rule 76) without refusing a user who simply downloads the file twice.
 */
export function downloadFlexSnapshot(s: LocalSession, source: ClusterWithSchedule, body: Record<string, unknown>): RestoreJobRecord {
  const jobs = new RestoreJobRepository(s.repo.db)
  const active = jobs.unexpiredDownloads(source.id, s.now).find((job) => job.snapshotId === body.snapshotId && isActiveDownload(job, s.now))
  if (active && restoreJobPhase(active, s.now) === 'ready') return active
  return createRestoreJob(s, source, {deliveryType: 'download', snapshotId: body.snapshotId}, false, {prepareMs: 0})
}
