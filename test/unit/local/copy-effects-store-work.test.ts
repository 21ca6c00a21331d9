import {describe, expect, test, vi} from 'vitest'

import {applyCopyEffects} from '../../../src/lib/backends/local/copy-effects.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import type {CopySetting} from '../../../src/lib/domain/types.js'
import {GROUP, type LocalWorld, localWorld, START, zoneOf} from './harness.js'

/**
 * A schedule PATCH touches only the snapshots whose copies it changes (the guide: store work is O(what a command
 * changes), never O(all snapshots)), and stores no empty records of copies. Frozen clock at START (Monday
 * 2026-06-15T10:30Z); Cluster0 (AWS US_EAST_1, continuous backup) copies daily snapshots to US_WEST_2.
 */

function west(zoneId: string, over: Partial<CopySetting> = {}): CopySetting {
  return {cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, frequencies: ['DAILY'], shouldCopyOplogs: false, ...over}
}

/** Two days of daily copies to US_WEST_2: the snapshots of the 15th and 16th at 18:00 have one each. */
async function withCopies(): Promise<{world: LocalWorld; zoneId: string}> {
  const world = localWorld()
  const zoneId = await zoneOf(world)
  await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId)]})
  world.setNow(START + 2 * DAY_MS)
  await world.backend.listSnapshots(GROUP, 'Cluster0')
  return {world, zoneId}
}

describe('what a schedule PATCH reads and writes of the copies', () => {
  test('a PATCH that deletes and re-dates no copy reads no snapshot', async () => {
    const {world} = await withCopies()
    world.backend.transact((s) => {
      const cluster = s.repo.findCluster(GROUP, 'Cluster0')!
      const read = vi.spyOn(s.repo, 'snapshotsOf')
      applyCopyEffects(s, cluster, cluster.schedule!, structuredClone(cluster.schedule!), {restoreWindowDays: 3})
      expect(read).not.toHaveBeenCalled()
    })
    await world.backend.close()
  })

  test('rule 62: updateCopySnapshots with no copy retention changed reads no snapshot', async () => {
    const world = localWorld()
    const zoneId = await zoneOf(world)
    const items = [{frequencyType: 'daily' as const, retentionUnit: 'days' as const, retentionValue: 3}]
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copyPolicyItemsEnabled: true, copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, shouldCopyOplogs: false, copyPolicyItems: items}]})
    world.setNow(START + 2 * DAY_MS)
    await world.backend.listSnapshots(GROUP, 'Cluster0')
    world.backend.transact((s) => {
      const cluster = s.repo.findCluster(GROUP, 'Cluster0')!
      const read = vi.spyOn(s.repo, 'snapshotsOf')
      applyCopyEffects(s, cluster, cluster.schedule!, structuredClone(cluster.schedule!), {updateCopySnapshots: true, deleteCopySnapshots: true})
      expect(read).not.toHaveBeenCalled()
    })
    await world.backend.close()
  })

  test('deleteCopiedBackups of a region no snapshot was copied to rewrites no snapshot', async () => {
    const {world, zoneId} = await withCopies()
    world.backend.transact((s) => {
      const cluster = s.repo.findCluster(GROUP, 'Cluster0')!
      expect(s.repo.snapshotsOf(cluster.id).filter((record) => record.copies !== undefined)).toHaveLength(2)
      const written = vi.spyOn(s.repo, 'updateSnapshot')
      applyCopyEffects(s, cluster, cluster.schedule!, structuredClone(cluster.schedule!), {deleteCopiedBackups: [{cloudProvider: 'AWS', regionName: 'EU_WEST_1', zoneId}]})
      expect(written).not.toHaveBeenCalled()
    })
    await world.backend.close()
  })

  test('rule 59: copy settings that ship no oplog record no oplog copy, not even an empty list', async () => {
    const {world} = await withCopies()
    expect(world.backend.transact((s) => s.repo.findCluster(GROUP, 'Cluster0')!.state.oplogCopies)).toBeUndefined()
    await world.backend.close()
  })
})
