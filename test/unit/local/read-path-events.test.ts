import {afterEach, describe, expect, it, vi} from 'vitest'

import type {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {firstFiringAfter} from '../../../src/lib/backends/local/world.js'
import {DAY_MS, SECOND_MS} from '../../../src/lib/domain/time.js'
import {GROUP, localWorld, START, type LocalWorld} from './harness.js'

// With a running clock "now" is a new instant at every request, so a cluster is never exactly at now. A read still
// answers in a read transaction while nothing would happen between the cluster's last catch-up and now (no snapshot
// expired, no firing of its schedule): the rest of the catch-up (the oplog coverage, the cluster's instant) is done in
// memory (session.ts advanceInMemory). At the next event the write path runs. Twin worlds (the same seed at the same
// instants) compare the read path's answers with the write path's.

const open: LocalWorld[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  for (const world of open.splice(0)) await world.backend.close()
})

function twins(): [LocalWorld, LocalWorld] {
  const pair: [LocalWorld, LocalWorld] = [localWorld(), localWorld()]
  open.push(...pair)
  return pair
}

type Read = (backend: LocalBackend, name: string) => Promise<unknown>

/** The reads of each kind of cluster, each a read operation of the Backend (one read transaction each). */
const READS: Array<[string, Read]> = [
  ['Cluster0', async (b, name) => [await b.listSnapshots(GROUP, name, {itemsPerPage: 500}), await b.getCluster(GROUP, name), await b.getSchedule(GROUP, name), await b.listRestoreJobs(GROUP, name)]],
  ['Sharded0', async (b, name) => [await b.listShardedSnapshots(GROUP, name), await b.listSnapshots(GROUP, name, {itemsPerPage: 500})]],
  ['Shared0', async (b, name) => [await b.listSnapshots(GROUP, name, {itemsPerPage: 500}), await b.getCluster(GROUP, name)]],
  ['Serverless0', async (b, name) => [await b.listServerlessSnapshots(GROUP, name, {itemsPerPage: 500}), await b.listServerlessRestoreJobs(GROUP, name)]],
]

/** The cluster's next event after its last catch-up: its schedule's next firing or its first snapshot's expiry. */
function nextEvent(world: LocalWorld, name: string): number {
  return world.backend.transact((s) => {
    const cluster = s.repo.findCluster(GROUP, name)!
    const fires = firstFiringAfter(cluster, cluster.schedule, cluster.advancedTo, Number.MAX_SAFE_INTEGER) ?? Number.POSITIVE_INFINITY
    const row = s.repo.db.prepare('SELECT min(expires_at) AS at FROM snapshots WHERE cluster_id = ?').get(cluster.id) as {at: number | null}
    return Math.min(fires, row.at ?? Number.POSITIVE_INFINITY)
  })
}

/** The write path's catch-up of the cluster to the world's now (what any command that writes does first). */
const catchUp = (world: LocalWorld, name: string): void => void world.backend.transact((s) => s.anyCluster(GROUP, name))

const advancedTo = (world: LocalWorld, name: string): number =>
  (world.backend.database().prepare('SELECT advanced_to FROM clusters WHERE name = ?').get(name) as {advanced_to: number}).advanced_to

describe('reads with a running clock', () => {
  for (const [name, read] of READS) {
    it(`${name}: a millisecond before its next event a read answers without the write lock, as the write path does; at the event the write path runs`, async () => {
      const [world, twin] = twins()
      await read(world.backend, name)
      await read(twin.backend, name)
      const event = nextEvent(world, name)
      expect(event).toBeGreaterThan(START)
      expect(event).toBeLessThan(Number.POSITIVE_INFINITY)

      world.setNow(event - 1)
      twin.setNow(event - 1)
      const writes = vi.spyOn(world.backend, 'transact')
      const before = await read(world.backend, name)
      expect(writes).not.toHaveBeenCalled()
      // Nothing was written: the cluster is still at its last catch-up.
      expect(advancedTo(world, name)).toBe(START)
      catchUp(twin, name)
      expect(advancedTo(twin, name)).toBe(event - 1)
      expect(before).toEqual(await read(twin.backend, name))

      world.setNow(event)
      twin.setNow(event)
      const at = await read(world.backend, name)
      expect(writes).toHaveBeenCalled()
      expect(advancedTo(world, name)).toBe(event)
      expect(at).toEqual(await read(twin.backend, name))
      // The event is in the answer: a snapshot fired or expired.
      expect(at).not.toEqual(before)
    })
  }

  it('Cluster0: a firing that no expiry accompanies (the schedule moved by 15 minutes) sends the read to the write path at its instant, not a millisecond before', async () => {
    const [world, twin] = twins()
    for (const w of [world, twin]) {
      const {referenceHourOfDay, referenceMinuteOfHour} = await w.backend.getSchedule(GROUP, 'Cluster0')
      await w.backend.updateSchedule(GROUP, 'Cluster0', {referenceHourOfDay, referenceMinuteOfHour: (referenceMinuteOfHour! + 15) % 60})
    }
    const fires = world.backend.transact((s) => {
      const cluster = s.repo.findCluster(GROUP, 'Cluster0')!
      return firstFiringAfter(cluster, cluster.schedule, cluster.advancedTo, Number.MAX_SAFE_INTEGER)!
    })
    const page = (w: LocalWorld) => w.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
    // A connection's first page sets up its keyset paging (temporary tables: a write), so one is read here first.
    for (const w of [world, twin]) await page(w)
    // Both caught up just before it; the snapshots taken so far expire on the old minute, so the firing comes alone.
    for (const w of [world, twin]) {
      w.setNow(fires - 2)
      catchUp(w, 'Cluster0')
    }
    expect(nextEvent(world, 'Cluster0')).toBe(fires)
    const expiring = world.backend.database().prepare('SELECT count(*) AS n FROM snapshots WHERE expires_at = ?').get(fires) as {n: number}
    expect(expiring.n).toBe(0)
    for (const w of [world, twin]) w.setNow(fires - 1)
    const writes = vi.spyOn(world.backend, 'transact')
    const before = await page(world)
    expect(writes).not.toHaveBeenCalled()
    catchUp(twin, 'Cluster0')
    expect(before).toEqual(await page(twin))
    for (const w of [world, twin]) w.setNow(fires)
    const at = await page(world)
    expect(writes).toHaveBeenCalled()
    expect(at.totalCount).toBe(before.totalCount! + 1)
    expect(at).toEqual(await page(twin))
  })

  it('Cluster0: an on-demand snapshot goes from queued to in progress to completed in read transactions, and its expiry sends the read to the write path (rule numbers n/a: the clock)', async () => {
    const [world, twin] = twins()
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {description: 'read path', retentionInDays: 1})
    await twin.backend.takeSnapshot(GROUP, 'Cluster0', {description: 'read path', retentionInDays: 1})
    const writes = vi.spyOn(world.backend, 'transact')
    const statuses: string[] = []
    let expiresAt = ''
    for (const later of [5 * SECOND_MS, 20 * SECOND_MS]) {
      world.setNow(START + later)
      twin.setNow(START + later)
      const seen = await world.backend.getSnapshot(GROUP, 'Cluster0', taken.id!)
      catchUp(twin, 'Cluster0')
      expect(seen).toEqual(await twin.backend.getSnapshot(GROUP, 'Cluster0', taken.id!))
      statuses.push(seen.status!)
      expiresAt = seen.expiresAt!
    }
    expect(statuses).toEqual(['inProgress', 'completed'])
    expect(writes).not.toHaveBeenCalled()

    // Its expiry, a day after it completed (the queued answer shows a day after the request): caught up just before
    // it, a read a millisecond before answers in a read transaction; at the expiry the write path deletes it.
    const expiry = Date.parse(expiresAt)
    expect(expiry).toBe(START + 12 * SECOND_MS + DAY_MS)
    world.setNow(expiry - 2)
    catchUp(world, 'Cluster0')
    writes.mockClear()
    world.setNow(expiry - 1)
    expect((await world.backend.getSnapshot(GROUP, 'Cluster0', taken.id!)).id).toBe(taken.id)
    expect(writes).not.toHaveBeenCalled()
    world.setNow(expiry)
    await expect(world.backend.getSnapshot(GROUP, 'Cluster0', taken.id!)).rejects.toMatchObject({status: 404})
    expect(writes).toHaveBeenCalled()
  })
})
