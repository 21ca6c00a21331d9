import {describe, expect, test} from 'vitest'

import {DAY_MS, HOUR_MS, SECOND_MS} from '../../../src/lib/domain/time.js'
import type {ReplicaSetSnapshot} from '../../../src/lib/domain/types.js'
import {putPolicy} from '../../helpers/compliance-store.js'
import {iso} from '../../helpers/values.js'
import {atlasError, GROUP, type LocalWorld, localWorld, START, westCopy, zoneOf} from './harness.js'

/**
 * Copies of snapshots in other regions, made by the emulator (rules 33, 56–62): a frozen clock at START
 * (Monday 2026-06-15T10:30Z), Cluster0's seed policy (hourly every 6 h, daily, weekly on Saturday, monthly, all at
 * 18:00 UTC), copy settings set, a week of virtual time, and what each snapshot lists in copyRegions.
 */

async function snapshots(world: LocalWorld): Promise<ReplicaSetSnapshot[]> {
  return (await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})).results as ReplicaSetSnapshot[]
}

/** Snapshots taken after `from`, oldest first, as [frequencyType, copyRegions]. */
async function copiesSince(world: LocalWorld, from: number): Promise<Array<[string, string[]]>> {
  return (await snapshots(world))
    .filter((snapshot) => iso(snapshot.createdAt!) > from)
    .reverse()
    .map((snapshot) => [snapshot.frequencyType!, snapshot.copyRegions!])
}

async function withWeekOfCopies(): Promise<{world: LocalWorld; zoneId: string}> {
  const world = localWorld()
  const zoneId = await zoneOf(world)
  await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [westCopy(zoneId)]})
  world.setNow(START + 7 * DAY_MS)
  return {world, zoneId}
}

describe('the emulator makes copies (rules 33, 56)', () => {
  test('a week after the setting: daily and weekly snapshots (as attributed, rule 33) list the region, hourly ones do not', async () => {
    const {world} = await withWeekOfCopies()
    const since = await copiesSince(world, START)
    // 7 days: 6 daily and 1 weekly (Saturday 18:00), and 3 hourly a day beside them (00, 06, 12) plus Monday's 12:00.
    expect(since.filter(([f]) => f === 'daily')).toHaveLength(6)
    expect(since.filter(([f]) => f === 'weekly')).toEqual([['weekly', ['US_WEST_2']]])
    for (const [frequency, regions] of since) expect(regions, frequency).toEqual(frequency === 'hourly' ? [] : ['US_WEST_2'])
    // Snapshots taken before the setting existed are not copied: a setting copies only later snapshots.
    const before = (await snapshots(world)).filter((snapshot) => iso(snapshot.createdAt!) < START)
    expect(before.length).toBeGreaterThan(0)
    for (const snapshot of before) expect(snapshot.copyRegions).toEqual([])
    await world.backend.close()
  })

  test('an on-demand snapshot is copied once it completes (ON_DEMAND), not before', async () => {
    const world = localWorld()
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [westCopy(await zoneOf(world))]})
    const taken = (await world.backend.takeSnapshot(GROUP, 'Cluster0', {description: 'before release', retentionInDays: 3})) as ReplicaSetSnapshot
    expect(taken.copyRegions).toEqual([])
    world.setNow(START + 15 * SECOND_MS)
    const done = (await world.backend.getSnapshot(GROUP, 'Cluster0', taken.id)) as ReplicaSetSnapshot
    expect([done.status, done.copyRegions]).toEqual(['completed', ['US_WEST_2']])
    await world.backend.close()
  })

  test('without ON_DEMAND, an on-demand snapshot stays in its region', async () => {
    const world = localWorld()
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [westCopy(await zoneOf(world), {frequencies: ['DAILY']})]})
    const taken = await world.backend.takeSnapshot(GROUP, 'Cluster0', {description: 'x', retentionInDays: 3})
    world.setNow(START + HOUR_MS)
    expect(((await world.backend.getSnapshot(GROUP, 'Cluster0', taken.id)) as ReplicaSetSnapshot).copyRegions).toEqual([])
    await world.backend.close()
  })

  test('two regions: each lists the snapshots its frequencies select', async () => {
    const world = localWorld()
    const zoneId = await zoneOf(world)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {
      copySettings: [westCopy(zoneId, {frequencies: ['DAILY']}), westCopy(zoneId, {regionName: 'EU_WEST_1', frequencies: ['HOURLY', 'DAILY']})],
    })
    world.setNow(START + DAY_MS)
    const since = await copiesSince(world, START)
    expect(since).toEqual([
      ['hourly', ['EU_WEST_1']],
      ['daily', ['US_WEST_2', 'EU_WEST_1']],
      ['hourly', ['EU_WEST_1']],
      ['hourly', ['EU_WEST_1']],
    ])
    await world.backend.close()
  })
})

describe('removing a copy setting (rule 60)', () => {
  test('without deleteCopiedBackups: its copies stay, later snapshots are not copied', async () => {
    const {world} = await withWeekOfCopies()
    const removedAt = START + 7 * DAY_MS
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: []})
    world.setNow(START + 8 * DAY_MS)
    const taken = (await snapshots(world)).filter((snapshot) => iso(snapshot.createdAt!) > START)
    const before = taken.filter((snapshot) => iso(snapshot.createdAt!) < removedAt && snapshot.frequencyType !== 'hourly')
    const after = taken.filter((snapshot) => iso(snapshot.createdAt!) > removedAt)
    // The first daily snapshot expired with its 7 days; the other six of the week keep their copies.
    expect(before.map((snapshot) => snapshot.copyRegions)).toEqual(Array.from({length: 6}, () => ['US_WEST_2']))
    expect(after.map((snapshot) => snapshot.frequencyType)).toContain('daily')
    for (const snapshot of after) expect(snapshot.copyRegions).toEqual([])
    await world.backend.close()
  })

  test('with deleteCopiedBackups: its copies go at once', async () => {
    const {world, zoneId} = await withWeekOfCopies()
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [], deleteCopiedBackups: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId}]})
    for (const [, regions] of await copiesSince(world, START)) expect(regions).toEqual([])
    await world.backend.close()
  })

  test('deleteCopiedBackups keeps the other regions\' copies', async () => {
    const world = localWorld()
    const zoneId = await zoneOf(world)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [westCopy(zoneId), westCopy(zoneId, {regionName: 'EU_WEST_1'})]})
    world.setNow(START + DAY_MS)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [westCopy(zoneId, {regionName: 'EU_WEST_1'})], deleteCopiedBackups: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId}]})
    expect((await copiesSince(world, START)).filter(([f]) => f === 'daily')).toEqual([['daily', ['EU_WEST_1']]])
    await world.backend.close()
  })

  test('refused: deleteCopiedBackups for a region that stays a copy target', async () => {
    const {world, zoneId} = await withWeekOfCopies()
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {deleteCopiedBackups: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId}]}))
    expect(error).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE'})
    expect(error.detail).toMatch(/US_WEST_2 is still a copy target/)
    await world.backend.close()
  })

  test('rule 60 refused: copy protection of the compliance policy keeps the copies; removing the setting alone is accepted', async () => {
    const {world, zoneId} = await withWeekOfCopies()
    putPolicy(world.backend, START + 7 * DAY_MS, {copyProtectionEnabled: true})
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [], deleteCopiedBackups: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId}]}))
    expect(error).toMatchObject({status: 400, errorCode: 'CANNOT_DELETE_COPY_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY_ENABLED', parameters: ['Cluster0']})
    expect((await world.backend.getSchedule(GROUP, 'Cluster0')).copySettings, 'nothing changed').toHaveLength(1)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: []})
    expect((await copiesSince(world, START)).filter(([, regions]) => regions.length > 0)).toHaveLength(7)
    await world.backend.close()
  })

  test('rule 60 accepted: a compliance policy without copy protection lets deleteCopiedBackups delete the copies', async () => {
    const {world, zoneId} = await withWeekOfCopies()
    putPolicy(world.backend, START + 7 * DAY_MS, {copyProtectionEnabled: false})
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [], deleteCopiedBackups: [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId}]})
    for (const [, regions] of await copiesSince(world, START)) expect(regions).toEqual([])
    await world.backend.close()
  })

  test('rule 60 refused: under copy protection deleteCopySnapshots is refused as well', async () => {
    const world = localWorld()
    const zoneId = await zoneOf(world)
    const items = {cloudProvider: 'AWS' as const, regionName: 'US_WEST_2', zoneId, copyPolicyItems: [{frequencyType: 'daily' as const, retentionUnit: 'days' as const, retentionValue: 7}]}
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copyPolicyItemsEnabled: true, copySettings: [items]})
    world.setNow(START + DAY_MS)
    putPolicy(world.backend, START + DAY_MS, {copyProtectionEnabled: true})
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [{...items, copyPolicyItems: [{frequencyType: 'weekly', retentionUnit: 'weeks', retentionValue: 2}]}], deleteCopySnapshots: true}))
    expect(error.errorCode).toBe('CANNOT_DELETE_COPY_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY_ENABLED')
    await world.backend.close()
  })
})
