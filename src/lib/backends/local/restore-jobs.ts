import {oplogWindowDays} from '../../compliance/enforcement.js'
import {snapshotNotFound} from '../../domain/atlas-errors.js'
import {AtlasApiError} from '../../domain/errors.js'
import {deterministicObjectId} from '../../domain/ids.js'
import {DAY_MS, toIso} from '../../domain/time.js'
import type {PageRequest, Paginated} from '../../domain/types.js'
import {
  availableSnapshots,
  checkCancel,
  checkRestoreJob,
  checkRestoreJobId,
  parseRestoreRequest,
  restoreJobNotFound,
  restoreStarted,
  restoreWindow,
  findServingRegion,
  servingRefusal,
  type RegionRef,
  type RestoreCluster,
  type RestoreRequest,
  type RestoreSnapshot,
  type RestoreWindow,
  type ServingRegionFacts,
} from '../../restores/index.js'
import {snapshotStateAt} from '../../snapshots/index.js'
import {tierInfo} from '../../tiers/tiers.js'
import {DEFAULT_RESTORE_WINDOW_DAYS, restoreWindowDaysOf} from './coverage-catch-up.js'
import type {DeliveryManifest} from './delivery-archive.js'
import {liveCopies} from './copies.js'
import {encryptionAtRestProviderOf, highestPriorityRegion} from './fleet.js'
import {oplogRegionsOf} from './oplog-region-facts.js'
import {readOutages} from './region-outages.js'
import type {LocalSession} from './session.js'
import {clusterCoverage, type SnapshotRecord} from './records.js'
import {
  DOWNLOAD_LINK_MS,
  DOWNLOAD_PREPARE_MS,
  RESTORE_MS,
  SHARED_TIER_DOWNLOAD_LINK_MS,
  downloadFileName,
  isActiveDownload,
  restoreJobPhase,
  type RestoreJobRecord,
} from './restore-job-records.js'
import {RestoreJobRepository} from './restore-job-repository.js'
import {restoreJobsPath} from './restore-job-views.js'
import type {ClusterWithSchedule} from './repository.js'
import {countedTotal, paginateStored} from './views.js'

/**
 * The restore-jobs resource of the emulator: a cluster's and a serverless instance's jobs, the restorable window and
 * the download archive. The rules are src/lib/restores'; this module gathers their facts from the store and keeps
 * what they decide. Callers (LocalBackend) have opened the transaction and brought the source up to now.
 */

/** A cluster as the restore rules see it, at `now`. */
export function restoreClusterFacts(cluster: ClusterWithSchedule, now: number): RestoreCluster {
  const spec = cluster.spec
  const sharded = spec.clusterType === 'SHARDED'
  return {
    name: cluster.name,
    groupId: cluster.projectId,
    tier: spec.tier,
    nvme: spec.nvme,
    pitEnabled: spec.continuousBackup,
    provider: spec.provider,
    clusterType: spec.clusterType,
    shards: spec.replicaSets.map((replicaSet) => replicaSet.name),
    configServerType: sharded ? 'DEDICATED' : undefined,
    mongoDBVersion: spec.mongoDBVersion,
    paused: spec.paused === true,
    restoreInProgress: (cluster.state.restoringUntil ?? -Infinity) > now,
    shardsChangedAt: cluster.state.shardsChangedAt,
    encryptionAtRestProvider: encryptionAtRestProviderOf(spec),
  }
}

/** A stored snapshot as the restore rules see it, at `now`: its shards are its members but the config server. */
export function restoreSnapshotFacts(cluster: ClusterWithSchedule, record: SnapshotRecord, now: number): RestoreSnapshot {
  const state = snapshotStateAt(record, now)
  const sharded = cluster.spec.clusterType === 'SHARDED'
  const configServer = cluster.spec.configServer?.name
  return {
    id: record.id,
    status: state.status,
    createdAt: state.createdAt,
    type: sharded ? 'shardedCluster' : 'replicaSet',
    shards: sharded ? record.members.filter((m) => m.replicaSetName !== configServer).map((m) => m.replicaSetName) : [record.members[0]?.replicaSetName ?? cluster.name],
    configServerType: sharded ? 'DEDICATED' : undefined,
    mongodVersion: record.mongodVersion,
    sourceCluster: {name: cluster.name, groupId: cluster.projectId, tier: cluster.spec.tier},
    customerKeyProvider: record.customerKey?.provider,
  }
}

/**
 * The snapshots a request can use: the one it names and, for a point in time, those completed inside the window plus
 * the last one before it (a point early in the window replays from it). Never every snapshot of the cluster.
 */
function candidateSnapshots(s: LocalSession, source: ClusterWithSchedule, request: RestoreRequest): SnapshotRecord[] {
  const found = new Map<string, SnapshotRecord>()
  if (request.snapshotId !== undefined) {
    const named = s.repo.findSnapshot(source.id, request.snapshotId)
    if (named) found.set(named.id, named)
  }
  if (request.pointInTime) {
    const from = s.now - restoreWindowDaysOf(source, s.now) * DAY_MS
    const before = s.repo.lastCompletedBefore(source.id, from)
    for (const record of [...(before ? [before] : []), ...s.repo.snapshotsCompletedBetween(source.id, from, s.now)]) found.set(record.id, record)
  }
  return [...found.values()]
}

/** The target a request names, brought up to now; the source itself when it restores into itself. */
function lookUpTarget(s: LocalSession, source: ClusterWithSchedule, target: {groupId: string; clusterName: string}): ClusterWithSchedule {
  if (target.groupId === source.projectId && target.clusterName === source.name) return source
  return s.anyCluster(target.groupId, target.clusterName)
}

/** A short stable name for the target's deployment, like the `atlas-xxxxxx` Atlas reports. */
function deploymentItemName(clusterId: string): string {
  return `atlas-${clusterId.slice(-6)}`
}

function downloadLinkMs(source: ClusterWithSchedule): number {
  const kind = tierInfo(source.spec.tier).kind
  return kind === 'shared' || kind === 'flex' ? SHARED_TIER_DOWNLOAD_LINK_MS : DOWNLOAD_LINK_MS
}

/**
 * Creates a restore job: the request's shape, then every rule over facts read from the store, then the job. An
 * automated or point-in-time restore starts at once on its target: the target is being restored until the job
 * finishes, holds the source's data from then on, and its own oplog coverage enters a blackout (rule 65).
 * `options.prepareMs`: how long a download takes to be ready (a Flex download is ready at once).
 */
export function createRestoreJob(s: LocalSession, source: ClusterWithSchedule, body: unknown, serverless: boolean, options: {prepareMs?: number} = {}): RestoreJobRecord {
  const request = parseRestoreRequest(body, {serverless})
  const jobs = new RestoreJobRepository(s.repo.db)
  const records = candidateSnapshots(s, source, request)
  const snapshots = records.map((record) => restoreSnapshotFacts(source, record, s.now))
  const download = request.deliveryType === 'download'
  // A download has no target (a serverless request names one anyway, and is refused for downloading).
  const target = !download && request.target ? lookUpTarget(s, source, request.target) : undefined
  const plan = checkRestoreJob({
    request,
    source: restoreClusterFacts(source, s.now),
    snapshots,
    coverage: clusterCoverage(source),
    restoreWindowDays: oplogWindowDays(source.schedule?.restoreWindowDays ?? DEFAULT_RESTORE_WINDOW_DAYS, source.state.oplogKeptFor, s.now),
    target: target ? restoreClusterFacts(target, s.now) : undefined,
    activeDownloads: download ? jobs.unexpiredDownloads(source.id, s.now).filter((job) => isActiveDownload(job, s.now)) : [],
    projectActiveDownloads: download ? jobs.unexpiredProjectDownloads(source.projectId, s.now).filter((job) => isActiveDownload(job, s.now)).length : 0,
    now: s.now,
  })
  const planned = records.find((record) => record.id === plan.snapshotId)
  // checkRestoreJob accepts only a snapshot it was given.
  if (!planned) throw snapshotNotFound(plan.snapshotId, source.name)
  const {snapshot, servedFromCopy} = regionServing(s, source, planned, records, plan.pointInTime)
  source.state.sequence += 1
  const finishesAt = s.now + (download ? (options.prepareMs ?? DOWNLOAD_PREPARE_MS) : RESTORE_MS)
  const job: RestoreJobRecord = {
    id: deterministicObjectId(s.now, `${source.id}/restore-job/${source.state.sequence}`),
    deliveryType: plan.deliveryType,
    serverless,
    groupId: source.projectId,
    sourceClusterId: source.id,
    sourceClusterName: source.name,
    snapshotId: snapshot.id,
    snapshotTakenAt: snapshot.finishesAt,
    target: target ? {groupId: target.projectId, clusterName: target.name, clusterId: target.id, deploymentItemName: deploymentItemName(target.id)} : undefined,
    pointInTime: pointInTimeOf(request, plan.pointInTime),
    createdAt: s.now,
    finishesAt,
    linkExpiresAt: download ? finishesAt + downloadLinkMs(source) : undefined,
    snapshot: {
      mongodVersion: snapshot.mongodVersion,
      cloudProvider: snapshot.cloudProvider,
      members: snapshot.members.map((m) => ({replicaSetName: m.replicaSetName, hostname: m.hostname, sizeBytes: m.sizeBytes})),
    },
    components: source.spec.clusterType === 'SHARDED' ? snapshot.members.map((m) => m.replicaSetName) : undefined,
    ...(servedFromCopy ? {servedFromCopy} : {}),
  }
  jobs.insert(job)
  if (target) startRestoreInto(s, target, job)
  s.repo.saveCluster(source)
  return job
}

/** Where a snapshot is stored: the region of the node it was taken from, else (node gone) the cluster's primary region. */
function snapshotRegion(cluster: ClusterWithSchedule, record: SnapshotRecord): string {
  const hostnames = new Set(record.members.map((member) => member.hostname))
  const sets = cluster.spec.configServer ? [...cluster.spec.replicaSets, cluster.spec.configServer] : cluster.spec.replicaSets
  const node = sets.flatMap((set) => set.nodes).find((n) => hostnames.has(n.hostname))
  return node?.regionName ?? highestPriorityRegion(cluster.spec.regions).regionName
}

/** What decides where a restore of `record` is served from: its region, its live copies, the outages, the oplog. */
function servingFacts(s: LocalSession, source: ClusterWithSchedule, record: SnapshotRecord, outages: RegionRef[], pointInTime: number | undefined): ServingRegionFacts {
  const live = liveCopies(record, s.now)
  return {
    snapshotId: record.id,
    clusterName: source.name,
    home: {cloudProvider: record.cloudProvider, regionName: snapshotRegion(source, record)},
    copies: live.map((copy) => ({cloudProvider: copy.cloudProvider, regionName: copy.regionName})),
    outages,
    oplog: pointInTime === undefined ? undefined : {from: record.finishesAt, to: pointInTime},
    oplogCopies: source.state.oplogCopies ?? [],
  }
}

/**
 * The snapshot a restore uses and, when its own region is out, the copy region that serves it. A point in time
 * whose planned snapshot has no usable copy replays from an earlier one that has (with the oplog copied since it);
 * with none, it is refused. Reads the outages first: nothing more without one.
 */
function regionServing(
  s: LocalSession,
  source: ClusterWithSchedule,
  planned: SnapshotRecord,
  candidates: SnapshotRecord[],
  pointInTime: number | undefined,
): {snapshot: SnapshotRecord; servedFromCopy?: RestoreJobRecord['servedFromCopy']} {
  const outages = readOutages(s.repo.db)
  if (outages.length === 0) return {snapshot: planned}
  const earlier = pointInTime === undefined ? [] : candidates
    .filter((record) => record.id !== planned.id && record.finishesAt <= pointInTime && snapshotStateAt(record, s.now).status === 'completed')
    .sort((a, b) => b.finishesAt - a.finishesAt)
  const tried = [planned, ...earlier].map((record) => servingFacts(s, source, record, outages, pointInTime))
  for (const [i, facts] of tried.entries()) {
    const served = findServingRegion(facts)
    if (served) return {snapshot: i === 0 ? planned : earlier[i - 1]!, ...(served.fromCopy ? {servedFromCopy: {...served.region}} : {})}
  }
  // The most telling refusal: of the first snapshot that has a copy (its oplog or region was the trouble), if any.
  throw servingRefusal(tried.find((facts) => facts.copies.length > 0) ?? tried[0]!)
}

function pointInTimeOf(request: RestoreRequest, at: number | undefined): RestoreJobRecord['pointInTime'] {
  const pit = request.pointInTime
  if (!pit || at === undefined) return undefined
  return pit.by === 'seconds' ? {at, byUtcSeconds: true} : {at, oplogTs: pit.oplogTs, oplogInc: pit.oplogInc, byUtcSeconds: false}
}

function startRestoreInto(s: LocalSession, target: ClusterWithSchedule, job: RestoreJobRecord): void {
  target.state.restoringUntil = job.finishesAt
  target.state.coverage = restoreStarted(clusterCoverage(target), s.now)
  target.state.restoredFrom = {
    restoreJobId: job.id,
    groupId: job.groupId,
    clusterName: job.sourceClusterName,
    snapshotId: job.snapshotId,
    pointInTime: job.pointInTime?.at,
    startedAt: job.createdAt,
    finishesAt: job.finishesAt,
  }
  s.repo.saveCluster(target)
}

/** One job of the cluster, or Atlas's 404 for a malformed or unknown id. */
export function findRestoreJob(s: LocalSession, source: ClusterWithSchedule, restoreJobId: string): RestoreJobRecord {
  checkRestoreJobId(restoreJobId)
  const job = new RestoreJobRepository(s.repo.db).find(source.id, restoreJobId, s.now)
  if (!job) throw restoreJobNotFound(restoreJobId, source.name)
  return job
}

/** One page of the cluster's jobs, newest first, reading only that page. */
export function pageOfRestoreJobs<T>(s: LocalSession, source: ClusterWithSchedule, page: PageRequest, serverless: boolean, view: (job: RestoreJobRecord) => T): Paginated<T> {
  const jobs = new RestoreJobRepository(s.repo.db)
  const path = restoreJobsPath(source.projectId, source.name, serverless)
  return paginateStored(s.view, path, page, countedTotal(page, () => jobs.count(source.id)), (limit, offset) => jobs.page(source.id, limit, offset), view)
}

/**
 * Cancels a download (rule 71): from now on it is cancelled, its link gone, and the snapshot free for another
 * download. A job that has already ended stays as it was.
 */
export function cancelRestoreJob(s: LocalSession, source: ClusterWithSchedule, restoreJobId: string): void {
  const job = findRestoreJob(s, source, restoreJobId)
  checkCancel({id: job.id, deliveryType: job.deliveryType})
  const phase = restoreJobPhase(job, s.now)
  if (phase !== 'running' && phase !== 'ready') return
  job.cancelledAt = s.now
  new RestoreJobRepository(s.repo.db).update(job)
}

/**
 * What a point-in-time restore can reach now (rules 63–65): the cluster's stored coverage and the snapshots that
 * completed inside the window, with the last one before it, from which the window's first instants replay; and the
 * regions holding the window's oplog (rule 66).
 */
export function clusterRestoreWindow(s: LocalSession, cluster: ClusterWithSchedule): RestoreWindow {
  const days = restoreWindowDaysOf(cluster, s.now)
  const from = s.now - days * DAY_MS
  const before = s.repo.lastCompletedBefore(cluster.id, from)
  const records = [...(before ? [before] : []), ...s.repo.snapshotsCompletedBetween(cluster.id, from, s.now)]
  const snapshots = availableSnapshots(records.map((record) => restoreSnapshotFacts(cluster, record, s.now)))
  return {...restoreWindow({coverage: clusterCoverage(cluster), snapshots, now: s.now, restoreWindowDays: days}), oplogRegions: oplogRegionsOf(cluster, s.now)}
}

function downloadError(status: number, errorCode: string, detail: string, restoreJobId: string): AtlasApiError {
  return new AtlasApiError(status, errorCode, detail, [restoreJobId])
}

/**
 * The manifest of a download job's archive, if the download can be fetched now: an unknown job (or one that is no
 * download) is 404; a download still being prepared is 409, as a request that comes too early; an expired or
 * cancelled one is 410 Gone, as its link no longer works.
 */
export function downloadManifest(s: LocalSession, restoreJobId: string): {fileName: string; manifest: DeliveryManifest} {
  checkRestoreJobId(restoreJobId)
  const job = new RestoreJobRepository(s.repo.db).findAnywhere(restoreJobId, s.now)
  if (!job || job.deliveryType !== 'download') {
    throw downloadError(404, 'RESTORE_JOB_NOT_FOUND', `No download restore job with ID ${restoreJobId} exists.`, restoreJobId)
  }
  const phase = restoreJobPhase(job, s.now)
  if (phase === 'running') {
    throw downloadError(409, 'DOWNLOAD_NOT_READY', `The download of restore job ${restoreJobId} is not ready yet: watch the job until its deliveryUrl is set.`, restoreJobId)
  }
  if (phase === 'expired' || phase === 'cancelled') {
    const why = phase === 'expired' ? 'its link expired' : 'the job was cancelled'
    throw downloadError(410, phase === 'expired' ? 'DOWNLOAD_EXPIRED' : 'DOWNLOAD_CANCELLED', `The download of restore job ${restoreJobId} is no longer available: ${why}. Start a new download job.`, restoreJobId)
  }
  const project = s.repo.projects().find((p) => p.id === job.groupId)
  return {
    fileName: downloadFileName(job),
    manifest: {
      restoreJobId: job.id,
      snapshotId: job.snapshotId,
      clusterName: job.sourceClusterName,
      groupId: job.groupId,
      projectName: project?.name,
      snapshotTakenAt: toIso(job.snapshotTakenAt),
      mongodVersion: job.snapshot.mongodVersion,
      cloudProvider: job.snapshot.cloudProvider,
      members: job.snapshot.members,
    },
  }
}
