import {describe, expect, test} from 'vitest'

import {Repository, SNAPSHOT_LIST} from '../../../src/lib/backends/local/repository.js'
import {RESTORE_JOB_LIST, RestoreJobRepository} from '../../../src/lib/backends/local/restore-job-repository.js'
import {openDatabase} from '../../../src/lib/backends/local/store.js'
import {makeTempDir} from '../../helpers/temp-dirs.js'

/**
 * Issue 16: every paged list is read in an order an index serves, so a page walks the index instead of sorting the
 * cluster's rows again (what made `--all` quadratic). The SQL here is the repositories' own statements.
 */

const PAGED = {
  snapshots: SNAPSHOT_LIST.byOffset,
  restoreJobs: RESTORE_JOB_LIST.byOffset,
}

function plan(db: ReturnType<typeof openDatabase>, sql: string, ...params: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params.length > 0 ? params : ['c', 10, 0])) as Array<{detail: string}>).map((row) => row.detail)
}

/**
 * A store as an older atlas-backups left it: a new one turned back to schema `version` by `sql`, with project p,
 * cluster c and scheduled snapshots [id, started at]. Returned open, for the caller to look at and close.
 */
function olderStore(version: number, sql: string, snapshots: Array<[id: string, at: number]>): {home: string; db: ReturnType<typeof openDatabase>} {
  const home = makeTempDir('atlas-backups-order-')
  const db = openDatabase(home)
  db.exec(sql)
  db.pragma(`user_version = ${version}`)
  db.prepare("INSERT INTO projects (id, name, created_at) VALUES ('p', 'P', 0)").run()
  db.prepare("INSERT INTO clusters (id, project_id, name, spec, state, created_at, advanced_to) VALUES ('c', 'p', 'C', '{}', '{}', 0, 0)").run()
  const repo = new Repository(db)
  for (const [id, at] of snapshots) repo.insertSnapshot('c', {id, snapshotType: 'scheduled', requestedAt: at, finishesAt: at + 1, expiresAt: 100} as never)
  return {home, db}
}

describe('paged lists are served by an index (schema version 5)', () => {
  test('a new store: snapshots and restore jobs pages use their list-order index, with no temporary B-tree', () => {
    const db = openDatabase(makeTempDir('atlas-backups-order-'))
    try {
      expect(plan(db, PAGED.snapshots)).toEqual(['SEARCH snapshots USING INDEX snapshots_by_list_order (cluster_id=?)'])
      expect(plan(db, PAGED.restoreJobs)).toEqual(['SEARCH restore_jobs USING INDEX restore_jobs_by_list_order (cluster_id=?)'])
    } finally {
      db.close()
    }
  })

  test('a page after a remembered end (keyset, issue 16) is a range of the same index, with no temporary B-tree', () => {
    const db = openDatabase(makeTempDir('atlas-backups-order-'))
    try {
      expect(plan(db, SNAPSHOT_LIST.afterKey, 'c', 5, 'x', 10)).toEqual(['SEARCH snapshots USING INDEX snapshots_by_list_order (cluster_id=? AND (started_at,id)<(?,?))'])
      expect(plan(db, RESTORE_JOB_LIST.afterKey, 'c', 5, 'x', 10)).toEqual(['SEARCH restore_jobs USING INDEX restore_jobs_by_list_order (cluster_id=? AND (created_at,id)<(?,?))'])
    } finally {
      db.close()
    }
  })

  test('a store of version 4 gains the indexes in place and keeps its snapshots', () => {
    const {home, db} = olderStore(4, 'DROP INDEX snapshots_by_list_order; DROP INDEX restore_jobs_by_list_order', [['b', 2], ['a', 2], ['c', 1], ['d', 3]])
    expect(plan(db, PAGED.snapshots).join('\n')).toContain('USE TEMP B-TREE')
    db.close()
    const reopened = openDatabase(home)
    try {
      expect(reopened.pragma('user_version', {simple: true})).toBe(6)
      for (const sql of Object.values(PAGED)) expect(plan(reopened, sql).join('\n')).not.toContain('TEMP B-TREE')
      // Newest first, ties by id (descending), page after page exactly as one ordered read.
      const again = new Repository(reopened)
      const pages = [0, 2].flatMap((offset) => again.pageOfSnapshots('c', 2, offset).map((record) => record.id))
      expect(pages).toEqual(['d', 'b', 'a', 'c'])
      expect(again.snapshotsOf('c').map((record) => record.id)).toEqual(pages)
      expect(new RestoreJobRepository(reopened).page('c', 10, 0)).toEqual([])
    } finally {
      reopened.close()
    }
  })

  test('a store of version 5 (issue 16, migration 6) loses the two indexes the list-order ones make redundant, keeps its data, and its queries stay indexed', () => {
    const {home, db} = olderStore(
      5,
      'CREATE INDEX snapshots_by_cluster ON snapshots (cluster_id, started_at); CREATE INDEX restore_jobs_by_cluster ON restore_jobs (cluster_id, created_at)',
      [['b', 2], ['a', 2], ['c', 1]],
    )
    db.close()
    const reopened = openDatabase(home)
    try {
      expect(reopened.pragma('user_version', {simple: true})).toBe(6)
      expect(reopened.prepare("SELECT name FROM sqlite_master WHERE name IN ('snapshots_by_cluster', 'restore_jobs_by_cluster')").all()).toEqual([])
      expect(new Repository(reopened).pageOfSnapshots('c', 10, 0).map((record) => record.id)).toEqual(['b', 'a', 'c'])
      // What the dropped indexes served: a time range of one cluster, and what a clock moved back deletes.
      expect(plan(reopened, 'SELECT id FROM snapshots WHERE cluster_id = ? AND started_at >= ? ORDER BY started_at, id', 'c', 0).join('\n')).toContain('USING COVERING INDEX snapshots_by_list_order (cluster_id=? AND started_at>?)')
      expect(plan(reopened, 'SELECT id FROM restore_jobs WHERE cluster_id = ? AND created_at > ?', 'c', 0).join('\n')).toContain('restore_jobs_by_list_order (cluster_id=? AND created_at>?)')
    } finally {
      reopened.close()
    }
  })

  test('an on-demand request reads only the unfinished snapshots, through the completion index', () => {
    const db = openDatabase(makeTempDir('atlas-backups-order-'))
    try {
      const detail = plan(db, 'SELECT id, body FROM snapshots INDEXED BY snapshots_by_completion WHERE cluster_id = ? AND finishes_at > ?', 'c', 0).join('\n')
      expect(detail).toContain('snapshots_by_completion (cluster_id=? AND finishes_at>?)')
      db.prepare("INSERT INTO projects (id, name, created_at) VALUES ('p', 'P', 0)").run()
      db.prepare("INSERT INTO clusters (id, project_id, name, spec, state, created_at, advanced_to) VALUES ('c', 'p', 'C', '{}', '{}', 0, 0)").run()
      const repo = new Repository(db)
      repo.insertSnapshot('c', {id: 'done', snapshotType: 'onDemand', requestedAt: 1, finishesAt: 5, expiresAt: 100} as never)
      repo.insertSnapshot('c', {id: 'running', snapshotType: 'onDemand', requestedAt: 8, finishesAt: 20, expiresAt: 100} as never)
      expect(repo.unfinishedSnapshots('c', 10).map((record) => record.id)).toEqual(['running'])
      expect(repo.unfinishedSnapshots('c', 20)).toEqual([])
    } finally {
      db.close()
    }
  })
})
