import type {BackupSchedule} from '../../domain/types.js'
import type {ClusterSpec} from './fleet.js'
import {type OrderedList, orderedList, pageInOrder} from './list-cursors.js'
import type {ClusterRow, ClusterState, SnapshotRecord} from './records.js'
import {type Database, storedObject} from './store.js'

interface ClusterTableRow {
  id: string
  project_id: string
  name: string
  spec: string
  schedule: string | null
  state: string
  created_at: number
  advanced_to: number
}

export interface ClusterWithSchedule extends ClusterRow {
  schedule?: BackupSchedule
}

function toCluster(row: ClusterTableRow): ClusterWithSchedule {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    spec: storedObject<ClusterSpec>(row.spec, `the spec of cluster ${row.name} (clusters table)`),
    schedule: row.schedule === null ? undefined : storedObject<BackupSchedule>(row.schedule, `the schedule of cluster ${row.name} (clusters table)`),
    state: storedObject<ClusterState>(row.state, `the state of cluster ${row.name} (clusters table)`),
    createdAt: row.created_at,
    advancedTo: row.advanced_to,
  }
}

function snapshotBody(id: string, body: string): SnapshotRecord {
  return storedObject<SnapshotRecord>(body, `the body of snapshot ${id} (snapshots table)`)
}

/** Snapshots newest first, through the list-order index (snapshots_by_list_order); see list-cursors.ts. */
export const SNAPSHOT_LIST: OrderedList = orderedList('snapshots', 'cluster_id', 'started_at', 'id', 'newest first')

/** All SQL of the local backend lives here, so the rules above it deal in records, not rows. */
export class Repository {
  constructor(readonly db: Database) {}

  projectExists(projectId: string): boolean {
    return this.db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId) !== undefined
  }

  insertProject(id: string, name: string, createdAt: number): void {
    this.db.prepare('INSERT INTO projects (id, name, created_at) VALUES (?, ?, ?)').run(id, name, createdAt)
  }

  projects(): Array<{id: string; name: string}> {
    return this.db.prepare('SELECT id, name FROM projects ORDER BY created_at, id').all() as Array<{id: string; name: string}>
  }

  /** Projects with the time each was created, in the order `projects()` lists them. */
  projectRows(): Array<{id: string; name: string; createdAt: number}> {
    return this.db.prepare('SELECT id, name, created_at AS createdAt FROM projects ORDER BY created_at, id').all() as Array<{id: string; name: string; createdAt: number}>
  }

  /** The project row alone: its clusters and its compliance policy must have gone first (foreign keys). */
  deleteProject(projectId: string): void {
    this.db.prepare('DELETE FROM projects WHERE id = ?').run(projectId)
  }

  /** A live cluster by name: a terminated one is not found, as the Atlas cluster API no longer knows it. */
  findCluster(projectId: string, name: string): ClusterWithSchedule | undefined {
    const row = this.db.prepare('SELECT * FROM clusters WHERE project_id = ? AND name = ?').get(projectId, name) as ClusterTableRow | undefined
    const cluster = row ? toCluster(row) : undefined
    return cluster?.state.terminated ? undefined : cluster
  }

  /** Live clusters; with `terminated`, also the terminated ones whose snapshots are kept (rules 55, 91). */
  clusters(projectId?: string, options: {terminated?: boolean} = {}): ClusterWithSchedule[] {
    const rows = (projectId === undefined
      ? this.db.prepare('SELECT * FROM clusters ORDER BY project_id, name').all()
      : this.db.prepare('SELECT * FROM clusters WHERE project_id = ? ORDER BY name').all(projectId)) as ClusterTableRow[]
    const all = rows.map(toCluster)
    return options.terminated ? all : all.filter((cluster) => !cluster.state.terminated)
  }

  /** Terminated clusters whose snapshots are kept, by the name they had. */
  terminatedClusters(projectId: string): ClusterWithSchedule[] {
    return this.clusters(projectId, {terminated: true}).filter((cluster) => cluster.state.terminated)
  }

  /**
   * Keeps a terminated cluster's row for its snapshots, renamed out of the way (`~` is never in a cluster name) so a
   * new cluster may take the name where that is allowed.
   */
  markTerminated(cluster: ClusterWithSchedule): void {
    this.db.prepare('UPDATE clusters SET name = ?, state = ? WHERE id = ?').run(`${cluster.name}~terminated~${cluster.id}`, JSON.stringify(cluster.state), cluster.id)
  }

  insertCluster(cluster: ClusterWithSchedule): void {
    this.db
      .prepare('INSERT INTO clusters (id, project_id, name, spec, schedule, state, created_at, advanced_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(cluster.id, cluster.projectId, cluster.name, JSON.stringify(cluster.spec), cluster.schedule ? JSON.stringify(cluster.schedule) : null, JSON.stringify(cluster.state), cluster.createdAt, cluster.advancedTo)
  }

  saveCluster(cluster: ClusterWithSchedule): void {
    this.db
      .prepare('UPDATE clusters SET spec = ?, schedule = ?, state = ?, advanced_to = ? WHERE id = ?')
      .run(JSON.stringify(cluster.spec), cluster.schedule ? JSON.stringify(cluster.schedule) : null, JSON.stringify(cluster.state), cluster.advancedTo, cluster.id)
  }

  deleteCluster(clusterId: string): void {
    this.db.prepare('DELETE FROM snapshots WHERE cluster_id = ?').run(clusterId)
    this.db.prepare('DELETE FROM clusters WHERE id = ?').run(clusterId)
  }

  insertSnapshot(clusterId: string, record: SnapshotRecord): void {
    this.db
      .prepare('INSERT OR REPLACE INTO snapshots (id, cluster_id, snapshot_type, started_at, finishes_at, expires_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(record.id, clusterId, record.snapshotType, record.requestedAt, record.finishesAt, record.expiresAt, JSON.stringify(record))
  }

  updateSnapshot(clusterId: string, record: SnapshotRecord): void {
    this.db
      .prepare('UPDATE snapshots SET expires_at = ?, body = ? WHERE id = ? AND cluster_id = ?')
      .run(record.expiresAt, JSON.stringify(record), record.id, clusterId)
  }

  deleteSnapshot(clusterId: string, snapshotId: string): void {
    this.db.prepare('DELETE FROM snapshots WHERE id = ? AND cluster_id = ?').run(snapshotId, clusterId)
  }

  /** Expiry: Atlas deletes a snapshot at its expiresAt (rule 54). */
  deleteExpired(clusterId: string, now: number): number {
    return this.db.prepare('DELETE FROM snapshots WHERE cluster_id = ? AND expires_at <= ?').run(clusterId, now).changes
  }

  /** After the clock was moved back: what had not happened yet by `now` never did. */
  deleteLaterThan(clusterId: string, now: number): number {
    return this.db.prepare('DELETE FROM snapshots WHERE cluster_id = ? AND started_at > ?').run(clusterId, now).changes
  }

  findSnapshot(clusterId: string, snapshotId: string): SnapshotRecord | undefined {
    const row = this.db.prepare('SELECT body FROM snapshots WHERE id = ? AND cluster_id = ?').get(snapshotId, clusterId) as {body: string} | undefined
    return row ? snapshotBody(snapshotId, row.body) : undefined
  }

  /** Any cluster's snapshot by id, for `local snapshots explain`. */
  findSnapshotAnywhere(snapshotId: string): {clusterId: string; record: SnapshotRecord} | undefined {
    const row = this.db.prepare('SELECT cluster_id, body FROM snapshots WHERE id = ?').get(snapshotId) as {cluster_id: string; body: string} | undefined
    return row ? {clusterId: row.cluster_id, record: snapshotBody(snapshotId, row.body)} : undefined
  }

  countSnapshots(clusterId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM snapshots WHERE cluster_id = ?').get(clusterId) as {n: number}).n
  }

  /** Newest first, as Atlas lists snapshots. */
  pageOfSnapshots(clusterId: string, limit: number, offset: number): SnapshotRecord[] {
    return pageInOrder(this.db, SNAPSHOT_LIST, clusterId, limit, offset).map((row) => snapshotBody(row.id, row.body))
  }

  /**
   * The completion instant of the first snapshot requested at or after `from` that completed (not failed) by `now`:
   * walks the index in time order and stops at the first, so it costs O(1) however many snapshots there are.
   */
  firstCompletionFrom(clusterId: string, from: number, now: number): number | undefined {
    const rows = this.db
      .prepare('SELECT id, finishes_at, body FROM snapshots WHERE cluster_id = ? AND started_at >= ? AND finishes_at <= ? ORDER BY started_at, id')
      .iterate(clusterId, from, now) as IterableIterator<{id: string; finishes_at: number; body: string}>
    for (const row of rows) {
      if (!snapshotBody(row.id, row.body).failed) return row.finishes_at
    }
    return undefined
  }

  /** Snapshots completed in [from, now] (failed ones included: the caller reads their status), oldest first. */
  snapshotsCompletedBetween(clusterId: string, from: number, now: number): SnapshotRecord[] {
    const rows = this.db
      .prepare('SELECT id, body FROM snapshots WHERE cluster_id = ? AND finishes_at >= ? AND finishes_at <= ? ORDER BY finishes_at, id')
      .all(clusterId, from, now) as Array<{id: string; body: string}>
    return rows.map((row) => snapshotBody(row.id, row.body))
  }

  /** The newest snapshot that completed (not failed) before `before`. */
  lastCompletedBefore(clusterId: string, before: number): SnapshotRecord | undefined {
    const rows = this.db
      .prepare('SELECT id, body FROM snapshots WHERE cluster_id = ? AND finishes_at < ? ORDER BY finishes_at DESC, id DESC')
      .iterate(clusterId, before) as IterableIterator<{id: string; body: string}>
    for (const row of rows) {
      const record = snapshotBody(row.id, row.body)
      if (!record.failed) return record
    }
    return undefined
  }

  /**
   * Snapshots still queued or in progress at `now` (their completion is later), through the completion index: the
   * few a new on-demand request must wait for, never the cluster's whole history.
   */
  unfinishedSnapshots(clusterId: string, now: number): SnapshotRecord[] {
    const rows = this.db
      .prepare('SELECT id, body FROM snapshots INDEXED BY snapshots_by_completion WHERE cluster_id = ? AND finishes_at > ?')
      .all(clusterId, now) as Array<{id: string; body: string}>
    return rows.map((row) => snapshotBody(row.id, row.body))
  }

  snapshotsOf(clusterId: string): SnapshotRecord[] {
    return this.pageOfSnapshots(clusterId, -1, 0)
  }

  /** Every snapshot of the cluster, with the copies each record holds; returns how many went. */
  deleteSnapshotsOf(clusterId: string): number {
    return this.db.prepare('DELETE FROM snapshots WHERE cluster_id = ?').run(clusterId).changes
  }

  /** The earliest expiry among the cluster's snapshots (one step of the expiry index); undefined when it has none. */
  firstExpiry(clusterId: string): number | undefined {
    return (this.db.prepare('SELECT min(expires_at) AS at FROM snapshots WHERE cluster_id = ?').get(clusterId) as {at: number | null}).at ?? undefined
  }

  /** A cluster by id, terminated or not (a catch-up step finds again the cluster it was taken for). */
  clusterById(clusterId: string): ClusterWithSchedule | undefined {
    const row = this.db.prepare('SELECT * FROM clusters WHERE id = ?').get(clusterId) as ClusterTableRow | undefined
    return row ? toCluster(row) : undefined
  }
}
