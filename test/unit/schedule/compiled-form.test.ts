import {describe, expect, it} from 'vitest'

import type {PolicyItem} from '../../../src/lib/domain/types.js'
import {winnerAt} from '../../../src/lib/schedule/attribution.js'
import {emptyDayFacts} from '../../../src/lib/schedule/calendar.js'
import {aliveFirings, compileSchedule, defaultSchedule, firings, MAX_SCHEDULABLE_RETENTION_DAYS, retainedCounts} from '../../../src/lib/schedule/index.js'
import {DAY} from './oracle.js'
import {iso, scheduleOf} from '../../helpers/values.js'

/**
 * The compiled form is exported (the emulator compiles a schedule once and walks it for every cluster), so its
 * documented fields are pinned here, along with the limits of what compileSchedule agrees to schedule.
 */

const FROM = iso('2026-03-01T00:00:00Z')
const hourly = (frequencyInterval: number, retentionValue = 2): PolicyItem => ({frequencyType: 'hourly', frequencyInterval, retentionUnit: 'days', retentionValue})
const isoOf = (at: number): string => new Date(at).toISOString().replace('.000Z', 'Z')

describe('compiled schedule fields', () => {
  it('hourlyWinnerByHour: the hourly item at its other hours, undefined at the reference hour and at hours it skips (rule 27)', () => {
    const compiled = compileSchedule(defaultSchedule('seed', {pitEnabled: true, referenceHourOfDay: 3}))
    const hourlyItem = compiled.items.find((item) => item.frequencyType === 'hourly')
    expect(compiled.hourlyWinnerByHour.map((winner, hour) => (winner === undefined ? undefined : hour))).toEqual(
      Array.from({length: 24}, (_, hour) => ([9, 15, 21].includes(hour) ? hour : undefined)),
    )
    expect(compiled.hourlyWinnerByHour[9]).toBe(hourlyItem)
  })

  it('slots: one per hour that can fire, the reference hour decided per day, none at all for an empty policy', () => {
    const compiled = compileSchedule(defaultSchedule('seed', {pitEnabled: true, referenceHourOfDay: 3, referenceMinuteOfHour: 16}))
    expect(compiled.slots.map((slot) => [slot.hour, slot.offsetMs, slot.isReferenceHour])).toEqual([
      [3, 3 * 3_600_000 + 16 * 60_000, true],
      [9, 9 * 3_600_000 + 16 * 60_000, false],
      [15, 15 * 3_600_000 + 16 * 60_000, false],
      [21, 21 * 3_600_000 + 16 * 60_000, false],
    ])
    expect(compileSchedule(scheduleOf([], {referenceHourOfDay: 3})).slots).toEqual([])
    expect(compileSchedule(scheduleOf([{frequencyType: 'ondemand', frequencyInterval: 0, retentionUnit: 'days', retentionValue: 3}])).slots).toEqual([])
  })

  it('hours: an hourly item fires at the reference hour and every interval after it, wrapping past midnight (rule 27)', () => {
    const hoursOf = (interval: number, referenceHourOfDay: number): readonly number[] => compileSchedule(scheduleOf([hourly(interval)], {referenceHourOfDay})).items[0]!.hours
    expect(hoursOf(8, 5)).toEqual([5, 13, 21])
    expect(hoursOf(6, 20)).toEqual([2, 8, 14, 20])
    // An interval that does not divide 24 restarts at the reference hour each day.
    expect(hoursOf(5, 3)).toEqual([3, 8, 13, 18, 23])
  })

  it('daily items ignore their interval (rule 7): a missing one compiles as 1, any other is kept, and both fire daily', () => {
    const schedule = scheduleOf([{frequencyType: 'daily', retentionUnit: 'days', retentionValue: 2}, {frequencyType: 'daily', frequencyInterval: 3, retentionUnit: 'days', retentionValue: 1}])
    const compiled = compileSchedule(schedule)
    expect(compiled.items.map((item) => [item.index, item.frequencyInterval, item.hours])).toEqual([
      [0, 1, [0]],
      [1, 3, [0]],
    ])
    // One snapshot a day at 00:00, owned by the longer retention.
    expect(firings(schedule, FROM, FROM + 3 * DAY).map((f) => [isoOf(f.at), f.itemIndex])).toEqual([
      ['2026-03-02T00:00:00Z', 0],
      ['2026-03-03T00:00:00Z', 0],
      ['2026-03-04T00:00:00Z', 0],
    ])
  })

  it('retentionMs: the fixed span of days and weeks; months and years have none, they are calendar months (§3 step 2)', () => {
    const compiled = compileSchedule(
      scheduleOf([
        {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 3},
        {frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 2},
        {frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 2},
        {frequencyType: 'yearly', frequencyInterval: 12, retentionUnit: 'years', retentionValue: 1},
      ]),
    )
    expect(compiled.items.map((item) => [item.index, item.retentionMs, item.normalisedRetentionDays])).toEqual([
      [3, undefined, 372],
      [2, undefined, 62],
      [1, 14 * DAY, 14],
      [0, 3 * DAY, 3],
    ])
  })

  it('items that are not objects are skipped, including undefined and numbers', () => {
    const daily: PolicyItem = {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7}
    const schedule = scheduleOf([undefined, 7, true, daily])
    expect(compileSchedule(schedule).items.map((item) => item.index)).toEqual([3])
    expect(retainedCounts(schedule, FROM)).toEqual([0, 0, 0, 7])
  })
})

describe('what compileSchedule agrees to schedule', () => {
  it('rule 27: an hourly interval of 24 h or more fires once a day, at the reference hour', () => {
    for (const interval of [24, 25, Number.MAX_SAFE_INTEGER]) {
      const day = firings(scheduleOf([hourly(interval)], {referenceHourOfDay: 5}), FROM, FROM + 2 * DAY)
      expect(day.map((f) => isoOf(f.at))).toEqual(['2026-03-01T05:00:00Z', '2026-03-02T05:00:00Z'])
    }
  })

  it('an hourly interval beyond the safe integers is not a schedulable item', () => {
    expect(compileSchedule(scheduleOf([hourly(2 ** 53)])).items).toEqual([])
  })

  it('a retention of exactly 100 years is scheduled; one day more is not (MAX_SCHEDULABLE_RETENTION_DAYS)', () => {
    expect(MAX_SCHEDULABLE_RETENTION_DAYS).toBe(37_200)
    const kept = (retentionUnit: PolicyItem['retentionUnit'], retentionValue: number) =>
      compileSchedule(scheduleOf([{frequencyType: 'daily', frequencyInterval: 1, retentionUnit, retentionValue}])).items.length
    expect([kept('years', 100), kept('days', 37_200), kept('months', 1_200)]).toEqual([1, 1, 1])
    expect([kept('years', 101), kept('days', 37_201), kept('months', 1_201)]).toEqual([0, 0, 0])
  })
})

describe('winnerAt: the owner of the snapshot at one instant (rule 31)', () => {
  const compiled = compileSchedule(defaultSchedule('seed', {pitEnabled: true, referenceHourOfDay: 3, referenceMinuteOfHour: 16}))
  const byIndex = (index: number) => compiled.items.find((item) => item.index === index)
  const owner = (text: string) => winnerAt(compiled, iso(text), emptyDayFacts())

  it('nothing owns an instant off the reference minute, or an hour no item fires at', () => {
    expect(owner('2026-08-10T09:17:00Z')).toBeUndefined()
    expect(owner('2026-08-10T09:16:01Z')).toBeUndefined()
    expect(owner('2026-08-10T10:16:00Z')).toBeUndefined()
  })

  it('the hourly item owns its other hours; at the reference hour the day decides (daily, weekly Saturday, monthly last day)', () => {
    expect(owner('2026-08-10T09:16:00Z')).toBe(byIndex(0))
    expect(owner('2026-08-10T03:16:00Z')).toBe(byIndex(1))
    expect(owner('2026-08-08T03:16:00Z')).toBe(byIndex(2))
    expect(owner('2026-08-31T03:16:00Z')).toBe(byIndex(3))
  })

  it('agrees with aliveFirings on who owns each alive snapshot', () => {
    const now = iso('2026-08-31T12:00:00Z')
    for (const firing of aliveFirings(compiled, Number.NEGATIVE_INFINITY, now)) {
      expect(winnerAt(compiled, firing.at, emptyDayFacts())?.index).toBe(firing.itemIndex)
    }
  })
})
