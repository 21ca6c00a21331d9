import {describe, expect, test} from 'vitest'

import {endRegionOutage, startRegionOutage} from '../../../src/lib/backends/local/region-outages.js'
import {DAY_MS, HOUR_MS} from '../../../src/lib/domain/time.js'
import type {CopySetting, ReplicaSetSnapshot} from '../../../src/lib/domain/types.js'
import {atlasError, GROUP, type LocalWorld, localWorld, START, zoneOf} from './harness.js'

/**
 * Restores during a simulated regional outage (`local regions outage`): Cluster0 (AWS US_EAST_1, continuous backup)
 * copies its daily snapshots to US_WEST_2 (with the oplog) and EU_WEST_1 (without) from START; two days later
 * US_EAST_1 goes out. A restore of a snapshot stored there is served from a copy in a region that is up, and the job
 * names it (servedFromCopyRegion, emulator only); with no usable copy it is refused.
 */

function copy(zoneId: string, regionName: string, shouldCopyOplogs: boolean): CopySetting {
  return {cloudProvider: 'AWS', regionName, zoneId, frequencies: ['DAILY'], shouldCopyOplogs}
}

/** The world two days after the copy settings, and Cluster0's completed snapshots, newest first. */
async function twoDaysOfCopies(settings: (zoneId: string) => CopySetting[]): Promise<{world: LocalWorld; snapshots: ReplicaSetSnapshot[]}> {
  const world = localWorld()
  await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: settings(await zoneOf(world))})
  world.setNow(START + 2 * DAY_MS)
  const page = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
  return {world, snapshots: (page.results as ReplicaSetSnapshot[]).filter((s) => s.status === 'completed')}
}

const both = (zoneId: string) => [copy(zoneId, 'US_WEST_2', true), copy(zoneId, 'EU_WEST_1', false)]

function automated(snapshotId: string) {
  return {deliveryType: 'automated' as const, snapshotId, targetClusterName: 'MultiRegion0', targetGroupId: GROUP}
}

describe('restores while a region is out', () => {
  test('a copied snapshot is restored from the first copy region that is up, and the job says so', async () => {
    const {world, snapshots} = await twoDaysOfCopies(both)
    const daily = snapshots.find((s) => s.frequencyType === 'daily' && s.copyRegions!.length === 2)!
    expect(daily.copyRegions).toEqual(['US_WEST_2', 'EU_WEST_1'])
    startRegionOutage(world.backend, 'AWS', 'US_EAST_1')
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', automated(daily.id))
    expect(job).toMatchObject({snapshotId: daily.id, servedFromCopyRegion: 'US_WEST_2'})
    expect((await world.backend.getRestoreJob(GROUP, 'Cluster0', job.id)).servedFromCopyRegion).toBe('US_WEST_2')
    // With US_WEST_2 out as well, the EU_WEST_1 copy serves it.
    startRegionOutage(world.backend, 'AWS', 'US_WEST_2')
    world.setNow(START + 2 * DAY_MS + HOUR_MS)
    const second = await world.backend.createRestoreJob(GROUP, 'Cluster0', automated(daily.id))
    expect(second.servedFromCopyRegion).toBe('EU_WEST_1')
    await world.backend.close()
  })

  test('without an outage, or once it ended, the snapshot\'s own region serves it: no servedFromCopyRegion, as Atlas answers', async () => {
    const {world, snapshots} = await twoDaysOfCopies(both)
    const daily = snapshots.find((s) => s.frequencyType === 'daily' && s.copyRegions!.length > 0)!
    const before = await world.backend.createRestoreJob(GROUP, 'Cluster0', automated(daily.id))
    expect(before).not.toHaveProperty('servedFromCopyRegion')
    startRegionOutage(world.backend, 'AWS', 'US_EAST_1')
    endRegionOutage(world.backend, 'AWS', 'US_EAST_1')
    world.setNow(START + 2 * DAY_MS + HOUR_MS)
    expect(await world.backend.createRestoreJob(GROUP, 'Cluster0', automated(daily.id))).not.toHaveProperty('servedFromCopyRegion')
    // An outage in a region the snapshot is not stored in changes nothing either.
    startRegionOutage(world.backend, 'AWS', 'US_WEST_2')
    world.setNow(START + 2 * DAY_MS + 2 * HOUR_MS)
    expect(await world.backend.createRestoreJob(GROUP, 'Cluster0', automated(daily.id))).not.toHaveProperty('servedFromCopyRegion')
    await world.backend.close()
  })

  test('a snapshot with no copy is refused (409 SNAPSHOT_REGION_UNAVAILABLE), and nothing is created', async () => {
    const {world, snapshots} = await twoDaysOfCopies(both)
    const hourly = snapshots.find((s) => s.frequencyType === 'hourly')!
    expect(hourly.copyRegions).toEqual([])
    startRegionOutage(world.backend, 'AWS', 'US_EAST_1')
    const error = await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', automated(hourly.id)))
    expect(error).toMatchObject({status: 409, errorCode: 'SNAPSHOT_REGION_UNAVAILABLE'})
    expect(error.detail).toBe(`Snapshot ${hourly.id} of cluster Cluster0 is stored in AWS US_EAST_1, which is out, and it has no copy in another region: restore another snapshot, or wait until the region is back.`)
    expect((await world.backend.listRestoreJobs(GROUP, 'Cluster0')).results).toEqual([])
    await world.backend.close()
  })

  test('every copy region out too: refused, naming them', async () => {
    const {world, snapshots} = await twoDaysOfCopies(both)
    const daily = snapshots.find((s) => s.frequencyType === 'daily' && s.copyRegions!.length === 2)!
    for (const region of ['US_EAST_1', 'US_WEST_2', 'EU_WEST_1']) startRegionOutage(world.backend, 'AWS', region)
    const error = await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', automated(daily.id)))
    expect(error.errorCode).toBe('SNAPSHOT_REGION_UNAVAILABLE')
    expect(error.detail).toContain('its copies (US_WEST_2, EU_WEST_1) are all in regions that are out too')
    await world.backend.close()
  })

  test('a point in time replays from the latest copied snapshot before it, with the oplog copied to that region', async () => {
    const {world, snapshots} = await twoDaysOfCopies(both)
    const lastDaily = snapshots.find((s) => s.frequencyType === 'daily' && s.copyRegions!.length === 2)!
    startRegionOutage(world.backend, 'AWS', 'US_EAST_1')
    // An hour ago: later than hourly snapshots that have no copy, so the planned base is one of those.
    const at = START + 2 * DAY_MS - HOUR_MS
    const job = await world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'pointInTime', pointInTimeUTCSeconds: at / 1000, targetClusterName: 'MultiRegion0', targetGroupId: GROUP})
    expect(job).toMatchObject({snapshotId: lastDaily.id, servedFromCopyRegion: 'US_WEST_2', pointInTimeUTCSeconds: at / 1000})
    await world.backend.close()
    // Without the outage the same request replays from a later snapshot, one that has no copy.
    const {world: up} = await twoDaysOfCopies(both)
    const usual = await up.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'pointInTime', pointInTimeUTCSeconds: at / 1000, targetClusterName: 'MultiRegion0', targetGroupId: GROUP})
    expect(usual.snapshotId).not.toBe(lastDaily.id)
    expect(usual).not.toHaveProperty('servedFromCopyRegion')
    const base = (await up.backend.getSnapshot(GROUP, 'Cluster0', usual.snapshotId!)) as ReplicaSetSnapshot
    expect([base.frequencyType, base.copyRegions]).toEqual(['hourly', []])
    await up.backend.close()
  })

  test('a point in time without the oplog copied is refused, naming the oplog (shouldCopyOplogs)', async () => {
    const {world} = await twoDaysOfCopies((zoneId) => [copy(zoneId, 'EU_WEST_1', false)])
    startRegionOutage(world.backend, 'AWS', 'US_EAST_1')
    const at = START + 2 * DAY_MS - HOUR_MS
    const error = await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'pointInTime', pointInTimeUTCSeconds: at / 1000, targetClusterName: 'MultiRegion0', targetGroupId: GROUP}))
    expect(error.errorCode).toBe('SNAPSHOT_REGION_UNAVAILABLE')
    // The planned base (an hourly snapshot) has no copy; the daily before it has one, without the oplog after it.
    expect(error.detail).toMatch(/stored in AWS US_EAST_1, which is out, and no copy region \(EU_WEST_1\) holds the oplog from 2026-06-16T18:00:\d\dZ to 2026-06-17T09:30:00Z \(copy settings with shouldCopyOplogs\)/)
    await world.backend.close()
  })

  test('a point in time from before the oplog was copied to the copy region: refused, naming the oplog span missing', async () => {
    const world = localWorld()
    const zoneId = await zoneOf(world)
    // Daily snapshots are copied from START, the oplog only from a day later.
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [copy(zoneId, 'US_WEST_2', false)]})
    world.setNow(START + DAY_MS)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [copy(zoneId, 'US_WEST_2', true)]})
    world.setNow(START + DAY_MS + 2 * HOUR_MS)
    startRegionOutage(world.backend, 'AWS', 'US_EAST_1')
    const at = START + DAY_MS + HOUR_MS
    const error = await atlasError(world.backend.createRestoreJob(GROUP, 'Cluster0', {deliveryType: 'pointInTime', pointInTimeUTCSeconds: at / 1000, targetClusterName: 'MultiRegion0', targetGroupId: GROUP}))
    expect(error.errorCode).toBe('SNAPSHOT_REGION_UNAVAILABLE')
    // The daily of 06-15 18:00 was copied, but the oplog to replay after it was not (copied from 06-16 10:30 only).
    expect(error.detail).toContain('no copy region (US_WEST_2) holds the oplog from 2026-06-15T18:')
    expect(error.detail).toContain('to 2026-06-16T11:30:00Z (copy settings with shouldCopyOplogs)')
    await world.backend.close()
  })
})
