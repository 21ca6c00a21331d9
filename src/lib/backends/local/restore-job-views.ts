import {toIso} from '../../domain/time.js'
import type {BsonTimestamp, Link, RestoreJob, RestoreJobComponent, ServerlessRestoreJob} from '../../domain/types.js'
import {downloadFileName, restoreJobPhase, type RestoreJobRecord} from './restore-job-records.js'
import {ATLAS_REL, clusterPath, compact, groupPath, type ViewContext} from './views.js'

/** Where a job lives in the API: under its cluster, or under its serverless instance. */
export function restoreJobsPath(groupId: string, clusterName: string, serverless: boolean): string {
  return `${serverless ? `${groupPath(groupId)}/serverless/${clusterName}` : clusterPath(groupId, clusterName)}/backup/restoreJobs`
}

/** The address `serve` answers a download on, which `deliveryUrl` names. */
export function deliveryUrl(ctx: ViewContext, job: RestoreJobRecord): string {
  return `${ctx.linkBase}/local/downloads/${job.id}/${downloadFileName(job)}`
}

function jobLinks(ctx: ViewContext, job: RestoreJobRecord): Link[] {
  const owner = job.serverless ? `${groupPath(job.groupId)}/serverless/${job.sourceClusterName}` : clusterPath(job.groupId, job.sourceClusterName)
  return [
    {href: `${ctx.linkBase}${restoreJobsPath(job.groupId, job.sourceClusterName, job.serverless)}/${job.id}`, rel: 'self'},
    {href: `${ctx.linkBase}${owner}/backup/snapshots/${job.snapshotId}`, rel: `${ATLAS_REL}/snapshot`},
    {href: `${ctx.linkBase}${owner}`, rel: `${ATLAS_REL}/${job.serverless ? 'serverless' : 'cluster'}`},
    {href: `${ctx.linkBase}${groupPath(job.groupId)}`, rel: `${ATLAS_REL}/group`},
  ]
}

/** Atlas answers every job with the three keys, null unless the job restores to a point in time (recorded). */
function desiredTimestamp(job: RestoreJobRecord): BsonTimestamp {
  const pit = job.pointInTime
  if (!pit) return {increment: null, time: null, date: null}
  return {increment: pit.oplogInc ?? null, time: Math.floor(pit.at / 1000), date: toIso(pit.at)}
}

/**
 * The fields both kinds of job share, in the state the job is in at ctx.now. A download's link is shown while it
 * works (from ready until it expires or the job is cancelled), with its expiry; a job is finished once it is over.
 */
function commonFields(ctx: ViewContext, job: RestoreJobRecord) {
  const phase = restoreJobPhase(job, ctx.now)
  const download = job.deliveryType === 'download'
  const ready = download && phase === 'ready'
  // expiresAt appears once the download is ready and stays; a download cancelled before it was ready never had one.
  const cancelledBeforeReady = phase === 'cancelled' && (job.cancelledAt as number) < job.finishesAt
  const reachedReady = download && job.linkExpiresAt !== undefined && ctx.now >= job.finishesAt && !cancelledBeforeReady
  const finishedAt = phase === 'finished' ? job.finishesAt : phase === 'expired' ? job.linkExpiresAt : phase === 'cancelled' ? job.cancelledAt : undefined
  return {
    cancelled: phase === 'cancelled',
    deliveryType: job.deliveryType,
    deliveryUrl: ready ? [deliveryUrl(ctx, job)] : [],
    desiredTimestamp: desiredTimestamp(job),
    expired: phase === 'expired',
    expiresAt: reachedReady ? toIso(job.linkExpiresAt as number) : undefined,
    failed: false,
    finishedAt: finishedAt === undefined ? undefined : toIso(finishedAt),
    id: job.id,
    links: jobLinks(ctx, job),
    oplogInc: job.pointInTime?.oplogInc,
    oplogTs: job.pointInTime?.oplogTs,
    pointInTimeUTCSeconds: job.pointInTime?.byUtcSeconds ? Math.floor(job.pointInTime.at / 1000) : undefined,
    // Emulator only (Atlas's job has no region field): the copy region that served a restore during an outage.
    servedFromCopyRegion: job.servedFromCopy?.regionName,
    snapshotId: job.snapshotId,
    targetClusterName: job.target?.clusterName,
    targetDeploymentItemName: job.target?.deploymentItemName,
    targetGroupId: job.target?.groupId,
    timestamp: toIso(job.snapshotTakenAt),
  }
}

/** Keys in Atlas's (alphabetical) order, unset ones left out. */
function sortedKeys<T extends object>(value: T): T {
  return compact(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T)
}

/** A cluster's restore job as GET and POST answer it. */
export function restoreJobView(ctx: ViewContext, job: RestoreJobRecord): RestoreJob {
  const fields = commonFields(ctx, job)
  // A sharded cluster's job names each replica set; a download's parts are all in the one archive of deliveryUrl.
  const components: RestoreJobComponent[] | undefined = job.components?.map((replicaSetName) =>
    compact({downloadUrl: fields.deliveryUrl[0], replicaSetName}),
  )
  return sortedKeys({...fields, components})
}

/** A serverless instance's restore job: no components. */
export function serverlessRestoreJobView(ctx: ViewContext, job: RestoreJobRecord): ServerlessRestoreJob {
  return sortedKeys(commonFields(ctx, job))
}
