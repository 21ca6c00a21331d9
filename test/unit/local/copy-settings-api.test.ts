import {describe, expect, test} from 'vitest'

import {updateCluster} from '../../../src/lib/backends/local/cluster-changes.js'
import type {ClusterWithSchedule} from '../../../src/lib/backends/local/repository.js'
import {DAY_MS} from '../../../src/lib/domain/time.js'
import type {CopySetting, ReplicaSetSnapshot} from '../../../src/lib/domain/types.js'
import {iso, isoText} from '../../helpers/values.js'
import {atlasError, GROUP, type LocalWorld, localWorld, START} from './harness.js'

/**
 * The schedule PATCH's copy settings on the emulator: refused against the cluster with Atlas's codes (rules 56, 57),
 * the 2024-08-05 fields modelled or refused (rule 62), the oplog copies (rule 59) and the primary moving onto a copy
 * target (rule 61). Frozen clock at START (Monday 2026-06-15T10:30Z), Cluster0 (AWS US_EAST_1, continuous backup).
 */

async function specOf(world: LocalWorld, cluster = 'Cluster0'): Promise<{zoneId: string; specId: string}> {
  const spec = (await world.backend.getCluster(GROUP, cluster)).replicationSpecs![0]!
  return {zoneId: spec.zoneId!, specId: spec.id!}
}

function west(zoneId: string, over: Partial<CopySetting> = {}): CopySetting {
  return {cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, frequencies: ['DAILY'], shouldCopyOplogs: false, ...over}
}

function stored(world: LocalWorld, name = 'Cluster0'): ClusterWithSchedule {
  return world.backend.transact((s) => s.repo.findCluster(GROUP, name)!)
}

async function dailyCopies(world: LocalWorld): Promise<ReplicaSetSnapshot[]> {
  const page = await world.backend.listSnapshots(GROUP, 'Cluster0', {itemsPerPage: 500})
  return (page.results as ReplicaSetSnapshot[]).filter((snapshot) => snapshot.frequencyType === 'daily' && iso(snapshot.createdAt!) > START).reverse()
}

describe('copy settings refused against the cluster (rules 56, 57)', () => {
  test('rule 56 refused: regionName NOT_A_REGION is INVALID_REGION, and nothing is stored', async () => {
    const world = localWorld()
    const {zoneId} = await specOf(world)
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, {regionName: 'NOT_A_REGION'})]}))
    expect(error).toMatchObject({status: 400, errorCode: 'INVALID_REGION', parameters: ['Cluster0']})
    expect(error.detail).toMatch(/NOT_A_REGION is not an Atlas region of AWS/)
    expect((await world.backend.getSchedule(GROUP, 'Cluster0')).copySettings).toEqual([])
    await world.backend.close()
  })

  test('rule 56 refused: a zoneId of no zone of the cluster (another cluster\'s) is INVALID_ATTRIBUTE', async () => {
    const world = localWorld()
    const {zoneId: other} = await specOf(world, 'MultiRegion0')
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(other)]}))
    expect(error).toMatchObject({status: 400, errorCode: 'INVALID_ATTRIBUTE', fields: [{field: 'copySettings[0].zoneId'}]})
    await world.backend.close()
  })

  test('copySettings null is a field not sent: the stored copy settings stay, as the validation reads it', async () => {
    const world = localWorld()
    const {zoneId} = await specOf(world)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId)]})
    const answer = await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: null} as unknown as {copySettings: CopySetting[]})
    expect(answer.copySettings).toEqual([west(zoneId)])
    expect(stored(world).schedule!.copySettings).toEqual([west(zoneId)])
    await world.backend.close()
  })

  test('rule 56 accepted: a replicationSpecId (2023-01-01) is stored as its zone', async () => {
    const world = localWorld()
    const {zoneId, specId} = await specOf(world)
    const {zoneId: _zone, ...older} = west(zoneId)
    const answer = await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [{...older, replicationSpecId: specId}]})
    expect(answer.copySettings).toEqual([west(zoneId)])
    await world.backend.close()
  })

  test('rule 57 refused: the cluster\'s own highest-priority region; accepted: another region of a multi-region cluster', async () => {
    const world = localWorld()
    const {zoneId} = await specOf(world)
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, {regionName: 'US_EAST_1'})]}))
    expect(error).toMatchObject({status: 400, errorCode: 'INVALID_BACKUP_POLICY'})
    const multi = await specOf(world, 'MultiRegion0')
    const answer = await world.backend.updateSchedule(GROUP, 'MultiRegion0', {copySettings: [west(multi.zoneId, {regionName: 'US_EAST_2'})]})
    expect(answer.copySettings!.map((c) => c.regionName)).toEqual(['US_EAST_2'])
    await world.backend.close()
  })
})

describe('oplog copies (rule 59)', () => {
  test('rule 59 accepted: shouldCopyOplogs on a continuous-backup cluster records the span it is copied over', async () => {
    const world = localWorld()
    const {zoneId} = await specOf(world)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, {shouldCopyOplogs: true})]})
    world.setNow(START + DAY_MS)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, {shouldCopyOplogs: false})]})
    expect(stored(world).state.oplogCopies).toEqual([{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, fromRegion: 'US_EAST_1', from: START, to: START + DAY_MS}])
    await world.backend.close()
  })

  test('rule 59: the clock moved back cuts the oplog copy spans at the new now', async () => {
    const world = localWorld()
    const {zoneId} = await specOf(world)
    world.setNow(START + DAY_MS)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, {shouldCopyOplogs: true})]})
    world.setNow(START + 3 * DAY_MS)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId)]})
    world.setNow(START + 2 * DAY_MS)
    await world.backend.listSnapshots(GROUP, 'Cluster0')
    // Copying had not stopped by then; the settings in force (no oplog copy) decide from the new now.
    expect(stored(world).state.oplogCopies).toEqual([{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, fromRegion: 'US_EAST_1', from: START + DAY_MS, to: START + 2 * DAY_MS}])
    world.setNow(START + 12 * 3_600_000)
    await world.backend.listSnapshots(GROUP, 'Cluster0')
    expect(stored(world).state.oplogCopies, 'copying had not started yet').toEqual([])
    await world.backend.close()
  })

  test('rule 59 refused: shouldCopyOplogs without continuous backup (MultiRegion0), nothing recorded', async () => {
    const world = localWorld()
    const {zoneId} = await specOf(world, 'MultiRegion0')
    const error = await atlasError(world.backend.updateSchedule(GROUP, 'MultiRegion0', {copySettings: [west(zoneId, {regionName: 'EU_WEST_1', shouldCopyOplogs: true})]}))
    expect(error).toMatchObject({status: 400, errorCode: 'INVALID_BACKUP_POLICY'})
    expect(stored(world, 'MultiRegion0').state.oplogCopies).toBeUndefined()
    await world.backend.close()
  })
})

describe('the primary moves onto a copy target (rule 61)', () => {
  test('Cluster0 moves to US_WEST_2: it now copies to US_EAST_1, the oplog copy follows, later snapshots go there', async () => {
    const world = localWorld()
    const {zoneId} = await specOf(world)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId, {shouldCopyOplogs: true}), west(zoneId, {regionName: 'EU_WEST_1'})]})
    world.setNow(START + DAY_MS)
    const result = updateCluster(world.backend, GROUP, 'Cluster0', {region: 'US_WEST_2'})
    const rewritten = result.changes[0]!.effects.find((e) => e.kind === 'copySettingsRewritten')!
    expect(rewritten.detail).toBe('US_WEST_2 was a copy target and is now the primary region: snapshots are copied from US_WEST_2 to US_EAST_1, EU_WEST_1 (rule 61)')
    expect((await world.backend.getSchedule(GROUP, 'Cluster0')).copySettings).toEqual([west(zoneId, {regionName: 'US_EAST_1', shouldCopyOplogs: true}), west(zoneId, {regionName: 'EU_WEST_1'})])
    expect(stored(world).state.oplogCopies).toEqual([
      {cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId, fromRegion: 'US_EAST_1', from: START, to: START + DAY_MS},
      {cloudProvider: 'AWS', regionName: 'US_EAST_1', zoneId, fromRegion: 'US_WEST_2', from: START + DAY_MS},
    ])
    world.setNow(START + 2 * DAY_MS)
    expect((await dailyCopies(world)).map((s) => [isoText(iso(s.createdAt!)).slice(0, 10), s.copyRegions])).toEqual([
      ['2026-06-15', ['US_WEST_2', 'EU_WEST_1']],
      ['2026-06-16', ['US_EAST_1', 'EU_WEST_1']],
    ])
    await world.backend.close()
  })

  test('a move onto a region that is no copy target leaves the copy settings alone', async () => {
    const world = localWorld()
    const {zoneId} = await specOf(world)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [west(zoneId)]})
    const result = updateCluster(world.backend, GROUP, 'Cluster0', {region: 'US_EAST_2'})
    expect(result.changes[0]!.effects.map((e) => e.kind)).not.toContain('copySettingsRewritten')
    expect((await world.backend.getSchedule(GROUP, 'Cluster0')).copySettings).toEqual([west(zoneId)])
    await world.backend.close()
  })
})

describe('the 2024-08-05 copy fields (rule 62)', () => {
  const items = (zoneId: string, retentionValue = 30): CopySetting => ({
    cloudProvider: 'AWS',
    regionName: 'US_WEST_2',
    zoneId,
    shouldCopyOplogs: false,
    copyPolicyItems: [{frequencyType: 'daily', retentionUnit: 'days', retentionValue}],
  })

  test('rule 62 accepted: copyPolicyItems copy what they name, each copy kept for its own retention', async () => {
    const world = localWorld()
    const {zoneId} = await specOf(world)
    const answer = await world.backend.updateSchedule(GROUP, 'Cluster0', {copyPolicyItemsEnabled: true, copySettings: [items(zoneId, 3)]})
    expect(answer.copyPolicyItemsEnabled).toBe(true)
    const itemId = answer.copySettings![0]!.copyPolicyItems![0]!.id!
    expect(itemId).toMatch(/^[0-9a-f]{24}$/)
    expect(answer.copySettings).toEqual([{...items(zoneId, 3), copyPolicyItems: [{frequencyType: 'daily', id: itemId, retentionUnit: 'days', retentionValue: 3}]}])
    world.setNow(START + 4 * DAY_MS)
    // At the 19th, 10:30: the copy of the 15th (18:00) expired after 3 days, the snapshot itself is kept 7.
    expect((await dailyCopies(world)).map((s) => s.copyRegions)).toEqual([[], ['US_WEST_2'], ['US_WEST_2'], ['US_WEST_2']])
    // The item keeps its id while its setting keeps an item of that frequency.
    const again = await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [items(zoneId, 4)]})
    expect(again.copySettings![0]!.copyPolicyItems![0]!.id).toBe(itemId)
    await world.backend.close()
  })

  test('rule 62: updateCopySnapshots re-dates the copies already made; deleteCopySnapshots deletes a removed item\'s', async () => {
    const world = localWorld()
    const {zoneId} = await specOf(world)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copyPolicyItemsEnabled: true, copySettings: [items(zoneId, 1)]})
    world.setNow(START + DAY_MS)
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [items(zoneId, 5)], updateCopySnapshots: true})
    world.setNow(START + 3 * DAY_MS)
    // Kept 1 day, the copy of the 15th would have gone on the 16th at 18:00: re-dated to 5 days, it is still there.
    expect((await dailyCopies(world)).map((s) => s.copyRegions)).toEqual([['US_WEST_2'], ['US_WEST_2'], ['US_WEST_2']])
    await world.backend.updateSchedule(GROUP, 'Cluster0', {copySettings: [{...items(zoneId), copyPolicyItems: [{frequencyType: 'weekly', retentionUnit: 'weeks', retentionValue: 2}]}], deleteCopySnapshots: true})
    expect((await dailyCopies(world)).map((s) => s.copyRegions)).toEqual([[], [], []])
    await world.backend.close()
  })
})
