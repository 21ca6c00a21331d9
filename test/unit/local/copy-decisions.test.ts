import {describe, expect, test} from 'vitest'

import {copiesOf, copyFrequencyOf, liveCopies, oplogCopiesAt, oplogCopiesTo, sameTarget, updateOplogCopies} from '../../../src/lib/backends/local/copies.js'
import type {OplogCopyRecord} from '../../../src/lib/backends/local/records.js'
import type {BackupSchedule, CopySetting} from '../../../src/lib/domain/types.js'

/**
 * The edges of the emulator's copy decisions (rules 33, 56, 59, 62): settings missing a field, items with half a
 * retention, targets that differ only by zone or provider, and oplog spans around a clock moved back.
 */

const ZONE = '6b1f00aa00aa00aa00aaffff'
const OTHER_ZONE = '6b1f00bb00bb00bb00bbffff'
const setting = (over: Partial<CopySetting> = {}): CopySetting => ({cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, frequencies: ['WEEKLY'], shouldCopyOplogs: false, ...over})
const schedule = (copySettings: CopySetting[], copyPolicyItemsEnabled = false): BackupSchedule => ({policies: [{policyItems: []}], copySettings, copyPolicyItemsEnabled})
const weekly = {snapshotType: 'scheduled' as const, frequencyType: 'weekly' as const, requestedAt: 1_000, finishesAt: 13_000, failed: false}
const copyAt13 = {cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, copiedAt: 13_000}

describe('which snapshots a copy setting copies (rules 33, 62)', () => {
  test('an on-demand snapshot is ON_DEMAND whatever frequency it was attributed', () => {
    expect(copyFrequencyOf({snapshotType: 'onDemand', frequencyType: 'daily'})).toBe('ON_DEMAND')
    expect(copyFrequencyOf({snapshotType: 'scheduled', frequencyType: 'daily'})).toBe('DAILY')
  })

  test('a setting without frequencies (or without items when items are on) copies nothing, and does not fail', () => {
    expect(copiesOf(schedule([setting({frequencies: undefined})]), weekly, 'AWS')).toBeUndefined()
    expect(copiesOf(schedule([setting({frequencies: undefined, copyPolicyItems: undefined})], true), weekly, 'AWS')).toBeUndefined()
  })

  test('rule 62: an item missing either half of its retention gives a copy with no expiry, and no expiresAt field', () => {
    for (const item of [{frequencyType: 'weekly' as const, retentionUnit: 'days' as const}, {frequencyType: 'weekly' as const, retentionValue: 2}]) {
      expect(copiesOf(schedule([setting({frequencies: undefined, copyPolicyItems: [item]})], true), weekly, 'AWS'), JSON.stringify(item)).toStrictEqual([copyAt13])
    }
    // A frequencies-based copy has no expiresAt field either (it goes with the snapshot).
    expect(copiesOf(schedule([setting()]), weekly, 'AWS')).toStrictEqual([copyAt13])
  })

  test('rule 56: a setting missing its region or its zone is skipped; the others still copy', () => {
    const complete = setting({regionName: 'EU_WEST_1'})
    for (const partial of [setting({regionName: undefined}), setting({zoneId: undefined}), setting({regionName: undefined, zoneId: undefined})]) {
      expect(copiesOf(schedule([partial, complete]), weekly, 'AWS')).toStrictEqual([{...copyAt13, regionName: 'EU_WEST_1'}])
    }
  })

  test('a copy is in the provider its setting names, else the cluster\'s', () => {
    expect(copiesOf(schedule([setting({cloudProvider: 'GCP', regionName: 'CENTRAL_US'})]), weekly, 'AWS')).toStrictEqual([{...copyAt13, cloudProvider: 'GCP', regionName: 'CENTRAL_US'}])
    expect(copiesOf(schedule([setting({cloudProvider: undefined})]), weekly, 'AZURE')).toStrictEqual([{...copyAt13, cloudProvider: 'AZURE'}])
  })

  test('a record without copies has no live copy; neither has a cluster without oplog spans', () => {
    expect(liveCopies({}, 20_000)).toEqual([])
    expect(oplogCopiesTo(undefined, 'US_WEST_2')).toEqual([])
  })
})

describe('copy targets: a region of a zone (rules 56, 60)', () => {
  test('the same region in another zone is another target; region names compare without case; a missing region is its own', () => {
    expect(sameTarget({regionName: 'US_WEST_2', zoneId: ZONE}, {regionName: 'us_west_2', zoneId: ZONE})).toBe(true)
    expect(sameTarget({regionName: 'US_WEST_2', zoneId: ZONE}, {regionName: 'US_WEST_2', zoneId: OTHER_ZONE})).toBe(false)
    expect(sameTarget({zoneId: ZONE}, {regionName: 'US_WEST_2', zoneId: ZONE})).toBe(false)
    expect(sameTarget({regionName: 'US_WEST_2', zoneId: ZONE}, {zoneId: ZONE})).toBe(false)
    expect(sameTarget({zoneId: ZONE}, {zoneId: ZONE})).toBe(true)
  })
})

describe('oplog copy spans (rule 59)', () => {
  const span = (over: Partial<OplogCopyRecord> = {}): OplogCopyRecord => ({cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: ZONE, fromRegion: 'US_EAST_1', from: 100, ...over})

  test('a closed span keeps its end when the settings change again', () => {
    expect(updateOplogCopies([span({to: 200})], [], 'US_EAST_1', 'AWS', 300)).toStrictEqual([span({to: 200})])
  })

  test('a shipping setting missing its region or zone opens no span; a span is in the setting\'s provider, else the cluster\'s', () => {
    expect(updateOplogCopies([], [setting({shouldCopyOplogs: true, regionName: undefined})], 'US_EAST_1', 'AWS', 100)).toEqual([])
    expect(updateOplogCopies([], [setting({shouldCopyOplogs: true, zoneId: undefined})], 'US_EAST_1', 'AWS', 100)).toEqual([])
    expect(updateOplogCopies([], [setting({shouldCopyOplogs: true, cloudProvider: 'GCP', regionName: 'CENTRAL_US'})], 'US_EAST_1', 'AWS', 100)).toStrictEqual([
      span({cloudProvider: 'GCP', regionName: 'CENTRAL_US'}),
    ])
    expect(updateOplogCopies([], [setting({shouldCopyOplogs: true, cloudProvider: undefined})], 'US_EAST_1', 'AZURE', 100)).toStrictEqual([span({cloudProvider: 'AZURE'})])
  })

  test('clock moved back: a span that began at the new now stays, one that ended by then keeps its end, one that ended later is open again', () => {
    const shipping = [setting({shouldCopyOplogs: true})]
    // Began exactly at the new now, still shipping: kept open as it was.
    expect(oplogCopiesAt([span({from: 500})], shipping, 'US_EAST_1', 'AWS', 500)).toStrictEqual([span({from: 500})])
    // Began exactly at the new now, no longer shipping: it stays, closed at once.
    expect(oplogCopiesAt([span({from: 500})], [], 'US_EAST_1', 'AWS', 500)).toStrictEqual([span({from: 500, to: 500})])
    // Ended before the new now: kept closed at its end (no longer shipping, so nothing reopens it).
    expect(oplogCopiesAt([span({to: 200})], [], 'US_EAST_1', 'AWS', 300)).toStrictEqual([span({to: 200})])
    // Ended exactly at the new now, shipping again: the old span stays closed and a new one starts now.
    expect(oplogCopiesAt([span({to: 300})], shipping, 'US_EAST_1', 'AWS', 300)).toStrictEqual([span({to: 300}), span({from: 300})])
    // Ended after the new now and still shipping: it was going on then, so it is open.
    expect(oplogCopiesAt([span({to: 400})], shipping, 'US_EAST_1', 'AWS', 300)).toStrictEqual([span()])
  })
})
