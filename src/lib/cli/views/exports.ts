import type {ExportBucket, ExportJob, Paginated} from '../../domain/types.js'
import {formatTable} from '../table.js'

/**
 * The Atlas CLI's export templates. An Azure bucket has no IAM role id: its role id (what grants Atlas access to the
 * container) fills that column, rather than an empty cell.
 */

const BUCKET_HEADERS = ['ID', 'BUCKET NAME', 'CLOUD PROVIDER', 'IAM ROLE ID']
const JOB_HEADERS = ['ID', 'EXPORT BUCKET ID', 'STATE', 'SNAPSHOT ID']

function bucketRow(bucket: ExportBucket): Array<string | undefined> {
  return [bucket._id, bucket.bucketName, bucket.cloudProvider, bucket.iamRoleId ?? bucket.roleId]
}

function jobRow(job: ExportJob): Array<string | undefined> {
  return [job.id, job.exportBucketId, job.state, job.snapshotId]
}

export function exportBucketListTable(page: Paginated<ExportBucket>): Promise<string> {
  return formatTable(BUCKET_HEADERS, page.results.map(bucketRow))
}

export function exportBucketTable(bucket: ExportBucket): Promise<string> {
  return formatTable(BUCKET_HEADERS, [bucketRow(bucket)])
}

export function exportJobListTable(page: Paginated<ExportJob>): Promise<string> {
  return formatTable(JOB_HEADERS, page.results.map(jobRow))
}

export function exportJobTable(job: ExportJob): Promise<string> {
  return formatTable(JOB_HEADERS, [jobRow(job)])
}

/** Export job states after which nothing changes (the Atlas CLI compares them without regard to case). */
export function isExportJobSettled(job: ExportJob): boolean {
  return ['successful', 'failed', 'cancelled'].includes(String(job.state ?? '').toLowerCase())
}
