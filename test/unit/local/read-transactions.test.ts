import {createRequire} from 'node:module'

import type BetterSqlite3 from 'better-sqlite3'
import {afterEach, describe, expect, it} from 'vitest'

import {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {storePath} from '../../../src/lib/backends/local/store.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import {GROUP, localWorld, type LocalWorld} from './harness.js'

// serve's GETs (and the CLI's reads) run in read transactions when the cluster is already up to now: they never wait
// for another connection's writer and never see its uncommitted rows; a read that needs a catch-up is done again in
// a write transaction. Two connections on one store file stand for two processes.

const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3
const open: BetterSqlite3.Database[] = []

function otherConnection(world: LocalWorld): BetterSqlite3.Database {
  // A busy timeout of 0: were the backend to hold a lock, this connection would fail at once instead of waiting.
  const db = new Sqlite(storePath(world.home), {timeout: 0})
  open.push(db)
  return db
}

afterEach(async () => {
  for (const db of open.splice(0)) if (db.open) db.close()
})

const advancedTo = (db: BetterSqlite3.Database, name: string): number => (db.prepare('SELECT advanced_to FROM clusters WHERE name = ?').get(name) as {advanced_to: number}).advanced_to

describe('reads in read transactions', () => {
  it('answers a GET on a cluster up to now while another connection holds the write lock, without its uncommitted rows', async () => {
    const world = localWorld()
    const before = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
    const writer = otherConnection(world)
    writer.prepare('BEGIN IMMEDIATE').run()
    // The writer adds a copy of the newest snapshot under a new id and keeps its transaction open.
    writer
      .prepare("INSERT INTO snapshots (id, cluster_id, snapshot_type, started_at, finishes_at, expires_at, body) SELECT 'ffffffffffffffffffffffff', cluster_id, snapshot_type, started_at, finishes_at, expires_at, body FROM snapshots WHERE id = ?")
      .run(before.results[0]!.id)
    const during = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
    expect(during).toEqual(before)
    expect(await world.backend.getSnapshot(GROUP, 'Cluster0', before.results[1]!.id)).toEqual(before.results[1])
    expect((await world.backend.getSchedule(GROUP, 'Cluster0')).clusterName).toBe('Cluster0')
    writer.prepare('COMMIT').run()
    const after = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
    expect(after.totalCount).toBe(before.totalCount! + 1)
    await world.backend.close()
  })

  it('a read whose cluster needs a catch-up takes the write lock and catches up; the next read takes none', async () => {
    const world = localWorld()
    await world.backend.listSnapshots(GROUP, 'Cluster0')
    const watcher = otherConnection(world)
    world.setNow(world.wall + DAY_MS)
    const caughtUp = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
    expect(advancedTo(watcher, 'Cluster0')).toBe(world.wall)
    // Snapshots of the day that passed are listed, as the write path always listed them.
    expect(caughtUp.results.some((snapshot) => Date.parse(snapshot.createdAt!) > world.wall - DAY_MS)).toBe(true)
    // Now up to date: the read holds no lock another writer would wait for.
    watcher.prepare('BEGIN IMMEDIATE').run()
    expect(await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})).toEqual(caughtUp)
    watcher.prepare('ROLLBACK').run()
    await world.backend.close()
  })

  it("a new connection's first page of snapshots or restore jobs is a read too: it does not wait for another writer", async () => {
    const world = localWorld()
    const before = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 5})
    const jobsBefore = await world.backend.listRestoreJobs(GROUP, 'Cluster0', {itemsPerPage: 5})
    await world.backend.close()
    const writer = otherConnection(world)
    writer.prepare('BEGIN IMMEDIATE').run()
    // A fresh backend, as each CLI command opens: its paging setup must not need the write lock the writer holds.
    const fresh = new LocalBackend({home: world.home, wallClock: () => world.wall})
    try {
      expect(await fresh.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 5})).toEqual(before)
      expect(await fresh.listRestoreJobs(GROUP, 'Cluster0', {itemsPerPage: 5})).toEqual(jobsBefore)
    } finally {
      writer.prepare('ROLLBACK').run()
      await fresh.close()
    }
  }, 4000)

  it('the connection is writable again after a read, and after a read that fell back to the write path', async () => {
    const world = localWorld()
    await world.backend.getCluster(GROUP, 'Cluster0')
    await world.backend.getCluster(GROUP, 'Cluster0')
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {description: 'after a read', retentionInDays: 1})
    expect(taken.description).toBe('after a read')
    const db = world.backend.database()
    expect(db.pragma('query_only', {simple: true})).toBe(0)
    expect(db.inTransaction).toBe(false)
    await world.backend.close()
  })
})
