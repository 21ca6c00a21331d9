import {describe, expect, test} from 'vitest'

import {mergeSchedulePatch} from '../../../src/lib/schedule/merge-patch.js'
import type {BackupSchedule, BackupSchedulePatch, PolicyItem} from '../../../src/lib/domain/types.js'

/** mergeSchedulePatch: Atlas's PATCH semantics for the stored schedule (backup-rules.md rows 3, 34, 35). */

const hourly: PolicyItem = {id: 'h1', frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2}
const daily: PolicyItem = {id: 'd1', frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7}
const weekly: PolicyItem = {id: 'w1', frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4}

function stored(): BackupSchedule {
  return {
    policies: [{id: 'p1', policyItems: [structuredClone(hourly), structuredClone(daily), structuredClone(weekly)]}],
    referenceHourOfDay: 18,
    referenceMinuteOfHour: 0,
    restoreWindowDays: 2,
    autoExportEnabled: false,
  }
}

function counter(): () => string {
  let n = 0
  return () => `new-${++n}`
}

describe('fields other than the policy items (rule 3)', () => {
  test.each([
    ['autoExportEnabled', true],
    ['copySettings', [{cloudProvider: 'AWS', regionName: 'US_WEST_2', zoneId: 'z'.repeat(24), shouldCopyOplogs: false, frequencies: ['DAILY']}]],
    ['export', {exportBucketId: 'b'.repeat(24), frequencyType: 'monthly'}],
    ['extraRetentionSettings', [{frequencyType: 'DAILY', retentionDays: 3}]],
    ['referenceHourOfDay', 4],
    ['referenceMinuteOfHour', 30],
    ['restoreWindowDays', 1],
    ['useOrgAndGroupNamesInExportPrefix', true],
  ])('%s sent replaces the stored value, as a copy of what was sent', (field, value) => {
    const patch = {[field]: structuredClone(value)} as BackupSchedulePatch
    const {schedule, retentionChanged, removedItemIds} = mergeSchedulePatch(stored(), patch, counter())
    expect(schedule).toEqual({...stored(), [field]: value})
    expect(retentionChanged).toEqual([])
    expect(removedItemIds).toEqual([])
    if (typeof value === 'object') {
      expect((schedule as unknown as Record<string, unknown>)[field]).not.toBe((patch as Record<string, unknown>)[field])
    }
  })

  test('fields not sent, and write-only flags, leave the stored schedule as it was, and the input is not changed', () => {
    const current = stored()
    const {schedule} = mergeSchedulePatch(current, {updateSnapshots: true, deleteSnapshots: true}, counter())
    expect(schedule).toEqual(stored())
    expect(schedule).not.toBe(current)
    schedule.policies[0]!.policyItems.pop()
    expect(current).toEqual(stored())
  })
})

describe('policy items (rules 3, 34, 35)', () => {
  test('the items sent replace the stored set: updated by id, created without one, the rest removed', () => {
    const newId = counter()
    const sent = [
      {...daily, retentionValue: 10},
      {frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 12},
      {frequencyType: 'yearly', frequencyInterval: 1, retentionUnit: 'years', retentionValue: 1},
    ] as PolicyItem[]
    const {schedule, retentionChanged, removedItemIds} = mergeSchedulePatch(stored(), {policies: [{policyItems: sent}]}, newId)
    expect(schedule.policies).toEqual([
      {
        id: 'p1',
        policyItems: [
          {...daily, retentionValue: 10},
          {id: 'new-1', frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 12},
          {id: 'new-2', frequencyType: 'yearly', frequencyInterval: 1, retentionUnit: 'years', retentionValue: 1},
        ],
      },
    ])
    expect(Object.keys(schedule.policies[0]!.policyItems[1]!)).toEqual(['frequencyInterval', 'frequencyType', 'id', 'retentionUnit', 'retentionValue'])
    expect(retentionChanged).toEqual([{...daily, retentionValue: 10}])
    expect(removedItemIds).toEqual(['h1', 'w1'])
  })

  test('a change of unit alone is a retention change; an item sent as stored is not', () => {
    const sent = [hourly, daily, {...weekly, retentionUnit: 'days', retentionValue: 4}] as PolicyItem[]
    const {retentionChanged, removedItemIds} = mergeSchedulePatch(stored(), {policies: [{policyItems: sent}]}, counter())
    expect(retentionChanged).toEqual([{...weekly, retentionUnit: 'days', retentionValue: 4}])
    expect(removedItemIds).toEqual([])
  })

  test('an item with an id the schedule does not hold is kept with that id but is no retention change', () => {
    const sent = [{...daily, id: 'other', retentionValue: 30}] as PolicyItem[]
    const {schedule, retentionChanged, removedItemIds} = mergeSchedulePatch(stored(), {policies: [{policyItems: sent}]}, counter())
    expect(schedule.policies[0]!.policyItems.map((item) => item.id)).toEqual(['other'])
    expect(retentionChanged).toEqual([])
    expect(removedItemIds).toEqual(['h1', 'd1', 'w1'])
  })

  test('fields the API does not know are not stored with an item', () => {
    const sent = [{...hourly, note: 'x'}] as unknown as PolicyItem[]
    const {schedule} = mergeSchedulePatch(stored(), {policies: [{policyItems: sent}]}, counter())
    expect(schedule.policies[0]!.policyItems).toEqual([hourly])
  })

  test('an empty item list removes every item; a schedule without a policy gets one without id', () => {
    const emptied = mergeSchedulePatch(stored(), {policies: [{policyItems: []}]}, counter())
    expect(emptied.schedule.policies).toEqual([{id: 'p1', policyItems: []}])
    expect(emptied.removedItemIds).toEqual(['h1', 'd1', 'w1'])
    const bare: BackupSchedule = {policies: []}
    const created = mergeSchedulePatch(bare, {policies: [{policyItems: [{...hourly, id: undefined}]}]}, counter())
    expect(created.schedule.policies).toEqual([{id: undefined, policyItems: [{...hourly, id: 'new-1'}]}])
    expect(created.removedItemIds).toEqual([])
  })

  test('stored items without an id are never reported removed', () => {
    const current: BackupSchedule = {policies: [{id: 'p1', policyItems: [{...hourly, id: undefined}]}]}
    const {removedItemIds} = mergeSchedulePatch(current, {policies: [{policyItems: []}]}, counter())
    expect(removedItemIds).toEqual([])
  })

  test('an empty policies array sent leaves the items alone', () => {
    const {schedule, removedItemIds} = mergeSchedulePatch(stored(), {policies: []}, counter())
    expect(schedule.policies).toEqual(stored().policies)
    expect(removedItemIds).toEqual([])
  })

  test('a new item is never taken for a stored item that has no id, so it is no retention change', () => {
    const current: BackupSchedule = {policies: [{id: 'p1', policyItems: [{...daily, id: undefined}]}]}
    const {retentionChanged} = mergeSchedulePatch(current, {policies: [{policyItems: [{...daily, id: undefined, retentionValue: 9}]}]}, counter())
    expect(retentionChanged).toEqual([])
  })

  test('a policy without items sent leaves the items alone', () => {
    const {schedule, removedItemIds} = mergeSchedulePatch(stored(), {policies: [{} as {policyItems: PolicyItem[]}]}, counter())
    expect(schedule.policies).toEqual(stored().policies)
    expect(removedItemIds).toEqual([])
  })
})
