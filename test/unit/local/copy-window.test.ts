import {afterEach, describe, expect, test} from 'vitest'

import {startRegionOutage} from '../../../src/lib/backends/local/region-outages.js'
import {DAY_MS, HOUR_MS, SECOND_MS} from '../../../src/lib/domain/time.js'
import type {CopySetting, PolicyItem, ReplicaSetSnapshot} from '../../../src/lib/domain/types.js'
import {putPolicy} from '../../helpers/compliance-store.js'
import {iso} from '../../helpers/values.js'
import {atlasError, GROUP, type LocalWorld, localWorld, START, zoneOf} from './harness.js'

/**
 * Rule 62: copy settings with lastNumberOfSnapshots N on the emulator. Every snapshot that completes is copied; the
 * target keeps the N most recent copies, a copy going when the N-th newer one completes (12 s after its request).
 * Frozen clock from START (Monday 2026-06-15T10:30Z); Cluster0 (AWS US_EAST_1) copies to US_WEST_2.
 */

const COPY_MS = 12 * SECOND_MS
/** 18:00 UTC on day `d` of June 2026. */
const at18 = (day: number): number => iso(`2026-06-${String(day).padStart(2, '0')}T18:00:00Z`)

const DAILY: PolicyItem = {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7}
const SIX_HOURLY: PolicyItem = {frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 1}

let world: LocalWorld | undefined

afterEach(async () => {
  await world?.backend.close()
  world = undefined
})

function lastN(zoneId: string, n: number): CopySetting {
  return {cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, lastNumberOfSnapshots: n, shouldCopyOplogs: false}
}

/** A world whose Cluster0 fires the given items at 18:00 and copies its last `n` snapshots to US_WEST_2 from START. */
async function windowWorld(n: number, items: PolicyItem[] = [DAILY]): Promise<{w: LocalWorld; zoneId: string}> {
  const w = localWorld()
  world = w
  const zoneId = await zoneOf(w)
  await w.backend.updateSchedule(GROUP, 'Cluster0', {referenceHourOfDay: 18, referenceMinuteOfHour: 0, restoreWindowDays: 1, policies: [{policyItems: items}], copySettings: [lastN(zoneId, n)]})
  return {w, zoneId}
}

/** The snapshots taken since START, oldest first: [request instant, copyRegions]. */
async function copiesSinceStart(w: LocalWorld): Promise<Array<[string, string[]]>> {
  const page = await w.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
  return (page.results as ReplicaSetSnapshot[])
    .filter((snapshot) => iso(snapshot.createdAt!) > START)
    .reverse()
    .map((snapshot) => [snapshot.createdAt!, snapshot.copyRegions ?? []])
}

const when = (instant: number): string => new Date(instant + COPY_MS).toISOString().replace('.000Z', 'Z')

describe('lastNumberOfSnapshots windows (rule 62)', () => {
  test('rule 62 accepted: with N=2 each copy lives from its completion until the second newer copy completes', async () => {
    const {w} = await windowWorld(2)
    w.setNow(at18(17) + 5 * SECOND_MS)
    // The 17th's snapshot is still running (not listed here: it has no createdAt yet): the 15th's and 16th's copies.
    expect(await copiesSinceStart(w)).toEqual([
      [when(at18(15)), ['US_WEST_2']],
      [when(at18(16)), ['US_WEST_2']],
    ])
    w.setNow(at18(17) + COPY_MS)
    expect((await copiesSinceStart(w)).map(([, regions]) => regions)).toEqual([[], ['US_WEST_2'], ['US_WEST_2']])
    w.setNow(at18(19) + HOUR_MS)
    expect((await copiesSinceStart(w)).map(([, regions]) => regions)).toEqual([[], [], [], ['US_WEST_2'], ['US_WEST_2']])
  })

  test('rule 62 accepted: the GET returns lastNumberOfSnapshots as sent, without frequencies', async () => {
    const {w, zoneId} = await windowWorld(2)
    expect((await w.backend.getSchedule(GROUP, 'Cluster0')).copySettings).toEqual([lastN(zoneId, 2)])
  })

  test('rule 62 refused: lastNumberOfSnapshots 501, or beside frequencies, is INVALID_ATTRIBUTE and nothing is stored', async () => {
    const w = localWorld()
    world = w
    const zoneId = await zoneOf(w)
    const tooMany = await atlasError(w.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [lastN(zoneId, 501)]}))
    expect(tooMany).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE', fields: [{field: 'copySettings[0].lastNumberOfSnapshots'}]})
    const both = await atlasError(w.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [{...lastN(zoneId, 2), frequencies: ['DAILY']}]}))
    expect(both).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE'})
    expect((await w.backend.getSchedule(GROUP, 'Cluster0')).copySettings).toEqual([])
  })

  test('rule 62 accepted: snapshots that fired and expired unseen during a clock jump still pushed older copies out', async () => {
    // Every 6 hours, kept a day, and daily at 18:00, kept 7 days: five days later only the dailies and a day of
    // 6-hourly snapshots are left, but every 6-hourly one was copied on its way.
    const {w} = await windowWorld(2, [SIX_HOURLY, DAILY])
    w.setNow(START + 5 * DAY_MS)
    const listed = await copiesSinceStart(w)
    expect(listed.filter(([, regions]) => regions.length > 0).map(([created]) => created)).toEqual([when(iso('2026-06-20T00:00:00Z')), when(iso('2026-06-20T06:00:00Z'))])
    // The 15th's daily went when the 16th's 06:00 copy completed: the 16th's 00:00 and 06:00 ones, never stored, pushed it out.
    const daily15 = w.backend.transact((s) => s.repo.snapshotsOf(s.repo.findCluster(GROUP, 'Cluster0')!.id).find((r) => r.requestedAt === at18(15))!)
    expect(daily15.copies).toEqual([expect.objectContaining({regionName: 'US_WEST_2', copiedAt: at18(15) + COPY_MS, expiresAt: iso('2026-06-16T06:00:00Z') + COPY_MS})])
  })

  test('rule 62 accepted: moving the clock back brings back the copies pushed out by copies that never happened', async () => {
    const {w} = await windowWorld(2, [SIX_HOURLY, DAILY])
    w.setNow(START + 5 * DAY_MS)
    await copiesSinceStart(w)
    // Back to the 16th 06:00:05 (the 6-hourly snapshots that expired during the jump stay gone): the 16th's 06:00
    // copy has not completed, so the 15th's daily is one of the last two copies again, until 06:00:12.
    w.setNow(iso('2026-06-16T06:00:05Z'))
    expect(await copiesSinceStart(w)).toEqual([[when(at18(15)), ['US_WEST_2']]])
    w.setNow(iso('2026-06-16T06:00:12Z'))
    expect(await copiesSinceStart(w)).toEqual([[when(at18(15)), []]])
    // Forward again, as if the jump had never been made: the same world as going there directly.
    w.setNow(START + 5 * DAY_MS)
    expect((await copiesSinceStart(w)).filter(([, regions]) => regions.length > 0).length).toBe(2)
  })

  test('rule 62 accepted: on-demand snapshots are copies too, and push scheduled ones out', async () => {
    const {w} = await windowWorld(2)
    w.setNow(START + DAY_MS)
    const onDemand = await w.backend.takeSnapshot(GROUP, 'Cluster0', {description: 'before the release', retentionInDays: 3})
    w.setNow(at18(16) + COPY_MS)
    // The 15th's daily, the on-demand one, then the 16th's daily: the 15th's went when the 16th's completed.
    expect(await copiesSinceStart(w)).toEqual([
      [when(at18(15)), []],
      [when(START + DAY_MS), ['US_WEST_2']],
      [when(at18(16)), ['US_WEST_2']],
    ])
    expect(onDemand.id).toBeDefined()
    w.setNow(at18(16) + HOUR_MS)
    await w.backend.takeSnapshot(GROUP, 'Cluster0', {description: 'after the release', retentionInDays: 3})
    w.setNow(at18(16) + HOUR_MS + COPY_MS)
    expect((await copiesSinceStart(w)).map(([, regions]) => regions)).toEqual([[], [], ['US_WEST_2'], ['US_WEST_2']])
  })

  test('rule 62: during an outage a restore is served from a live windowed copy; refused for a snapshot whose copy was pushed out', async () => {
    const {w} = await windowWorld(2)
    w.setNow(at18(18) + HOUR_MS)
    const page = await w.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
    const daily = (page.results as ReplicaSetSnapshot[]).filter((snapshot) => iso(snapshot.createdAt!) > START).reverse()
    expect(daily.map((snapshot) => snapshot.copyRegions)).toEqual([[], [], ['US_WEST_2'], ['US_WEST_2']])
    startRegionOutage(w.backend, 'AWS', 'US_EAST_1')
    const restore = (snapshotId: string) => ({deliveryType: 'automated' as const, snapshotId, targetClusterName: 'MultiRegion0', targetGroupId: GROUP})
    const refused = await atlasError(w.backend.createRestoreJob(GROUP, 'Cluster0', restore(daily[0]!.id)))
    expect(refused).toMatchObject({status: 409, errorCode: 'SNAPSHOT_REGION_UNAVAILABLE'})
    const served = await w.backend.createRestoreJob(GROUP, 'Cluster0', restore(daily[3]!.id))
    expect(served).toMatchObject({snapshotId: daily[3]!.id, servedFromCopyRegion: 'US_WEST_2'})
  })

  test('rule 62 accepted: a lowered N takes effect with the next copy: the ones beyond it go when that copy completes', async () => {
    const {w, zoneId} = await windowWorld(3)
    w.setNow(at18(17) + HOUR_MS)
    await w.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [lastN(zoneId, 1)]})
    expect((await copiesSinceStart(w)).map(([, regions]) => regions)).toEqual([['US_WEST_2'], ['US_WEST_2'], ['US_WEST_2']])
    w.setNow(at18(18) + COPY_MS)
    expect((await copiesSinceStart(w)).map(([, regions]) => regions)).toEqual([[], [], [], ['US_WEST_2']])
  })

  test('rule 62 accepted: removing the setting keeps its copies until their snapshot goes; nothing new is copied', async () => {
    const {w} = await windowWorld(2)
    w.setNow(at18(17) + HOUR_MS)
    await w.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: []})
    w.setNow(at18(20) + HOUR_MS)
    expect((await copiesSinceStart(w)).map(([, regions]) => regions)).toEqual([[], ['US_WEST_2'], ['US_WEST_2'], [], [], []])
    // Kept 7 days: the 16th's snapshot, and its copy, went on the 23rd at 18:00; the 17th's copy is still there.
    w.setNow(at18(23) + HOUR_MS)
    expect((await copiesSinceStart(w)).map(([, regions]) => regions).slice(0, 2)).toEqual([['US_WEST_2'], []])
  })

  test('rule 60 accepted: deleteCopiedBackups deletes a removed window\'s copies; refused under copy protection', async () => {
    const {w, zoneId} = await windowWorld(2)
    w.setNow(at18(17) + HOUR_MS)
    putPolicy(w.backend, w.now(), {copyProtectionEnabled: true})
    const target = {cloudProvider: 'AWS' as const, regionName: 'US_WEST_2', zoneId}
    const refused = await atlasError(w.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [], deleteCopiedBackups: [target]}))
    expect(refused).toMatchObject({status: 400, errorCode: 'CANNOT_DELETE_COPY_SNAPSHOT_WITH_BACKUP_COMPLIANCE_POLICY_ENABLED'})
    expect((await copiesSinceStart(w)).map(([, regions]) => regions)).toEqual([[], ['US_WEST_2'], ['US_WEST_2']])
    putPolicy(w.backend, w.now(), {copyProtectionEnabled: false})
    await w.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [], deleteCopiedBackups: [target]})
    expect((await copiesSinceStart(w)).map(([, regions]) => regions)).toEqual([[], [], []])
  })
})
