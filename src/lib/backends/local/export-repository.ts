import type {ExportBucketRecord, ExportJobRecord} from './export-records.js'
import {type OrderedList, orderedList, pageInOrder} from './list-cursors.js'
import {type Database, storedObject} from './store.js'

/**
 * A project's export buckets oldest first, in the order they were added (rowid breaks ties of one frozen instant),
 * through export_buckets_by_project, whose entries end with the rowid; see list-cursors.ts.
 */
export const EXPORT_BUCKET_LIST: OrderedList = orderedList('export_buckets', 'project_id', 'created_at', 'rowid', 'oldest first')

/**
 * A cluster's export jobs newest first, as Atlas lists them (rowid breaks ties of one frozen instant), through
 * export_jobs_by_cluster. No job is later than now: the cluster's catch-up in the same transaction forgets any job
 * of a later instant once the clock was moved back (forgetLaterThan), as restore jobs are paged.
 */
export const EXPORT_JOB_LIST: OrderedList = orderedList('export_jobs', 'cluster_id', 'created_at', 'rowid', 'newest first')

function bucketBody(id: string, body: string): ExportBucketRecord {
  return storedObject<ExportBucketRecord>(body, `the body of export bucket ${id} (export_buckets table)`)
}

function jobBody(id: string, body: string): ExportJobRecord {
  return storedObject<ExportJobRecord>(body, `the body of export job ${id} (export_jobs table)`)
}

/** The SQL of export buckets and export jobs: each query reads the rows it returns, and no more. */
export class ExportRepository {
  constructor(readonly db: Database) {}

  insertBucket(bucket: ExportBucketRecord): void {
    this.db.prepare('INSERT INTO export_buckets (id, project_id, created_at, body) VALUES (?, ?, ?, ?)').run(bucket.id, bucket.groupId, bucket.createdAt, JSON.stringify(bucket))
  }

  updateBucket(bucket: ExportBucketRecord): void {
    this.db.prepare('UPDATE export_buckets SET body = ? WHERE id = ?').run(JSON.stringify(bucket), bucket.id)
  }

  deleteBucket(bucketId: string): void {
    this.db.prepare('DELETE FROM export_buckets WHERE id = ?').run(bucketId)
  }

  findBucket(groupId: string, bucketId: string): ExportBucketRecord | undefined {
    const row = this.db.prepare('SELECT body FROM export_buckets WHERE id = ? AND project_id = ?').get(bucketId, groupId) as {body: string} | undefined
    return row ? bucketBody(bucketId, row.body) : undefined
  }

  countBuckets(groupId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM export_buckets WHERE project_id = ?').get(groupId) as {n: number}).n
  }

  /** Oldest first: the order buckets were added in. */
  bucketPage(groupId: string, limit: number, offset: number): ExportBucketRecord[] {
    return pageInOrder(this.db, EXPORT_BUCKET_LIST, groupId, limit, offset).map((row) => bucketBody(row.id, row.body))
  }

  /** One job that uses the bucket, if any (through the bucket index). */
  jobUsingBucket(bucketId: string): ExportJobRecord | undefined {
    const row = this.db.prepare('SELECT id, body FROM export_jobs WHERE bucket_id = ? LIMIT 1').get(bucketId) as {id: string; body: string} | undefined
    return row ? jobBody(row.id, row.body) : undefined
  }

  insertJob(job: ExportJobRecord): void {
    this.db
      .prepare('INSERT INTO export_jobs (id, cluster_id, bucket_id, snapshot_id, created_at, finishes_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(job.id, job.clusterId, job.exportBucketId, job.snapshotId, job.createdAt, job.finishesAt, JSON.stringify(job))
  }

  /** One cluster's job, created by `now` (a job of a later instant does not exist yet for a clock moved back). */
  findJob(clusterId: string, jobId: string, now: number): ExportJobRecord | undefined {
    const row = this.db.prepare('SELECT body FROM export_jobs WHERE id = ? AND cluster_id = ? AND created_at <= ?').get(jobId, clusterId, now) as {body: string} | undefined
    return row ? jobBody(jobId, row.body) : undefined
  }

  /** Whether the cluster already has an export of this snapshot to this bucket (auto-export makes one per snapshot). */
  hasJob(clusterId: string, snapshotId: string, bucketId: string): boolean {
    // Through the snapshot index: a cluster has few jobs per snapshot.
    return this.db.prepare('SELECT 1 FROM export_jobs WHERE cluster_id = ? AND snapshot_id = ? AND bucket_id = ?').get(clusterId, snapshotId, bucketId) !== undefined
  }

  /** The cluster's jobs (none is later than now: EXPORT_JOB_LIST). */
  countJobs(clusterId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM export_jobs WHERE cluster_id = ?').get(clusterId) as {n: number}).n
  }

  /** Newest first, as Atlas lists jobs. */
  jobPage(clusterId: string, limit: number, offset: number): ExportJobRecord[] {
    return pageInOrder(this.db, EXPORT_JOB_LIST, clusterId, limit, offset).map((row) => jobBody(row.id, row.body))
  }

  /** Finished by `now` and their files not yet written: what the bucket folders still lack. */
  undelivered(clusterId: string, now: number): ExportJobRecord[] {
    const rows = this.db
      .prepare('SELECT id, body FROM export_jobs WHERE cluster_id = ? AND delivered = 0 AND finishes_at <= ?')
      .all(clusterId, now) as Array<{id: string; body: string}>
    return rows.map((row) => jobBody(row.id, row.body))
  }

  /** Written (or failed for good, or cancelled): nothing more to write for it. The body is saved too when given. */
  markDelivered(jobId: string, job?: ExportJobRecord): void {
    if (job) this.db.prepare('UPDATE export_jobs SET delivered = 1, body = ? WHERE id = ?').run(JSON.stringify(job), jobId)
    else this.db.prepare('UPDATE export_jobs SET delivered = 1 WHERE id = ?').run(jobId)
  }

  /**
   * A deleted snapshot cannot be exported any more: its unfinished jobs are Cancelled from `now`, with no files to
   * write. The snapshot deletion calls it in its transaction.
   */
  cancelExportsOfSnapshot(clusterId: string, snapshotId: string, now: number): void {
    for (const job of this.unfinishedOfSnapshot(clusterId, snapshotId, now)) {
      job.cancelledAt = now
      this.markDelivered(job.id, job)
    }
  }

  /** The cluster's jobs of one snapshot still running at `now` (through the snapshot index). */
  unfinishedOfSnapshot(clusterId: string, snapshotId: string, now: number): ExportJobRecord[] {
    const rows = this.db
      .prepare('SELECT id, body FROM export_jobs WHERE cluster_id = ? AND snapshot_id = ? AND finishes_at > ? AND created_at <= ?')
      .all(clusterId, snapshotId, now, now) as Array<{id: string; body: string}>
    return rows.map((row) => jobBody(row.id, row.body))
  }

  /**
   * After the clock was moved back: jobs created after `now` never were, and a cancellation after `now` did not
   * happen (the job runs again). Files already written stay in the folder: they are the user's.
   */
  forgetLaterThan(clusterId: string, now: number): void {
    this.db.prepare('DELETE FROM export_jobs WHERE cluster_id = ? AND created_at > ?').run(clusterId, now)
    const rows = this.db.prepare('SELECT id, body FROM export_jobs WHERE cluster_id = ? AND finishes_at > ?').all(clusterId, now) as Array<{id: string; body: string}>
    for (const job of rows.map((row) => jobBody(row.id, row.body))) {
      if (job.cancelledAt === undefined || job.cancelledAt <= now) continue
      delete job.cancelledAt
      this.db.prepare('UPDATE export_jobs SET delivered = 0, body = ? WHERE id = ?').run(JSON.stringify(job), job.id)
    }
  }
}
