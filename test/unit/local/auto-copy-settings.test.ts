import {afterEach, describe, expect, test} from 'vitest'

import {updateCluster} from '../../../src/lib/backends/local/cluster-changes.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import type {CopyPolicyItem, CopySetting, PolicyItem, ReplicaSetSnapshot} from '../../../src/lib/domain/types.js'
import {iso} from '../../helpers/values.js'
import {atlasError, GROUP, type LocalWorld, localWorld, START} from './harness.js'

/**
 * Rule 62, autoCopySettingsEnabled, as the Atlas docs describe it: Atlas gives each secondary region a copy setting
 * whose copy policy items follow the backup policy's items, overwrites the settings configured, lets their items be
 * tuned but no region added or removed, and keeps them in step as secondary regions come and go. MultiRegion0: AWS
 * US_EAST_1 (highest priority), US_EAST_2, US_WEST_2. Frozen clock at START (Monday 2026-06-15T10:30Z).
 */

let world: LocalWorld | undefined

afterEach(async () => {
  await world?.backend.close()
  world = undefined
})

async function multiRegion(): Promise<{w: LocalWorld; zoneId: string; items: PolicyItem[]}> {
  const w = localWorld()
  world = w
  const zoneId = (await w.backend.getCluster(GROUP, 'MultiRegion0')).replicationSpecs![0]!.zoneId!
  const items = (await w.backend.getSchedule(GROUP, 'MultiRegion0')).policies[0]!.policyItems
  return {w, zoneId, items}
}

/** The copy items Atlas makes from the backup policy: one per frequency, the longest retention of that frequency. */
function likePolicy(items: PolicyItem[]): CopyPolicyItem[] {
  const frequencies = [...new Set(items.map((item) => item.frequencyType))]
  return frequencies.map((frequencyType) => {
    const longest = items.filter((item) => item.frequencyType === frequencyType).at(-1)!
    return {frequencyType, retentionUnit: longest.retentionUnit, retentionValue: longest.retentionValue, id: expect.any(String) as string}
  })
}

const without = (settings: CopySetting[] | undefined): string[] => (settings ?? []).map((setting) => setting.regionName!)

describe('autoCopySettingsEnabled (rule 62)', () => {
  test('rule 62 accepted: turning it on gives each secondary region a setting like the backup policy, overwriting the ones configured', async () => {
    const {w, zoneId, items} = await multiRegion()
    await w.backend.updateSchedule(GROUP, 'MultiRegion0', {copySettings: [{cloudProvider: 'AWS', regionName: 'EU_WEST_1', zoneId, frequencies: ['DAILY'], shouldCopyOplogs: false}]})
    const answer = await w.backend.updateSchedule(GROUP, 'MultiRegion0', {autoCopySettingsEnabled: true})
    const expected = ['US_EAST_2', 'US_WEST_2'].map((regionName) => ({cloudProvider: 'AWS', regionName, zoneId, copyPolicyItems: likePolicy(items), shouldCopyOplogs: false}))
    expect(answer).toMatchObject({autoCopySettingsEnabled: true, copyPolicyItemsEnabled: true})
    expect(answer.copySettings).toEqual(expected)
    expect(await w.backend.getSchedule(GROUP, 'MultiRegion0')).toMatchObject({autoCopySettingsEnabled: true, copySettings: expected})
    // And the copies are made: a day later the daily snapshot is in both secondary regions.
    w.setNow(START + DAY_MS)
    const page = await w.backend.listSnapshots(GROUP, 'MultiRegion0', {itemsPerPage: 50})
    const daily = (page.results as ReplicaSetSnapshot[]).find((snapshot) => snapshot.frequencyType === 'daily' && iso(snapshot.createdAt!) > START)!
    expect(daily.copyRegions).toEqual(['US_EAST_2', 'US_WEST_2'])
  })

  test('rule 62 accepted: while on, the managed settings\' items may be tuned; refused: adding or leaving out a region', async () => {
    const {w, zoneId} = await multiRegion()
    const on = await w.backend.updateSchedule(GROUP, 'MultiRegion0', {autoCopySettingsEnabled: true})
    const [east2, west2] = on.copySettings!
    const tuned = {...east2!, copyPolicyItems: [{frequencyType: 'daily' as const, retentionUnit: 'days' as const, retentionValue: 3}]}
    const answer = await w.backend.updateSchedule(GROUP, 'MultiRegion0', {copySettings: [tuned, west2!]})
    expect(answer.copySettings![0]!.copyPolicyItems).toEqual([{frequencyType: 'daily', retentionUnit: 'days', retentionValue: 3, id: expect.any(String)}])
    const added = await atlasError(w.backend.updateSchedule(GROUP, 'MultiRegion0', {copySettings: [tuned, west2!, {...west2!, regionName: 'EU_WEST_1'}]}))
    expect(added).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE', parameters: ['copySettings']})
    expect(added.detail).toMatch(/EU_WEST_1 is not a secondary region of the cluster.*autoCopySettingsEnabled false to add or remove copy regions/)
    const removed = await atlasError(w.backend.updateSchedule(GROUP, 'MultiRegion0', {copySettings: [tuned]}))
    expect(removed.detail).toMatch(/US_WEST_2 is a secondary region of the cluster and cannot be left out/)
    expect(without((await w.backend.getSchedule(GROUP, 'MultiRegion0')).copySettings)).toEqual(['US_EAST_2', 'US_WEST_2'])
    // Off again, the settings stay as they are and regions may be removed.
    const off = await w.backend.updateSchedule(GROUP, 'MultiRegion0', {autoCopySettingsEnabled: false, copySettings: [tuned]})
    expect(off).toMatchObject({autoCopySettingsEnabled: false, copySettings: [{regionName: 'US_EAST_2', zoneId}]})
  })

  test('rule 62 refused: autoCopySettingsEnabled true with copyPolicyItemsEnabled false is INVALID_ATTRIBUTE, nothing stored', async () => {
    const {w} = await multiRegion()
    const error = await atlasError(w.backend.updateSchedule(GROUP, 'MultiRegion0', {autoCopySettingsEnabled: true, copyPolicyItemsEnabled: false}))
    expect(error).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE', fields: [{field: 'autoCopySettingsEnabled'}]})
    expect(await w.backend.getSchedule(GROUP, 'MultiRegion0')).toMatchObject({copyPolicyItemsEnabled: false, copySettings: []})
    // Already on, a PATCH that turns copy policy items off alone is refused too: the managed settings are items.
    await w.backend.updateSchedule(GROUP, 'MultiRegion0', {autoCopySettingsEnabled: true})
    const later = await atlasError(w.backend.updateSchedule(GROUP, 'MultiRegion0', {copyPolicyItemsEnabled: false}))
    expect(later).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE'})
    expect(await w.backend.getSchedule(GROUP, 'MultiRegion0')).toMatchObject({autoCopySettingsEnabled: true, copyPolicyItemsEnabled: true})
  })

  test('rule 62 accepted: the managed settings follow the topology when the primary moves to a secondary region', async () => {
    const {w, zoneId, items} = await multiRegion()
    const on = await w.backend.updateSchedule(GROUP, 'MultiRegion0', {autoCopySettingsEnabled: true})
    const west2 = {...on.copySettings![1]!, copyPolicyItems: [{frequencyType: 'weekly' as const, retentionUnit: 'weeks' as const, retentionValue: 2}]}
    await w.backend.updateSchedule(GROUP, 'MultiRegion0', {copySettings: [on.copySettings![0]!, west2]})
    w.setNow(START + DAY_MS)
    const result = updateCluster(w.backend, GROUP, 'MultiRegion0', {region: 'US_EAST_2'})
    const effect = result.changes[0]!.effects.find((e) => e.kind === 'copySettingsRewritten')!
    expect(effect.detail).toBe('autoCopySettingsEnabled: the copy settings follow the secondary regions, so snapshots are copied from US_EAST_2 to US_EAST_1, US_WEST_2 (rule 62)')
    const settings = (await w.backend.getSchedule(GROUP, 'MultiRegion0')).copySettings!
    // US_EAST_1 is a secondary region now, with items like the policy; US_WEST_2 keeps its tuned items.
    expect(settings).toEqual([
      {cloudProvider: 'AWS', regionName: 'US_EAST_1', zoneId, copyPolicyItems: likePolicy(items), shouldCopyOplogs: false},
      {...west2, copyPolicyItems: [{...west2.copyPolicyItems[0]!, id: expect.any(String)}]},
    ])
  })
})
