import {describe, expect, test} from 'vitest'

import {DAY_MS} from '../../../src/lib/domain/time.js'
import type {PolicyItem} from '../../../src/lib/domain/types.js'
import {addRetention} from '../../../src/lib/schedule/calendar.js'
import {type RetainedSnapshot, scheduleSnapshotEffects, type ScheduleSnapshotChange} from '../../../src/lib/schedule/snapshot-effects.js'
import {retainedSnapshotOfListed} from '../../../src/lib/schedule/snapshot-facts.js'
import {iso, isoText} from '../../helpers/values.js'

/** The rule a schedule change applies to the snapshots already taken (rules 34, 35), and how a listing is read for it. */

const WEEKLY = 'aaaaaaaaaaaaaaaaaaaaaaaa'
const MONTHLY = 'bbbbbbbbbbbbbbbbbbbbbbbb'
const SATURDAY = iso('2026-06-13T18:00:00Z')

function weeklySnapshot(id: string, takenAt: number, extra: Partial<RetainedSnapshot> = {}): RetainedSnapshot {
  return {id, scheduled: true, policyItemId: WEEKLY, takenAt, expiresAt: takenAt + 28 * DAY_MS, ...extra}
}

const shorterWeekly: ScheduleSnapshotChange = {
  updateSnapshots: true,
  deleteSnapshots: false,
  retentionChanged: [{id: WEEKLY, retentionUnit: 'weeks', retentionValue: 2}],
  removedItemIds: [],
  neverShorten: false,
}

describe('scheduleSnapshotEffects', () => {
  test('rule 34: updateSnapshots gives the changed item\'s snapshots the new retention from when each was taken', () => {
    const effects = scheduleSnapshotEffects([weeklySnapshot('w1', SATURDAY), weeklySnapshot('w2', SATURDAY - 7 * DAY_MS)], shorterWeekly)
    expect(effects.redated.map((r) => [r.id, r.expiresAt])).toEqual([['w1', SATURDAY + 14 * DAY_MS], ['w2', SATURDAY + 7 * DAY_MS]])
    expect(effects.deletedIds).toEqual([])
  })

  test('rule 34 refused: without updateSnapshots, or for a snapshot edited on its own or on demand, nothing changes', () => {
    expect(scheduleSnapshotEffects([weeklySnapshot('w1', SATURDAY)], {...shorterWeekly, updateSnapshots: false}).redated).toEqual([])
    expect(scheduleSnapshotEffects([weeklySnapshot('w1', SATURDAY, {retentionEdited: true}), weeklySnapshot('o1', SATURDAY, {scheduled: false})], shorterWeekly).redated).toEqual([])
  })

  test('rules 36, 89: under a compliance policy a shorter retention leaves the expiry, a longer one applies', () => {
    const snapshot = weeklySnapshot('w1', SATURDAY)
    expect(scheduleSnapshotEffects([snapshot], {...shorterWeekly, neverShorten: true}).redated).toEqual([])
    const longer = {...shorterWeekly, neverShorten: true, retentionChanged: [{id: WEEKLY, retentionUnit: 'weeks' as const, retentionValue: 8}]}
    expect(scheduleSnapshotEffects([snapshot], longer).redated.map((r) => r.expiresAt)).toEqual([SATURDAY + 56 * DAY_MS])
  })

  test('rule 35: deleteSnapshots deletes the removed item\'s scheduled snapshots only; without it they stay', () => {
    const monthly = {id: 'm1', scheduled: true, policyItemId: MONTHLY, takenAt: SATURDAY, expiresAt: SATURDAY + 365 * DAY_MS}
    const change = {...shorterWeekly, updateSnapshots: false, deleteSnapshots: true, removedItemIds: [MONTHLY]}
    expect(scheduleSnapshotEffects([monthly, weeklySnapshot('w1', SATURDAY)], change).deletedIds).toEqual(['m1'])
    expect(scheduleSnapshotEffects([monthly], {...change, deleteSnapshots: false}).deletedIds).toEqual([])
  })
})

describe('retainedSnapshotOfListed: when a listed snapshot\'s retention started', () => {
  const items = new Map<string, PolicyItem>([
    [WEEKLY, {id: WEEKLY, frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4}],
    [MONTHLY, {id: MONTHLY, frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 1}],
  ])
  const listed = (policyItem: string, takenAt: number, expiresAt: number) => ({
    id: 's', snapshotType: 'scheduled', policyItems: [policyItem], createdAt: isoText(takenAt + 12_000), expiresAt: isoText(expiresAt),
  })

  test('the expiry less the item\'s retention, just before the snapshot completed', () => {
    expect(retainedSnapshotOfListed(listed(WEEKLY, SATURDAY, SATURDAY + 28 * DAY_MS), items, SATURDAY + DAY_MS)).toMatchObject({takenAt: SATURDAY})
    expect(retainedSnapshotOfListed(listed(WEEKLY, SATURDAY, SATURDAY + 28 * DAY_MS), items, SATURDAY + DAY_MS).retentionEdited).toBeUndefined()
  })

  test('a month-end expiry clamped from a longer month is traced to the day the snapshot was taken (January 31, not 28)', () => {
    const january31 = iso('2026-01-31T18:00:00Z')
    expect(addRetention(january31, 'months', 1)).toBe(iso('2026-02-28T18:00:00Z'))
    expect(retainedSnapshotOfListed(listed(MONTHLY, january31, iso('2026-02-28T18:00:00Z')), items, january31 + DAY_MS).takenAt).toBe(january31)
  })

  test('an expiry no firing explains (the retention edited from completion) reads as edited, so updateSnapshots leaves it', () => {
    const completed = SATURDAY + 12_000
    const edited = {id: 's', snapshotType: 'scheduled', policyItems: [WEEKLY], createdAt: isoText(completed), expiresAt: isoText(completed + 28 * DAY_MS)}
    expect(retainedSnapshotOfListed(edited, items, SATURDAY + DAY_MS)).toMatchObject({retentionEdited: true})
    const shorter = {...edited, expiresAt: isoText(completed + 3 * DAY_MS)}
    expect(retainedSnapshotOfListed(shorter, items, SATURDAY + DAY_MS)).toMatchObject({retentionEdited: true})
  })
})
