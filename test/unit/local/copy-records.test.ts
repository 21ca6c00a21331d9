import {describe, expect, test} from 'vitest'

import {copiesOf, liveCopies, oplogCopiesTo, updateOplogCopies} from '../../../src/lib/backends/local/copies.js'
import type {BackupSchedule, CopySetting} from '../../../src/lib/domain/types.js'

/** The copy decisions of the emulator as pure functions: which snapshot is copied where, until when (rules 33, 59, 62). */

const ZONE = '6b1f00aa00aa00aa00aaffff'
const setting = (over: Partial<CopySetting> = {}): CopySetting => ({cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, frequencies: ['WEEKLY'], shouldCopyOplogs: false, ...over})
const schedule = (copySettings: CopySetting[], copyPolicyItemsEnabled = false): BackupSchedule => ({policies: [{policyItems: []}], copySettings, copyPolicyItemsEnabled})
const snapshot = {snapshotType: 'scheduled' as const, frequencyType: 'weekly' as const, requestedAt: 1_000, finishesAt: 13_000, failed: false}

describe('copiesOf (rules 33, 62)', () => {
  test('rule 33: a weekly-attributed snapshot is copied where WEEKLY is selected, not where only DAILY is', () => {
    expect(copiesOf(schedule([setting(), setting({regionName: 'EU_WEST_1', frequencies: ['DAILY']})]), snapshot, 'AWS')).toEqual([
      {cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, copiedAt: 13_000},
    ])
    expect(copiesOf(schedule([setting({frequencies: ['DAILY']})]), snapshot, 'AWS')).toBeUndefined()
  })

  test('a failed snapshot has nothing to copy; no settings, no copies', () => {
    expect(copiesOf(schedule([setting()]), {...snapshot, failed: true}, 'AWS')).toBeUndefined()
    expect(copiesOf(undefined, snapshot, 'AWS')).toBeUndefined()
  })

  test('rule 62: a copy policy item gives the copy its own expiry, counted from the firing; ondemand items none', () => {
    const items = setting({frequencies: undefined, copyPolicyItems: [{frequencyType: 'weekly', retentionUnit: 'days', retentionValue: 2}, {frequencyType: 'ondemand'}]})
    expect(copiesOf(schedule([items], true), snapshot, 'AWS')).toEqual([{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, copiedAt: 13_000, expiresAt: 1_000 + 2 * 86_400_000}])
    expect(copiesOf(schedule([items], true), {...snapshot, snapshotType: 'onDemand', frequencyType: 'ondemand'}, 'AWS')).toEqual([{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, copiedAt: 13_000}])
  })

  test('liveCopies: from completion until expiry', () => {
    const record = {copies: [{cloudProvider: 'AWS' as const, regionName: 'US_WEST_2', zoneId: ZONE, copiedAt: 10, expiresAt: 20}]}
    expect([9, 10, 19, 20].map((now) => liveCopies(record, now).length)).toEqual([0, 1, 1, 0])
  })
})

describe('updateOplogCopies (rule 59)', () => {
  test('opens a span when a target starts shipping oplogs, closes it when it stops, keeps closed spans', () => {
    const opened = updateOplogCopies([], [setting({shouldCopyOplogs: true})], 'US_EAST_1', 'AWS', 100)
    expect(opened).toEqual([{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, fromRegion: 'US_EAST_1', from: 100}])
    expect(updateOplogCopies(opened, [setting({shouldCopyOplogs: true})], 'US_EAST_1', 'AWS', 150)).toEqual(opened)
    const closed = updateOplogCopies(opened, [], 'US_EAST_1', 'AWS', 200)
    expect(closed).toEqual([{...opened[0], to: 200}])
    expect(oplogCopiesTo(closed, 'us_west_2')).toEqual(closed)
    expect(oplogCopiesTo(closed, 'EU_WEST_1')).toEqual([])
  })

  test('a primary that moved ends the spans copied from the old one and starts them from the new one', () => {
    const opened = updateOplogCopies([], [setting({shouldCopyOplogs: true})], 'US_EAST_1', 'AWS', 100)
    expect(updateOplogCopies(opened, [setting({shouldCopyOplogs: true})], 'US_EAST_2', 'AWS', 300)).toEqual([
      {...opened[0], to: 300},
      {cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, fromRegion: 'US_EAST_2', from: 300},
    ])
  })
})
