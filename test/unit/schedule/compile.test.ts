import {describe, expect, it} from 'vitest'

import type {BackupSchedule, PolicyItem} from '../../../src/lib/domain/types.js'
import {compileSchedule, firings, nextSnapshot, retainedCounts} from '../../../src/lib/schedule/index.js'
import {DAY} from './oracle.js'
import {iso, scheduleOf} from '../../helpers/values.js'

const FROM = iso('2026-01-01T00:00:00Z')
const TO = FROM + 400 * DAY
const daily: PolicyItem = {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7}


describe('compileSchedule', () => {
  it('counts a missing reference time as 00:00', () => {
    expect(nextSnapshot(scheduleOf([daily]), iso('2026-05-05T12:00:00Z'))).toBe(iso('2026-05-06T00:00:00Z'))
  })

  it('treats an impossible reference time as missing instead of failing', () => {
    const compiled = compileSchedule(scheduleOf([daily], {referenceHourOfDay: 25, referenceMinuteOfHour: -3}))
    expect([compiled.referenceHourOfDay, compiled.referenceMinuteOfHour]).toEqual([0, 0])
  })

  it('skips on-demand items but keeps reporting original item indexes', () => {
    const schedule = scheduleOf([{frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'days', retentionValue: 30}, daily])
    expect(compileSchedule(schedule).items.map((item) => item.index)).toEqual([1])
    expect(new Set(firings(schedule, FROM, FROM + 10 * DAY).map((f) => f.itemIndex))).toEqual(new Set([1]))
  })

  it('ignores items it cannot schedule, without crashing or looping', () => {
    const odd = [
      null,
      'daily',
      {frequencyType: 'hourly', frequencyInterval: 0, retentionUnit: 'days', retentionValue: 1},
      {frequencyType: 'hourly', frequencyInterval: 2.5, retentionUnit: 'days', retentionValue: 1},
      {frequencyType: 'weekly', frequencyInterval: 0, retentionUnit: 'weeks', retentionValue: 1},
      {frequencyType: 'weekly', frequencyInterval: 8, retentionUnit: 'weeks', retentionValue: 1},
      {frequencyType: 'monthly', frequencyInterval: 41, retentionUnit: 'months', retentionValue: 1},
      {frequencyType: 'yearly', frequencyInterval: 13, retentionUnit: 'years', retentionValue: 1},
      {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 0},
      {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: -2},
      {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'months', retentionValue: 1.5},
      {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'fortnights', retentionValue: 1},
      {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'years', retentionValue: 2_147_483_647},
      {frequencyType: 'minutely', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 1},
    ]
    const schedule = scheduleOf(odd)
    expect(compileSchedule(schedule).items).toEqual([])
    expect(firings(schedule, FROM, TO)).toEqual([])
    expect(nextSnapshot(schedule, FROM)).toBeUndefined()
    expect(retainedCounts(schedule, TO)).toEqual(odd.map(() => 0))
  })

  it('has nothing to schedule without policies or items', () => {
    for (const schedule of [{policies: []}, {policies: [{policyItems: []}]}, {} as BackupSchedule]) {
      expect(firings(schedule, FROM, TO)).toEqual([])
      expect(nextSnapshot(schedule, FROM)).toBeUndefined()
      expect(retainedCounts(schedule, TO)).toEqual([])
    }
  })

  it('schedules monthly days 29–31 in the months that have them', () => {
    const schedule = scheduleOf([{frequencyType: 'monthly', frequencyInterval: 31, retentionUnit: 'months', retentionValue: 1}])
    const months = firings(schedule, FROM, iso('2027-01-01T00:00:00Z')).map((f) => new Date(f.at).getUTCMonth() + 1)
    expect(months).toEqual([1, 3, 5, 7, 8, 10, 12])
  })

  it('restarts an hourly interval that does not divide 24 at the reference hour every day', () => {
    const schedule = scheduleOf([{frequencyType: 'hourly', frequencyInterval: 5, retentionUnit: 'days', retentionValue: 1}], {referenceHourOfDay: 2})
    const hours = firings(schedule, FROM, FROM + DAY).map((f) => new Date(f.at).getUTCHours())
    expect(hours).toEqual([2, 7, 12, 17, 22])
  })

  it('orders items so the longest retention comes first, then the rarer type, then the lower index', () => {
    const compiled = compileSchedule(
      scheduleOf([
        {frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 31},
        {frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 4},
        {frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 1},
        {frequencyType: 'monthly', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 31},
        {frequencyType: 'yearly', frequencyInterval: 1, retentionUnit: 'years', retentionValue: 1},
      ]),
    )
    expect(compiled.items.map((item) => item.index)).toEqual([4, 2, 3, 0, 1])
  })
})
