import {type OrderedList, orderedList, pageInOrder} from './list-cursors.js'
import type {RestoreJobRecord} from './restore-job-records.js'
import {type Database, storedObject} from './store.js'

function jobBody(id: string, body: string): RestoreJobRecord {
  return storedObject<RestoreJobRecord>(body, `the body of restore job ${id} (restore_jobs table)`)
}

/** Restore jobs newest first, through the list-order index (restore_jobs_by_list_order); see list-cursors.ts. */
export const RESTORE_JOB_LIST: OrderedList = orderedList('restore_jobs', 'cluster_id', 'created_at', 'id', 'newest first')

/** The SQL of restore jobs: each query reads the jobs it returns, and no more. */
export class RestoreJobRepository {
  constructor(readonly db: Database) {}

  insert(job: RestoreJobRecord): void {
    this.db
      .prepare('INSERT INTO restore_jobs (id, cluster_id, target_cluster_id, delivery_type, created_at, finishes_at, expires_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(job.id, job.sourceClusterId, job.target?.clusterId ?? null, job.deliveryType, job.createdAt, job.finishesAt, job.linkExpiresAt ?? null, JSON.stringify(job))
  }

  update(job: RestoreJobRecord): void {
    this.db.prepare('UPDATE restore_jobs SET expires_at = ?, body = ? WHERE id = ?').run(job.linkExpiresAt ?? null, JSON.stringify(job), job.id)
  }

  /** One cluster's job, created by `now` (a job of a later instant does not exist yet for a clock moved back). */
  find(clusterId: string, jobId: string, now: number): RestoreJobRecord | undefined {
    const row = this.db.prepare('SELECT body FROM restore_jobs WHERE id = ? AND cluster_id = ? AND created_at <= ?').get(jobId, clusterId, now) as {body: string} | undefined
    return row ? jobBody(jobId, row.body) : undefined
  }

  /** Any cluster's job, for the delivery URL, which names the job alone. */
  findAnywhere(jobId: string, now: number): RestoreJobRecord | undefined {
    const row = this.db.prepare('SELECT body FROM restore_jobs WHERE id = ? AND created_at <= ?').get(jobId, now) as {body: string} | undefined
    return row ? jobBody(jobId, row.body) : undefined
  }

  count(clusterId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM restore_jobs WHERE cluster_id = ?').get(clusterId) as {n: number}).n
  }

  /** Newest first, as Atlas lists restore jobs. */
  page(clusterId: string, limit: number, offset: number): RestoreJobRecord[] {
    return pageInOrder(this.db, RESTORE_JOB_LIST, clusterId, limit, offset).map((row) => jobBody(row.id, row.body))
  }

  /**
   * Downloads whose link has not expired by `now`, through the expiry index: the candidates for "active" (cancelled
   * ones are sorted out by the caller), however long the cluster's history of jobs. Only downloads have an expiry.
   */
  unexpiredDownloads(clusterId: string, now: number): RestoreJobRecord[] {
    const rows = this.db
      .prepare('SELECT id, body FROM restore_jobs INDEXED BY restore_jobs_by_expiry WHERE cluster_id = ? AND expires_at > ?')
      .all(clusterId, now) as Array<{id: string; body: string}>
    return rows.map((row) => jobBody(row.id, row.body))
  }

  /**
   * The same for every cluster and serverless instance of a project (rule 76's per-project limit): the project's
   * clusters through their (project_id, name) key, then each one's expiry index range, never the project's history.
   */
  unexpiredProjectDownloads(projectId: string, now: number): RestoreJobRecord[] {
    const rows = this.db
      .prepare('SELECT r.id, r.body FROM clusters c JOIN restore_jobs r INDEXED BY restore_jobs_by_expiry ON r.cluster_id = c.id AND r.expires_at > ? WHERE c.project_id = ?')
      .all(now, projectId) as Array<{id: string; body: string}>
    return rows.map((row) => jobBody(row.id, row.body))
  }

  /**
   * After the clock was moved back: jobs created after `now` never were, and downloads cancelled after `now` were not
   * cancelled (only downloads whose link still works at `now` can hold such a cancellation).
   */
  forgetLaterThan(clusterId: string, now: number): void {
    this.db.prepare('DELETE FROM restore_jobs WHERE cluster_id = ? AND created_at > ?').run(clusterId, now)
    for (const job of this.unexpiredDownloads(clusterId, now)) {
      if (job.cancelledAt === undefined || job.cancelledAt <= now) continue
      delete job.cancelledAt
      this.update(job)
    }
  }
}
