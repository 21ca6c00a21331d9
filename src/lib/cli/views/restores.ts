import type {FlexRestoreJob, Paginated, RestoreJob, ServerlessRestoreJob} from '../../domain/types.js'
import {formatTable} from '../table.js'

/**
 * The Atlas CLI's restore-job templates (cluster and serverless jobs alike): same columns and headers, ISO times,
 * empty cells instead of <nil> (a download job has no target cluster).
 */

type AnyRestoreJob = RestoreJob | ServerlessRestoreJob

export function restoreJobListTable(page: Paginated<AnyRestoreJob>): Promise<string> {
  return formatTable(
    ['ID', 'SNAPSHOT', 'CLUSTER', 'TYPE', 'EXPIRES AT'],
    page.results.map((job) => [job.id, job.snapshotId, job.targetClusterName, job.deliveryType, job.expiresAt]),
  )
}

/**
 * The download URLs are joined by "; " in one cell, as the Atlas CLI prints them. A job the emulator served from a
 * copy in another region (its snapshot's region was out) has one more column naming that region.
 */
export function restoreJobDescribeTable(job: AnyRestoreJob): Promise<string> {
  const row = [job.id, job.snapshotId, job.targetClusterName, job.deliveryType, job.expiresAt, (job.deliveryUrl ?? []).join('; ')]
  const copy = job.servedFromCopyRegion
  if (copy === undefined) return formatTable(['ID', 'SNAPSHOT', 'CLUSTER', 'TYPE', 'EXPIRES AT', 'URLs'], [row])
  return formatTable(['ID', 'SNAPSHOT', 'CLUSTER', 'TYPE', 'EXPIRES AT', 'URLs', 'SERVED FROM COPY IN'], [[...row, copy]])
}

export function restoreJobStarted(job: AnyRestoreJob): string {
  return `Restore job '${job.id}' successfully started`
}

/**
 * Where a job stands, from the flags Atlas reports (a restore job has no status field). The order is the Atlas CLI's:
 * failed, then expired, then cancelled win over finishedAt; a download is done waiting once its URL is there.
 */
export type RestoreJobState = 'failed' | 'expired' | 'cancelled' | 'completed' | 'ready' | 'in progress'

export function restoreJobState(job: AnyRestoreJob): RestoreJobState {
  if (job.failed === true) return 'failed'
  if (job.expired === true) return 'expired'
  if (job.cancelled === true) return 'cancelled'
  if (job.finishedAt) return 'completed'
  if (job.deliveryType === 'download' && (job.deliveryUrl ?? []).length > 0) return 'ready'
  return 'in progress'
}

/** States after which watching cannot change anything: the job ended, or its download can be fetched. */
export function isRestoreJobSettled(job: AnyRestoreJob): boolean {
  return restoreJobState(job) !== 'in progress'
}

/**
 * What `restores watch` prints when the job is done: the Atlas CLI's line, then a download's URLs one per line, so
 * `… | tail -n +2 | xargs curl -O` works without -o json.
 */
export function restoreWatchDone(job: AnyRestoreJob): string {
  const urls = job.deliveryType === 'download' ? (job.deliveryUrl ?? []) : []
  return ['Restore completed.', ...urls].join('\n')
}

/** The Atlas CLI's Flex templates (restoreListFlexClusterTemplate and its describe): the target is the deployment item. */
export function flexRestoreJobListTable(page: Paginated<FlexRestoreJob>): Promise<string> {
  return formatTable(
    ['ID', 'SNAPSHOT', 'CLUSTER', 'TYPE', 'EXPIRES AT'],
    page.results.map((job) => [job.id, job.snapshotId, job.targetDeploymentItemName, job.deliveryType, job.expirationDate]),
  )
}

export function flexRestoreJobDescribeTable(job: FlexRestoreJob): Promise<string> {
  return formatTable(['ID', 'SNAPSHOT', 'CLUSTER', 'TYPE', 'EXPIRES AT', 'URLs'], [[job.id, job.snapshotId, job.targetDeploymentItemName, job.deliveryType, job.expirationDate, job.snapshotUrl]])
}

export function flexRestoreJobStarted(job: FlexRestoreJob): string {
  return `Restore job '${job.id}' successfully started`
}

/** A Flex job has no URL list: a download's one link is printed after the line, as for a cluster's download. */
export function flexRestoreWatchDone(job: FlexRestoreJob): string {
  return job.deliveryType === 'DOWNLOAD' && job.snapshotUrl ? `Restore completed.\n${job.snapshotUrl}` : 'Restore completed.'
}
