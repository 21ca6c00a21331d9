import {describe, expect, test} from 'vitest'

import {DAY_MS} from '../../../src/lib/domain/time.js'
import type {CopyPolicyItem, CopySetting} from '../../../src/lib/domain/types.js'
import {putPolicy} from '../../helpers/compliance-store.js'
import {isoText} from '../../helpers/values.js'
import {atlasError, GROUP, type LocalWorld, localWorld, START, zoneOf} from './harness.js'

/**
 * What a schedule PATCH with copy policy items does to the copies already made (rule 62): deleteCopySnapshots deletes
 * the copies of the items it removes, updateCopySnapshots re-dates the copies of the items whose retention it changes,
 * and copy policy items keep their ids. Frozen clock at START (Monday 2026-06-15T10:30Z); Cluster0's seed policy
 * takes hourly snapshots every 6 hours and a daily one at 18:00 UTC, so a day later US_WEST_2 holds copies of the
 * hourly snapshot of the 15th at 12:00, the daily one of the 15th at 18:00 and the hourly ones of the 16th at 00:00
 * and 06:00. Assertions read the copy records the store holds.
 */

type Item = Pick<CopyPolicyItem, 'frequencyType' | 'retentionUnit' | 'retentionValue'>

const hourly = (retentionValue: number, retentionUnit: Item['retentionUnit'] = 'days'): Item => ({frequencyType: 'hourly', retentionUnit, retentionValue})
const daily = (retentionValue: number, retentionUnit: Item['retentionUnit'] = 'days'): Item => ({frequencyType: 'daily', retentionUnit, retentionValue})

function west(zoneId: string, items: Item[], regionName = 'US_WEST_2'): CopySetting {
  return {cloudProvider: 'AWS', regionName, zoneId, shouldCopyOplogs: false, copyPolicyItems: items}
}

/** Copy policy items of US_WEST_2 from START, and the clock a day later. */
async function withDayOfItemCopies(items: Item[]): Promise<{world: LocalWorld; zoneId: string}> {
  const world = localWorld()
  const zoneId = await zoneOf(world)
  await world.backend.updateSchedule(GROUP, 'Cluster0', {copyPolicyItemsEnabled: true, copySettings: [west(zoneId, items)]})
  world.setNow(START + DAY_MS)
  await world.backend.listSnapshots(GROUP, 'Cluster0')
  return {world, zoneId}
}

/**
 * The copies the store holds of the snapshots requested since START, oldest first: "<requested> <frequency>" to the
 * regions and expiry of its copies (`forever` for none), or to `no copies` when the record has no copies field.
 */
function copyRecords(world: LocalWorld): Record<string, string[] | 'no copies'> {
  return world.backend.transact((s) => {
    const cluster = s.repo.findCluster(GROUP, 'Cluster0')!
    const records = s.repo.snapshotsOf(cluster.id).filter((record) => record.requestedAt > START)
    records.sort((a, b) => a.requestedAt - b.requestedAt)
    return Object.fromEntries(
      records.map((record) => [
        `${isoText(record.requestedAt).slice(5, 16)} ${record.frequencyType}`,
        record.copies === undefined ? 'no copies' : record.copies.map((copy) => `${copy.regionName} until ${copy.expiresAt === undefined ? 'forever' : isoText(copy.expiresAt).slice(5, 16)}`),
      ]),
    )
  })
}

describe('updateCopySnapshots re-dates copies (rule 62)', () => {
  test('it re-dates the copies of the items whose retention changed, from the snapshot\'s request, and no others', async () => {
    const {world, zoneId} = await withDayOfItemCopies([hourly(1), daily(1)])
    expect(copyRecords(world)).toEqual({
      '06-15T12:00 hourly': ['US_WEST_2 until 06-16T12:00'],
      '06-15T18:00 daily': ['US_WEST_2 until 06-16T18:00'],
      '06-16T00:00 hourly': ['US_WEST_2 until 06-17T00:00'],
      '06-16T06:00 hourly': ['US_WEST_2 until 06-17T06:00'],
    })
    // Only the hourly item changes: the daily copy keeps its day.
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, [hourly(2), daily(1)])], updateCopySnapshots: true})
    expect(copyRecords(world)).toEqual({
      '06-15T12:00 hourly': ['US_WEST_2 until 06-17T12:00'],
      '06-15T18:00 daily': ['US_WEST_2 until 06-16T18:00'],
      '06-16T00:00 hourly': ['US_WEST_2 until 06-18T00:00'],
      '06-16T06:00 hourly': ['US_WEST_2 until 06-18T06:00'],
    })
    // One day to one week: the unit alone changed, and that is a change of retention.
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, [hourly(2), daily(1, 'weeks')])], updateCopySnapshots: true})
    expect(copyRecords(world)['06-15T18:00 daily']).toEqual(['US_WEST_2 until 06-22T18:00'])
    expect(copyRecords(world)['06-16T06:00 hourly']).toEqual(['US_WEST_2 until 06-18T06:00'])
    await world.backend.close()
  })

  test('without updateCopySnapshots the copies keep their expiry, and sending it later with the retention unchanged changes nothing', async () => {
    const {world, zoneId} = await withDayOfItemCopies([daily(1)])
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, [daily(5)])], deleteCopySnapshots: true})
    expect(copyRecords(world)['06-15T18:00 daily']).toEqual(['US_WEST_2 until 06-16T18:00'])
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, [daily(5)])], updateCopySnapshots: true})
    expect(copyRecords(world)['06-15T18:00 daily']).toEqual(['US_WEST_2 until 06-16T18:00'])
    await world.backend.close()
  })

  test('an item added back with updateCopySnapshots leaves the copies its removed namesake made', async () => {
    const {world, zoneId} = await withDayOfItemCopies([hourly(1), daily(1)])
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, [hourly(1)])]})
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, [hourly(1), daily(5)])], updateCopySnapshots: true})
    expect(copyRecords(world)['06-15T18:00 daily']).toEqual(['US_WEST_2 until 06-16T18:00'])
    await world.backend.close()
  })

  test('a setting of frequencies turned into copy policy items with updateCopySnapshots: its copies keep their life', async () => {
    const world = localWorld()
    const zoneId = await zoneOf(world)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, shouldCopyOplogs: false, frequencies: ['DAILY']}]})
    world.setNow(START + DAY_MS)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copyPolicyItemsEnabled: true, copySettings: [west(zoneId, [daily(1)])], updateCopySnapshots: true})
    expect(copyRecords(world)['06-15T18:00 daily']).toEqual(['US_WEST_2 until forever'])
    await world.backend.close()
  })
})

describe('deleteCopySnapshots deletes copies (rule 62)', () => {
  test('it deletes the copies of the items removed and keeps those of the items kept; a snapshot left with none has no copies', async () => {
    const {world, zoneId} = await withDayOfItemCopies([hourly(1), daily(1)])
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, [daily(1), {frequencyType: 'weekly', retentionUnit: 'weeks', retentionValue: 2}])], deleteCopySnapshots: true})
    expect(copyRecords(world)).toEqual({
      '06-15T12:00 hourly': 'no copies',
      '06-15T18:00 daily': ['US_WEST_2 until 06-16T18:00'],
      '06-16T00:00 hourly': 'no copies',
      '06-16T06:00 hourly': 'no copies',
    })
    await world.backend.close()
  })

  test('only in the target whose item went: another region\'s copies of that frequency stay', async () => {
    const world = localWorld()
    const zoneId = await zoneOf(world)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copyPolicyItemsEnabled: true, copySettings: [west(zoneId, [hourly(1)]), west(zoneId, [hourly(1)], 'EU_WEST_1')]})
    world.setNow(START + DAY_MS)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, [daily(1)]), west(zoneId, [hourly(1)], 'EU_WEST_1')], deleteCopySnapshots: true})
    expect(copyRecords(world)['06-16T06:00 hourly']).toEqual(['EU_WEST_1 until 06-17T06:00'])
    await world.backend.close()
  })

  test('a setting removed with deleteCopySnapshots takes all its copies with it', async () => {
    const {world} = await withDayOfItemCopies([hourly(1), daily(1)])
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [], deleteCopySnapshots: true})
    for (const copies of Object.values(copyRecords(world))) expect(copies).toBe('no copies')
    await world.backend.close()
  })

  test('updateCopySnapshots alone deletes nothing: the removed item\'s copies stay until they expire', async () => {
    const {world, zoneId} = await withDayOfItemCopies([hourly(1), daily(1)])
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, [daily(1)])], updateCopySnapshots: true})
    expect(copyRecords(world)['06-16T06:00 hourly']).toEqual(['US_WEST_2 until 06-17T06:00'])
    await world.backend.close()
  })

  test('rule 60 accepted: under copy protection, deleteCopySnapshots that removes no item is no deletion', async () => {
    const {world, zoneId} = await withDayOfItemCopies([hourly(1), daily(1)])
    putPolicy(world.backend, START + DAY_MS, {copyProtectionEnabled: true})
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, [hourly(1), daily(1)])], deleteCopySnapshots: true})
    expect(copyRecords(world)['06-16T06:00 hourly']).toEqual(['US_WEST_2 until 06-17T06:00'])
    await world.backend.close()
  })

  test('rule 60 accepted: under copy protection, a setting of frequencies turned into items with deleteCopySnapshots removes no item', async () => {
    const world = localWorld()
    const zoneId = await zoneOf(world)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, shouldCopyOplogs: false, frequencies: ['DAILY']}]})
    world.setNow(START + DAY_MS)
    putPolicy(world.backend, START + DAY_MS, {copyProtectionEnabled: true})
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copyPolicyItemsEnabled: true, copySettings: [west(zoneId, [daily(1)])], deleteCopySnapshots: true})
    expect(copyRecords(world)['06-15T18:00 daily']).toEqual(['US_WEST_2 until forever'])
    await world.backend.close()
  })
})

describe('deleteCopiedBackups (rule 60)', () => {
  test('refused for a region that stays a copy target, naming the cluster', async () => {
    const {world, zoneId} = await withDayOfItemCopies([daily(1)])
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {deleteCopiedBackups: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId}]}))
    expect(error).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE', parameters: ['Cluster0']})
    await world.backend.close()
  })

  test('accepted on a cluster that never had copy settings: there is nothing to delete', async () => {
    const world = localWorld()
    const zoneId = await zoneOf(world)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {deleteCopiedBackups: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId}]})
    expect((await world.backend.getSchedule(GROUP, 'Cluster0')).copySettings).toEqual([])
    await world.backend.close()
  })
})

describe('copy policy item ids (rule 62)', () => {
  test('an item keeps its id while its setting keeps an item of its frequency; a new item, or one of a new setting, gets a fresh id', async () => {
    const world = localWorld()
    const zoneId = await zoneOf(world)
    const first = await world.backend.updateSchedule(GROUP, 'Cluster0', {copyPolicyItemsEnabled: true, copySettings: [west(zoneId, [hourly(1), daily(1)])]})
    const [hourlyId, dailyId] = first.copySettings![0]!.copyPolicyItems!.map((item) => item.id)
    expect(hourlyId).not.toBe(dailyId)
    const weekly: Item = {frequencyType: 'weekly', retentionUnit: 'weeks', retentionValue: 2}
    const answer = await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, [daily(3), weekly, hourly(2)]), west(zoneId, [daily(1)], 'EU_WEST_1')]})
    const [westItems, euItems] = answer.copySettings!.map((setting) => setting.copyPolicyItems!.map((item) => item.id!))
    expect([westItems![0], westItems![2]]).toEqual([dailyId, hourlyId])
    const fresh = [westItems![1]!, euItems![0]!]
    for (const id of fresh) expect(id).toMatch(/^[0-9a-f]{24}$/)
    expect(new Set([hourlyId, dailyId, ...fresh]).size, 'the new items\' ids are fresh').toBe(4)
    await world.backend.close()
  })
})
