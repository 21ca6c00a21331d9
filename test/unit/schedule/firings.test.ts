import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {compileSchedule, defaultSchedule, firings, nextSnapshot} from '../../../src/lib/schedule/index.js'
import {nonEmptyScheduleArb, scheduleArb, windowArb} from './arbitraries.js'
import {DAY, items, normalised, oracleFirings, oracleFires} from './oracle.js'
import {iso, scheduleOf} from '../../helpers/values.js'

/** The reference time of these examples unless one says otherwise. */
const AT_18 = {referenceHourOfDay: 18, referenceMinuteOfHour: 0}

describe('firings: recorded and documented examples', () => {
  it('anchors the hourly item on the reference time: ref 03:16 every 6 h, after 03:20Z comes 09:16Z (recorded Atlas case)', () => {
    const schedule = defaultSchedule('atlas2026', {referenceHourOfDay: 3, referenceMinuteOfHour: 16})
    expect(nextSnapshot(schedule, iso('2026-08-10T03:20:00Z'))).toBe(iso('2026-08-10T09:16:00Z'))
  })

  it('gives the Saturday snapshot of daily/2 days + weekly Saturday/3 weeks to the weekly item, kept 3 weeks', () => {
    const saturday = iso('2026-08-15T18:00:00Z')
    expect(new Date(saturday).getUTCDay()).toBe(6)
    const schedule = scheduleOf([
      {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 2},
      {frequencyType: 'weekly', frequencyInterval: 6, retentionUnit: 'weeks', retentionValue: 3},
    ], AT_18)
    const week = firings(schedule, iso('2026-08-10T00:00:00Z'), iso('2026-08-17T00:00:00Z'))
    expect(week).toHaveLength(7)
    expect(week.find((f) => f.at === saturday)).toEqual({at: saturday, itemIndex: 1, expiresAt: saturday + 21 * DAY})
    expect(week.filter((f) => f.at !== saturday).every((f) => f.itemIndex === 0 && f.expiresAt === f.at + 2 * DAY)).toBe(true)
  })

  it('fires monthly 40 on February 29 in a leap year and February 28 otherwise', () => {
    const schedule = scheduleOf([{frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 1}], {referenceHourOfDay: 5, referenceMinuteOfHour: 30})
    expect(firings(schedule, iso('2024-02-01T00:00:00Z'), iso('2024-03-01T00:00:00Z'))).toEqual([
      {at: iso('2024-02-29T05:30:00Z'), itemIndex: 0, expiresAt: iso('2024-03-29T05:30:00Z')},
    ])
    expect(firings(schedule, iso('2026-02-01T00:00:00Z'), iso('2026-03-01T00:00:00Z'))).toEqual([
      {at: iso('2026-02-28T05:30:00Z'), itemIndex: 0, expiresAt: iso('2026-03-28T05:30:00Z')},
    ])
  })

  it('ties monthly 28 and monthly 40 on a non-leap February 28 to the lower index, and fires once', () => {
    const schedule = scheduleOf([
      {frequencyType: 'monthly', frequencyInterval: 40, retentionUnit: 'months', retentionValue: 6},
      {frequencyType: 'monthly', frequencyInterval: 28, retentionUnit: 'months', retentionValue: 6},
    ], AT_18)
    const feb = firings(schedule, iso('2026-02-01T00:00:00Z'), iso('2026-03-01T00:00:00Z'))
    expect(feb).toEqual([{at: iso('2026-02-28T18:00:00Z'), itemIndex: 0, expiresAt: iso('2026-08-28T18:00:00Z')}])
    const leapFeb = firings(schedule, iso('2024-02-01T00:00:00Z'), iso('2024-03-01T00:00:00Z'))
    expect(leapFeb.map((f) => [f.at, f.itemIndex])).toEqual([
      [iso('2024-02-28T18:00:00Z'), 1],
      [iso('2024-02-29T18:00:00Z'), 0],
    ])
  })

  it('fires a yearly item on the 1st of its month only, and attributes Jan 1 to it over the daily item', () => {
    const schedule = scheduleOf(
      [
        {frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7},
        {frequencyType: 'yearly', frequencyInterval: 1, retentionUnit: 'years', retentionValue: 1},
      ],
      {referenceHourOfDay: 0, referenceMinuteOfHour: 0},
    )
    const yearly = firings(schedule, iso('2025-06-01T00:00:00Z'), iso('2027-06-01T00:00:00Z')).filter((f) => f.itemIndex === 1)
    expect(yearly).toEqual([
      {at: iso('2026-01-01T00:00:00Z'), itemIndex: 1, expiresAt: iso('2027-01-01T00:00:00Z')},
      {at: iso('2027-01-01T00:00:00Z'), itemIndex: 1, expiresAt: iso('2028-01-01T00:00:00Z')},
    ])
  })

  it('breaks a retention tie (hourly 7 days, daily 7 days) in favour of the less frequent daily item', () => {
    const schedule = defaultSchedule('atlas2026', {referenceHourOfDay: 3, referenceMinuteOfHour: 16})
    const day = firings(schedule, iso('2026-08-10T00:00:00Z'), iso('2026-08-11T00:00:00Z'))
    expect(day.map((f) => [new Date(f.at).toISOString(), f.itemIndex])).toEqual([
      ['2026-08-10T03:16:00.000Z', 1],
      ['2026-08-10T09:16:00.000Z', 0],
      ['2026-08-10T15:16:00.000Z', 0],
      ['2026-08-10T21:16:00.000Z', 0],
    ])
  })

  it('treats the window as (from, to]: a firing at `to` is in, one at `from` is out', () => {
    const schedule = defaultSchedule('seed', {pitEnabled: true})
    const at = iso('2026-08-10T18:00:00Z')
    expect(firings(schedule, at - 1, at).map((f) => f.at)).toEqual([at])
    expect(firings(schedule, at, at + 1)).toEqual([])
    expect(nextSnapshot(schedule, at)).toBe(iso('2026-08-11T00:00:00Z'))
  })

  it('takes 4 snapshots a day with the seed default and hourly every 6 h: 1,460 in 2026', () => {
    const compiled = compileSchedule(defaultSchedule('seed', {pitEnabled: true}))
    const year = firings(compiled, iso('2026-01-01T00:00:00Z'), iso('2027-01-01T00:00:00Z'))
    expect(year).toHaveLength(1460)
    const perItem = [0, 0, 0, 0]
    for (const f of year) perItem[f.itemIndex]!++
    // 2026 has 52 Saturdays; three of them (Jan 31, Feb 28, Oct 31) are month ends, where the monthly item wins.
    expect(perItem).toEqual([1095, 365 - 52 - 12 + 3, 52 - 3, 12])
  })

  it('rejects unbounded windows instead of looping', () => {
    const schedule = defaultSchedule('seed')
    expect(() => firings(schedule, Number.NEGATIVE_INFINITY, 0)).toThrow(RangeError)
    expect(() => firings(schedule, 0, Number.POSITIVE_INFINITY)).toThrow(RangeError)
    expect(() => nextSnapshot(schedule, Number.NaN)).toThrow(RangeError)
  })
})

describe('firings: properties over generated valid schedules', () => {
  it('fires only on the reference minute at second 0', () => {
    fc.assert(
      fc.property(scheduleArb, windowArb, (schedule, {from, to}) => {
        const offMinute = firings(schedule, from, to).filter((f) => {
          const date = new Date(f.at)
          return date.getUTCMinutes() !== schedule.referenceMinuteOfHour || date.getUTCSeconds() !== 0 || date.getUTCMilliseconds() !== 0
        })
        expect(offMinute).toEqual([])
      }),
      {numRuns: 150},
    )
  })

  it('returns instants inside (from, to], strictly ascending, each expiring after it is taken', () => {
    fc.assert(
      fc.property(scheduleArb, windowArb, (schedule, {from, to}) => {
        const result = firings(schedule, from, to)
        const misplaced = result.filter((f, i) => f.at <= (result[i - 1]?.at ?? from) || f.at > to || f.expiresAt <= f.at)
        expect(misplaced).toEqual([])
      }),
      {numRuns: 150},
    )
  })

  it('attributes each snapshot to an item that fires then and has the longest normalised retention of those firing', () => {
    fc.assert(
      fc.property(nonEmptyScheduleArb, windowArb, (schedule, {from, to}) => {
        const list = items(schedule)
        const result = firings(schedule, from, to)
        const wrong = result.filter((f) => {
          const owner = list[f.itemIndex]
          if (!owner || !oracleFires(schedule, owner, f.at)) return true
          const longest = Math.max(...list.filter((item) => oracleFires(schedule, item, f.at)).map(normalised))
          return normalised(owner) !== longest
        })
        expect(wrong).toEqual([])
      }),
      {numRuns: 150},
    )
  })

  it('equals a brute-force evaluation of the rules at every hour of the window', () => {
    fc.assert(
      fc.property(scheduleArb, windowArb, (schedule, {from, to}) => {
        expect(firings(schedule, from, to)).toEqual(oracleFirings(schedule, from, to))
      }),
      {numRuns: 150},
    )
  })

  it('gives the same answer for the schedule and its compiled form, and for a window split in two', () => {
    fc.assert(
      fc.property(scheduleArb, windowArb, fc.double({min: 0, max: 1, noNaN: true}), (schedule, {from, to}, cut) => {
        const middle = Math.floor(from + (to - from) * cut)
        const compiled = compileSchedule(schedule)
        const whole = firings(schedule, from, to)
        expect(firings(compiled, from, to)).toEqual(whole)
        expect([...firings(compiled, from, middle), ...firings(compiled, middle, to)]).toEqual(whole)
      }),
      {numRuns: 100},
    )
  })

  it('nextSnapshot(s, t) is the first of firings(s, t, t + 400 days)', () => {
    fc.assert(
      fc.property(scheduleArb, windowArb, (schedule, {from}) => {
        expect(nextSnapshot(schedule, from)).toBe(firings(schedule, from, from + 400 * DAY)[0]?.at)
      }),
      {numRuns: 200},
    )
  })

  it('nextSnapshot lands on a firing instant, and nothing fires between now and it', () => {
    fc.assert(
      fc.property(nonEmptyScheduleArb, windowArb, (schedule, {from}) => {
        const next = nextSnapshot(schedule, from)
        expect(next).toBeDefined()
        expect(firings(schedule, from, next! - 1)).toEqual([])
        expect(firings(schedule, next! - 1, next!).map((f) => f.at)).toEqual([next])
      }),
      {numRuns: 150},
    )
  })
})
