import {describe, expect, test} from 'vitest'

import {changeClock, createCluster, explainSnapshot} from '../../../src/lib/backends/local/admin.js'
import {freezeClockAt, setClock} from '../../../src/lib/backends/local/clock.js'
import {updateCluster} from '../../../src/lib/backends/local/cluster-changes.js'
import type {LocalBackend} from '../../../src/lib/backends/local/local-backend.js'
import {DAY_MS, toIso} from '../../../src/lib/domain/time.js'
import {oplogRegionView} from '../../../src/lib/restores/oplog-regions.js'
import {iso} from '../../helpers/values.js'
import {GROUP, localWorld} from './harness.js'

/**
 * Seed "Continuous Cloud Backups" (rule 66): when the highest-priority region changes, Atlas keeps the oplog in both
 * the old and the new region until the continuous cloud backup window is represented in the new one, then deletes the
 * old region's copy. The emulator derives each region's share at read time from the move instant.
 */

const CREATED = iso('2026-06-01T00:00:00Z')
const HOUR = 3_600_000
/** Pit0 is created with continuous backup on: its default policy's restoreWindowDays is 2 (the seed default). */
const WINDOW_DAYS = 2
const MOVE = CREATED + 3 * DAY_MS

function world(): LocalBackend {
  const {backend} = localWorld(CREATED)
  changeClock(backend, (state) => freezeClockAt(state, CREATED))
  createCluster(backend, GROUP, {name: 'Pit0', continuousBackup: true, regions: [{regionName: 'US_EAST_1'}]})
  return backend
}

function at(backend: LocalBackend, instant: number): void {
  changeClock(backend, (state, wall) => setClock(state, instant, wall))
}

async function regions(backend: LocalBackend) {
  const window = await backend.restoreWindow(GROUP, 'Pit0')
  return {window, regions: (window.oplogRegions ?? []).map(oplogRegionView)}
}

describe('Continuous Cloud Backups (seed): the oplog kept in both regions while the highest-priority region moves (rule 66)', () => {
  test('before the move, during the overlap, once the window is covered, and with the clock moved back', async () => {
    const backend = world()
    // Before the move: the whole window's oplog in the one region.
    at(backend, MOVE)
    const before = await regions(backend)
    expect(before.window.to - before.window.from).toBe(WINDOW_DAYS * DAY_MS)
    expect(before.regions).toEqual([{regionName: 'US_EAST_1', from: toIso(MOVE - WINDOW_DAYS * DAY_MS), to: toIso(MOVE)}])

    const deletedAt = MOVE + WINDOW_DAYS * DAY_MS
    const moved = updateCluster(backend, GROUP, 'Pit0', {region: 'EU_WEST_1'})
    expect(moved.changes[0]!.effects.at(-1)).toEqual({
      kind: 'oplogKeptInBothRegions',
      detail: `the oplog is kept in US_EAST_1 and EU_WEST_1 until the restore window is covered in EU_WEST_1, at ${toIso(deletedAt)}, when US_EAST_1's copy is deleted: point-in-time coverage is unchanged (rule 66)`,
    })

    // During the overlap: the part of the window before the move stays in US_EAST_1, EU_WEST_1 collects from the move.
    const overlapAt = MOVE + DAY_MS
    at(backend, overlapAt)
    const overlap = await regions(backend)
    expect(overlap.regions).toEqual([
      {regionName: 'US_EAST_1', from: toIso(overlapAt - WINDOW_DAYS * DAY_MS), to: toIso(MOVE), deletedAt: toIso(deletedAt), movedTo: 'EU_WEST_1'},
      {regionName: 'EU_WEST_1', from: toIso(MOVE), to: toIso(overlapAt)},
    ])
    // Where the oplog lives changes nothing of what a point-in-time restore can reach.
    expect(overlap.window.gaps.filter((g) => g.reason !== 'noSnapshotBefore')).toEqual([])

    // The clock moved back within the overlap: the shares are derived again for that instant (the oplog trimmed as
    // older than the window at the later instant stays deleted).
    at(backend, MOVE + HOUR)
    expect((await regions(backend)).regions).toEqual([
      {regionName: 'US_EAST_1', from: toIso(overlapAt - WINDOW_DAYS * DAY_MS), to: toIso(MOVE), deletedAt: toIso(deletedAt), movedTo: 'EU_WEST_1'},
      {regionName: 'EU_WEST_1', from: toIso(MOVE), to: toIso(MOVE + HOUR)},
    ])

    // Just before the window is covered in EU_WEST_1 the old region still holds its last minute; at that instant, nothing.
    at(backend, deletedAt - 60_000)
    expect((await regions(backend)).regions.map((r) => [r.regionName, r.from, r.to])).toEqual([
      ['US_EAST_1', toIso(MOVE - 60_000), toIso(MOVE)],
      ['EU_WEST_1', toIso(MOVE), toIso(deletedAt - 60_000)],
    ])
    at(backend, deletedAt)
    const covered = await regions(backend)
    expect(covered.regions).toEqual([{regionName: 'EU_WEST_1', from: toIso(MOVE), to: toIso(deletedAt)}])

    // Moved back into the overlap after the deletion: oplog deleted as older than the window does not come back, in
    // US_EAST_1 as in the window, which shows that span as a gap.
    at(backend, overlapAt)
    const after = await regions(backend)
    expect(after.regions).toEqual([{regionName: 'EU_WEST_1', from: toIso(MOVE), to: toIso(overlapAt)}])
    expect(after.window.gaps[0]).toMatchObject({from: overlapAt - WINDOW_DAYS * DAY_MS, to: MOVE, reason: 'outsideWindow'})
  })

  test('the clock moved back before the move: the cluster stays in EU_WEST_1, taken as moved now', async () => {
    const backend = world()
    at(backend, MOVE)
    updateCluster(backend, GROUP, 'Pit0', {region: 'EU_WEST_1'})
    const back = MOVE - 6 * HOUR
    at(backend, back)
    // The oplog trimmed at MOVE (older than MOVE minus the window) stays deleted.
    expect((await regions(backend)).regions).toEqual([
      {regionName: 'US_EAST_1', from: toIso(MOVE - WINDOW_DAYS * DAY_MS), to: toIso(back), deletedAt: toIso(back + WINDOW_DAYS * DAY_MS), movedTo: 'EU_WEST_1'},
    ])
    at(backend, back + HOUR)
    expect((await regions(backend)).regions.map((r) => [r.regionName, r.from, r.to])).toEqual([
      ['US_EAST_1', toIso(MOVE - WINDOW_DAYS * DAY_MS), toIso(back)],
      ['EU_WEST_1', toIso(back), toIso(back + HOUR)],
    ])
  })

  test('the clock moved back before two moves: taken as one move made then, or none if the cluster came back', async () => {
    const backend = world()
    at(backend, MOVE)
    updateCluster(backend, GROUP, 'Pit0', {region: 'EU_WEST_1'})
    at(backend, MOVE + HOUR)
    updateCluster(backend, GROUP, 'Pit0', {region: 'AP_SOUTHEAST_2'})
    const back = MOVE - HOUR
    at(backend, back)
    expect((await regions(backend)).regions.map((r) => [r.regionName, r.to, r.movedTo])).toEqual([['US_EAST_1', toIso(back), 'AP_SOUTHEAST_2']])
    at(backend, MOVE)
    updateCluster(backend, GROUP, 'Pit0', {region: 'US_EAST_1'})
    at(backend, back - HOUR)
    expect((await regions(backend)).regions.map((r) => [r.regionName, r.to, r.movedTo])).toEqual([['US_EAST_1', toIso(back - HOUR), undefined]])
  })

  test('a second move during the overlap starts its own: three regions for a while, each old one until its move plus the window', async () => {
    const backend = world()
    at(backend, MOVE)
    updateCluster(backend, GROUP, 'Pit0', {region: 'EU_WEST_1'})
    const second = MOVE + DAY_MS
    at(backend, second)
    updateCluster(backend, GROUP, 'Pit0', {region: 'AP_SOUTHEAST_2'})
    at(backend, second + HOUR)
    expect((await regions(backend)).regions).toEqual([
      {regionName: 'US_EAST_1', from: toIso(second + HOUR - WINDOW_DAYS * DAY_MS), to: toIso(MOVE), deletedAt: toIso(MOVE + WINDOW_DAYS * DAY_MS), movedTo: 'EU_WEST_1'},
      {regionName: 'EU_WEST_1', from: toIso(MOVE), to: toIso(second), deletedAt: toIso(second + WINDOW_DAYS * DAY_MS), movedTo: 'AP_SOUTHEAST_2'},
      {regionName: 'AP_SOUTHEAST_2', from: toIso(second), to: toIso(second + HOUR)},
    ])
    // Past the first move's end only EU_WEST_1 and AP_SOUTHEAST_2 hold a share; a third move then drops the first record.
    at(backend, MOVE + WINDOW_DAYS * DAY_MS + HOUR)
    expect((await regions(backend)).regions.map((r) => r.regionName)).toEqual(['EU_WEST_1', 'AP_SOUTHEAST_2'])
    updateCluster(backend, GROUP, 'Pit0', {region: 'US_EAST_1'})
    expect(backend.transact((s) => s.repo.findCluster(GROUP, 'Pit0')!.state.oplogRegionMoves!.map((m) => m.toRegion))).toEqual(['AP_SOUTHEAST_2', 'US_EAST_1'])
  })

  test('no record without continuous backup; turning it off deletes every region\'s copy; explain shows the oplog after a snapshot', async () => {
    const backend = world()
    at(backend, MOVE)
    updateCluster(backend, GROUP, 'Pit0', {region: 'EU_WEST_1'})
    at(backend, MOVE + DAY_MS)
    const snapshotId = (await backend.listSnapshots(GROUP, 'Pit0', {itemsPerPage: 500})).results.find((s) => s.status === 'completed' && Date.parse(s.createdAt!) < MOVE)!.id
    const explained = explainSnapshot(backend, snapshotId)
    const createdAt = Date.parse(((await backend.getSnapshot(GROUP, 'Pit0', snapshotId)) as {createdAt: string}).createdAt)
    expect(explained.oplog).toEqual([
      {regionName: 'US_EAST_1', from: toIso(Math.max(createdAt, MOVE - DAY_MS)), to: toIso(MOVE), deletedAt: toIso(MOVE + WINDOW_DAYS * DAY_MS), movedTo: 'EU_WEST_1'},
      {regionName: 'EU_WEST_1', from: toIso(MOVE), to: toIso(MOVE + DAY_MS)},
    ])
    updateCluster(backend, GROUP, 'Pit0', {continuousBackup: false})
    expect((await regions(backend)).regions).toEqual([])
    expect(explainSnapshot(backend, snapshotId).oplog).toBeUndefined()
    updateCluster(backend, GROUP, 'Pit0', {region: 'US_EAST_1'})
    const stored = backend.transact((s) => s.repo.findCluster(GROUP, 'Pit0')!)
    expect(stored.state.oplogRegionMoves).toBeUndefined()
    updateCluster(backend, GROUP, 'Pit0', {continuousBackup: true})
    at(backend, MOVE + 2 * DAY_MS)
    expect((await regions(backend)).regions).toEqual([{regionName: 'US_EAST_1', from: toIso(MOVE + DAY_MS), to: toIso(MOVE + 2 * DAY_MS)}])
  })
})
